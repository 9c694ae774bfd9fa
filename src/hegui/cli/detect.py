"""`hegui check` (one text or a JSON-lines batch) and `hegui risks`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Console
from rich.table import Table

from hegui.build import build_checker
from hegui.cli.common import ConfigOption, LexiconOption, fail, settings_or_exit
from hegui.config import Settings
from hegui.detect.batch import BatchInputError, BatchSummary, run_batch
from hegui.policy.checker import Checker
from hegui.taxonomy import RISKS
from hegui.types import Decision, Verdict

_COLOURS = {
    Decision.ALLOW: "green",
    Decision.MASK: "cyan",
    Decision.REVIEW: "yellow",
    Decision.REFUSE: "red",
}
_DECISION_ZH = {
    Decision.ALLOW: "放行",
    Decision.MASK: "脱敏后放行",
    Decision.REVIEW: "放行并转人工复核",
    Decision.REFUSE: "拒绝",
}


def risks(json_out: Annotated[bool, typer.Option("--json", help="print JSON")] = False) -> None:
    """List the 31 risks of TC260-003 Appendix A and X1 (prompt attacks)."""
    if json_out:
        typer.echo(json.dumps([r.to_json() for r in RISKS], ensure_ascii=False, indent=2))
        return
    for r in RISKS:
        typer.echo(f"{r.code:5} {r.name_zh}  ({r.name_en})")


def _default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _checker_or_exit(settings: Settings, lexicon_dirs: list[Path]) -> Checker:
    try:
        return build_checker(settings, lexicon_dirs)
    except ValueError as exc:  # a bad keyword folder or masking setting: the user's input
        fail(str(exc))


def check(
    text: Annotated[str | None, typer.Argument(help="待检测文本 / the text to check")] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="输出 JSON / print the verdict as JSON")
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            "--batch",
            help='JSON-lines 输入，每行 {"id", "text"}（- 为标准输入）/ input file, one {"id", "text"} per line',
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="批量结果输出文件（默认标准输出）/ where batch verdicts go (default stdout)",
        ),
    ] = None,
    config: ConfigOption = None,
    lexicon: LexiconOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="批量并行进程数（默认全部核心）/ processes for --batch (default: all cores)",
        ),
    ] = None,
) -> None:
    """检测一段文本或一批文本，给出放行/脱敏/复核/拒绝的决定。Check a text (or a batch) and decide.

    Exit status: 0 every text allowed, 1 some text not allowed, 2 bad usage or input.
    """
    if (text is None) == (batch is None):
        fail("give either TEXT or --batch FILE (exactly one) / 请给出 TEXT 或 --batch FILE 之一")
    if batch is None and (out is not None or workers is not None):
        fail("--out and --workers only apply to --batch")
    if workers is not None and workers < 1:
        fail("--workers must be at least 1")
    settings = settings_or_exit(config)
    checker = _checker_or_exit(settings, list(lexicon or []))
    if text is not None:
        verdict = checker.check(text)
        if json_out:
            typer.echo(json.dumps(verdict.to_json(), ensure_ascii=False))
        else:
            _print_verdict(verdict)
        raise typer.Exit(0 if verdict.allowed else 1)
    if batch is None:  # unreachable: exactly one of TEXT and --batch was checked above
        fail("give --batch FILE")
    summary = _batch(
        batch, out, settings, list(lexicon or []), workers or _default_workers(), checker
    )
    typer.echo(
        f"checked {summary.texts} texts, {summary.not_allowed} not allowed / 共检测 {summary.texts} 条，"
        f"{summary.not_allowed} 条未放行",
        err=True,
    )
    raise typer.Exit(1 if summary.not_allowed else 0)


def _open_input(path: Path) -> BinaryIO:
    if str(path) == "-":
        return sys.stdin.buffer
    try:
        return path.open("rb")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}")


def _batch(
    path: Path,
    out: Path | None,
    settings: Settings,
    lexicon_dirs: list[Path],
    workers: int,
    checker: Checker,
) -> BatchSummary:
    """Run the batch; the output file appears whole or not at all (a bad line leaves it untouched)."""
    source = _open_input(path)
    try:
        if out is None:
            return run_batch(
                source,
                sys.stdout,
                settings=settings,
                lexicon_dirs=lexicon_dirs,
                workers=workers,
                checker=checker,
            )
        tmp = out.with_name(f".{out.name}.{os.getpid()}.partial")
        try:
            with tmp.open("w", encoding="utf-8") as sink:
                summary = run_batch(
                    source,
                    sink,
                    settings=settings,
                    lexicon_dirs=lexicon_dirs,
                    workers=workers,
                    checker=checker,
                )
            os.replace(tmp, out)
            return summary
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror}")
        finally:
            tmp.unlink(missing_ok=True)
    except BatchInputError as exc:
        fail(f"{path}: {exc}" + (f"; {out} not written" if out is not None else ""))
    finally:
        if source is not sys.stdin.buffer:
            source.close()


def _print_verdict(verdict: Verdict) -> None:
    console = Console(highlight=False)
    colour = _COLOURS[verdict.decision]
    console.print(
        f"[bold {colour}]{verdict.decision.value}[/] · {_DECISION_ZH[verdict.decision]}"
        f" · {len(verdict.findings)} finding(s) / 发现 {len(verdict.findings)} 处"
    )
    if verdict.findings:
        table = Table("risk", "entity", "span", "score", "text", "reason")
        for f in verdict.findings:
            table.add_row(
                f.risk, f.entity or "", f"{f.start}-{f.end}", f"{f.score:.2f}", f.text, f.reason
            )
        console.print(table)
    for error in verdict.errors:
        console.print(f"[red]detector failed / 检测器故障: {error}[/]")
    if verdict.masked:
        console.print("masked / 脱敏后:", verdict.masked, markup=False)


def register(app: typer.Typer) -> None:
    app.command("risks")(risks)
    app.command("check")(check)
