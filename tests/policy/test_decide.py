"""Findings → one decision: the strictest action wins; errors refuse; masking follows the action."""

from __future__ import annotations

from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.types import Decision, Finding

TEXT = "手机13800138000 关键词"


def f(
    risk: str, score: float = 1.0, action: Decision | None = None, start: int = 2, end: int = 13
) -> Finding:
    return Finding("t", risk, start, end, score, "r", TEXT[start:end], "CN_MOBILE", action)


def test_no_findings_allow() -> None:
    v = Policy(PolicyConfig()).decide(TEXT, [])
    assert v.decision is Decision.ALLOW and v.masked == TEXT and v.allowed


def test_pii_alone_masks() -> None:
    v = Policy(PolicyConfig()).decide(TEXT, [f("A4.6")])
    assert v.decision is Decision.MASK and v.masked == "手机*********** 关键词"


def test_strictest_wins_and_pii_is_still_masked() -> None:
    v = Policy(PolicyConfig()).decide(
        TEXT, [f("A4.6"), f("A5.1", start=14, end=17), f("X1", start=14, end=17)]
    )
    assert v.decision is Decision.REFUSE
    assert v.masked.startswith("手机***********")
    assert v.risks == ["A4.6", "A5.1", "X1"]


def test_review_for_other_risks() -> None:
    assert Policy(PolicyConfig()).decide(TEXT, [f("A4.3")]).decision is Decision.REVIEW


def test_detector_errors_refuse() -> None:
    v = Policy(PolicyConfig()).decide(TEXT, [], ["pii: RuntimeError: boom"])
    assert v.decision is Decision.REFUSE and v.to_json()["errors"] == ["pii: RuntimeError: boom"]


def test_min_score_drops_weak_findings() -> None:
    policy = Policy(PolicyConfig(min_score=0.8))
    v = policy.decide(TEXT, [f("A4.6", score=0.5)])
    assert v.decision is Decision.ALLOW and v.findings == () and v.masked == TEXT


def test_keyword_action_is_honoured_unless_switched_off() -> None:
    lenient = f("A1.4", action=Decision.REVIEW)
    assert Policy(PolicyConfig()).decide(TEXT, [lenient]).decision is Decision.REVIEW
    strict = Policy(PolicyConfig(honour_keyword_actions=False))
    assert strict.decide(TEXT, [lenient]).decision is Decision.REFUSE


def test_findings_come_out_in_text_order() -> None:
    v = Policy(PolicyConfig()).decide(TEXT, [f("A5.1", start=14, end=17), f("A4.6")])
    assert [x.start for x in v.findings] == [2, 14]
