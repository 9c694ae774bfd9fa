"""How much of the starter banks hegui's own input checks stop, before any model answers.

    .venv/bin/python benchmarks/bank_screening.py [--json]

Every prompt of the starter banks (`src/hegui/data/banks/`) goes through the detection core and
the policy exactly as the gateway checks a user's message: with the default detectors (keyword
library, PII, prompt attacks), then with the shipped local classifier added. For each kind it
prints how many prompts the policy refuses and how many it does not simply allow (refuse, mask
or review). Should-refuse prompts stopped here never reach the model; should-answer prompts
stopped here are false refusals the gateway itself adds.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from hegui.assess.bank import KINDS, load_bank, starter_bank_dir
from hegui.build import build_checker
from hegui.config import Settings

SETUPS: dict[str, dict[str, Any]] = {
    "default detectors": {},
    "default + local classifier": {"detectors": [{"type": "local_classifier"}]},
}


def screen(config: dict[str, Any]) -> dict[str, dict[str, float]]:
    checker = build_checker(Settings.model_validate(config))
    items = load_bank(starter_bank_dir())
    out: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        prompts = [i.prompt for i in items if i.kind == kind]
        started = time.perf_counter()
        decisions = [checker.policy.decide(p, *checker.findings(p)).decision.value for p in prompts]
        seconds = time.perf_counter() - started
        out[kind] = {"n": len(prompts), "refused": sum(d == "refuse" for d in decisions),
                     "not_allowed": sum(d != "allow" for d in decisions),
                     "prompts_per_s": round(len(prompts) / seconds)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = {name: screen(config) for name, config in SETUPS.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{'setup':28} {'kind':14} {'n':>5} {'refused':>14} {'not allowed':>14} {'prompts/s':>10}")
    for name, per_kind in results.items():
        for kind, r in per_kind.items():
            refused = f"{r['refused']} ({r['refused'] / r['n']:.1%})"
            flagged = f"{r['not_allowed']} ({r['not_allowed'] / r['n']:.1%})"
            print(f"{name:28} {kind:14} {r['n']:>5} {refused:>14} {flagged:>14} {r['prompts_per_s']:>10,}")


if __name__ == "__main__":
    main()
