"""Server-side SVG charts: the same markup goes into a page now and into a PDF later.

No JavaScript, no external fonts or styles: presentation attributes only, a fixed viewBox
that scales to the width of its container, a ``<title>`` for screen readers, and every
label escaped (a question or an option is text typed by a user).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 230  # the labels' column, right-aligned against the bars
BAR_LEFT = LABEL_WIDTH + 8
BAR_SPACE = WIDTH - BAR_LEFT - 90  # room left on the right for the value
ROW = 28
BAR = 18
PAD = 8
FONT_SIZE = 13
LABEL_CHARS = 34
LEGEND_CHARS = 24
LEGEND_STEP = 200  # the second legend item, after the first one's longest label
# Fonts with Cyrillic on every platform, and the ones WeasyPrint gets from static/fonts.
FONT_FAMILY = "system-ui, 'Segoe UI', Roboto, 'PT Sans', 'DejaVu Sans', Arial, sans-serif"
COLOR = "#0d6efd"  # Bootstrap primary
COLOR_BEFORE = "#adb5bd"  # gray-500
COLOR_AFTER = "#0d6efd"
TEXT_COLOR = "#212529"
MUTED = "#6c757d"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class ChartRow(NamedTuple):
    label: str
    value: int | float | Decimal
    note: str = ""  # the text after the bar; the value itself when empty


class PairRow(NamedTuple):
    label: str
    before: int | float | Decimal | None
    after: int | float | Decimal | None


def escape(text: object) -> str:
    """Text safe inside an SVG element or attribute (XML 1.0 forbids control characters)."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _num(value: int | float | Decimal) -> str:
    """A coordinate: at most one decimal place, a dot as XML wants it."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def _value_text(value: int | float | Decimal | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{Decimal(str(value)):.2f}".replace(".", ",")


def _ident(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{prefix}-{digest}"


def _svg(body: list[str], *, height: int, title: str, ident: str) -> SafeString:
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{escape(ident)}-title" '
        f'font-family="{escape(FONT_FAMILY)}" font-size="{FONT_SIZE}" fill="{TEXT_COLOR}">'
        f'<title id="{escape(ident)}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )
    # Every piece of text above went through escape(); the rest is our own markup.
    return mark_safe(markup)  # noqa: S308


def _empty(title: str, ident: str) -> SafeString:
    height = ROW + 2 * PAD
    body = [
        f'<text x="{WIDTH // 2}" y="{_num(PAD + ROW / 2 + FONT_SIZE * 0.35)}" '
        f'text-anchor="middle" fill="{MUTED}">Нет ответов</text>'
    ]
    return _svg(body, height=height, title=title, ident=ident)


def _baseline(center: float) -> str:
    # dominant-baseline is not rendered everywhere (WeasyPrint), so shift by hand.
    return _num(center + FONT_SIZE * 0.35)


def bar_chart(
    rows: Sequence[ChartRow],
    *,
    title: str,
    max_value: float | Decimal | None = None,
    ident: str | None = None,
) -> SafeString:
    """Horizontal bars, one per row: the label on the left, the value after the bar."""
    ident = ident or _ident("chart", title, tuple(rows))
    if not rows:
        return _empty(title, ident)
    top = max([float(max_value or 0), *(float(row.value) for row in rows)]) or 1.0
    body = []
    for index, row in enumerate(rows):
        y = PAD + index * ROW
        center = y + ROW / 2
        width = BAR_SPACE * float(row.value) / top
        note = row.note or _value_text(row.value)
        body.append(
            "<g>"
            f"<title>{escape(row.label)}: {escape(note)}</title>"
            f'<text x="{LABEL_WIDTH}" y="{_baseline(center)}" text-anchor="end">'
            f"{escape(_short(row.label))}</text>"
            f'<rect x="{BAR_LEFT}" y="{_num(center - BAR / 2)}" width="{_num(width)}" '
            f'height="{BAR}" rx="2" fill="{COLOR}"/>'
            f'<text x="{_num(BAR_LEFT + width + 6)}" y="{_baseline(center)}">{escape(note)}</text>'
            "</g>"
        )
    return _svg(body, height=2 * PAD + len(rows) * ROW, title=title, ident=ident)


def paired_bar_chart(
    rows: Sequence[PairRow],
    *,
    title: str,
    before_label: str = "До",
    after_label: str = "После",
    max_value: float | Decimal | None = None,
    ident: str | None = None,
) -> SafeString:
    """Two bars per row, before and after, with a legend on top."""
    ident = ident or _ident("pair", title, tuple(rows), before_label, after_label)
    if not rows:
        return _empty(title, ident)
    values = [float(v) for row in rows for v in (row.before, row.after) if v is not None]
    top = max([float(max_value or 0), *values]) or 1.0
    legend = ROW
    pair_row = 2 * BAR + 12
    half = BAR - 2
    body = [
        f'<rect x="{BAR_LEFT}" y="{PAD + 4}" width="12" height="12" fill="{COLOR_BEFORE}"/>'
        f'<text x="{BAR_LEFT + 18}" y="{_baseline(PAD + 10)}">{escape(_short(before_label, LEGEND_CHARS))}</text>'
        f'<rect x="{BAR_LEFT + LEGEND_STEP}" y="{PAD + 4}" width="12" height="12" fill="{COLOR_AFTER}"/>'
        f'<text x="{BAR_LEFT + LEGEND_STEP + 18}" y="{_baseline(PAD + 10)}">{escape(_short(after_label, LEGEND_CHARS))}</text>'
    ]
    for index, row in enumerate(rows):
        y = PAD + legend + index * pair_row
        center = y + pair_row / 2
        parts = [
            "<g>",
            f"<title>{escape(row.label)}: {escape(before_label)} {_value_text(row.before)}, "
            f"{escape(after_label)} {_value_text(row.after)}</title>",
            f'<text x="{LABEL_WIDTH}" y="{_baseline(center)}" text-anchor="end">'
            f"{escape(_short(row.label))}</text>",
        ]
        for offset, value, color in (
            (center - half - 1, row.before, COLOR_BEFORE),
            (center + 1, row.after, COLOR_AFTER),
        ):
            width = 0.0 if value is None else BAR_SPACE * float(value) / top
            parts.append(
                f'<rect x="{BAR_LEFT}" y="{_num(offset)}" width="{_num(width)}" '
                f'height="{half}" rx="2" fill="{color}"/>'
                f'<text x="{_num(BAR_LEFT + width + 6)}" y="{_baseline(offset + half / 2)}" '
                f'font-size="{FONT_SIZE - 1}">{_value_text(value)}</text>'
            )
        parts.append("</g>")
        body.append("".join(parts))
    height = 2 * PAD + legend + len(rows) * pair_row
    return _svg(body, height=height, title=title, ident=ident)
