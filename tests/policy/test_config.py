"""Policy settings from YAML: defaults, overrides, and broken files that name the bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from hegui.config import ConfigError, load_settings
from hegui.policy.config import PolicyConfig
from hegui.policy.decide import Policy
from hegui.taxonomy import RISKS
from hegui.types import Decision, Finding


def finding(risk: str, entity: str | None = None) -> Finding:
    return Finding("test", risk, 0, 2, 1.0, "test", "xx", entity)


@pytest.mark.parametrize(
    ("risk", "expected"),
    [(r.code, Decision.REFUSE) for r in RISKS if r.group in ("A1", "A2", "A3", "X1")]
    + [("A4.6", Decision.MASK)]
    + [(r.code, Decision.REVIEW) for r in RISKS if r.group in ("A4", "A5") and r.code != "A4.6"],
)
def test_default_actions(risk: str, expected: Decision) -> None:
    assert Policy(PolicyConfig()).action_for(finding(risk)) is expected


def test_every_default_covers_x1_and_the_31_risks() -> None:
    policy = Policy(PolicyConfig())
    assert policy.action_for(finding("X1")) is Decision.REFUSE
    assert len([r for r in RISKS if r.group != "X1"]) == 31


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hegui.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overrides_from_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "policy:\n"
        "  actions:\n"
        "    A1.7: review\n"  # one risk of a refused group
        "    A4: refuse\n"  # a whole group
        "    A4.6: allow\n"  # the most specific code wins over its group
        "  default_action: allow\n"
        "  masking:\n"
        "    operator: redact\n",
    )
    policy = Policy(load_settings(path).policy)
    assert policy.action_for(finding("A1.7")) is Decision.REVIEW
    assert policy.action_for(finding("A1.4")) is Decision.REFUSE
    assert policy.action_for(finding("A4.3")) is Decision.REFUSE
    assert policy.action_for(finding("A4.6")) is Decision.ALLOW
    assert policy.action_for(finding("A5.1")) is Decision.ALLOW  # the new default_action
    assert policy.masker.operator_for(finding("A4.6", "CN_MOBILE")) == "redact"


@pytest.mark.parametrize(
    ("yaml_text", "names"),
    [
        ("policy:\n  actionz: {}\n", "policy.actionz"),
        ("policy:\n  actions:\n    A9.9: refuse\n", "A9.9"),
        ("policy:\n  actions:\n    A1.4: block\n", "policy.actions.A1.4"),
        ("policy:\n  min_score: 2\n", "policy.min_score"),
        ("policy:\n  masking:\n    operator: shred\n", "policy.masking.operator"),
        ("policy:\n  masking:\n    mask_char: '**'\n", "policy.masking.mask_char"),
        ("policy:\n  masking:\n    operator: pseudonymize\n", "pseudonym_key"),
        ("policy:\n  masking:\n    per_entity: {EMAIL: pseudonymize}\n", "pseudonym_key"),
        ("detection:\n  pii: maybe\n", "detection.pii"),
        ("detection:\n  lexicon_dir: x\n", "detection.lexicon_dir"),
    ],
)
def test_broken_config_names_the_bad_key(tmp_path: Path, yaml_text: str, names: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, yaml_text))
    assert names in str(err.value)


def test_not_yaml_and_not_a_mapping_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(write(tmp_path, "policy: [unclosed\n"))
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(write(tmp_path, "- just\n- a list\n"))


def test_pseudonymize_with_a_key_loads(tmp_path: Path) -> None:
    path = write(
        tmp_path, "policy:\n  masking:\n    operator: pseudonymize\n    pseudonym_key: s3cret\n"
    )
    settings = load_settings(path)
    assert settings.policy.masking.pseudonym_key is not None
    assert "s3cret" not in repr(settings)  # a secret never shows in logs
