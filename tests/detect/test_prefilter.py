"""The Hyperscan pre-check: literal and regex gates, and one scratch space per thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from hegui.detect.prefilter import Prefilter


def test_literal_gates_report_each_id_once() -> None:
    gate = Prefilter(["忽略", "ignore", "无视"], [0, 1, 0], literal=True)
    assert gate.hits("请忽略并无视，忽略") == {0}
    assert gate.hits("please ignore 忽略") == {0, 1}
    assert gate.hits("nothing here") == set()
    assert gate.hits("") == set()


def test_regex_gates_work_on_utf8_text() -> None:
    gate = Prefilter([r"[0-9]{3}", "[京沪][a-z]"], [7, 9], literal=False)
    assert gate.hits("车牌京a1") == {9}
    assert gate.hits("号码１２３".translate(str.maketrans("１２３", "123"))) == {7}
    assert gate.hits("无") == set()


def test_threads_share_a_prefilter() -> None:
    gate = Prefilter(["needle"], [1], literal=True)
    texts = [("x" * 5000 + "needle") if i % 2 else "y" * 5000 for i in range(400)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(gate.hits, texts))
    assert results == [{1} if i % 2 else set() for i in range(400)]


def test_ids_must_match_expressions() -> None:
    with pytest.raises(ValueError):
        Prefilter(["a", "b"], [1], literal=True)
    with pytest.raises(ValueError):
        Prefilter([], [], literal=True)
