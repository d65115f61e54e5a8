"""A question's distribution as server-rendered SVG, the same markup on the results page and in
the PDF reports (WeasyPrint draws inline SVG): no JavaScript, no classes that only page CSS
defines, presentation attributes only.

One horizontal bar per answer (the scale's points, «vet ikke» last and hatched apart, or the
options), each labelled with its count and share, so the picture never depends on colour. The
chart carries a title and a description (`aria-labelledby`); the numbers are also printed next to
it as a table by the page, so a screen reader reads the table, not the picture."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.charts import REPORT_FONT
from surveys.models import DONT_KNOW
from surveys.results import CodeResult, Rate, rounded

WIDTH = 520
LABEL_W = 150  # room for the answer's label on the left
VALUE_W = 92  # room for «21 (60,0 %)» on the right
BAR_H, GAP, TOP = 22, 8, 8
COLOUR, DONT_KNOW_COLOUR = "#1d4e6b", "#8a969e"
# The bundled font in PDFs (a system DejaVu would be embedded beside it); the same on pages.
FONT = REPORT_FONT


def decimal_text(value: Decimal | None, places: int) -> str:
    """4.6857 → «4,69» with two places, in the active language's format; None → «–»."""
    if value is None:
        return "–"
    return number_format(rounded(Decimal(value), places), places)


def rate_text(rate: Rate) -> str:
    """«35 av 110 (31,8 %)», or «35 svar» when nobody counted the invited."""
    if rate.share is None:
        return _("%(responses)s responses") % {"responses": rate.responses}
    return _("%(responses)s of %(invited)s (%(share)s %%)") % {
        "responses": rate.responses,
        "invited": rate.invited,
        "share": decimal_text(rate.share, 1),
    }


def mean_text(result: CodeResult) -> str:
    """The sentence under a scale question: its n of N and the mean without «vet ikke»."""
    if result.mean is None:
        return _("%(n)s of %(N)s answered.") % {"n": result.answered, "N": result.respondents}
    return _("%(n)s of %(N)s answered; mean %(mean)s (without «don't know»).") % {
        "n": result.answered,
        "N": result.respondents,
        "mean": decimal_text(result.mean, 2),
    }


def _n(value: float) -> str:
    return f"{value:.1f}"


def _label(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def distribution_chart(result: CodeResult, *, chart_id: str, title: str = "") -> SafeString:
    """The distribution of one question code as horizontal bars (share of those who answered)."""
    bars = result.bars
    height = TOP * 2 + len(bars) * (BAR_H + GAP)
    plot_w = WIDTH - LABEL_W - VALUE_W
    biggest = max((b.share or Decimal(0) for b in bars), default=Decimal(0)) or Decimal(1)
    title = title or f"{result.code}: {result.text}"
    parts = [
        format_html(
            '<svg role="img" aria-labelledby="{0}-title {0}-desc" xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'font-family="{3}" font-size="13">',
            chart_id,
            WIDTH,
            height,
            FONT,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, mean_text(result)),
        format_html(
            '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#555"/>', LABEL_W, TOP / 2, _n(height - TOP / 2)
        ),
    ]
    for i, bar in enumerate(bars):
        y = TOP + i * (BAR_H + GAP)
        share = bar.share or Decimal(0)
        width = float(share / biggest) * plot_w
        dont_know = bar.value == DONT_KNOW
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="#111">{}<title>{}</title></text>',
                LABEL_W - 8,
                _n(y + BAR_H / 2 + 4.5),
                _label(str(bar.label)),
                bar.label,
            )
        )
        if width > 0:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}/>',
                    LABEL_W,
                    y,
                    _n(width),
                    BAR_H,
                    DONT_KNOW_COLOUR if dont_know else COLOUR,
                    mark_safe(' stroke="#333" stroke-dasharray="3 2"') if dont_know else "",
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="#111">{} ({} %)</text>',
                _n(LABEL_W + width + 6),
                _n(y + BAR_H / 2 + 4.5),
                bar.count,
                decimal_text(bar.share, 1),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))  # noqa: S308 (every part is built with format_html)
