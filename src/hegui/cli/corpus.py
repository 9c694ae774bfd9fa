"""`hegui corpus …` (training-data compliance) and `hegui annotate …` (annotation QA)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from hegui.cli.common import ConfigOption, LexiconOption, fail, settings_or_exit

JsonOption = Annotated[bool, typer.Option("--json", help="print JSON (输出 JSON)")]


def _identity(config: Path | None, lexicons: list[Path]) -> str:
    """A digest of the detection setup, so a resumed scan never mixes two setups."""
    digest = hashlib.sha256()
    if config is not None:
        digest.update(config.read_bytes())
    for folder in lexicons:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _print(data: dict[str, Any], as_json: bool, summary: str) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else summary)


def scan(
    paths: Annotated[list[Path], typer.Argument(help="corpus files or folders (语料文件或目录)")],
    out: Annotated[Path, typer.Option("--out", help="output folder (输出目录)")],
    ledger: Annotated[Path | None, typer.Option("--ledger", help="source ledger YAML (来源台账)")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local | ray")] = "local",
    workers: Annotated[int | None, typer.Option("--workers", help="processes / Ray actors")] = None,
    ray_address: Annotated[str | None, typer.Option("--ray-address", help="Ray cluster address")] = None,
    sample_size: Annotated[int, typer.Option("--sample-size", help="manual-check sample (人工抽检)")] = 4000,
    seed: Annotated[int, typer.Option("--seed", help="random seed of the sample")] = 0,
    text_field: Annotated[str, typer.Option("--text-field")] = "text",
    source_field: Annotated[str, typer.Option("--source-field")] = "source",
    restart: Annotated[bool, typer.Option("--restart", help="discard an unfinished scan in --out")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="no progress bar")] = False,
    as_json: JsonOption = False,
    config: ConfigOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Scan a training corpus (TC260-003 §5): report, flagged records, sample, clean copy.
    扫描训练语料：报告、违规记录、人工抽检样本、清洗后的语料。"""
    from pydantic import ValidationError

    from hegui.corpus.formats import CorpusInputError
    from hegui.corpus.ledger import LedgerError
    from hegui.corpus.operator import SettingsCheckerFactory
    from hegui.corpus.scan import ScanError, ScanOptions, run_scan

    settings_or_exit(config)  # a broken config stops here, before any worker starts
    lexicons = list(lexicon or [])
    try:
        options = ScanOptions(
            inputs=paths, out=out, ledger=ledger, engine=engine, workers=workers,  # type: ignore[arg-type]
            ray_address=ray_address, sample_size=sample_size, seed=seed, text_field=text_field,
            source_field=source_field, restart=restart, progress=not quiet,
        )
        factory = SettingsCheckerFactory(config, tuple(lexicons))
        report = run_scan(options, factory, _identity(config, lexicons))
    except ValidationError as exc:
        fail("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))
    except (CorpusInputError, LedgerError, ScanError) as exc:
        fail(str(exc))
    totals = report["totals"]
    summary = (
        f"records {totals['records']}, flagged {totals['flagged']} ({totals['flagged_ratio']:.2%}), "
        f"sources failing {totals['sources_failed']}/{totals['sources']}; "
        f"{'PASS 合格' if report['pass'] else 'FAIL 不合格'} → {out / 'report.json'}"
    )
    _print(report, as_json, summary)
    raise typer.Exit(0 if report["pass"] else 1)


def ledger_check(
    ledger: Annotated[Path, typer.Argument(help="ledger.yaml")],
    as_json: JsonOption = False,
) -> None:
    """List what each source of the ledger still lacks; flag licences that forbid training or
    commercial use. 检查来源台账：缺失项与禁止训练/商用的许可证。"""
    from hegui.corpus.ledger import LedgerError, check_ledger, load_ledger

    try:
        result = check_ledger(load_ledger(ledger))
    except LedgerError as exc:
        fail(str(exc))
    lines = []
    for source in result["sources"]:
        state = "ok" if source["ok"] else "; ".join(
            [f"missing {m}" for m in source["missing"]] + source["flags"])
        lines.append(f"{source['name']}: {state}")
    _print(result, as_json, "\n".join(lines))
    raise typer.Exit(0 if result["ok"] else 1)


def review_import(
    out_dir: Annotated[Path, typer.Argument(help="the scan's --out folder")],
    sheet: Annotated[Path, typer.Argument(help="manual_sample.xlsx with people's marks")],
    as_json: JsonOption = False,
) -> None:
    """Count people's marks on the manual sample against the 96% bar (≥ 4,000 items).
    导入人工抽检结果（合格率 ≥ 96%，样本 ≥ 4000 条）。"""
    from hegui.corpus.review import ReviewError, import_review

    try:
        result = import_review(out_dir, sheet)
    except ReviewError as exc:
        fail(str(exc))
    summary = (f"marked {result['marked']}/{result['sample']}, pass rate {result['pass_rate']:.2%}: "
               f"{'PASS 合格' if result['pass'] else 'FAIL 不合格'}")
    _print(result, as_json, summary)
    raise typer.Exit(0 if result["pass"] else 1)


def annotate_check(
    batch: Annotated[Path, typer.Argument(help="annotated batch, JSONL (标注批次)")],
    rules: Annotated[Path, typer.Option("--rules", help="annotation rules YAML (标注规则)")],
    as_json: JsonOption = False,
    config: ConfigOption = None,
    lexicon: LexiconOption = None,
) -> None:
    """Check an annotated batch: rules, agreement (kappa), spot checks, reviewer approval; a
    batch with illegal content is void. 标注批次质检；含违法内容的批次作废。"""
    from hegui.annotate.batch import BatchError, load_batch
    from hegui.annotate.check import check_batch
    from hegui.annotate.rules import RulesError, load_rules
    from hegui.build import build_checker

    settings = settings_or_exit(config)
    try:
        loaded_rules = load_rules(rules)
        items = load_batch(batch)
    except (RulesError, BatchError) as exc:
        fail(str(exc))
    result = check_batch(items, loaded_rules, build_checker(settings, list(lexicon or [])))
    problems = [p for kind in result["kinds"].values() for p in kind["problems"]]
    if result["void"]:
        problems.insert(0, result["void_reason"])
    summary = "\n".join([f"{'PASS 合格' if result['pass'] else 'FAIL 不合格'}: {batch}", *problems])
    _print(result, as_json, summary)
    raise typer.Exit(0 if result["pass"] else 1)


def register(app: typer.Typer) -> None:
    """Add `corpus` and `annotate` to the root app."""
    corpus = typer.Typer(help="Training-data compliance. 训练语料合规。", no_args_is_help=True)
    corpus.command("scan")(scan)
    ledger = typer.Typer(help="Source ledger. 来源台账。", no_args_is_help=True)
    ledger.command("check")(ledger_check)
    corpus.add_typer(ledger, name="ledger")
    review = typer.Typer(help="Manual sample review. 人工抽检。", no_args_is_help=True)
    review.command("import")(review_import)
    corpus.add_typer(review, name="review")
    app.add_typer(corpus, name="corpus")
    annotate = typer.Typer(help="Annotation QA (Art. 8). 标注质量检查。", no_args_is_help=True)
    annotate.command("check")(annotate_check)
    app.add_typer(annotate, name="annotate")
