"""Chinese personal information (risk A4.6): pattern candidates confirmed by check digits.

Patterns find candidates in the normalised text (full-width digits, zero-width characters and
look-alikes are already folded there); validators in `pii_checks` confirm them, so a number
that fails its checksum, date or area code is never reported as that entity. Numbers written
in groups (`138 0013 8000`, `6222-0212-…`) are rebuilt from their groups. When two entities
claim overlapping text the longer span wins, then the entity with the higher priority (a
resident id is not also a bank card or a mobile number). Context words near a match raise its
score; they never create a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hegui.detect import pii_checks as checks
from hegui.detect.pii_patterns import (
    CODE,
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    CONTEXT_BOOST,
    DIGIT_GROUP,
    DIGIT_RUN,
    EMAIL,
    GATES,
    IPV4,
    IPV6,
    PLATE,
    SPECS,
)
from hegui.detect.prefilter import Prefilter
from hegui.text.normalize import Normalized
from hegui.types import Finding

RISK = "A4.6"
_MAX_DIGITS = 19  # the longest all-digit entity (a bank card)


@dataclass(frozen=True, slots=True)
class _Candidate:
    entity: str
    start: int  # in the normalised text
    end: int
    score: float


class PiiDetector:
    """Finds Chinese personal information; every finding has risk A4.6 and an `entity`."""

    name = "pii"

    def __init__(self, today: date | None = None) -> None:
        self._today = today  # fixed in tests; None means the real date when checking
        self._digit_run = re.compile(DIGIT_RUN)
        self._digit_group = re.compile(DIGIT_GROUP)
        self._code = re.compile(CODE)
        self._plate = re.compile(PLATE)
        self._email = re.compile(EMAIL)
        self._ipv4 = re.compile(IPV4)
        self._ipv6 = re.compile(IPV6)
        self._gate_names = list(GATES)
        self._gate = Prefilter(list(GATES.values()), list(range(len(GATES))), literal=False)
        self._context = {
            name: re.compile("|".join(re.escape(w) for w in spec.context))
            for name, spec in SPECS.items()
        }

    def detect(self, norm: Normalized) -> list[Finding]:
        text = norm.text
        gates = {self._gate_names[i] for i in self._gate.hits(text)}
        if not gates:
            return []
        found: list[_Candidate] = []
        if "digits" in gates:
            found.extend(self._digits(text))
        if "code" in gates:
            found.extend(self._codes(text))
        if "plate" in gates:
            found.extend(self._plates(text))
        if "email" in gates:
            found.extend(self._emails(text))
        if "ipv4" in gates:
            found.extend(self._ips(text, self._ipv4))
        if "ipv6" in gates:
            found.extend(self._ips(text, self._ipv6))
        return [self._finding(norm, c) for c in _resolve(found)]

    # -- candidates -------------------------------------------------------------------------

    def _digits(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        for run in self._digit_run.finditer(text):
            if run.end() - run.start() < 7:
                continue
            groups = [
                (g.start(), g.end())
                for g in self._digit_group.finditer(text, run.start(), run.end())
            ]
            out.extend(self._from_groups(text, groups))
        return out

    def _from_groups(self, text: str, groups: list[tuple[int, int]]) -> list[_Candidate]:
        """Every run of consecutive groups whose digits form a valid entity."""
        out: list[_Candidate] = []
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                g_start, g_end = groups[j]
                size = g_end - g_start
                if j > i and (size < 2 or groups[j - 1][1] - groups[j - 1][0] < 3):
                    break  # grouped numbers are written in groups of 3+ (the last may be 2)
                digits += text[g_start:g_end]
                if len(digits) > _MAX_DIGITS:
                    break
                entity = self._classify_digits(digits)
                sizes = [e - s for s, e in groups[i : j + 1]]
                if entity is not None and _grouping_ok(entity, sizes, digits):
                    begin = _span_start(text, entity, groups, i, g_end)
                    out.append(_Candidate(entity, begin, g_end, self._base_score(entity, digits)))
        return out

    def _classify_digits(self, digits: str) -> str | None:
        n = len(digits)
        if n in (15, 18) and checks.is_resident_id(digits, self._today):
            return "CN_RESIDENT_ID"
        if digits[-1] == "x":
            return None
        if n == 11 and checks.is_mobile(digits):
            return "CN_MOBILE"
        if (n == 13 and digits[:2] == "86" and checks.is_mobile(digits[2:])) or (
            n == 15 and digits[:4] == "0086" and checks.is_mobile(digits[4:])
        ):
            return "CN_MOBILE"
        if 10 <= n <= 12 and checks.is_landline(digits):
            return "CN_LANDLINE"
        if n >= 15 and checks.is_bank_card(digits):
            return "BANK_CARD"
        return None

    @staticmethod
    def _base_score(entity: str, digits: str) -> float:
        score = SPECS[entity].base_score
        if entity == "CN_RESIDENT_ID" and len(digits) == 15:
            return 0.6  # no check digit on the old ids
        if entity == "BANK_CARD" and digits.startswith("62"):
            return 0.7  # UnionPay prefix
        return score

    def _codes(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in self._code.finditer(text):
            if m.group("passport"):
                entity = "CN_PASSPORT"
            elif m.group("permit"):
                entity = "CN_HK_MACAU_PERMIT"
            elif checks.is_uscc(m.group()):
                entity = "CN_USCC"
            else:
                continue
            out.append(_Candidate(entity, m.start(), m.end(), SPECS[entity].base_score))
        return out

    def _plates(self, text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        for m in self._plate.finditer(text):
            tail = m.group()[-5:]
            if m.group("nev") is None and sum(c.isdigit() for c in tail) < 2:
                continue  # real plates carry at least two digits; this is a word
            out.append(
                _Candidate(
                    "CN_LICENSE_PLATE", m.start(), m.end(), SPECS["CN_LICENSE_PLATE"].base_score
                )
            )
        return out

    def _emails(self, text: str) -> list[_Candidate]:
        score = SPECS["EMAIL"].base_score
        return [_Candidate("EMAIL", m.start(), m.end(), score) for m in self._email.finditer(text)]

    @staticmethod
    def _ips(text: str, pattern: re.Pattern[str]) -> list[_Candidate]:
        out: list[_Candidate] = []
        score = SPECS["IP_ADDRESS"].base_score
        for m in pattern.finditer(text):
            value = m.group()
            if ":" in value and (
                sum(1 for part in value.split(":") if part) < 2
                or not any(c.isdigit() for c in value)
            ):
                continue  # "::", "a::b" (C++ scopes) are not addresses
            if checks.is_ip_address(value):
                out.append(_Candidate("IP_ADDRESS", m.start(), m.end(), score))
        return out

    # -- findings ---------------------------------------------------------------------------

    def _finding(self, norm: Normalized, c: _Candidate) -> Finding:
        spec = SPECS[c.entity]
        text = norm.text
        window = (
            text[max(0, c.start - CONTEXT_BEFORE) : c.start]
            + " "
            + text[c.end : c.end + CONTEXT_AFTER]
        )
        score, reason = c.score, f"{c.entity}: {spec.check}"
        hit = self._context[c.entity].search(window)
        if hit is not None:
            score = round(min(1.0, score + CONTEXT_BOOST), 4)
            reason += f"; context word {hit.group()!r}"
        start, end = norm.to_raw(c.start, c.end)
        return Finding(
            detector=self.name,
            risk=RISK,
            start=start,
            end=end,
            score=score,
            reason=reason,
            text=norm.raw[start:end],
            entity=c.entity,
        )


def _span_start(text: str, entity: str, groups: list[tuple[int, int]], i: int, end: int) -> int:
    """Where the finding starts: take in a country code written apart and a `+` or `(`."""
    begin = groups[i][0]
    if entity == "CN_MOBILE" and i > 0 and text[slice(*groups[i - 1])] in ("86", "0086"):
        begin = groups[i - 1][0]  # +86 138 0013 8000
    if begin > 0 and (
        text[begin - 1] == "+" or (text[begin - 1] == "(" and ")" in text[begin:end])
    ):
        begin -= 1  # +86…, (010)…
    return begin


def _grouping_ok(entity: str, sizes: list[int], digits: str) -> bool:
    """Whether a number written in groups is grouped the way that entity is written.

    Cards go in fours (American Express 4-6-5), landlines put the area code apart; this keeps
    two neighbouring numbers from being read as one long one.
    """
    if len(sizes) == 1:
        return True
    if entity == "BANK_CARD":
        return all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4 or sizes == [4, 6, 5]
    if entity == "CN_LANDLINE":
        return sizes[0] == checks.landline_area_length(digits)
    return True


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates: longer spans first, then by entity priority."""
    if len(candidates) < 2:
        return candidates
    ranked = sorted(candidates, key=lambda c: (c.start - c.end, SPECS[c.entity].priority, c.start))
    kept: list[_Candidate] = []
    for c in ranked:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
