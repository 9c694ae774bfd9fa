"""Fakes for corpus tests: small detectors with known behaviour behind the real policy."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Finding


class KeywordFake:
    """Finds fixed keywords in the normalised text (so evasions are caught) as risk `risk`."""

    name = "fake-keyword"

    def __init__(self, keywords: dict[str, str]) -> None:
        self.keywords = keywords

    def detect(self, norm: Normalized) -> list[Finding]:
        found = []
        for word, risk in self.keywords.items():
            for match in re.finditer(re.escape(word), norm.text):
                start, end = norm.to_raw(match.start(), match.end())
                found.append(Finding(self.name, risk, start, end, 1.0, "keyword", norm.raw[start:end]))
        return found


class PhoneFake:
    """Mainland mobile numbers (1[3-9] + 9 digits) as PII."""

    name = "fake-pii"
    _PATTERN = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")

    def detect(self, norm: Normalized) -> list[Finding]:
        return [
            Finding(self.name, "A4.6", m.start(), m.end(), 1.0, "mobile", m.group(), entity="CN_MOBILE")
            for m in self._PATTERN.finditer(norm.raw)
        ]


class SlowFake:
    """Takes `delay` seconds per text, so a test can stop a scan midway."""

    name = "fake-slow"

    def __init__(self, delay: float) -> None:
        self.delay = delay

    def detect(self, norm: Normalized) -> list[Finding]:
        time.sleep(self.delay)
        return []


@dataclass(frozen=True)
class FakeFactory:
    """A picklable checker factory (the engines build it inside each worker)."""

    keywords: tuple[tuple[str, str], ...] = (("违禁词", "A1.1"), ("歧视语", "A2.1"))
    delay: float = 0.0

    def build(self) -> Checker:
        detectors: list[object] = [KeywordFake(dict(self.keywords)), PhoneFake()]
        if self.delay:
            detectors.append(SlowFake(self.delay))
        return Checker(detectors,  # type: ignore[arg-type]
                       Policy(PolicyConfig()), default_normalizer())


@dataclass(frozen=True)
class RealPiiFactory:
    """The keyword fake beside hegui's real Chinese PII detector (check digits and all)."""

    def build(self) -> Checker:
        from hegui.detect.pii import PiiDetector

        detectors = [KeywordFake({"违禁词": "A1.1"}), PiiDetector()]
        return Checker(detectors, Policy(PolicyConfig()), default_normalizer())  # type: ignore[arg-type]
