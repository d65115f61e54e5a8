"""The run chart as server-rendered SVG, the same markup on the page and in the PDF reports.

`run_chart` draws a series analysed by `runcharts.analyse`: the points and the line (broken where a
month is missing), the median of every phase (dashed and labelled; a frozen baseline's median goes on
with a sparser dash), phase boundaries, the target, the points that make up a signal (each kind with
its own shape as well as its own colour, never colour alone) and the PDSA cycles as numbered markers.
The `<svg role="img">` has a `<title>` and a `<desc>` (the signal summary) named by
`aria-labelledby`; the page shows the data as a table beside it. The `<figcaption>` names the rule
set. Only presentation attributes: no class the page's CSS must define, no `style`, no script, and
the bundled DejaVu Sans, so Chromium and WeasyPrint draw the same picture.

`signal_summary`, `rule_set_label` and `signal_kind_label` put the analysis into Norwegian words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy, gettext_noop, pgettext_lazy
from django.utils.translation import gettext as _

from core.charts import REPORT_FONT, Scale, close, coord, nice_range, number, svg_open, y_grid
from improvement import runcharts

# The rule sets by their model labels (already in the catalogue), so chart and form say the same.
RULE_SET_LABELS = {
    runcharts.IHI: gettext_lazy("IHI run-chart rules"),
    runcharts.ANHOEJ: gettext_lazy("Anhøj rules"),
}

KIND_LABELS = {
    runcharts.SHIFT: pgettext_lazy("run chart", "Shift"),
    runcharts.TREND: pgettext_lazy("run chart", "Trend"),
    runcharts.TOO_FEW_RUNS: pgettext_lazy("run chart", "Too few runs"),
    runcharts.TOO_MANY_RUNS: pgettext_lazy("run chart", "Too many runs"),
    runcharts.LONG_RUN: pgettext_lazy("run chart", "Unusually long run"),
    runcharts.FEW_CROSSINGS: pgettext_lazy("run chart", "Too few crossings"),
    runcharts.ASTRONOMICAL: pgettext_lazy("run chart", "Astronomical point"),
}

# runcharts.py is pure Python: its English sentences are repeated here as literals for makemessages
# (tests/improvement/test_charts.py checks that they stay the same as the constants).
RUNCHART_MESSAGES = (
    gettext_noop(
        "Runs limits computed from the exact Swed–Eisenhart distribution (at most 2.5% in each tail); "
        "not the published IHI table"
    ),
    gettext_noop(
        "Runs limits from a normal approximation to the Swed–Eisenhart distribution (at most 2.5% in each tail); "
        "not the published IHI table"
    ),
    gettext_noop("Longest run limit round(log2(n)) + 3; crossings limit the 5% quantile of Binomial(n − 1, 0.5)"),
    gettext_noop(
        "Longest run limit round(log2(n)) + 3; crossings limit from a normal approximation to the 5% quantile "
        "of Binomial(n − 1, 0.5)"
    ),
    gettext_noop(
        "Only %(n_useful)d useful points (points not on the median) in this period; the rules need at least "
        "%(minimum)d, so no signal is claimed."
    ),
    gettext_noop("The baseline has no values, so there is no median to judge the points against."),
)

# Colours with at least 3:1 contrast against white (WCAG 1.4.11). Each kind also has its own shape.
POINT = "#1d4e6b"
LINE = "#1d4e6b"
MEDIAN = "#555"
MEDIAN_SIGNAL = "#b00020"  # a runs or crossings signal: the centre line itself is marked (as qicharts2 does)
TARGET = "#2e7d32"
PDSA = "#1d4e6b"
SHIFT_COLOUR = "#b3541e"
TREND_COLOUR = "#6a3d9a"
RUNS_COLOUR = "#b00020"
ASTRONOMICAL_COLOUR = "#c2185b"
RUNS_KINDS = frozenset({runcharts.TOO_FEW_RUNS, runcharts.TOO_MANY_RUNS, runcharts.FEW_CROSSINGS})
SHIFT_KINDS = frozenset({runcharts.SHIFT, runcharts.LONG_RUN})
WEEKLY = "week"  # Measure.Frequency.WEEKLY (the models are not imported here)


class Layout:
    """Sizes of the full chart and of the small multiple (drawn small, so larger type per unit)."""

    def __init__(self, compact: bool):
        self.compact = compact
        if compact:
            self.width, self.height = 320, 176
            self.left, self.right, self.top, self.bottom = 36, 10, 26, 22
            self.font, self.small, self.point = 13, 11, 4.5
        else:
            self.width, self.height = 640, 330
            self.left, self.right, self.top, self.bottom = 58, 24, 34, 40
            self.font, self.small, self.point = 13, 11, 4.5


def rule_set_label(analysis: runcharts.Analysis) -> str:
    label = RULE_SET_LABELS.get(analysis.rule_set)
    return str(label) if label is not None else _(analysis.rule_set_label)


def signal_kind_label(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return str(label) if label is not None else kind


def _reason(phase: runcharts.Phase) -> str:
    if phase.median is None:
        return _(runcharts.REASON_EMPTY_BASELINE)
    return _(runcharts.REASON_TOO_FEW_POINTS) % {"n_useful": phase.n_useful, "minimum": phase.minimum_useful}


def _signal_sentence(signal: runcharts.Signal, analysis: runcharts.Analysis, labels: Sequence[str]) -> str:
    phase = analysis.phases[signal.phase]
    first, last = labels[signal.indexes[0]], labels[signal.indexes[-1]]
    n = len(signal.indexes)
    fields = {"kind": signal_kind_label(signal.kind), "n": n, "first": first, "last": last}
    if signal.kind in SHIFT_KINDS:
        if signal.towards == runcharts.UP:
            text = _("%(kind)s: %(n)d points above the median from %(first)s to %(last)s") % fields
        else:
            text = _("%(kind)s: %(n)d points below the median from %(first)s to %(last)s") % fields
    elif signal.kind == runcharts.TREND:
        if signal.towards == runcharts.UP:
            text = _("%(kind)s: %(n)d points going up from %(first)s to %(last)s") % fields
        else:
            text = _("%(kind)s: %(n)d points going down from %(first)s to %(last)s") % fields
    elif signal.kind in (runcharts.TOO_FEW_RUNS, runcharts.TOO_MANY_RUNS):
        limits = phase.thresholds
        fields.update(runs=phase.runs, useful=phase.n_useful)
        if signal.kind == runcharts.TOO_FEW_RUNS:
            fields["limit"] = limits.runs_too_few_below if limits else 0
            text = _("%(kind)s: %(runs)d runs among %(useful)d useful points (fewer than %(limit)d signal)") % fields
        else:
            fields["limit"] = limits.runs_too_many_above if limits else 0
            text = _("%(kind)s: %(runs)d runs among %(useful)d useful points (more than %(limit)d signal)") % fields
    elif signal.kind == runcharts.FEW_CROSSINGS:
        limits = phase.thresholds
        fields.update(crossings=phase.crossings, limit=limits.crossings_min if limits else 0)
        text = _("%(kind)s: the line crosses the median %(crossings)d times (fewer than %(limit)d signal)") % fields
    else:
        text = _("%(kind)s: %(first)s, flagged by the team") % fields
    if signal.side == runcharts.IMPROVEMENT:
        text += " " + _("(in the direction of improvement)")
    elif signal.side == runcharts.CONCERN:
        text += " " + _("(away from improvement)")
    if len(analysis.phases) > 1:
        text = _("Phase %(n)d: %(text)s") % {"n": signal.phase + 1, "text": text}
    return text


def signal_summary(analysis: runcharts.Analysis, labels: Sequence[str]) -> str:
    """One sentence per signal, or why no signal can be claimed, in the active language."""
    sentences = [_signal_sentence(s, analysis, labels) for s in analysis.signals]
    current = analysis.current
    if current.reason is not None and any(v is not None for v in analysis.values[current.start : current.end]):
        sentences.append(_reason(current))
    elif not any(v is not None for v in analysis.values):
        return _("No values yet.")
    if not sentences:
        return _("No signal: the points vary around the median as chance would (%(rules)s).") % {
            "rules": rule_set_label(analysis)
        }
    return ". ".join(s.rstrip(".") for s in sentences) + "."


# --- drawing ---------------------------------------------------------------------------------------------


def _shape(kinds: frozenset[str], towards: str | None, x: float, y: float, r: float, title: str) -> SafeString:
    """A point: a circle, or the shape of the strongest signal it belongs to, ringed by a diamond when the
    phase has a runs or crossings signal. Each carries its kinds (data-signals) and a tooltip."""
    inner: list[SafeString] = []
    if runcharts.ASTRONOMICAL in kinds:
        outer, inner_r = r * 1.9, r * 0.8
        star = " ".join(
            f"{coord(x + (outer if k % 2 == 0 else inner_r) * math.sin(k * math.pi / 5))},"
            f"{coord(y - (outer if k % 2 == 0 else inner_r) * math.cos(k * math.pi / 5))}"
            for k in range(10)
        )
        inner.append(format_html('<polygon points="{}" fill="{}"/>', star, ASTRONOMICAL_COLOUR))
    elif kinds & SHIFT_KINDS:
        s = r * 1.6
        inner.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                coord(x - s),
                coord(y - s),
                coord(2 * s),
                coord(2 * s),
                SHIFT_COLOUR,
            )
        )
    if runcharts.TREND in kinds:
        # On its own a large triangle; on a square or star a smaller one, so both kinds stay visible.
        alone = not kinds & (SHIFT_KINDS | {runcharts.ASTRONOMICAL})
        s = r * (2 if alone else 1.25)
        tip = -s if towards != runcharts.DOWN else s
        inner.append(
            format_html(
                '<polygon points="{},{} {},{} {},{}" fill="{}"{}/>',
                coord(x),
                coord(y + tip),
                coord(x - s * 0.95),
                coord(y - tip * 0.6),
                coord(x + s * 0.95),
                coord(y - tip * 0.6),
                TREND_COLOUR,
                "" if alone else mark_safe(' stroke="#fff" stroke-width="1"'),
            )
        )
    elif not inner:
        inner.append(format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', coord(x), coord(y), r, POINT))
    if kinds & RUNS_KINDS:
        d = r * 2.8
        inner.append(
            format_html(
                '<polygon points="{},{} {},{} {},{} {},{}" fill="none" stroke="{}" stroke-width="1.5"/>',
                coord(x),
                coord(y - d),
                coord(x + d),
                coord(y),
                coord(x),
                coord(y + d),
                coord(x - d),
                coord(y),
                RUNS_COLOUR,
            )
        )
    return format_html(
        '<g data-signals="{}"><title>{}</title>{}</g>',
        " ".join(sorted(kinds)),
        title,
        mark_safe("".join(inner)),  # noqa: S308 (built with format_html)
    )


def _legend_items(analysis: runcharts.Analysis, target, markers) -> list[tuple[str, str]]:
    kinds = {s.kind for s in analysis.signals}
    items = [("point", _("Value")), ("median", _("Median"))]
    if target is not None:
        items.append(("target", _("Target")))
    for kind in (runcharts.SHIFT, runcharts.LONG_RUN, runcharts.TREND, runcharts.ASTRONOMICAL):
        if kind in kinds:
            items.append((kind, signal_kind_label(kind)))
    for kind in (runcharts.TOO_FEW_RUNS, runcharts.TOO_MANY_RUNS, runcharts.FEW_CROSSINGS):
        if kind in kinds:
            items.append(("runs", signal_kind_label(kind)))
            break
    if markers:
        items.append(("pdsa", _("PDSA cycle")))
    return items


def _legend_symbol(key: str, x: float, y: float, layout: Layout) -> SafeString:
    r = layout.point
    if key == "point":
        return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', coord(x), coord(y), r, POINT)
    if key == "median":
        return format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
            coord(x - 12),
            coord(y),
            coord(x + 12),
            coord(y),
            MEDIAN,
        )
    if key == "target":
        return format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="10 3 2 3"/>',
            coord(x - 12),
            coord(y),
            coord(x + 12),
            coord(y),
            TARGET,
        )
    if key == "pdsa":
        return _pdsa_badge(x, y, "1", layout)
    kinds = frozenset({runcharts.TOO_FEW_RUNS} if key == "runs" else {key})
    return _shape(kinds, runcharts.UP, x, y, r * (0.8 if key == "runs" else 1), "")


def _pdsa_badge(x: float, y: float, label: str, layout: Layout) -> SafeString:
    r = 8 if not layout.compact else 8.5
    return format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="#fff" stroke="{}" stroke-width="1.5"/>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="bold" fill="{}">{}</text>',
        coord(x),
        coord(y),
        r,
        PDSA,
        coord(x),
        coord(y + layout.small * 0.36),
        layout.small,
        PDSA,
        label,
    )


def run_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    analysis: runcharts.Analysis,
    unit_label: str = "",
    target=None,
    markers: Sequence[tuple[int, str]] = (),
    compact: bool = False,
) -> SafeString:
    """A `<figure class="ln-runchart">` with the run chart's SVG and a caption naming the rule set.

    `x_labels` name the periods (one per point of the analysis); `markers` are (point index, label) of
    the PDSA cycles; `compact` is the small multiple (fewer labels, no legend)."""
    layout = Layout(compact)
    values = analysis.values
    count = len(values)
    kinds_by_point = analysis.kinds_by_point()
    towards = {i: s.towards for s in analysis.signals for i in s.indexes if s.kind == runcharts.TREND}

    # The legend goes under the x labels, in as many rows as it needs.
    legend: list[tuple[str, str, float, float]] = []
    legend_y = layout.height - layout.bottom + 2
    if not compact:
        lx, row = float(layout.left), 0
        for key, text in _legend_items(analysis, target, markers):
            width = 30 + 7 * len(text) + 18
            if lx > layout.left and lx + width > layout.width - layout.right:
                lx, row = float(layout.left), row + 1
            legend.append((key, text, lx, legend_y + 38 + row * 20))
            lx += width
        height = layout.height + 20 * (row + 1) + 8
    else:
        height = layout.height
    plot_top, plot_bottom = layout.top, layout.height - layout.bottom
    plot_left, plot_right = layout.left, layout.width - layout.right

    shown = [v for v in values if v is not None] + [m for m in analysis.median if m is not None]
    if target is not None:
        shown.append(float(target))
    lo, hi, step = nice_range(shown, ticks=3 if compact else 5)
    y_at = Scale(lo, hi, plot_bottom, plot_top)
    band = (plot_right - plot_left) / max(count, 1)

    def x_at(i: float) -> float:
        return plot_left + band * (i + 0.5)

    parts: list[str] = [
        svg_open(
            chart_id=chart_id,
            width=layout.width,
            height=height,
            title=title,
            description=description,
            font_family=REPORT_FONT,
            font_size=layout.font,
        ),
        *y_grid(
            scale=y_at,
            step=step,
            left=plot_left,
            right=plot_right,
            every=int(round((hi - lo) / step)) if compact else 1,
        ),
        format_html(
            '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#555"/>',
            coord(plot_left),
            coord(plot_top),
            coord(plot_bottom),
        ),
    ]

    # The x axis: about eight labels on the full chart, the first and the last on the small one.
    every = max(1, -(-count // 8))
    for i, label in enumerate(x_labels):
        if compact:
            if i not in (0, count - 1):
                continue
            anchor = "start" if i == 0 and count > 1 else ("end" if count > 1 else "middle")
            x = plot_left if anchor == "start" else (plot_right if anchor == "end" else x_at(i))
        else:
            if i % every and i != count - 1:
                continue
            if i != count - 1 and count - 1 - i < every:
                continue  # the last label takes the place of a neighbour that would touch it
            anchor, x = "middle", x_at(i)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" fill="#333" font-size="{}">{}</text>',
                coord(x),
                coord(plot_bottom + 16),
                anchor,
                layout.small if compact else layout.font - 1,
                label,
            )
        )
    if unit_label and not compact:
        parts.append(
            format_html(
                '<text transform="translate(14 {}) rotate(-90)" text-anchor="middle" fill="#111">{}</text>',
                coord((plot_top + plot_bottom) / 2),
                unit_label,
            )
        )

    # Phases: a boundary line with the phase's number; a frozen baseline's end, named.
    runs_phases = {s.phase for s in analysis.signals if s.kind in RUNS_KINDS}
    for number_, phase in enumerate(analysis.phases):
        if number_ > 0:
            x = x_at(phase.start - 0.5)
            parts.append(
                format_html(
                    '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333" stroke-width="1.5" '
                    'stroke-dasharray="2 3" data-phase="{3}"/>',
                    coord(x),
                    coord(plot_top),
                    coord(plot_bottom),
                    number_ + 1,
                )
            )
            if not compact:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" fill="#333" font-size="{}">{}</text>',
                        coord(x + 4),
                        coord(plot_top + 12),
                        layout.small,
                        _("Phase %(n)d") % {"n": number_ + 1},
                    )
                )
        if phase.median_end < phase.end:
            x = x_at(phase.median_end - 0.5)
            parts.append(
                format_html(
                    '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#777" stroke-width="1" '
                    'stroke-dasharray="1 3" data-baseline-end="{3}"/>',
                    coord(x),
                    coord(plot_top),
                    coord(plot_bottom),
                    phase.median_end,
                )
            )
            if not compact:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="end" fill="#333" font-size="{}">{}</text>',
                        coord(x - 4),
                        coord(plot_top + 12),
                        layout.small,
                        _("Baseline"),
                    )
                )
        if phase.median is None:
            continue
        y = y_at(phase.median)
        colour = MEDIAN_SIGNAL if number_ in runs_phases else MEDIAN
        x0, x1 = x_at(phase.start - 0.4), x_at(phase.end - 0.6)
        xb = x_at(phase.median_end - 0.5) if phase.median_end < phase.end else x1
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="6 4" '
                'data-median="{}"/>',
                coord(x0),
                coord(y),
                coord(xb),
                coord(y),
                colour,
                number(phase.median),
            )
        )
        if xb < x1:  # the frozen median, extended
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5" stroke-dasharray="2 4"/>',
                    coord(xb),
                    coord(y),
                    coord(x1),
                    coord(y),
                    colour,
                )
            )
        if not compact:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" fill="{}" font-size="{}">{}</text>',
                    coord(x0 + 2),
                    coord(y - 5),
                    colour,
                    layout.small,
                    _("Median %(value)s") % {"value": number(phase.median)},
                )
            )

    # The target.
    if target is not None:
        y = y_at(target)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="10 3 2 3" '
                'data-target="{}"/>',
                coord(plot_left),
                coord(y),
                coord(plot_right),
                coord(y),
                TARGET,
                number(target),
            )
        )
        if not compact:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="{}">{}</text>',
                    coord(plot_right - 2),
                    coord(y + 14 if y < plot_bottom - 16 else y - 5),
                    TARGET,
                    layout.small,
                    _("Target %(value)s") % {"value": number(target)},
                )
            )

    # PDSA cycles: a thin line at their month and a numbered badge above the plot.
    stacked: dict[int, int] = {}
    for index, label in markers:
        if not 0 <= index < count:
            continue
        offset = stacked.get(index, 0)
        stacked[index] = offset + 1
        x = x_at(index)
        bx = x + offset * 18
        parts.append(
            format_html(
                '<g data-pdsa="{}"><title>{}</title>'
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1" stroke-dasharray="3 2"/>{}</g>',
                label,
                _("PDSA cycle %(label)s: %(period)s") % {"label": label, "period": x_labels[index]},
                coord(x),
                coord(plot_top - 4),
                coord(x),
                coord(plot_bottom),
                PDSA,
                _pdsa_badge(bx, plot_top - 13, label, layout),
            )
        )

    # The line, broken where a month is missing.
    segment: list[str] = []
    segments: list[list[str]] = [segment]
    for i, value in enumerate(values):
        if value is None:
            segment = []
            segments.append(segment)
            continue
        segment.append(f"{coord(x_at(i))},{coord(y_at(value))}")
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                format_html('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>', LINE, " ".join(seg))
            )

    # The points, signals with their shapes.
    for i, value in enumerate(values):
        if value is None:
            continue
        kinds = kinds_by_point[i]
        text = f"{x_labels[i]}: {number(value)}"
        if kinds:
            text += " (" + ", ".join(signal_kind_label(k) for k in sorted(kinds, key=runcharts.KINDS.index)) + ")"
        parts.append(_shape(kinds, towards.get(i), x_at(i), y_at(value), layout.point, text))

    for key, text, lx, ly in legend:
        parts.append(_legend_symbol(key, lx + 12, ly - 4, layout))
        parts.append(format_html('<text x="{}" y="{}" fill="#111">{}</text>', coord(lx + 30), coord(ly), text))

    svg = close(parts)
    caption = rule_set_label(analysis)
    if not compact and analysis.thresholds is not None:
        caption = format_html("{}. {}.", caption, _(analysis.thresholds.source))
    return format_html(
        '<figure class="ln-runchart" data-rule-set="{}">{}<figcaption class="small ln-muted">{}</figcaption></figure>',
        analysis.rule_set,
        svg,
        caption,
    )


# --- a measure's series --------------------------------------------------------------------------------


def period_label(period, frequency: str) -> str:
    return _period_label(period, frequency, get_language())


@lru_cache(maxsize=4096)
def _period_label(period, frequency: str, language: str | None) -> str:
    # Cached per language: the network's page labels the same months on every team's charts, and
    # date_format is a fair share of drawing them.
    if frequency == WEEKLY:
        return _("week %(week)s %(year)s") % {"week": period.isocalendar()[1], "year": period.isocalendar()[0]}
    return date_format(period, "b Y")


def chart_for(series, *, compact: bool = False, chart_id: str = "") -> SafeString:
    """The run chart of a `selectors.MeasureSeries`, with its PDSA cycles as numbered markers: the
    same chart on the team's page, the network's page and in the status report."""
    measure = series.measure
    labels = [period_label(p, measure.frequency) for p in series.periods]
    return run_chart(
        chart_id=chart_id or f"measure-{measure.pk}",
        title=measure.title,
        description=signal_summary(series.analysis, labels),
        x_labels=labels,
        analysis=series.analysis,
        unit_label=measure.unit,
        target=measure.target,
        markers=[(index, str(n)) for n, (index, _cycle) in enumerate(series.cycles, start=1)],
        compact=compact,
    )


# --- the small multiple of the network page ----------------------------------------------------------------


def sparkline(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    analysis: runcharts.Analysis,
    target=None,
    markers: Sequence[tuple[int, str]] = (),
    href: str = "",
) -> SafeString:
    """The run chart as a small multiple for the network page: the same frame, medians, phases,
    target and PDSA markers as `run_chart(compact=True)`, but the line is one `<path>` and a point is
    drawn only where it belongs to a shift, trend or astronomical point (with the signal's shape, one
    path per shape) or stands alone between gaps; a runs or crossings signal shows as the red median.
    Built with plain string joins, every text escaped once (about a fifth of the full chart's size
    and time, which matters with 180 charts on one page). The data table is on the measure's page
    (`href`), named in the figure's caption."""
    layout = Layout(True)
    values = analysis.values
    count = len(values)
    kinds_by_point = analysis.kinds_by_point()
    towards = {i: s.towards for s in analysis.signals for i in s.indexes if s.kind == runcharts.TREND}
    width, height = layout.width, layout.height
    plot_top, plot_bottom = layout.top, height - layout.bottom
    plot_left, plot_right = layout.left, width - layout.right

    shown = [v for v in values if v is not None] + [m for m in analysis.median if m is not None]
    if target is not None:
        shown.append(float(target))
    lo, hi, step = nice_range(shown, ticks=3)
    span = hi - lo
    band = (plot_right - plot_left) / max(count, 1)

    def x_at(i: float) -> str:
        return f"{plot_left + band * (i + 0.5):.1f}"

    def y_at(value) -> str:
        v = min(max(float(value), lo), hi)
        return f"{plot_bottom + (v - lo) / span * (plot_top - plot_bottom):.1f}"

    cid = escape(chart_id)
    parts = [
        f'<svg role="img" aria-labelledby="{cid}-title {cid}-desc" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:.1f} {height:.1f}" width="100%" preserveAspectRatio="xMidYMid meet" class="ln-chart" '
        f'font-family="{escape(REPORT_FONT)}" font-size="{layout.font}">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(description)}</desc>'
    ]
    # The grid: the bottom and top lines labelled, like the compact full chart.
    steps = int(round(span / step))
    decimals = 0 if float(step).is_integer() else (1 if float(step * 10).is_integer() else 2)
    for k in range(steps + 1):
        value = lo + k * step
        y = y_at(value)
        colour = "#555" if k == 0 or value == 0 else "#d0d7dc"
        parts.append(f'<line x1="{plot_left:.1f}" y1="{y}" x2="{plot_right:.1f}" y2="{y}" stroke="{colour}"/>')
        if k in (0, steps):
            label = escape(number_format(value, decimals))
            parts.append(
                f'<text x="{plot_left - 6:.1f}" y="{float(y) + 4:.1f}" text-anchor="end" fill="#333">{label}</text>'
            )
    parts.append(
        f'<line x1="{plot_left:.1f}" y1="{plot_top:.1f}" x2="{plot_left:.1f}" y2="{plot_bottom:.1f}" stroke="#555"/>'
    )
    # The first and the last period.
    if count:
        label_y = f"{plot_bottom + 16:.1f}"
        if count == 1:
            ends = [(x_at(0), "middle", x_labels[0])]
        else:
            ends = [(f"{plot_left:.1f}", "start", x_labels[0]), (f"{plot_right:.1f}", "end", x_labels[-1])]
        for x, anchor, label in ends:
            parts.append(
                f'<text x="{x}" y="{label_y}" text-anchor="{anchor}" fill="#333" '
                f'font-size="{layout.small}">{escape(label)}</text>'
            )
    # Phases, frozen baselines and medians.
    runs_phases = {s.phase for s in analysis.signals if s.kind in RUNS_KINDS}
    for number_, phase in enumerate(analysis.phases):
        if number_ > 0:
            x = x_at(phase.start - 0.5)
            parts.append(
                f'<line x1="{x}" y1="{plot_top:.1f}" x2="{x}" y2="{plot_bottom:.1f}" stroke="#333" '
                f'stroke-width="1.5" stroke-dasharray="2 3" data-phase="{number_ + 1}"/>'
            )
        if phase.median_end < phase.end:
            x = x_at(phase.median_end - 0.5)
            parts.append(
                f'<line x1="{x}" y1="{plot_top:.1f}" x2="{x}" y2="{plot_bottom:.1f}" stroke="#777" stroke-width="1" '
                f'stroke-dasharray="1 3" data-baseline-end="{phase.median_end}"/>'
            )
        if phase.median is None:
            continue
        y = y_at(phase.median)
        colour = MEDIAN_SIGNAL if number_ in runs_phases else MEDIAN
        x0, x1 = x_at(phase.start - 0.4), x_at(phase.end - 0.6)
        xb = x_at(phase.median_end - 0.5) if phase.median_end < phase.end else x1
        parts.append(
            f'<line x1="{x0}" y1="{y}" x2="{xb}" y2="{y}" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="6 4" data-median="{escape(number(phase.median))}"/>'
        )
        if xb != x1:
            parts.append(
                f'<line x1="{xb}" y1="{y}" x2="{x1}" y2="{y}" stroke="{colour}" stroke-width="1.5" '
                f'stroke-dasharray="2 4"/>'
            )
    if target is not None:
        y = y_at(target)
        parts.append(
            f'<line x1="{plot_left:.1f}" y1="{y}" x2="{plot_right:.1f}" y2="{y}" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="10 3 2 3" data-target="{escape(number(target))}"/>'
        )
    # PDSA cycles: the line at their period and a numbered badge above the plot.
    stacked: dict[int, int] = {}
    for index, label in markers:
        if not 0 <= index < count:
            continue
        offset = stacked.get(index, 0)
        stacked[index] = offset + 1
        x = x_at(index)
        tip = escape(_("PDSA cycle %(label)s: %(period)s") % {"label": label, "period": x_labels[index]})
        parts.append(
            f'<g data-pdsa="{escape(label)}"><title>{tip}</title><line x1="{x}" y1="{plot_top - 4:.1f}" x2="{x}" '
            f'y2="{plot_bottom:.1f}" stroke="{PDSA}" stroke-width="1" stroke-dasharray="3 2"/>'
            f"{_pdsa_badge(float(x) + offset * 18, plot_top - 13, label, layout)}</g>"
        )
    # The line as one path, broken where a period is missing.
    path: list[str] = []
    alone: list[int] = []
    for i, value in enumerate(values):
        if value is None:
            continue
        starts = i == 0 or values[i - 1] is None
        path.append(f"{'M' if starts else 'L'}{x_at(i)} {y_at(value)}")
        if starts and (i == count - 1 or values[i + 1] is None) and not kinds_by_point[i] - RUNS_KINDS:
            alone.append(i)
    if path:
        parts.append(f'<path fill="none" stroke="{LINE}" stroke-width="2" d="{"".join(path)}"/>')
    for i in alone:
        parts.append(f'<circle cx="{x_at(i)}" cy="{y_at(values[i])}" r="{layout.point}" fill="{POINT}"/>')
    # The points that make up a shift, trend or astronomical point, with the full chart's shapes, one
    # path per shape; a runs or crossings signal is the red median (and the description), not a
    # diamond on every point.
    r = layout.point
    shapes: dict[str, list[str]] = {"astronomical": [], "shift": [], "trend": [], "trend-on": []}
    for i, value in enumerate(values):
        kinds = kinds_by_point[i] - RUNS_KINDS
        if value is None or not kinds:
            continue
        x, y = plot_left + band * (i + 0.5), float(y_at(value))
        if runcharts.ASTRONOMICAL in kinds:
            outer, inner_r = r * 1.9, r * 0.8
            star = "L".join(
                f"{x + (outer if k % 2 == 0 else inner_r) * math.sin(k * math.pi / 5):.1f} "
                f"{y - (outer if k % 2 == 0 else inner_r) * math.cos(k * math.pi / 5):.1f}"
                for k in range(10)
            )
            shapes["astronomical"].append(f"M{star}Z")
        elif kinds & SHIFT_KINDS:
            side = r * 3.2
            shapes["shift"].append(f"M{x - side / 2:.1f} {y - side / 2:.1f}h{side:.1f}v{side:.1f}h-{side:.1f}Z")
        if runcharts.TREND in kinds:
            alone = not kinds & (SHIFT_KINDS | {runcharts.ASTRONOMICAL})
            size = r * (2 if alone else 1.25)
            tip = -size if towards.get(i) != runcharts.DOWN else size
            shapes["trend" if alone else "trend-on"].append(
                f"M{x:.1f} {y + tip:.1f}L{x - size * 0.95:.1f} {y - tip * 0.6:.1f}"
                f"L{x + size * 0.95:.1f} {y - tip * 0.6:.1f}Z"
            )
    for key, colour, extra in (
        ("astronomical", ASTRONOMICAL_COLOUR, ""),
        ("shift", SHIFT_COLOUR, ""),
        ("trend", TREND_COLOUR, ""),
        ("trend-on", TREND_COLOUR, ' stroke="#fff" stroke-width="1"'),
    ):
        if shapes[key]:
            parts.append(f'<path data-signals="{key}" fill="{colour}"{extra} d="{"".join(shapes[key])}"/>')
    parts.append("</svg>")
    caption = escape(rule_set_label(analysis))
    if href:
        link = _("Data as a table")
        caption += (
            f' · <a href="{escape(href)}">{escape(link)}'
            f'<span class="visually-hidden">: {escape(title)}</span></a>'
        )
    return mark_safe(  # noqa: S308 (every text above is escaped)
        f'<figure class="ln-runchart" data-rule-set="{escape(analysis.rule_set)}">{"".join(parts)}'
        f'<figcaption class="small ln-muted">{caption}</figcaption></figure>'
    )


def sparkline_for(series, *, chart_id: str, href: str = "") -> SafeString:
    """The small multiple of a `selectors.MeasureSeries` for the network page, its data table a
    link away (the measure's page)."""
    measure = series.measure
    labels = [period_label(p, measure.frequency) for p in series.periods]
    return sparkline(
        chart_id=chart_id,
        title=measure.title,
        description=signal_summary(series.analysis, labels),
        x_labels=labels,
        analysis=series.analysis,
        target=measure.target,
        markers=[(index, str(n)) for n, (index, _cycle) in enumerate(series.cycles, start=1)],
        href=href,
    )
