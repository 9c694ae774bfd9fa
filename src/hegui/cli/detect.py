"""`hegui check`, `hegui risks`, `hegui lexicon`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from hegui.taxonomy import RISKS


def risks(json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False) -> None:
    """List the 31 risks of TC260-003 Appendix A and X1 (prompt attacks)."""
    if json_out:
        typer.echo(json.dumps([r.to_json() for r in RISKS], ensure_ascii=False, indent=2))
        return
    for r in RISKS:
        typer.echo(f"{r.code:5} {r.name_zh}  ({r.name_en})")


def register(app: typer.Typer) -> None:
    app.command("risks")(risks)
