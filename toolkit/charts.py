"""Small server-rendered charts: accessible SVG markup, no JavaScript.

The chart is a picture of a table that is always shown next to it, so it carries a short title and
a description (read by screen readers through `aria-labelledby`), labelled axes, one polyline per
series and a circle for every point (with its value as a tooltip). Series differ by dash pattern
as well as colour, so they can be told apart without colour vision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.charts import Scale, close, coord, one_decimal, svg_open, y_grid

__all__ = ["STYLES", "Series", "line_chart", "one_decimal"]

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), and a dash pattern each.
STYLES = [
    ("#1d4e6b", ""),
    ("#b3541e", "6 4"),
    ("#2e7d32", "2 3"),
    ("#6a3d9a", "10 3 2 3"),
]

WIDTH, HEIGHT = 520, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 44, 58


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[Decimal | float | int | None]


_n = coord


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    y_min: float,
    y_max: float,
    y_step: float,
    x_axis_label: str,
    y_axis_label: str,
    format_value: Callable[[object], str] = one_decimal,
) -> SafeString:
    """An SVG line chart. `x_labels` name the points along the x axis (e.g. months); each series
    has one value (or None: no point) per x label. Values are clamped to y_min..y_max."""
    if y_max <= y_min:
        y_max = y_min + 1
    # The legend, above the plot: as many rows as needed (a rough width of 7.5 units a character).
    legend: list[tuple[float, float]] = []
    legend_x, legend_y = float(LEFT), 16.0
    for s in series:
        width = 34 + 7.5 * len(s.label) + 20
        if legend_x > LEFT and legend_x + width > WIDTH - RIGHT:
            legend_x, legend_y = float(LEFT), legend_y + 20
        legend.append((legend_x, legend_y))
        legend_x += width
    top = legend_y + TOP - 16
    height = HEIGHT + top - TOP
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = height - top - BOTTOM
    count = len(x_labels)

    inset = 30  # room for the first and last month's label

    def x_at(i: int) -> float:
        return LEFT + (plot_w / 2 if count <= 1 else inset + (plot_w - 2 * inset) * i / (count - 1))

    y_at = Scale(y_min, y_max, top + plot_h, top)

    parts: list[str] = [
        svg_open(
            chart_id=chart_id,
            width=WIDTH,
            height=height,
            title=title,
            description=description,
            font_family="system-ui, sans-serif",
            font_size=13,
        ),
        *y_grid(scale=y_at, step=y_step, left=LEFT, right=WIDTH - RIGHT),
    ]
    parts.append(
        format_html('<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#555"/>', LEFT, _n(top), _n(top + plot_h))
    )

    # The x axis's labels (at most about eight, so they do not collide).
    every = max(1, -(-count // 8))
    for i, label in enumerate(x_labels):
        if i % every and i != count - 1:
            continue
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="#333">{}</text>',
                _n(x_at(i)),
                _n(top + plot_h + 18),
                label,
            )
        )

    # Axis labels.
    parts.append(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="#111" font-weight="600">{}</text>',
            _n(LEFT + plot_w / 2),
            _n(height - 8),
            x_axis_label,
        )
    )
    parts.append(
        format_html(
            '<text transform="translate(14 {}) rotate(-90)" text-anchor="middle" fill="#111" font-weight="600">'
            "{}</text>",
            _n(top + plot_h / 2),
            y_axis_label,
        )
    )

    for index, (s, (lx, ly)) in enumerate(zip(series, legend, strict=True)):
        colour, dash = STYLES[index % len(STYLES)]
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"{}/>',
                _n(lx),
                _n(ly),
                _n(lx + 28),
                _n(ly),
                colour,
                mark_safe(f' stroke-dasharray="{dash}"') if dash else "",
            )
        )
        parts.append(format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', _n(lx + 14), _n(ly), colour))
        parts.append(format_html('<text x="{}" y="{}" fill="#111">{}</text>', _n(lx + 34), _n(ly + 4), s.label))

    # One polyline per series, and a circle for every point.
    for index, s in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        points = [(x_at(i), y_at(v), v, i) for i, v in enumerate(s.values) if v is not None]
        if not points:
            continue
        parts.append(
            format_html(
                '<polyline fill="none" stroke="{}" stroke-width="2.5"{} points="{}"><title>{}</title></polyline>',
                colour,
                mark_safe(f' stroke-dasharray="{dash}"') if dash else "",
                " ".join(f"{_n(x)},{_n(y)}" for x, y, _v, _i in points),
                s.label,
            )
        )
        for x, y, v, i in points:
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}, {}: {}</title></circle>',
                    _n(x),
                    _n(y),
                    colour,
                    s.label,
                    x_labels[i],
                    format_value(v),
                )
            )
    return close(parts)
