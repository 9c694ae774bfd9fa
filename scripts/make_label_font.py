"""Regenerate the small CJK font that explicit labels are drawn with.

Source: Debian's fonts-wqy-microhei (WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font
exception; we use it under Apache-2.0). The subset keeps printable ASCII and the characters
of the label wordings (hegui.label.wording.FONT_CHARACTERS).

    .venv/bin/python scripts/make_label_font.py [--source /usr/share/fonts/truetype/wqy/wqy-microhei.ttc]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

from hegui.label.wording import FONT_CHARACTERS

OUT = Path(__file__).resolve().parent.parent / "src/hegui/data/fonts/hegui-label-cjk.ttf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path,
                        default=Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))
    args = parser.parse_args()
    font = TTCollection(str(args.source)).fonts[0]
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=FONT_CHARACTERS)
    subsetter.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT))
    print(f"{OUT.name}: {OUT.stat().st_size} bytes, {len(set(FONT_CHARACTERS))} characters")


if __name__ == "__main__":
    main()
