"""SVG primitives shared by the server-rendered charts (`toolkit/charts.py`, `improvement/charts.py`).

Every chart is inline SVG built with `format_html`, so text is always escaped; coordinates are written
with a dot whatever the language, numbers shown to people with the language's decimal separator. The
opening tag carries `role="img"` and names its `<title>` and `<desc>` with `aria-labelledby`. Charts
draw with presentation attributes only (fill, stroke, font-family: no CSS class that only the page's
CSS defines, no inline `style`, which the CSP forbids), so the same markup renders alike in Chromium
and in WeasyPrint's PDFs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The PDFs bundle DejaVu Sans as "Report Sans" (reports/pdf/base.html); the browser falls back to the
# installed DejaVu Sans or any sans-serif. SVG text does not inherit the HTML font in WeasyPrint.
REPORT_FONT = "'Report Sans', 'DejaVu Sans', Verdana, sans-serif"
GRID = "#d0d7dc"
AXIS = "#555"
TEXT = "#333"


def coord(value: float) -> str:
    """A coordinate: always a dot, whatever the language."""
    return f"{value:.1f}"


def one_decimal(value) -> str:
    """2.0 → «2,0» in Norwegian (the active language's decimal separator)."""
    return number_format(Decimal(value).quantize(Decimal("0.1")), 1)


def number(value, decimals: int = 2) -> str:
    """A value as people read it: at most `decimals` decimals, none for a whole number («5», «5,25»)."""
    d = Decimal(str(round(float(value), decimals))).normalize()
    places = max(0, -d.as_tuple().exponent)
    return number_format(d, places)


@dataclass(frozen=True)
class Scale:
    """Maps `lo..hi` onto the pixels `start..end` (`end < start` for a y axis); clamps outside values."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value) -> float:
        v = min(max(float(value), self.lo), self.hi)
        return self.start + (v - self.lo) / (self.hi - self.lo) * (self.end - self.start)


def nice_range(values: Iterable[float], *, ticks: int = 5) -> tuple[float, float, float]:
    """`(lo, hi, step)` covering `values` with about `ticks` intervals of 1, 2 or 5 × 10^k."""
    values = [float(v) for v in values]
    if not values:
        return 0.0, 1.0, 0.25
    lo, hi = min(values), max(values)
    if hi == lo:
        pad = abs(hi) / 10 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def svg_open(
    *, chart_id: str, width: float, height: float, title: str, description: str, font_family: str, font_size: int
) -> SafeString:
    """The `<svg>` tag with its accessible name (`<title>`) and description (`<desc>`)."""
    return format_html(
        '<svg role="img" aria-labelledby="{0}-title {0}-desc" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMidYMid meet" class="ln-chart" '
        'font-family="{3}" font-size="{4}"><title id="{0}-title">{5}</title><desc id="{0}-desc">{6}</desc>',
        chart_id,
        coord(width),
        coord(height),
        font_family,
        font_size,
        title,
        description,
    )


def y_grid(
    *,
    scale: Scale,
    step: float,
    left: float,
    right: float,
    every: int = 1,
    emphasise_zero: bool = True,
) -> list[SafeString]:
    """Horizontal grid lines from `scale.lo` to `scale.hi` with the values at the left; a label on every
    `every`th line (and always the top one)."""
    parts: list[SafeString] = []
    steps = int(round((scale.hi - scale.lo) / step))
    decimals = 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)
    for k in range(steps + 1):
        value = scale.lo + k * step
        y = scale(value)
        colour = AXIS if k == 0 or (emphasise_zero and value == 0) else GRID
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
                coord(left),
                coord(y),
                coord(right),
                coord(y),
                colour,
            )
        )
        if k % every == 0 or k == steps:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                    coord(left - 6),
                    coord(y + 4),
                    TEXT,
                    number_format(value, decimals),
                )
            )
    return parts


def close(parts: Iterable[str]) -> SafeString:
    """The parts (each built with `format_html`) and the closing tag, as one safe string."""
    return mark_safe("".join(parts) + "</svg>")  # noqa: S308 (every part is built with format_html)
