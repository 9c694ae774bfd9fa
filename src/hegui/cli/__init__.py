"""The `hegui` command: the composition root. Each area registers its commands explicitly."""

from __future__ import annotations

import typer

from hegui.cli import assess, classify, console, corpus, detect, gateway, label, lexicon

app = typer.Typer(
    name="hegui",
    help="hegui (合规): compliance for generative-AI services. 生成式人工智能服务合规工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """hegui (合规): compliance for generative-AI services."""


# One line per area; tests check that every module under hegui.cli is listed here.
REGISTRARS = (
    detect.register,
    lexicon.register,
    gateway.register,
    label.register,
    assess.register,
    corpus.register,
    console.register,
    classify.register,
)
for _register in REGISTRARS:
    _register(app)


def main() -> None:
    app()
