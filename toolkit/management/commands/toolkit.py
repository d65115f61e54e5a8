"""The toolkit from the command line (scripts depend on the arguments and the output):

    python manage.py toolkit import <network-slug> <team-name> file.csv
    python manage.py toolkit summary <network-slug> <team-name> [--json]

`import` checks every row first and writes everything or nothing; a bad row fails the command
with one line per error, «rad N: message». `summary` prints the team's figures: per person (by
code) the average of each conversation, the opplevd nytte (average 2 − average 1) and latest −
first, and the team's measures per month (selectors.team_toolkit).
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from core.imports import ImportFileError
from networks.models import Network
from teams.models import Team
from toolkit.imports import toolkit_import
from toolkit.selectors import TeamToolkit, team_toolkit

TWO_DECIMALS = Decimal("0.01")


def _number(value: Decimal | None) -> float | None:
    """A JSON number rounded to two decimals (halves up), or null."""
    return None if value is None else float(Decimal(value).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP))


def _shown(value: Decimal | None) -> str:
    """A number for the table: two decimals with a decimal comma, «–» when missing."""
    return "–" if value is None else f"{_number(value):.2f}".replace(".", ",")


class Command(BaseCommand):
    help = "The «Hva er viktig for deg?» toolkit: import paper forms, or print a team's figures."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import,summary}")
        importing = actions.add_parser(
            "import", help="Import a CSV or Excel file of scores (kode;samtale;dato;område;skår)"
        )
        summary = actions.add_parser("summary", help="Print the team's figures")
        for sub in (importing, summary):
            sub.add_argument("network", help="The network's short name (slug), e.g. trondelag")
            sub.add_argument("team", help="The team's name (case does not matter)")
        importing.add_argument("file", help="The CSV or .xlsx file")
        summary.add_argument("--json", action="store_true", help="Print JSON")

    def handle(self, *args, action, network, team, **options):
        with translation.override(settings.LANGUAGE_CODE):
            team_obj = self.find_team(network, team)
            if action == "import":
                self.do_import(team_obj, options["file"])
            else:
                self.do_summary(team_obj, as_json=options["json"])

    def find_team(self, slug: str, name: str) -> Team:
        net = Network.objects.filter(slug=slug).first()
        if net is None:
            known = ", ".join(Network.objects.order_by("slug").values_list("slug", flat=True)[:20])
            message = _("No network with the short name «%(slug)s». Known: %(known)s")
            raise CommandError(message % {"slug": slug, "known": known or "–"})
        teams = list(net.teams.filter(name__iexact=name.strip()))
        if len(teams) > 1:  # names are unique per network, but only with their case
            teams = [t for t in teams if t.name == name.strip()]
        if len(teams) != 1:
            names = ", ".join(net.teams.order_by("name").values_list("name", flat=True))
            raise CommandError(
                _("No team «%(team)s» in %(network)s. Its teams: %(names)s")
                % {"team": name, "network": net.slug, "names": names or "–"}
            )
        return teams[0]

    def do_import(self, team: Team, path: str) -> None:
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Cannot read the file %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        try:
            result = toolkit_import(team=team, rows_or_file=content, by=None)
        except ImportFileError as exc:
            raise CommandError("\n".join([_("Nothing was imported."), *exc.messages])) from exc
        if not result.written:
            # «rad N: message» is a fixed format scripts read; the messages follow the language.
            lines = [f"rad {row}: {message}" for row, message in result.errors]
            raise CommandError("\n".join([_("Nothing was imported."), *lines]))
        for row, message in result.warnings:
            self.stderr.write(f"rad {row}: {message}")
        self.stdout.write(
            _(
                "Imported into %(team)s. New people: %(people_new)s, people updated: %(people_updated)s, "
                "conversations: %(conversations)s, scores: %(scores)s."
            )
            % {"team": team.name, **result.counts}
        )

    def do_summary(self, team: Team, *, as_json: bool) -> None:
        figures = team_toolkit(team=team)
        if as_json:
            self.stdout.write(json.dumps(summary_data(figures), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary_table(figures))


def summary_data(figures: TeamToolkit) -> dict:
    team = figures.team
    return {
        "network": team.network.slug,
        "team": team.name,
        "people": [
            {
                "code": p.service_user.code,
                "status": p.service_user.status,
                "conversations": [
                    {"number": number, "date": held_on.isoformat(), "average": _number(average)}
                    for number, held_on, average in p.conversations
                ],
                "benefit": _number(p.benefit),
                "benefit_latest": _number(p.benefit_latest),
                "fidelity": _number(p.fidelity),
                "checklist_on": p.checklist_on.isoformat() if p.checklist_on else None,
            }
            for p in figures.people
        ],
        "months": [
            {
                "month": m.month.isoformat(),
                "people": m.people,
                "first_average": _number(m.first_average),
                "second_average": _number(m.second_average),
                "benefit": _number(m.benefit),
                "improved_share": _number(m.improved_share),
                "checklists": m.checklists,
                "fidelity": _number(m.fidelity),
            }
            for m in figures.months
        ],
    }


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return lines


def summary_table(figures: TeamToolkit) -> str:
    team = figures.team
    lines = [f"{team.name} ({team.network.slug})", ""]
    if not figures.people:
        lines.append(_("No people recorded yet."))
        return "\n".join(lines)
    most = max((len(p.conversations) for p in figures.people), default=0)
    headers = [_("Code"), *[_("Conv. %(n)s") % {"n": n} for n in range(1, most + 1)]]
    headers += [_("Benefit (2 − 1)"), _("Latest − first"), _("Fidelity %")]
    rows = []
    for p in figures.people:
        averages = {n: a for n, _d, a in p.conversations}
        rows.append(
            [
                p.service_user.code,
                *[_shown(averages.get(n)) for n in range(1, most + 1)],
                _shown(p.benefit),
                _shown(p.benefit_latest),
                _shown(p.fidelity),
            ]
        )
    lines += _table(headers, rows)
    if figures.months:
        lines += ["", _("Per month")]
        headers = [
            _("Month"),
            _("People"),
            _("Average 1"),
            _("Average 2"),
            _("Benefit"),
            _("Improved %"),
            _("Checklists"),
            _("Fidelity %"),
        ]
        rows = [
            [
                m.month.strftime("%Y-%m"),
                str(m.people),
                _shown(m.first_average),
                _shown(m.second_average),
                _shown(m.benefit),
                _shown(m.improved_share),
                str(m.checklists),
                _shown(m.fidelity),
            ]
            for m in figures.months
        ]
        lines += _table(headers, rows)
    return "\n".join(lines)
