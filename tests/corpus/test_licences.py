import pytest

from hegui.corpus.licences import is_known, terms_of


@pytest.mark.parametrize(
    ("spdx", "training", "commercial", "flagged"),
    [
        ("MIT", "allowed", "allowed", False),
        ("Apache-2.0", "allowed", "allowed", False),
        ("CC-BY-4.0", "allowed", "allowed", False),
        ("CC-BY-SA-3.0", "conditions", "allowed", False),
        ("CC-BY-NC-4.0", "allowed", "forbidden", True),
        ("CC-BY-NC-SA-4.0", "allowed", "forbidden", True),
        ("CC-BY-ND-4.0", "forbidden", "allowed", True),
        ("CC-BY-NC-ND-3.0-IGO", "forbidden", "forbidden", True),
        ("GPL-3.0-or-later", "conditions", "allowed", False),
        ("LicenseRef-Vendor", "unknown", "unknown", False),
        ("NOT-A-LICENCE", "unknown", "unknown", False),
    ],
)
def test_terms(spdx: str, training: str, commercial: str, flagged: bool) -> None:
    terms = terms_of(spdx)
    assert (terms.training, terms.commercial, terms.flagged) == (training, commercial, flagged)


def test_unknown_ids_are_reported_unknown() -> None:
    assert is_known("CC0-1.0") and not is_known("CC-BY-XYZ-4.0")
