"""The wordings of explicit labels: each holds an AI element and a generation element."""

from __future__ import annotations

import re

# Explicit notice by Label value (GB 45438 / Labeling Measures Art. 6 for propagators).
NOTICES: dict[str, str] = {
    "1": "AI生成",
    "2": "可能为AI生成",
    "3": "疑似AI生成",
}
# Longer form used for text content.
TEXT_NOTICES: dict[str, str] = {
    "1": "【本内容由人工智能生成 AI-generated】",
    "2": "【本内容可能由人工智能生成 possibly AI-generated】",
    "3": "【本内容疑似由人工智能生成 suspected AI-generated】",
}
_AI = r"(?:人工智能|[Aa][Ii](?![A-Za-z]))"
_GEN = r"(?:生成|合成|-?generated|-?synthesi[sz]ed)"
# An AI element and a generation element close together, in either order.
EXPLICIT_TEXT = re.compile(rf"{_AI}.{{0,12}}?{_GEN}|{_GEN}.{{0,12}}?{_AI}", re.DOTALL)

_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
FONT_CHARACTERS = _ASCII + "".join(sorted(set("".join(NOTICES.values()) + "".join(TEXT_NOTICES.values())
                                              + "由人工智能生成合成可能为疑似本内容【】（）：，。")))


def has_ai_and_generation(text: str) -> bool:
    """True when `text` holds both elements an explicit label needs."""
    return EXPLICIT_TEXT.search(text) is not None
