"""The batched MinHash equals datasketch's own, record by record, whatever the batch."""

import random

import numpy as np

from hegui.corpus.fingerprint import Fingerprinter, _bands, shingle_hashes


def _texts() -> list[str]:
    rng = random.Random(4)
    cjk = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(5, 400))) for _ in range(30)]
    return cjk + ["", "ab", "abcd", "abcde", "Mixed 中英 TEXT " * 9, "𠀀𠀁𠀂" + "中" * 70]


def test_signatures_equal_datasketch() -> None:
    fp = Fingerprinter()
    texts = _texts()
    prints = fp.batch(texts)
    for i, text in enumerate(texts):
        codes = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32)
        expected = _bands(fp.datasketch_signature(shingle_hashes(codes))[None, :])[0]
        assert (prints.bands[i] == expected).all(), text


def test_batch_split_does_not_change_fingerprints() -> None:
    fp = Fingerprinter()
    texts = _texts()
    whole = fp.batch(texts)
    halves = [fp.batch(texts[:11]), fp.batch(texts[11:])]
    assert (np.concatenate([h.bands for h in halves]) == whole.bands).all()
    assert (np.concatenate([h.exact for h in halves]) == whole.exact).all()
    assert (Fingerprinter().batch(texts).bands == whole.bands).all()  # no per-instance randomness
