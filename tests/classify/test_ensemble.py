"""The three ensemble modes on hand-made findings, and through the checker."""

from __future__ import annotations

import pytest

from hegui.classify.config import EnsembleConfig
from hegui.classify.ensemble import Ensemble
from hegui.policy.checker import Checker
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.text.normalize import Normalized, default_normalizer
from hegui.types import Decision, Finding


def f(detector: str, risk: str, score: float = 1.0) -> Finding:
    return Finding(detector, risk, 0, 4, score, "test")


FINDINGS = [f("lexicon", "A2.4"), f("local_classifier", "A2.4", 0.7), f("local_classifier", "A1.7", 0.6),
            f("pii", "A4.6")]


def test_any_of_keeps_everything() -> None:
    assert Ensemble(EnsembleConfig()).combine(FINDINGS) == FINDINGS


def test_weighted_needs_the_sum_of_weighted_scores() -> None:
    cfg = EnsembleConfig(mode="weighted", threshold=1.2, weights={"lexicon": 0.6, "pii": 2.0})
    kept = Ensemble(cfg).combine(FINDINGS)
    # A2.4: 0.6*1.0 + 1.0*0.7 = 1.3 passes; A1.7: 0.6 fails; A4.6: 2.0 passes
    assert {x.risk for x in kept} == {"A2.4", "A4.6"}
    assert len([x for x in kept if x.risk == "A2.4"]) == 2


@pytest.mark.parametrize(
    ("match", "guard_risk", "kept_risks"),
    [
        ("any", None, {"A4.6"}),
        ("any", "A1.6", {"A2.4", "A1.7", "A4.6", "A1.6"}),
        ("risk", "A2.4", {"A2.4", "A4.6"}),
        ("group", "A2.9", {"A2.4", "A4.6", "A2.9"}),
        ("risk", "A2.9", {"A4.6", "A2.9"}),
    ],
)
def test_guard_confirms(match: str, guard_risk: str | None, kept_risks: set[str]) -> None:
    cfg = EnsembleConfig(mode="guard-confirms", match=match)  # type: ignore[arg-type]
    found = FINDINGS + ([f("guard_llm", guard_risk)] if guard_risk else [])
    assert {x.risk for x in Ensemble(cfg).combine(found)} == kept_risks


def test_guard_confirms_only_chosen_risks() -> None:
    cfg = EnsembleConfig(mode="guard-confirms", confirm_risks=["A1"])
    kept = Ensemble(cfg).combine(FINDINGS)
    assert {x.risk for x in kept} == {"A2.4", "A4.6"}  # A1.7 needed a guard; A2 did not


class Fixed:
    def __init__(self, name: str, risk: str, score: float) -> None:
        self.name, self.risk, self.score = name, risk, score

    def detect(self, norm: Normalized) -> list[Finding]:
        return [Finding(self.name, self.risk, 0, len(norm.raw), self.score, "fixed")]


def test_checker_applies_the_ensemble_before_the_policy() -> None:
    dets = [Fixed("local_classifier", "A2.4", 0.9)]
    plain = Checker(dets, Policy(PolicyConfig()), default_normalizer())  # type: ignore[list-item]
    gated = Checker(
        dets, Policy(PolicyConfig()), default_normalizer(),  # type: ignore[arg-type]
        ensemble=Ensemble(EnsembleConfig(mode="guard-confirms")),
    )
    assert plain.check("某些话").decision is Decision.REFUSE
    v = gated.check("某些话")
    assert v.decision is Decision.ALLOW and v.findings == ()
