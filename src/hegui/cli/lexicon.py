"""`hegui lexicon stats` and `hegui lexicon export`: the keyword library as a filing sees it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from hegui.cli.common import ConfigOption, LexiconOption, fail, settings_or_exit
from hegui.detect.lexicon import Lexicon, LexiconError, load_lexicon
from hegui.detect.lexicon_xlsx import write_xlsx
from hegui.policy.decide import Policy
from hegui.text.normalize import default_normalizer

lexicon_app = typer.Typer(
    name="lexicon",
    help="Keyword library: size against TC260-003, spreadsheet for filing. 关键词库：规模统计与备案导出。",
    no_args_is_help=True,
)


def _load(config: Path | None, extra: list[Path] | None) -> tuple[Lexicon, Policy]:
    settings = settings_or_exit(config)
    cfg = settings.detection
    try:
        lexicon = load_lexicon(
            [*cfg.lexicon_dirs, *(extra or [])], normalizer=default_normalizer(),
            builtin=cfg.builtin_lexicon, pinyin_variants=cfg.pinyin_variants,
        )
    except LexiconError as exc:
        fail(str(exc))
    return lexicon, Policy(settings.policy)


@lexicon_app.command("stats")
def stats(
    lexicon_dirs: LexiconOption = None,
    config: ConfigOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON / 输出 JSON")] = False,
) -> None:
    """Keywords per risk and whether the library meets TC260-003. 各风险关键词数量及是否达标。"""
    lexicon, _ = _load(config, lexicon_dirs)
    data = lexicon.stats()
    if json_out:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_table(data)


def _print_table(data: dict[str, Any]) -> None:
    typer.echo(f"词库版本 lexicon version: {data['version']}   来源 sources: {', '.join(data['sources']) or '-'}")
    typer.echo(f"{'风险':<6} {'数量':>7} {'要求':>6}  结论")
    for row in data["risks"]:
        required = "-" if row["required"] is None else row["required"]
        verdict = "-" if row["meets"] is None else ("符合" if row["meets"] else "不符合")
        typer.echo(f"{row['code']:<6} {row['count']:>7} {required:>6}  {verdict}  {row['name_zh']}")
    tc260 = data["tc260"]
    total_verdict = "符合" if tc260["total_meets"] else "不符合"
    typer.echo(f"合计 total: {data['total']} / {tc260['total_required']}  {total_verdict}")
    met = "符合 met" if data["meets_tc260"] else "不符合 not met"
    typer.echo(f"TC260-003 关键词库要求 keyword-library bar: {met}")


@lexicon_app.command("export")
def export(
    xlsx: Annotated[Path, typer.Option("--xlsx", help="spreadsheet to write / 导出的 xlsx 文件")],
    lexicon_dirs: LexiconOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the keyword list a filing asks for (xlsx). 导出备案所需的关键词表。"""
    if xlsx.suffix.lower() != ".xlsx":
        fail(f"{xlsx}: the file name must end in .xlsx (导出文件须为 .xlsx)")
    if not xlsx.parent.exists():
        fail(f"{xlsx.parent}: folder does not exist (目录不存在)")
    lexicon, policy = _load(config, lexicon_dirs)
    write_xlsx(lexicon, policy, xlsx)
    typer.echo(f"{len(lexicon)} keywords → {xlsx} (lexicon {lexicon.version})")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(lexicon_app, name="lexicon")
