import random

import pytest

from hegui.corpus.sample import Reservoir, sample_key


def test_keys_are_reproducible_and_depend_on_seed_file_position() -> None:
    assert sample_key(1, "a", 5) == sample_key(1, "a", 5)
    assert len({sample_key(1, "a", 5), sample_key(2, "a", 5), sample_key(1, "b", 5), sample_key(1, "a", 6)}) == 4


def test_reservoir_keeps_bottom_k_whatever_the_order() -> None:
    keys = [sample_key(0, "f", i) for i in range(1000)]
    expected = sorted(keys)[:37]
    for trial in range(3):
        order = list(range(1000))
        random.Random(trial).shuffle(order)
        reservoir = Reservoir(37)
        for i in order:
            reservoir.offer(keys[i], {"i": i})
        assert [k for k, _ in reservoir.items()] == expected


def test_merging_partial_reservoirs_equals_one_pass() -> None:
    keys = [(sample_key(3, "f", i), {"i": i}) for i in range(500)]
    whole = Reservoir(20)
    whole.extend(keys)
    parts = [Reservoir(20) for _ in range(4)]
    for n, item in enumerate(keys):
        parts[n % 4].offer(*item)
    merged = Reservoir(20)
    for part in parts:
        merged.extend(part.items())
    assert merged.items() == whole.items()


def test_threshold_and_edge_sizes() -> None:
    r = Reservoir(2)
    assert r.threshold > 2**64 - 1
    r.offer(10, {})
    r.offer(5, {})
    assert r.threshold == 10
    r.offer(7, {})
    assert [k for k, _ in r.items()] == [5, 7]
    empty = Reservoir(0)
    empty.offer(1, {})
    assert empty.items() == []
    with pytest.raises(ValueError):
        Reservoir(-1)
