"""Filters and tags for the PDF report templates (reports/templates/reports/pdf/).

Snapshots store dates as ISO strings and numbers as numbers; these format them in the active
language (render_pdf activates the report's language), so Norwegian gets «1. januar 2021» and a
decimal comma.
"""

from __future__ import annotations

import datetime
import math
import textwrap

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime

register = template.Library()


def _as_date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        if len(text) > 10:  # a datetime: its local date, not the date in UTC
            moment = parse_datetime(text)
            return _as_date(moment) if moment else None
        return parse_date(text)
    except ValueError:
        return None


@register.filter
def reports_date(value, fmt: str = "j. F Y") -> str:
    """An ISO date or datetime string (or a date/datetime) in the active language: «3. juni 2021».
    Datetimes are shown as their local (Europe/Oslo) date. Empty for nothing."""
    day = _as_date(value)
    return formats.date_format(day, fmt) if day else ""


@register.filter
def reports_number(value, decimals=None) -> str:
    """A number in the active language's format, with thousands grouping: 1234.5 → «1 234,5»."""
    if value in (None, ""):
        return ""
    decimal_pos = None if decimals in (None, "") else int(decimals)
    return formats.number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)


@register.filter
def reports_percent(part, whole) -> str:
    """part/whole as a percentage with one decimal, Norwegian style: «16,7 %» (empty when whole is 0)."""
    try:
        share = 100 * float(part) / float(whole)
    except (TypeError, ValueError, ZeroDivisionError):
        return ""
    return f"{formats.number_format(round(share, 1), decimal_pos=1, use_l10n=True)}\u00a0%"


@register.filter
def reports_person(value) -> str:
    """A person's name for a report, or nothing: an e-mail address (e.g. from
    User.get_full_name() for someone without a name) never reaches a PDF."""
    text = str(value or "").strip()
    return "" if "@" in text else text


@register.filter
def reports_css_string(value) -> str:
    """Text for a CSS string literal in a <style> block (e.g. `content: "…"` in @page margins).
    escapejs is wrong there: CSS reads «\\u002D» as «u002D»."""
    text = str(value or "")
    out = []
    for char in text:
        if char in '"\\' or char in "<>&'" or ord(char) < 0x20:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return "".join(out)


# --- A horizontal bar chart (inline SVG) -----------------------------------------------------------
def _fmt(value: float) -> str:
    """An SVG coordinate: always a dot as decimal separator, whatever the language."""
    return f"{value:.1f}"


def _nice_step(maximum: int) -> int:
    if maximum <= 5:
        return 1
    raw = maximum / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return int(factor * magnitude)
    return int(10 * magnitude)


@register.simple_tag
def reports_bar_chart(rows, *, label_key="label", first_key="done", second_key="coming", width=480):
    """Geometry for a horizontal stacked bar chart, one bar per row (two parts: first, second).

    Everything numeric comes back as text with a decimal dot, so the template puts it in SVG
    attributes without Django localising it (a decimal comma would break the SVG). Visible
    numbers (tick labels, totals) are formatted in the active language.
    """
    label_width, value_width, row_height, bar_height, top, tick_area = 205, 34, 24, 13, 30, 22
    font_size, chars_per_line = 8.5, 40
    bar_left = label_width + 6
    bar_width = width - bar_left - value_width
    maximum = max((int(r[first_key]) + int(r[second_key]) for r in rows), default=0)
    step = _nice_step(maximum)
    scale_max = max(step * math.ceil(maximum / step), step) if maximum else 1
    per_unit = bar_width / scale_max
    out_rows = []
    for i, row in enumerate(rows):
        y = top + i * row_height
        first, second = int(row[first_key]), int(row[second_key])
        lines = textwrap.wrap(str(row[label_key]), chars_per_line, break_on_hyphens=True)[:2] or [""]
        centre = y + row_height / 2
        line_height = font_size + 1.5
        first_baseline = centre - (len(lines) - 1) * line_height / 2 + font_size * 0.35
        out_rows.append(
            {
                "labels": [
                    {"x": _fmt(label_width), "y": _fmt(first_baseline + n * line_height), "text": line}
                    for n, line in enumerate(lines)
                ],
                "bar_y": _fmt(centre - bar_height / 2),
                "first": {"x": _fmt(bar_left), "width": _fmt(first * per_unit), "show": first > 0},
                "second": {
                    "x": _fmt(bar_left + first * per_unit),
                    "width": _fmt(second * per_unit),
                    "show": second > 0,
                },
                "value": {
                    "x": _fmt(bar_left + (first + second) * per_unit + 4),
                    "y": _fmt(centre + font_size * 0.35),
                    "text": formats.number_format(first + second, use_l10n=True, force_grouping=True),
                },
            }
        )
    axis_y = top + len(rows) * row_height + 2
    ticks = [
        {
            "x": _fmt(bar_left + value * per_unit),
            "label": formats.number_format(value, use_l10n=True, force_grouping=True),
        }
        for value in range(0, scale_max + 1, step)
    ]
    height = axis_y + tick_area
    return {
        "width": str(width),
        "height": _fmt(height),
        "font_size": _fmt(font_size),
        "rows": out_rows,
        "ticks": ticks,
        "grid_top": _fmt(top - 4),
        "axis_y": _fmt(axis_y),
        "tick_label_y": _fmt(axis_y + 12),
        "bar_height": _fmt(bar_height),
        "bar_left": _fmt(bar_left),
        "bar_right": _fmt(bar_left + bar_width),
        "legend": {
            "y": "6",
            "text_y": _fmt(6 + 9),
            "first_x": _fmt(bar_left),
            "first_text_x": _fmt(bar_left + 15),
            "second_x": _fmt(bar_left + 110),
            "second_text_x": _fmt(bar_left + 125),
        },
    }


# --- A survey question's distribution (the results page's chart, drawn from a snapshot) -----------
@register.simple_tag
def reports_distribution_chart(figure: dict):
    """The distribution chart of one question code from an evaluation snapshot's figure: the same
    SVG as the survey's results page (`surveys.charts.distribution_chart`), rebuilt from the stored
    counts, so the PDF shows what the page showed when the report was asked for."""
    from decimal import Decimal

    from surveys.charts import distribution_chart
    from surveys.results import Bar, CodeResult

    answered = int(figure["n"])
    bars = [
        Bar(b["label"], b["value"], int(b["count"]), Decimal(int(b["count"]) * 100) / answered if answered else None)
        for b in figure["bars"]
    ]
    result = CodeResult(
        code=figure["code"],
        text=figure["text"],
        kind=figure["kind"],
        answered=answered,
        respondents=int(figure["N"]),
        scored=int(figure["scored"]),
        dont_know=int(figure["dont_know"]),
        mean=None if figure["mean"] is None else Decimal(str(figure["mean"])),
        bars=bars,
    )
    return distribution_chart(result, chart_id=f"{figure['id']}-chart")
