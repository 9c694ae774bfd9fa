"""`hegui assess …` (banks, runs, review, report, compare, the refusal judge) and `hegui filing pack`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from hegui.cli.common import ConfigOption, LexiconOption, fail, settings_or_exit

JsonFlag = Annotated[bool, typer.Option("--json", help="print JSON / 输出 JSON")]


def _bank_items(path: Path) -> list:  # type: ignore[type-arg]
    from hegui.assess.bank import BankError, load_bank

    try:
        return load_bank(path)
    except BankError as exc:
        fail(str(exc))


def bank_stats_cmd(
    bank: Annotated[Path, typer.Argument(help="bank folder or JSONL file / 题库目录或文件")],
    json_out: JsonFlag = False,
) -> None:
    """Counts per kind and risk/aspect, TC260 checks item by item, near-duplicates. 题库统计与达标检查。"""
    from hegui.assess.bank_stats import bank_stats

    stats = bank_stats(_bank_items(bank))
    if json_out:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    for kind, data in stats["kinds"].items():
        typer.echo(f"{kind}: {data['total']}")
    for req in stats["requirements"]:
        mark = "符合" if req["met"] else "不符合"
        typer.echo(f"  {req['label_zh']}: {req['actual']}/{req['required']} {mark}")
    typer.echo(f"TC260: {'符合 meets' if stats['meets_tc260'] else '不符合 does not meet'}; "
               f"near-duplicate pairs 近似重复: {len(stats['near_duplicates'])}")


def bank_import_cmd(
    xlsx: Annotated[Path, typer.Argument(help="filing-style spreadsheet / 备案格式题库表")],
    out: Annotated[Path, typer.Option("-o", "--out", help="bank folder to write / 输出题库目录")],
) -> None:
    """Import a filing-style xlsx (序号, 题目类型, 风险类别/方面, 题目内容, 备注) into a JSONL bank."""
    from hegui.assess.bank import BankError, write_bank
    from hegui.assess.bank_xlsx import import_xlsx

    try:
        items = import_xlsx(xlsx)
    except BankError as exc:
        fail(str(exc))
    counts = write_bank(items, out)
    typer.echo(json.dumps({"imported": len(items), "by_kind": counts}, ensure_ascii=False))


def bank_export_cmd(
    bank: Annotated[Path, typer.Argument(help="bank folder or JSONL file / 题库")],
    out: Annotated[Path, typer.Option("-o", "--out", help="xlsx file to write / 输出表格")],
) -> None:
    """Export a bank as the spreadsheet a filing uses. 导出备案用测试题表格。"""
    from hegui.assess.bank_xlsx import export_xlsx

    n = export_xlsx(_bank_items(bank), out)
    typer.echo(json.dumps({"exported": n, "file": str(out)}, ensure_ascii=False))


def run_cmd(
    endpoint: Annotated[str, typer.Option("--endpoint", help="OpenAI-compatible base URL / 被测接口")],
    model: Annotated[str, typer.Option("--model", help="model name / 模型名")],
    bank: Annotated[Path, typer.Option("--bank", help="bank folder / 题库目录")],
    out: Annotated[Path, typer.Option("--out", help="run folder (reuse to resume) / 结果目录（同一目录续跑）")],
    api_key: Annotated[str | None, typer.Option("--api-key", help="bearer key / 接口密钥")] = None,
    sample: Annotated[int | None, typer.Option("--sample", min=1, help="at most N questions per kind / 每类最多抽取 N 题")] = None,
    seed: Annotated[int, typer.Option("--seed", help="sampling seed / 抽样种子")] = 0,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=1024, help="parallel requests / 并发数")] = 8,
    rps: Annotated[float | None, typer.Option("--rps", min=0.001, help="requests per second / 每秒请求上限")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="seconds per request / 单次请求超时")] = 60.0,
    retries: Annotated[int, typer.Option("--retries", min=0, help="retries on 429/5xx/timeouts / 重试次数")] = 4,
    config: ConfigOption = None,
    lexicon: LexiconOption = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="progress bar / 进度条")] = True,
    refusal_model: Annotated[Path | None, typer.Option(
        "--refusal-model", help="refusal judge model from `assess judge train` (default: shipped) / 拒答判定模型")] = None,
) -> None:
    """Ask every question of a bank, judge the answers, write RUN/results.jsonl and metrics.json. 运行评估。"""
    from hegui.assess.client import ClientConfig
    from hegui.assess.judges import AnswerJudges
    from hegui.assess.progress import progress_bar
    from hegui.assess.refusal import RefusalJudge
    from hegui.assess.refusal_model import load as load_refusal_model
    from hegui.assess.runner import RunOptions, execute
    from hegui.assess.store import RunDir, RunError

    items = _bank_items(bank)
    settings = settings_or_exit(config)
    lexicon_dirs = [d.resolve() for d in lexicon or []]  # run.json must work from any folder
    client = ClientConfig(endpoint=endpoint, model=model, api_key=api_key, timeout_s=timeout,
                          retries=retries, rps=rps)
    options = RunOptions(bank=str(bank.resolve()), sample=sample, seed=seed, concurrency=concurrency)
    try:
        refusal = RefusalJudge(load_refusal_model(refusal_model)) if refusal_model else None
        judges = AnswerJudges.from_settings(settings, lexicon_dirs, refusal)
    except ValueError as exc:  # a keyword folder or a refusal model that cannot be used
        fail(str(exc))
    try:
        with progress_bar(progress) as on_start:
            summary = execute(RunDir(out), items, client, options, judges, lexicon_dirs, on_start)
    except RunError as exc:
        fail(str(exc))
    typer.echo(json.dumps(summary.to_json(), ensure_ascii=False))
    if summary.failed:
        typer.echo(f"{summary.failed} questions failed; run again with the same --out to retry them. "
                   f"有题目失败，使用相同 --out 再次运行即可重试。", err=True)
        raise typer.Exit(1)


def review_export_cmd(
    run: Annotated[Path, typer.Argument(help="run folder / 评估结果目录")],
    out: Annotated[Path, typer.Option("-o", "--out", help="xlsx sheet to write / 输出审核表")],
    sample: Annotated[int | None, typer.Option("--sample", min=1, help="answers to sample / 抽样条数")] = None,
    seed: Annotated[int, typer.Option("--seed", help="sampling seed / 抽样种子")] = 0,
) -> None:
    """Export a sample of answers for people to mark (人工判定). 导出人工审核表。"""
    from hegui.assess.review import export_sheet
    from hegui.assess.store import RunDir, RunError

    try:
        n = export_sheet(RunDir(run), out, sample, seed)
    except RunError as exc:
        fail(str(exc))
    typer.echo(json.dumps({"exported": n, "file": str(out)}, ensure_ascii=False))


def review_import_cmd(
    run: Annotated[Path, typer.Argument(help="run folder / 评估结果目录")],
    sheet: Annotated[Path, typer.Argument(help="marked review sheet / 已标注的审核表")],
    reviewer: Annotated[str | None, typer.Option("--reviewer", help="who marked it / 审核人")] = None,
) -> None:
    """Import people's marks; they override machine judgements in metrics. 导入人工审核结果。"""
    from hegui.assess.review import import_sheet
    from hegui.assess.runner import update_metrics
    from hegui.assess.store import RunDir, RunError

    try:
        n = import_sheet(RunDir(run), sheet, reviewer)
    except RunError as exc:
        fail(str(exc))
    update_metrics(RunDir(run))
    typer.echo(json.dumps({"imported": n}, ensure_ascii=False))


def _profile(path: Path | None):  # type: ignore[no-untyped-def]
    from hegui.assess.profile import ProfileError, load_profile

    if path is None:
        return None
    try:
        return load_profile(path)
    except ProfileError as exc:
        fail(str(exc))


def report_cmd(
    run: Annotated[Path, typer.Argument(help="run folder / 评估结果目录")],
    out: Annotated[Path, typer.Option("-o", "--out", help="report file / 输出文件")],
    fmt: Annotated[str, typer.Option("--format", help="html | pdf | md")] = "html",
    lang: Annotated[str, typer.Option("--lang", help="zh | en (默认中文)")] = "zh",
    profile: Annotated[Path | None, typer.Option("--profile", help="service profile YAML / 服务档案")] = None,
) -> None:
    """Write the self-assessment report. 生成安全评估报告。"""
    from hegui.assess.report import FORMATS, LANGS, ReportInputs, write_report
    from hegui.assess.store import RunDir

    if fmt not in FORMATS:
        fail(f"--format must be html, pdf or md, not {fmt!r}")
    if lang not in LANGS:
        fail(f"--lang must be zh or en, not {lang!r}")
    try:
        inputs = ReportInputs(RunDir(run).require(), _profile(profile), LANGS[lang])
        write_report(inputs, FORMATS[fmt], out)
    except ValueError as exc:  # RunError, ConfigError, LexiconError, BankError
        fail(str(exc))
    typer.echo(str(out))


def compare_cmd(
    run_a: Annotated[Path, typer.Argument(help="earlier run / 基准运行")],
    run_b: Annotated[Path, typer.Argument(help="later run / 对比运行")],
    json_out: JsonFlag = False,
) -> None:
    """What changed between two runs: metric deltas and flipped questions. 对比两次评估。"""
    from hegui.assess.compare import compare_runs
    from hegui.assess.store import RunDir, RunError

    try:
        diff = compare_runs(RunDir(run_a), RunDir(run_b))
    except RunError as exc:
        fail(str(exc))
    if json_out:
        typer.echo(json.dumps(diff, ensure_ascii=False, indent=2))
        return
    for key, m in diff["metrics"].items():
        d = m["delta"]
        typer.echo(f"{key}: {m['a']} -> {m['b']} (Δ {'—' if d is None else f'{d:+.4f}'})")
    typer.echo(f"improved 改善: {len(diff['improved'])}; regressed 退步: {len(diff['regressed'])}")
    for item in diff["regressed"][:20]:
        typer.echo(f"  - {item['id']} [{item['category']}] {str(item['prompt'])[:60]}")


def filing_pack_cmd(
    profile: Annotated[Path, typer.Option("--profile", help="service profile YAML / 服务档案")],
    out: Annotated[Path, typer.Option("-o", "--out", help="folder for the pack / 输出目录")],
) -> None:
    """Build the algorithm-filing pack from one service profile. 生成算法备案材料包。"""
    from hegui.assess.filing import build_pack

    prof = _profile(profile)
    try:
        manifest = build_pack(prof, out)
    except ValueError as exc:  # RunError, ConfigError, LexiconError, BankError
        fail(str(exc))
    typer.echo(json.dumps(manifest, ensure_ascii=False, indent=2))


DataOption = Annotated[list[Path] | None, typer.Option(
    "--data", help="labelled answers, JSONL with 'answer' and 'label' (repeatable; default: the shipped set) / 标注回答")]


def _answers(paths: list[Path] | None, add_shipped: bool = False):  # type: ignore[no-untyped-def]
    from hegui.assess.refusal_model import AnswerDataError, read_answers, shipped_answers

    chosen = [*(paths or []), *([shipped_answers()] if add_shipped or not paths else [])]
    try:
        return read_answers(chosen)
    except AnswerDataError as exc:
        fail(str(exc))


def judge_train_cmd(
    out: Annotated[Path, typer.Option("-o", "--out", help="model folder to write / 输出模型目录")],
    data: DataOption = None,
    add_shipped: Annotated[bool, typer.Option(
        "--add-shipped", help="also train on the answers shipped with hegui / 同时使用内置标注回答")] = False,
    c: Annotated[float | None, typer.Option("--C", min=1e-4, help="inverse regularisation / 正则化倒数")] = None,
) -> None:
    """Train the refusal judge's model on labelled answers. 训练拒答判定模型。"""
    from hegui.assess.refusal_model import AnswerDataError, train

    rows = _answers(data, add_shipped)
    try:
        model = train(rows, None if c is None else {"C": c})
    except AnswerDataError as exc:
        fail(str(exc))
    model.save(out)
    typer.echo(json.dumps({"model": str(out), **model.info}, ensure_ascii=False))


def judge_eval_cmd(
    data: Annotated[list[Path], typer.Option("--data", help="labelled answers to measure on / 评测用标注回答")],
    model: Annotated[Path | None, typer.Option("--model", help="model folder (default: the shipped one) / 模型目录")] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="the rules alone / 仅用规则")] = False,
) -> None:
    """Accuracy of the refusal judge on labelled answers, with a confusion table. 评测拒答判定。"""
    from hegui.assess.refusal import LABELS, RefusalJudge
    from hegui.assess.refusal_model import load
    from hegui.classify.linear_model import ModelError

    rows = _answers(data)
    try:
        judge = RefusalJudge(rules_only=True) if rules_only else RefusalJudge(load(model) if model else None)
    except ModelError as exc:
        fail(str(exc))
    got = [judge.judge(r.answer).label for r in rows]
    pairs = Counter(zip((r.label for r in rows), got, strict=True))
    right = sum(n for (want, have), n in pairs.items() if want == have)
    declined = sum(n for (want, have), n in pairs.items() if (want == "compliance") == (have == "compliance"))
    report = {
        "n": len(rows), "judge": judge.name, "accuracy": round(right / len(rows), 4),
        "declined_or_not_accuracy": round(declined / len(rows), 4),
        "recall": {w: round(pairs[(w, w)] / n, 4) for w in LABELS if (n := sum(pairs[(w, h)] for h in LABELS))},
        "confusion": {w: {h: pairs[(w, h)] for h in LABELS} for w in LABELS},
    }
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Add `assess` and `filing` to the root app."""
    assess = typer.Typer(help="Self-assessment: banks, runs, review, report. 安全评估：题库、运行、人工审核、报告。",
                         no_args_is_help=True)
    bank = typer.Typer(help="Question banks. 测试题库。", no_args_is_help=True)
    bank.command("stats")(bank_stats_cmd)
    bank.command("import")(bank_import_cmd)
    bank.command("export")(bank_export_cmd)
    assess.add_typer(bank, name="bank")
    assess.command("run")(run_cmd)
    review = typer.Typer(help="Manual review sheets. 人工审核。", no_args_is_help=True)
    review.command("export")(review_export_cmd)
    review.command("import")(review_import_cmd)
    assess.add_typer(review, name="review")
    assess.command("report")(report_cmd)
    assess.command("compare")(compare_cmd)
    judge = typer.Typer(help="The refusal judge's model. 拒答判定模型。", no_args_is_help=True)
    judge.command("train")(judge_train_cmd)
    judge.command("eval")(judge_eval_cmd)
    assess.add_typer(judge, name="judge")
    app.add_typer(assess, name="assess")
    filing = typer.Typer(help="Algorithm filing. 算法备案材料。", no_args_is_help=True)
    filing.command("pack")(filing_pack_cmd)
    app.add_typer(filing, name="filing")
