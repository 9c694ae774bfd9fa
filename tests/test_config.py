"""The settings root: one file, validated whole, one provider code for every label."""

from pathlib import Path

import pytest

from hegui.config import ConfigError, load_settings, settings_from_mapping
from hegui.gateway.config import PLACEHOLDER_PRODUCER

CODE = "001191110102MACQD9K64010000"
OTHER = "001191110102MACQD9K64010001"


def test_defaults_and_unknown_keys(tmp_path: Path) -> None:
    assert load_settings(None).gateway.labels.producer == PLACEHOLDER_PRODUCER
    bad = tmp_path / "hegui.yaml"
    bad.write_text("gateway:\n  upstreem: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="gateway.upstreem"):
        load_settings(bad)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(bad)


def test_labels_producer_is_the_gateways_too() -> None:
    settings = settings_from_mapping({"labels": {"producer": CODE}})
    assert settings.gateway.labels.producer == CODE
    same = settings_from_mapping({"labels": {"producer": CODE}, "gateway": {"labels": {"producer": CODE}}})
    assert same.gateway.labels.producer == CODE
    own = settings_from_mapping({"gateway": {"labels": {"producer": OTHER}}})
    assert own.gateway.labels.producer == OTHER and own.labels.producer == ""


def test_two_different_provider_codes_are_refused() -> None:
    with pytest.raises(ConfigError, match="different provider codes"):
        settings_from_mapping({"labels": {"producer": CODE}, "gateway": {"labels": {"producer": OTHER}}})
