"""The visible stamp of the seal: its text, its place on the first page and its font.

pyHanko lays a stamp's text out with the font's own units but writes the glyph widths as if
they were the PDF's thousandths of an em, so a font of 2048 units per em (DejaVu, Liberation)
comes out letter-spaced. The stamp font is therefore a copy of `SEAL_STAMP_FONT` cut to the
Latin letters (Czech included) and rescaled to 1000 units per em, made once in `SEAL_DIR`;
`tests/seal/test_stamp.py` pins the widths.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign.fields import SigFieldSpec
from pyhanko.stamp import TextStampStyle

FIELD_NAME = "PecetKraje"
FONT_SIZE = 7
# Points from the page's lower left corner: inside the 2.2 cm bottom margin of the letters
# (templates/documents/base.html), left of the page number.
BOX = (56, 8, 340, 54)
STAMP_TEXT = "Elektronicky zapečetil: %(holder)s\nDne: %(when)s\nČ. j.: %(reference)s"
UNITS_PER_EM = 1000
# Basic Latin, Latin-1 and Latin Extended-A (all Czech letters), and the punctuation the
# stamp's names may hold: no-break space, dashes, Czech quotation marks, ellipsis.
_CODEPOINTS = [*range(0x20, 0x180), 0xA0, 0x2013, 0x2014, 0x2019, 0x201C, 0x201E, 0x2026]


def field_spec() -> SigFieldSpec:
    """The signature field holding the stamp, on the first page."""
    return SigFieldSpec(FIELD_NAME, on_page=0, box=BOX)


def stamp_style() -> TextStampStyle:
    """A thin-bordered text stamp in the prepared font."""
    font = GlyphAccumulatorFactory(str(stamp_font()), font_size=FONT_SIZE)
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=font, font_size=FONT_SIZE),
        border_width=1,
    )


def stamp_font() -> Path:
    """The prepared stamp font, made from SEAL_STAMP_FONT on first use."""
    source = Path(settings.SEAL_STAMP_FONT)
    target = Path(settings.SEAL_DIR) / f"stamp-{source.stem}-{UNITS_PER_EM}.ttf"
    if not target.exists():
        _font_prepare(source, target)
    return target


def _font_prepare(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(source)
    subsetter = subset.Subsetter(subset.Options(layout_features=["kern", "liga"]))
    subsetter.populate(unicodes=_CODEPOINTS)
    subsetter.subset(font)
    scale_upem(font, UNITS_PER_EM)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: a worker reading it meanwhile never sees half a font.
    handle, partial = tempfile.mkstemp(prefix=".font-", dir=target.parent)
    os.close(handle)
    font.save(partial)
    os.replace(partial, target)
