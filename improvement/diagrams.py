"""The actor map (aktørkartlegging) as a server-rendered SVG: the person or the service in the
centre, every actor around it. The line to an actor shows the relation (solid, dashed, dotted,
thin), the actor's circle the significance (its size), and a ring whether the actor is invited into
the work, so nothing is told by colour alone. The table next to it on the page says the same in
words (the diagram is a picture of that table)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from improvement.models import Actor, ActorMap

SIZE = 560
CENTRE = SIZE / 2
ORBIT = 200
RADIUS = {1: 16, 2: 22, 3: 30}
LINE = {
    Actor.Relation.STRONG: ("#1d4e6b", "4", ""),
    Actor.Relation.WEAK: ("#1d4e6b", "2", "8 5"),
    Actor.Relation.STRAINED: ("#b3541e", "2.5", "2 4"),
    Actor.Relation.NONE: ("#6c757d", "1", "1 6"),
}


def _label_lines(text: str, width: int = 14) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3]


def _text(x: float, y: float, text: str, *, fill: str = "#212529") -> SafeString:
    lines = _label_lines(text)
    first = y - (len(lines) - 1) * 7
    tspans = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((f"{x:.1f}", f"{first + i * 14:.1f}", line) for i, line in enumerate(lines)),
    )
    return format_html('<text fill="{}" text-anchor="middle" font-size="12">{}</text>', fill, tspans)


def actor_diagram(*, actor_map: ActorMap, actors: Sequence[Actor], chart_id: str = "") -> SafeString:
    chart_id = chart_id or f"actor-map-{actor_map.pk}"
    invited = sum(1 for a in actors if a.invited)
    description = _("%(n)s actors around %(centre)s; %(invited)s of them are invited into the work.") % {
        "n": len(actors),
        "centre": actor_map.centre_label,
        "invited": invited,
    }
    parts = []
    count = max(len(actors), 1)
    for i, actor in enumerate(actors):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x, y = CENTRE + ORBIT * math.cos(angle), CENTRE + ORBIT * math.sin(angle)
        colour, width, dash = LINE[actor.relation]
        r = RADIUS.get(actor.significance, 22)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
                f"{CENTRE:.1f}",
                f"{CENTRE:.1f}",
                f"{x:.1f}",
                f"{y:.1f}",
                colour,
                width,
                format_html(' stroke-dasharray="{}"', dash) if dash else "",
            )
        )
        ring = (
            format_html(
                '<circle cx="{}" cy="{}" r="{}" fill="none" stroke="#2e7d32" stroke-width="3"/>',
                f"{x:.1f}",
                f"{y:.1f}",
                r + 5,
            )
            if actor.invited
            else ""
        )
        parts.append(
            format_html(
                '<g><title>{}</title>{}<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" '
                'stroke-width="2"/>{}</g>',
                f"{actor.name}: {actor.get_relation_display()}, {actor.get_significance_display()}"
                + (f", {_('invited')}" if actor.invited else ""),
                ring,
                f"{x:.1f}",
                f"{y:.1f}",
                r,
                colour,
                _text(x, y + r + 20 if y >= CENTRE else y - r - 26, actor.name),
            )
        )
    centre = format_html(
        '<circle cx="{}" cy="{}" r="46" fill="#1d4e6b"/>{}',
        f"{CENTRE:.1f}",
        f"{CENTRE:.1f}",
        _text(CENTRE, CENTRE + 4, actor_map.centre_label, fill="#ffffff"),
    )
    legend = format_html(
        '<text x="12" y="{}" font-size="11" fill="#495057">{}</text>',
        SIZE - 10,
        _("Line: solid = close, dashed = weak, dotted = strained. Size = significance. Green ring = invited."),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="ln-diagram" role="img" '
        'aria-labelledby="{}-title {}-desc"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}{}{}</svg>',
        SIZE,
        SIZE,
        chart_id,
        chart_id,
        chart_id,
        actor_map.title,
        chart_id,
        description,
        SafeString("".join(parts)),
        centre,
        legend,
    )
