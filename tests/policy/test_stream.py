"""The stream scanner against the policy with a small real detector written for the test."""

from __future__ import annotations

import re

from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Decision, Finding


class WordDetector:
    """Finds fixed words in the normalised text (a tiny stand-in for the lexicon)."""

    name = "words"

    def __init__(self, words: dict[str, str]) -> None:
        self._words = words
        self._re = re.compile("|".join(map(re.escape, words)))

    def detect(self, norm: Normalized) -> list[Finding]:
        out = []
        for m in self._re.finditer(norm.text):
            s, e = norm.to_raw(m.start(), m.end())
            out.append(Finding("words", self._words[m.group()], s, e, 1.0, "word", norm.raw[s:e]))
        return out


class Broken:
    name = "broken"

    def detect(self, norm: Normalized) -> list[Finding]:
        raise RuntimeError("model server gone")


def make_checker(*detectors: object) -> Checker:
    return Checker(list(detectors), Policy(PolicyConfig()), default_normalizer())  # type: ignore[arg-type]


def test_check_refuses_and_masks() -> None:
    checker = make_checker(WordDetector({"炸弹": "A1.4", "13800138000": "A4.6"}))
    assert checker.check("你好").decision is Decision.ALLOW
    v = checker.check("电话13800138000")
    assert v.decision is Decision.MASK and v.masked == "电话***********"
    assert checker.check("做炸 弹").decision is Decision.REFUSE


def test_failing_detector_refuses_and_says_so() -> None:
    v = make_checker(Broken()).check("你好")
    assert v.decision is Decision.REFUSE and v.errors and "broken" in v.errors[0]


def test_stream_stops_before_a_split_keyword_is_released() -> None:
    checker = make_checker(WordDetector({"炸弹": "A1.4"}))
    scanner = checker.stream(holdback=8)
    sent = []
    for chunk in ["这是一段很长的正常文字，", "然后教你做炸", "弹的方法"]:
        step = scanner.feed(chunk)
        sent.append(step.emit)
        if step.verdict:
            break
    assert step.verdict is not None and step.verdict.decision is Decision.REFUSE
    assert "炸" not in "".join(sent)
    assert "".join(sent).startswith("这是一段")


def test_stream_releases_everything_when_clean_and_masks_pii() -> None:
    checker = make_checker(WordDetector({"13800138000": "A4.6"}))
    scanner = checker.stream(holdback=16)
    text = "请拨打138001" + "38000联系我们，谢谢。" * 3
    out = "".join(scanner.feed(text[i:i + 3]).emit for i in range(0, len(text), 3))
    out += scanner.finish().emit
    assert out == checker.check(text).masked
    assert "13800138000" not in out
