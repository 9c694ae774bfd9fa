"""`hegui label …`: add, read, check and propagate GB 45438 labels (files or folders)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress

from hegui.cli.common import ConfigOption, fail, settings_or_exit
from hegui.label import security
from hegui.label.batch import BatchReport, files_under, mirrored, run_batch
from hegui.label.config import LabelConfig
from hegui.label.explicit import ExplicitOptions
from hegui.label.metadata import LabelError
from hegui.label.propagate import NothingToLabel, propagate
from hegui.label.service import AddOptions, add, check, read

T = TypeVar("T")
label_app = typer.Typer(help="GB 45438 labels: add, read, check, propagate. 生成合成内容标识。",
                        no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="JSON output / 输出 JSON")]
OutOption = Annotated[Path, typer.Option("-o", "--output", help="output file or folder / 输出")]


def _echo(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False))


def _batch(src: Path, dst: Path | None, job: Callable[[Path, Path], T]) -> BatchReport[T]:
    """Run `job(source, output)` over a folder (output = the source itself when dst is None)."""
    sources = files_under(src)
    if dst is not None:
        dst.mkdir(parents=True, exist_ok=True)
    with Progress(console=Console(stderr=True), transient=True, redirect_stdout=False) as progress:
        task = progress.add_task(f"{src}", total=len(sources))
        return run_batch(sources, lambda p: job(p, mirrored(src, dst, p) if dst else p),
                         lambda _p: progress.advance(task))


def _finish_batch(report: BatchReport[Any], render: Callable[[Any], Any]) -> None:
    _echo(report.to_json(render))
    for path, error in report.failed:
        typer.echo(f"error: {path}: {error}", err=True)
    if report.failed:
        raise typer.Exit(1)


def _config(path: Path | None) -> LabelConfig:
    return settings_or_exit(path).labels if path is not None else LabelConfig()


@label_app.command("add")
def add_command(
    source: Annotated[Path, typer.Argument(help="file or folder / 文件或文件夹")],
    output: OutOption,
    producer: Annotated[str | None, typer.Option("--producer", help="provider code (27 chars) / 服务提供者编码")] = None,
    produce_id: Annotated[str | None, typer.Option("--produce-id", help="content id (default: fresh) / 内容编号")] = None,
    explicit: Annotated[bool, typer.Option("--explicit/--no-explicit", help="visible label / 显式标识")] = True,
    implicit: Annotated[bool, typer.Option("--implicit/--no-implicit", help="metadata label / 隐式标识")] = True,
    sign_key: Annotated[Path | None, typer.Option("--sign-key", help="Ed25519 PEM private key / 签名私钥")] = None,
    video_throughout: Annotated[bool, typer.Option("--video-throughout", help="notice on every frame / 全程显示")] = False,
    audio_notice: Annotated[Path | None, typer.Option("--audio-notice", help="spoken notice file / 语音提示文件")] = None,
    config: ConfigOption = None,
) -> None:
    """Add explicit and implicit labels. 添加显式与隐式标识。"""
    cfg = _config(config)
    code = producer or cfg.producer
    if not code:
        fail("--producer is required (or labels.producer in the config)")
    key_path = sign_key or cfg.sign_key
    try:
        options = AddOptions(
            producer=code, produce_id=produce_id, explicit=explicit and cfg.explicit,
            implicit=implicit and cfg.implicit,
            sign_key=security.load_private_key(key_path) if key_path else None,
            placement=ExplicitOptions(cfg.text_position, cfg.audio_position,
                                      audio_notice or cfg.audio_notice,
                                      video_throughout or cfg.video_throughout))
        if source.is_dir():
            if produce_id:
                fail("--produce-id names one file; leave it out for a folder")
            _finish_batch(_batch(source, output, lambda s, d: add(s, d, options)),
                          lambda r: r.to_json())
            return
        _echo(add(source, output, options).to_json())
    except LabelError as exc:
        fail(str(exc))


@label_app.command("read")
def read_command(
    file: Annotated[Path, typer.Argument(help="file or folder / 文件或文件夹")],
    as_json: JsonOption = False,
) -> None:
    """Print the implicit label (GB 45438 JSON) or null. 读取隐式标识。"""
    try:
        if file.is_dir():
            _finish_batch(_batch(file, None, lambda s, _d: read(s)),
                          lambda r: {"label": r.to_dict() if r else None})
            return
        label = read(file)
    except LabelError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(label.to_json() if label else "null")
    else:
        typer.echo(label.to_json() if label else "no implicit label / 无隐式标识")


@label_app.command("check")
def check_command(
    file: Annotated[Path, typer.Argument(help="file or folder / 文件或文件夹")],
    as_json: JsonOption = False,
    public_key: Annotated[Path | None, typer.Option("--public-key", help="trusted Ed25519 PEM public key / 验签公钥")] = None,
    require_explicit: Annotated[bool, typer.Option("--require-explicit", help="a missing explicit label is a problem / 要求显式标识")] = False,
) -> None:
    """Check labels; exit 0 when valid, 1 when not. 检查标识（有效返回 0）。"""
    try:
        trusted = security.load_public_key(public_key) if public_key else None
        if file.is_dir():
            report = _batch(file, None, lambda s, _d: check(s, trusted, require_explicit))
            _echo(report.to_json(lambda r: r))
            if report.failed or not all(r["valid"] for _p, r in report.done):
                raise typer.Exit(1)
            return
        result = check(file, trusted, require_explicit)
    except LabelError as exc:
        fail(str(exc))
    if as_json:
        _echo(result)
    else:
        typer.echo(f"{file}: {'valid / 有效' if result['valid'] else 'invalid / 无效'}")
        for problem in result["problems"]:
            typer.echo(f"  - {problem}")
    raise typer.Exit(0 if result["valid"] else 1)


@label_app.command("propagate")
def propagate_command(
    file: Annotated[Path, typer.Argument(help="file or folder / 文件或文件夹")],
    output: OutOption,
    propagator: Annotated[str | None, typer.Option("--propagator", help="platform code (27 chars) / 传播平台编码")] = None,
    propagate_id: Annotated[str | None, typer.Option("--propagate-id", help="id on the platform / 传播内容编号")] = None,
    declared_ai: Annotated[bool, typer.Option("--declared-ai", help="the uploader declared it AI-generated / 用户声明")] = False,
    explicit: Annotated[bool, typer.Option("--explicit/--no-explicit", help="add the notice / 添加提示")] = True,
    config: ConfigOption = None,
) -> None:
    """Platform side: Label 1/2/3, ContentPropagator, PropagateID. 传播平台标识。"""
    code = propagator or _config(config).propagator
    if not code:
        fail("--propagator is required (or labels.propagator in the config)")
    try:
        if file.is_dir():
            def job(s: Path, d: Path) -> Any:
                return propagate(s, d, code, None, declared_ai, explicit)

            _finish_batch(_batch(file, output, job), lambda r: r.to_json())
            return
        _echo(propagate(file, output, code, propagate_id, declared_ai, explicit).to_json())
    except NothingToLabel as exc:
        fail(str(exc), code=1)
    except LabelError as exc:
        fail(str(exc))


@label_app.command("keygen")
def keygen_command(
    key: Annotated[Path, typer.Argument(help="private key file to create (PEM) / 私钥文件")],
) -> None:
    """Create an Ed25519 signing key and its public key (KEY → KEY.pub.pem). 生成签名密钥。"""
    try:
        public = security.generate_key(key)
    except LabelError as exc:
        fail(str(exc))
    typer.echo(json.dumps({"private_key": str(key), "public_key": str(public)}))


def register(app: typer.Typer) -> None:
    """Add this area's commands to the root app."""
    app.add_typer(label_app, name="label")
