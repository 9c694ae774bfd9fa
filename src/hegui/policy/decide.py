"""Turns findings into one decision per text."""

from __future__ import annotations

from collections.abc import Sequence

from hegui.policy.config import PolicyConfig
from hegui.policy.mask import Masker
from hegui.taxonomy import group_of
from hegui.types import Decision, Finding, Verdict


class Policy:
    def __init__(self, config: PolicyConfig) -> None:
        self.config = config
        self._actions = config.effective_actions()
        self.masker = Masker(config.masking)

    def action_for(self, finding: Finding) -> Decision:
        if self.config.honour_keyword_actions and finding.action is not None:
            return finding.action
        if finding.risk in self._actions:
            return self._actions[finding.risk]
        try:
            group = group_of(finding.risk)
        except KeyError:
            return self.config.default_action
        return self._actions.get(group, self.config.default_action)

    def decide(self, text: str, findings: Sequence[Finding], errors: Sequence[str] = ()) -> Verdict:
        kept = [f for f in findings if f.score >= self.config.min_score]
        actions = [self.action_for(f) for f in kept]
        decision = Decision.strictest(actions)
        if errors:
            decision = Decision.REFUSE
        to_mask = [f for f, a in zip(kept, actions, strict=True) if a is Decision.MASK]
        masked = self.masker.apply(text, to_mask)
        ordered = tuple(sorted(kept, key=lambda f: (f.start, f.end, f.risk)))
        return Verdict(decision=decision, findings=ordered, masked=masked, errors=tuple(errors))
