import json

import pytest

from hegui.label.metadata import AIGCLabel, LabelError, is_provider_code

CODE = "001191110102MACQD9K64010000"


def test_round_trip_and_field_order() -> None:
    label = AIGCLabel(ContentProducer=CODE, ProduceID="abc123")
    text = label.to_json()
    assert text.startswith('{"AIGC":{"Label":"1","ContentProducer":')
    assert " " not in text
    assert list(json.loads(text)["AIGC"]) == [
        "Label", "ContentProducer", "ProduceID", "ReservedCode1",
        "ContentPropagator", "PropagateID", "ReservedCode2",
    ]
    assert AIGCLabel.parse(text) == label
    assert AIGCLabel.parse(label.inner_json()) == label
    assert label.problems() == []


@pytest.mark.parametrize("bad", ["含中文", "has space", "back\\slash"])
def test_values_outside_the_character_set_are_refused(bad: str) -> None:
    with pytest.raises(LabelError, match="ProduceID"):
        AIGCLabel.parse(json.dumps({"AIGC": {"Label": "1", "ProduceID": bad}}))


@pytest.mark.parametrize(
    ("code", "ok"),
    [(CODE, True), ("001191110102MACQD9K64000000", True), ("0011911101", False),
     ("991191110102MACQD9K64010000", False), ("001191110102MACQD9K64030000", False)],
)
def test_provider_code_structure(code: str, ok: bool) -> None:
    assert is_provider_code(code) is ok
