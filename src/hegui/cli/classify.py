"""`hegui classifier train|eval`: the local classifier (character n-grams, linear model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hegui.cli.common import fail

classifier_app = typer.Typer(
    name="classifier",
    help="Local risk classifier: train and evaluate. 本地风险分类器：训练与评测。",
    no_args_is_help=True,
)


def _examples(path: Path) -> list:  # type: ignore[type-arg]
    from hegui.classify.dataset import DataError, read_jsonl

    try:
        return read_jsonl(path)
    except DataError as exc:
        fail(str(exc))


@classifier_app.command("train")
def train_cmd(
    data: Annotated[Path, typer.Argument(help='JSONL lines {"text", "labels"} / 训练数据')],
    out: Annotated[Path, typer.Option("-o", "--out", help="model folder to write / 模型输出目录")],
    json_out: Annotated[bool, typer.Option("--json", help="print JSON / 输出 JSON")] = False,
) -> None:
    """Train a model on DATA (multi-label over the 31 risks plus safe). 训练分类模型。"""
    from hegui.classify.train import train

    examples = _examples(data)
    try:
        model = train(examples)
    except ValueError as exc:
        fail(str(exc))
    model.save(out)
    summary = {
        "model_dir": str(out),
        "examples": len(examples),
        "labels": model.labels,
        "features": int(model.coef.shape[1]),
        "train_seconds": model.info["train_seconds"],
    }
    if json_out:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"已训练 trained: {len(examples)} examples, {len(model.labels)} labels, "
                   f"{summary['features']} features -> {out}")


@classifier_app.command("eval")
def eval_cmd(
    model_dir: Annotated[Path, typer.Argument(help="trained model folder / 模型目录")],
    data: Annotated[Path, typer.Argument(help="labelled JSONL to score / 评测数据")],
    json_out: Annotated[bool, typer.Option("--json", help="print JSON / 输出 JSON")] = False,
) -> None:
    """Precision, recall and F1 per risk, micro and macro. 按风险计算精确率、召回率、F1。"""
    from hegui.classify.linear_model import LinearModel, ModelError
    from hegui.classify.metrics import evaluate
    from hegui.classify.train import normalise_all

    try:
        model = LinearModel.load(model_dir)
    except ModelError as exc:
        fail(str(exc))
    examples = _examples(data)
    predicted = model.predict(normalise_all([ex.text for ex in examples]))
    report = evaluate([ex.labels for ex in examples], predicted)
    if json_out:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    rows: dict[str, dict[str, float]] = dict(report["per_risk"])  # type: ignore[call-overload]
    typer.echo(f"{'risk':8} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for risk, m in rows.items():
        typer.echo(f"{risk:8} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5}")
    for avg in ("micro", "macro"):
        m = dict(report[avg])  # type: ignore[call-overload]
        typer.echo(f"{avg:8} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}")


def register(app: typer.Typer) -> None:
    """Add `hegui classifier …` to the root app."""
    app.add_typer(classifier_app, name="classifier")
