"""Options and helpers shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from hegui.config import ConfigError, Settings, load_settings

ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="YAML config file (validated; a bad key is an error)")
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="folder of keyword files added to the built-in library (repeatable)"),
]
DataDirOption = Annotated[
    Path, typer.Option("--data-dir", help="where hegui keeps its state (SQLite, keys, records)")
]
DEFAULT_DATA_DIR = Path("hegui-data")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print an error for a person and exit (2: bad usage or input)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def settings_or_exit(path: Path | None) -> Settings:
    try:
        return load_settings(path)
    except ConfigError as exc:
        fail(str(exc))
