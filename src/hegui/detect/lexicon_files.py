"""Reading keyword files: one file per risk code, one keyword per line.

Format (UTF-8): the file's name is the risk code (`A1.4.txt`); a line holds one keyword,
optionally followed by a TAB and an action (`allow`, `mask`, `review`, `refuse`) that overrides
the policy's action for that keyword; `#` at the start of a line, or after whitespace, starts a
comment; blank lines are ignored. Folders are read recursively in name order, so a user may keep
`2026-W47/A1.4.txt` beside `2026-W48/A1.4.txt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from hegui.taxonomy import RISK_BY_CODE
from hegui.types import Decision

BUILTIN_SOURCE = "builtin"
_COMMENT = re.compile(r"(?:^|\s)#")
_ACTIONS = {d.value: d for d in Decision}


class LexiconError(ValueError):
    """A keyword file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One keyword line as written, before normalisation."""

    keyword: str
    risk: str
    action: Decision | None
    source: str
    """`builtin/A1.4.txt:12` or `<user path>:12`."""


def builtin_root() -> Traversable:
    """The starter library shipped in the package."""
    return resources.files("hegui") / "data" / "lexicon"


def parse_lines(text: str, risk: str, where: str) -> Iterator[RawEntry]:
    """Parse the content of one keyword file; `where` names it in errors."""
    for number, line in enumerate(text.splitlines(), start=1):
        m = _COMMENT.search(line)
        body = (line[: m.start()] if m else line).strip(" \r\n\u3000\ufeff")
        if not body:
            continue
        parts = body.split("\t")
        keyword = parts[0].strip()
        action: Decision | None = None
        extra = [p.strip() for p in parts[1:] if p.strip()]
        if len(extra) > 1:
            raise LexiconError(f"{where}:{number}: expected `keyword<TAB>action`, got {len(extra) + 1} fields")
        if extra:
            if extra[0].lower() not in _ACTIONS:
                raise LexiconError(
                    f"{where}:{number}: unknown action {extra[0]!r} "
                    f"(未知处置动作; use one of {', '.join(_ACTIONS)})"
                )
            action = _ACTIONS[extra[0].lower()]
        if not keyword:
            raise LexiconError(f"{where}:{number}: empty keyword before the action (关键词为空)")
        yield RawEntry(keyword=keyword, risk=risk, action=action, source=f"{where}:{number}")


def _risk_of(name: str, where: str) -> str:
    code = name[: -len(".txt")]
    if code not in RISK_BY_CODE:
        raise LexiconError(
            f"{where}: file name must be a risk code such as A1.4.txt "
            f"(文件名须为风险代码), got {name!r}"
        )
    return code


def _read(node: Traversable, where: str) -> str:
    try:
        return node.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{where}: not UTF-8 (文件须为 UTF-8 编码): {exc.reason} at byte {exc.start}") from exc


def read_builtin() -> list[RawEntry]:
    """Every entry of the starter library."""
    root = builtin_root()
    entries: list[RawEntry] = []
    for node in sorted(root.iterdir(), key=lambda n: n.name):
        if node.is_file() and node.name.endswith(".txt"):
            where = f"{BUILTIN_SOURCE}/{node.name}"
            entries.extend(parse_lines(_read(node, where), _risk_of(node.name, where), where))
    return entries


def read_folder(folder: Path) -> list[RawEntry]:
    """Every entry of a user's folder (recursive; `.txt` files only, each named by risk code)."""
    if not folder.is_dir():
        raise LexiconError(f"{folder}: not a folder of keyword files (词库目录不存在)")
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    if not files:
        raise LexiconError(f"{folder}: holds no keyword files such as A1.4.txt (目录中没有词库文件)")
    entries: list[RawEntry] = []
    for path in files:
        where = str(path)
        entries.extend(parse_lines(_read(path, where), _risk_of(path.name, where), where))
    return entries
