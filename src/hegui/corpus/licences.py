"""What common licences (SPDX ids) say about training a model and commercial use.

A small table we wrote ourselves; it is a first screen, not legal advice. Ids not in it are
reported as unknown so a person looks at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Term = Literal["allowed", "forbidden", "conditions", "unknown"]


@dataclass(frozen=True, slots=True)
class LicenceTerms:
    training: Term
    commercial: Term
    note: str

    def to_json(self) -> dict[str, str]:
        return {"training": self.training, "commercial": self.commercial, "note": self.note}

    @property
    def flagged(self) -> bool:
        return "forbidden" in (self.training, self.commercial)


_OPEN = LicenceTerms("allowed", "allowed", "permissive: keep the notice")
_ATTRIBUTION = LicenceTerms("allowed", "allowed", "attribution required")
_SHARE_ALIKE = LicenceTerms("conditions", "allowed", "share-alike: adapted material under the same licence")
_COPYLEFT = LicenceTerms("conditions", "allowed", "copyleft: distributed derivatives under the same licence")
_NC = LicenceTerms("allowed", "forbidden", "non-commercial: a paid service may not use it")
_ND = LicenceTerms("forbidden", "allowed", "no derivatives: training adapts the material")
_NC_ND = LicenceTerms("forbidden", "forbidden", "non-commercial and no derivatives")

# Exact SPDX ids.
LICENCES: dict[str, LicenceTerms] = {
    "MIT": _OPEN,
    "Apache-2.0": _OPEN,
    "BSD-2-Clause": _OPEN,
    "BSD-3-Clause": _OPEN,
    "ISC": _OPEN,
    "Unlicense": _OPEN,
    "CC0-1.0": LicenceTerms("allowed", "allowed", "public-domain dedication"),
    "PDDL-1.0": LicenceTerms("allowed", "allowed", "public-domain dedication"),
    "ODC-By-1.0": _ATTRIBUTION,
    "ODbL-1.0": _SHARE_ALIKE,
    "CDLA-Permissive-1.0": _OPEN,
    "CDLA-Permissive-2.0": _OPEN,
    "CDLA-Sharing-1.0": _SHARE_ALIKE,
    "MPL-2.0": _COPYLEFT,
    "LGPL-2.1-only": _COPYLEFT,
    "LGPL-3.0-only": _COPYLEFT,
    "GPL-2.0-only": _COPYLEFT,
    "GPL-3.0-only": _COPYLEFT,
    "AGPL-3.0-only": _COPYLEFT,
    "GFDL-1.3-only": _COPYLEFT,
}

# Creative Commons families; any version (2.0, 2.5, 3.0, 4.0, ported ids like 3.0-IGO) maps here.
CC_FAMILIES: dict[str, LicenceTerms] = {
    "CC-BY": _ATTRIBUTION,
    "CC-BY-SA": _SHARE_ALIKE,
    "CC-BY-NC": _NC,
    "CC-BY-NC-SA": _NC,
    "CC-BY-ND": _ND,
    "CC-BY-NC-ND": _NC_ND,
}

_CC_ID = re.compile(r"^(CC-BY(?:-NC)?(?:-SA|-ND)?)-\d\.\d(?:-[A-Za-z]+)?$")
_UNKNOWN = LicenceTerms("unknown", "unknown", "not in hegui's table: have a person check it")


def terms_of(spdx_id: str) -> LicenceTerms:
    """The terms of an SPDX id (`-or-later` variants count as their `-only` form)."""
    normal = spdx_id.strip().replace("-or-later", "-only")
    if normal in LICENCES:
        return LICENCES[normal]
    match = _CC_ID.match(normal)
    if match and match.group(1) in CC_FAMILIES:
        return CC_FAMILIES[match.group(1)]
    return _UNKNOWN


def is_known(spdx_id: str) -> bool:
    return terms_of(spdx_id) is not _UNKNOWN
