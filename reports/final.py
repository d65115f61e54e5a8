"""The network's final report (Sluttrapport), in the structure of the Trøndelag network's report
2019–2021: Forord and Sammendrag, Del 1 (intention, organisation and delivery, with Tabell 1
counted from the activity plan), Del 2 (the teams' self-evaluations with Tabell 2, the final
survey's figures, the teams' measures with their run charts, the workshop), Del 3
(recommendations), Vedlegg 1 (the self-evaluations as answered) and Vedlegg 2 (the fremdriftsplan).

Only the foreword, the summary, the workshop and the recommendations are written by people
(`FinalReportText`); everything else is written here from the data. A part nobody has written
yet is printed as a placeholder that says so. Every table and figure is numbered in the order the
report shows it (`snapshots.Numbering`) and listed in the contents.

A constant number of queries, however many teams, measures or activities (asserted in tests).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.utils import formats
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.models import Organisation, RegionMembership
from core.text import norwegian_sort_key
from gatherings.formatting import activity_when
from gatherings.models import Activity, Mode
from improvement import selectors as improvement_selectors
from improvement.models import Action, ActionStatus
from networks.models import Network, NetworkRole
from packages import selectors as package_selectors
from packages.models import Answer, Package, Response, Task
from packages.models import Question as PackageQuestion
from reports.models import FinalReportText
from reports.selectors import final_report_texts
from reports.snapshots import (
    HEALTH_TRUST_KINDS,
    MUNICIPAL_KINDS,
    USER_VOICE_ROLES,
    Numbering,
    _date_text,
    _header,
    _iso,
    _measure_data,
    _network_info,
    _period,
    _person,
    _scrub,
    _span_text,
    survey_part,
)
from teams.models import Team, TeamMeeting, TeamMembership, TeamOrganisation

# Arenas Tabell 1 lists but does not count («Er ikke telt»): the teams' own meetings. The seed did
# not map them; here the teams log them, and the comment says how many were logged.
NOT_COUNTED = (Activity.Kind.TEAM_MEETING,)
# The self-evaluation is the package copied from the library's self-evaluation form.
SELF_EVALUATION_PREFIX = "egenevaluering"
NOT_HELD = (Activity.Status.CANCELLED, Activity.Status.POSTPONED)

BULLET_RE = re.compile(r"^\s*(?:[-–•➢*])\s+")


# --- The written parts ---------------------------------------------------------------------------
def _placeholders() -> dict[str, str]:
    return {
        FinalReportText.Key.FOREWORD: _(
            "The project group writes the foreword here: the owners and partners, the main assessment, thanks, "
            "place and date, and who signs."
        ),
        FinalReportText.Key.SUMMARY: _(
            "The project group writes the summary here: participation, the teams' composition, the main effects, "
            "user involvement and the recommendations."
        ),
        FinalReportText.Key.WORKSHOP: _(
            "The project group writes a short summary of the workshop here, under its two questions."
        ),
        FinalReportText.Key.RECOMMENDATIONS: _(
            "The project group writes its recommendations for the further work here."
        ),
    }


def text_blocks(text: str) -> list[dict]:
    """Plain text as the PDF prints it: a blank line starts a paragraph, a line starting with «- »
    (or «•», «➢») is a bullet, a line starting with «## » is a subheading."""
    blocks: list[dict] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append({"kind": "p", "text": " ".join(paragraph)})
            paragraph.clear()

    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            close()
        elif stripped.startswith("## ") or stripped.startswith("# "):
            close()
            blocks.append({"kind": "h", "text": stripped.lstrip("#").strip()})
        elif BULLET_RE.match(stripped):
            close()
            item = BULLET_RE.sub("", stripped)
            if blocks and blocks[-1]["kind"] == "ul":
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"kind": "ul", "items": [item]})
        else:
            paragraph.append(stripped)
    close()
    return blocks


def _written(network: Network) -> dict[str, dict]:
    placeholders = _placeholders()
    written = {}
    for key, part in final_report_texts(network).items():
        blocks = text_blocks(part.text)
        written[key] = {
            "key": key,
            "title": str(FinalReportText.Key(key).label),
            "placeholder": not blocks,
            "placeholder_text": str(placeholders[key]),
            "blocks": blocks,
            "saved_text": _date_text(part.updated_at) if part.pk else "",
        }
    return written


# --- Del 1 -----------------------------------------------------------------------------------------
def _organisation(network: Network) -> list[dict]:
    """The network's roles (project group, working group, committee, …), people by name with
    their organisation, and the dates of those who left or came later."""
    roles = (
        NetworkRole.objects.filter(network=network)
        .exclude(role=NetworkRole.Role.OBSERVER)
        .select_related("user", "organisation")
    )
    by_role: dict[str, list[dict]] = defaultdict(list)
    for role in roles:
        dates = ""
        if role.ends_on and role.ends_on < network.ends_on:
            dates = _("until %(date)s") % {"date": _date_text(role.ends_on)}
        elif role.starts_on and role.starts_on > network.starts_on:
            dates = _("from %(date)s") % {"date": _date_text(role.starts_on)}
        by_role[role.role].append(
            {
                "name": _person(role.user),
                "organisation": role.organisation.name if role.organisation_id else "",
                "dates": dates,
            }
        )
    return [
        {
            "role": value,
            "label": str(label),
            "people": sorted(by_role[value], key=lambda p: norwegian_sort_key(p["name"])),
        }
        for value, label in NetworkRole.Role.choices
        if by_role[value]
    ]


def _overlaps(starts_on, ends_on, network: Network) -> bool:
    return (starts_on is None or starts_on <= network.ends_on) and (ends_on is None or ends_on >= network.starts_on)


def _regions(network: Network, teams: list[Team]) -> list[dict]:
    """The kommuneregioner the teams come from, each with its municipalities in the network period:
    who took part through a team (with the dates of those who joined late or left), who did not,
    and the region's own notes (mergers)."""
    regions = {r.pk: r for team in teams for r in team.regions.all()}
    memberships = defaultdict(list)
    for m in (
        RegionMembership.objects.filter(region__in=list(regions))
        .select_related("municipality")
        .order_by("municipality__name")
    ):
        if _overlaps(m.starts_on, m.ends_on, network):
            memberships[m.region_id].append(m)
    # Every team organisation in the period, by organisation: when it took part.
    taking_part: dict[int, list[TeamOrganisation]] = defaultdict(list)
    for team in teams:
        for to in team.all_organisations:
            if _overlaps(to.starts_on, to.ends_on, network):
                taking_part[to.organisation_id].append(to)
    rows = []
    for region in sorted(regions.values(), key=lambda r: norwegian_sort_key(r.name)):
        municipalities = []
        for m in sorted(memberships[region.pk], key=lambda m: norwegian_sort_key(m.municipality.name)):
            spans = taking_part.get(m.municipality_id, [])
            left = [to.ends_on for to in spans if to.ends_on and to.ends_on < network.ends_on]
            joined = [to.starts_on for to in spans if to.starts_on and to.starts_on > network.starts_on]
            notes = []
            if not spans and not (m.ends_on and m.ends_on < network.ends_on):
                notes.append(_("did not take part"))
            elif left and len(left) == len(spans):
                notes.append(_("took part until %(date)s") % {"date": _date_text(max(left))})
            elif joined and len(joined) == len(spans):
                notes.append(_("took part from %(date)s") % {"date": _date_text(min(joined))})
            if m.note:
                notes.append(m.note)
            municipalities.append({"name": m.municipality.name, "took_part": bool(spans), "note": "; ".join(notes)})
        teams_here = [t.name for t in teams if any(r.pk == region.pk for r in t.regions.all())]
        rows.append(
            {
                "name": region.name,
                "teams": teams_here,
                "municipalities": municipalities,
                "taking_part": sum(1 for m in municipalities if m["took_part"]),
            }
        )
    return rows


def _month_span(days: list[datetime.date]) -> str:
    first, last = min(days), max(days)
    if (first.year, first.month) == (last.year, last.month):
        return formats.date_format(first, "F Y")
    return f"{formats.date_format(first, 'F Y')} – {formats.date_format(last, 'F Y')}"


def _held(activity: Activity, today: datetime.date) -> bool:
    return activity.status not in NOT_HELD and (activity.starts_on <= today or activity.status == Activity.Status.DONE)


def _table_1(activities: list[Activity], meetings: int, meeting_teams: int, team_count: int, today) -> dict:
    """Tabell 1: «Arenaer | Antall hendelser | Kommentarer», counted from the activity plan, with a
    SUM row; the comments are written from the same data (when, how, what is not yet marked held)."""
    modes = dict(Mode.choices)
    held: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        if _held(activity, today):
            held[activity.kind].append(activity)
    rows = []
    for kind in Activity.Kind.values:
        label = str(Activity.COUNT_LABELS[kind])
        found = held[kind]
        if kind in NOT_COUNTED:
            comment = ngettext(
                "Not in the sum. The teams logged %(meetings)s meeting (%(teams)s of %(all)s teams); see "
                "the self-evaluations in appendix 1.",
                "Not in the sum. The teams logged %(meetings)s meetings (%(teams)s of %(all)s teams); see "
                "the self-evaluations in appendix 1.",
                meetings,
            ) % {"meetings": meetings, "teams": meeting_teams, "all": team_count}
            rows.append(
                {"kind": kind, "label": label, "count": None, "count_text": _("Not counted"), "comment": comment}
            )
            continue
        if not found:
            continue
        parts = [_month_span([a.starts_on for a in found])]
        mode_counts = Counter(a.mode for a in found)
        if len(mode_counts) > 1 or Mode.PHYSICAL not in mode_counts:
            parts.append(
                ", ".join(
                    f"{str(modes[mode]).lower()} {count}"
                    for mode, count in sorted(mode_counts.items(), key=lambda i: -i[1])
                )
            )
        teams = {a.team_id for a in found if a.team_id}
        if teams:
            parts.append(ngettext("for %(n)s team", "for %(n)s teams", len(teams)) % {"n": len(teams)})
        unmarked = sum(1 for a in found if a.status != Activity.Status.DONE)
        if unmarked:
            parts.append(
                ngettext("%(n)s planned, not marked as held", "%(n)s planned, not marked as held", unmarked)
                % {"n": unmarked}
            )
        rows.append(
            {
                "kind": kind,
                "label": label,
                "count": len(found),
                "count_text": str(len(found)),
                "comment": "; ".join(parts),
            }
        )
    total = sum(r["count"] or 0 for r in rows)
    return {"rows": rows, "total": total}


def _plan(activities: list[Activity]) -> list[dict]:
    """Vedlegg 2, the fremdriftsplan: «Når | Aktivitet | Målgruppe | Hovedansvar | Status»."""
    rows = []
    for a in activities:
        responsible = sorted((_person(u) for u in a.responsible.all()), key=norwegian_sort_key)
        if a.responsible_note:
            responsible.append(a.responsible_note)
        rows.append(
            {
                "date": _iso(a.starts_on),
                "when": activity_when(a),
                "title": a.title,
                "kind_label": str(a.get_kind_display()),
                "target_groups": a.target_groups,
                "responsible": ", ".join(responsible),
                "status": a.status,
                "status_label": str(a.get_status_display()),
            }
        )
    return rows


# --- Del 2 -----------------------------------------------------------------------------------------
def _user_group_text(members: list[TeamMembership], organisations: list[TeamOrganisation]) -> str:
    """Tabell 2's «Brukergruppen» in words: how many user representatives and peer workers, with
    the user organisations they come from («1 brukerrepresentant og 1 erfaringskonsulent (Mental
    Helse Trøndelag)»)."""
    voices = [m for m in members if m.role in USER_VOICE_ROLES]
    if not voices:
        return _("None")
    representatives = len({m.user_id for m in voices if m.role == TeamMembership.Role.USER_REPRESENTATIVE})
    peers = len({m.user_id for m in voices if m.role == TeamMembership.Role.PEER_WORKER})
    parts = []
    if representatives:
        parts.append(
            ngettext("%(n)s user representative", "%(n)s user representatives", representatives)
            % {"n": representatives}
        )
    if peers:
        parts.append(ngettext("%(n)s peer worker", "%(n)s peer workers", peers) % {"n": peers})
    names = {m.organisation.name for m in voices if m.organisation_id} | {
        to.organisation.name for to in organisations if to.organisation.kind == Organisation.Kind.USER_ORGANISATION
    }
    text = get_text_list(parts, _("and"))
    if names:
        text += f" ({', '.join(sorted(names, key=norwegian_sort_key))})"
    return text


def _dated(name: str, starts_on, ends_on, network: Network) -> str:
    if ends_on and ends_on < network.ends_on:
        return _("%(name)s (until %(date)s)") % {"name": name, "date": _date_text(ends_on)}
    if starts_on and starts_on > network.starts_on:
        return _("%(name)s (from %(date)s)") % {"name": name, "date": _date_text(starts_on)}
    return name


def _team_row(team: Team, network: Network) -> dict:
    """One team's row of Tabell 2: kommuneregion, municipalities (dated), health trust, user group,
    improvement area, with the texts the team gave."""
    spans = [to for to in team.all_organisations if _overlaps(to.starts_on, to.ends_on, network)]
    members = [m for m in team.all_memberships if _overlaps(m.starts_on, m.ends_on, network)]
    municipalities = [
        _dated(to.organisation.name, to.starts_on, to.ends_on, network)
        for to in sorted(spans, key=lambda to: norwegian_sort_key(to.organisation.name))
        if to.organisation.kind in MUNICIPAL_KINDS
    ]
    health_trust = [
        _dated(to.organisation.name, to.starts_on, to.ends_on, network)
        for to in sorted(spans, key=lambda to: norwegian_sort_key(to.organisation.name))
        if to.organisation.kind in HEALTH_TRUST_KINDS
    ]
    if not health_trust and any(m.role == TeamMembership.Role.HEALTH_TRUST for m in members):
        health_trust = [_("A member from the health trust")]
    return {
        "name": team.name,
        "regions": sorted((r.name for r in team.regions.all()), key=norwegian_sort_key),
        "municipalities": municipalities,
        "health_trust": ", ".join(health_trust) or _("None"),
        "has_health_trust": bool(health_trust),
        "user_group": _user_group_text(members, spans),
        "has_user_group": any(m.role in USER_VOICE_ROLES for m in members),
        "improvement_area": team.improvement_area,
        "status": team.status,
        "status_label": str(team.get_status_display()),
        "members": len({m.user_id for m in members}),
    }


def _self_evaluation(network: Network, teams: list[Team]) -> tuple[dict | None, dict[int, dict]]:
    """The self-evaluation package and each team's submitted answers, question by question under
    its task (drafts stay with the team)."""
    package = (
        Package.objects.filter(
            gathering__network=network, status=Package.Status.PUBLISHED, library_key__startswith=SELF_EVALUATION_PREFIX
        )
        .select_related("gathering")
        .order_by("-deadline", "-pk")
        .first()
    )
    if package is None:
        return None, {}
    tasks = list(
        Task.objects.filter(package=package)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("questions", queryset=PackageQuestion.objects.order_by("order", "pk")))
    )
    responses = {
        r.team_id: r
        for r in Response.objects.filter(package=package, team__in=teams).prefetch_related(
            Prefetch("answers", queryset=Answer.objects.prefetch_related("files"))
        )
    }
    by_team = {}
    for team in teams:
        response = responses.get(team.pk)
        status = package_selectors.response_status(
            status=response and response.status,
            submitted_at=response and response.submitted_at,
            deadline=package.deadline,
        )
        submitted = status in (package_selectors.SUBMITTED, package_selectors.LATE)
        answers = {a.question_id: a for a in response.answers.all()} if submitted else {}
        sections = []
        for task in tasks:
            items = []
            for question in task.questions.all():
                answer = answers.get(question.pk)
                files = list(answer.files.all()) if answer else []
                text = package_selectors.answer_as_text(question, answer.value, files) if answer else ""
                items.append({"question": question.text, "text": text, "answered": bool(text.strip())})
            sections.append({"title": task.title, "items": items})
        by_team[team.pk] = {
            "submitted": submitted,
            "status_label": str(package_selectors.STATUS_LABELS[status]),
            "submitted_text": _date_text(response.submitted_at) if submitted else "",
            "answered": sum(1 for s in sections for i in s["items"] if i["answered"]),
            "questions": sum(len(s["items"]) for s in sections),
            "sections": sections if submitted else [],
        }
    info = {
        "title": package.title,
        "gathering": package.gathering.title,
        "deadline_text": _date_text(package.deadline),
        "submitted": sum(1 for t in by_team.values() if t["submitted"]),
    }
    return info, by_team


def _final_survey(network: Network):
    """The network's own evaluation survey (not a gathering's): the newest that has left the draft
    stage, else the newest draft."""
    from surveys.models import Survey

    surveys = list(
        Survey.objects.filter(network=network, gathering__isnull=True)
        .prefetch_related("extensions")
        .order_by("-created_at")
    )
    return next((s for s in surveys if s.status != Survey.Status.DRAFT), surveys[0] if surveys else None)


def final_snapshot(*, network: Network, today: datetime.date) -> dict:
    """Sluttrapport for nettverket (see the module's docstring)."""
    network = (
        Network.objects.select_related("owner", "parent")
        .prefetch_related("partners", "phases", "extensions")
        .get(pk=network.pk)
    )
    numbering = Numbering()
    written = _written(network)
    teams = list(
        Team.objects.filter(network=network)
        .order_by("pk")  # the order the teams were registered in, which the seed's appendix keeps
        .prefetch_related(
            "regions",
            Prefetch(
                "team_organisations",
                queryset=TeamOrganisation.objects.select_related("organisation"),
                to_attr="all_organisations",
            ),
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.select_related("user", "organisation"),
                to_attr="all_memberships",
            ),
        )
    )

    # Del 1: intention, organisation and delivery.
    activities = list(
        Activity.objects.filter(network=network)
        .exclude(status=Activity.Status.CANCELLED)
        .prefetch_related("responsible")
        .order_by("starts_on", "start_time", "title")
    )
    meeting_counts = Counter(
        TeamMeeting.objects.filter(team__network=network, held_on__lte=today).values_list("team_id", flat=True)
    )
    table_1 = _table_1(
        [a for a in activities if a.kind not in NOT_COUNTED],
        meetings=sum(meeting_counts.values())
        + sum(1 for a in activities if a.kind in NOT_COUNTED and _held(a, today)),
        meeting_teams=len(meeting_counts),
        team_count=len(teams),
        today=today,
    )
    table_1["table"] = numbering.table(
        _("Activities per arena"),
        _("Table %(number)s shows the number of activities held in the different arenas during the network period."),
    )
    arenas = [row["label"] for row in table_1["rows"] if row["count"]]

    # Del 2: the teams' self-evaluations and Tabell 2.
    self_evaluation, evaluations = _self_evaluation(network, teams)
    actions = defaultdict(Counter)
    for team_id, status in Action.objects.filter(area__team__in=teams).values_list("area__team_id", "status"):
        actions[team_id][status] += 1
    action_labels = dict(ActionStatus.choices)
    team_rows = []
    for team in teams:
        row = _team_row(team, network)
        row["actions"] = [
            {"status": status, "label": str(action_labels.get(status, status)), "count": count}
            for status, count in sorted(actions[team.pk].items(), key=lambda i: list(action_labels).index(i[0]))
        ]
        row["meetings"] = meeting_counts.get(team.pk, 0)
        row["self_evaluation"] = evaluations.get(team.pk)
        team_rows.append(row)
    table_2 = numbering.table(
        _("The teams"),
        _(
            "Table %(number)s shows which regions took part in the network, which roles were represented in the "
            "improvement work, and the improvement area each team chose."
        ),
    )

    # The final survey: its figures and tables follow on in the report's numbering.
    survey = _final_survey(network)
    survey_data = survey_part(survey, numbering) if survey else None

    # The teams' measures with their run charts (submitted values only), a figure each.
    improvement = {
        t.team.pk: t.measures
        for t in improvement_selectors.network_improvement(teams=Team.objects.filter(pk__in=[t.pk for t in teams]))
    }
    measure_teams = []
    for team in teams:
        measures = []
        for series in improvement.get(team.pk, []):
            if not series.points:
                continue
            data = _measure_data(series, chart_id=f"final-measure-{series.measure.pk}")
            figure = numbering.figure(f"{team.name}: {data['title']}")
            data.update(figure)
            data["caption"] = pgettext(
                "final report", "Figure %(number)s shows %(measure)s for %(team)s. %(summary)s"
            ) % {
                "number": figure["number"],
                "measure": data["title"],
                "team": team.name,
                "summary": data["summary"],
            }
            measures.append(data)
        if measures:
            measure_teams.append({"name": team.name, "measures": measures})

    plan_table = numbering.table(
        _("Progress plan"),
        _("Table %(number)s shows the progress plan: every activity in the network's plan, with its status."),
    )

    snapshot = {
        **_header("final", _("Final report"), network.name),
        "generated_on": _iso(today),
        "generated_on_text": _date_text(today),
        "network": {
            **_network_info(network),
            "description": network.description,
            "partners": sorted((o.name for o in network.partners.all()), key=norwegian_sort_key),
            "parent": network.parent.name if network.parent_id else "",
        },
        "period": _period(network, today),
        "phases": [
            {"label": str(p.get_kind_display()), "text": _span_text(p.starts_on, p.ends_on)}
            for p in sorted(network.phases.all(), key=lambda p: p.starts_on)
        ],
        "written": written,
        "placeholders": sum(1 for w in written.values() if w["placeholder"]),
        "organisation": _organisation(network),
        "regions": _regions(network, teams),
        "team_count": len(teams),
        "arenas": arenas,
        "table_1": table_1,
        "self_evaluation": self_evaluation,
        "teams": team_rows,
        "table_2": table_2,
        "team_summary": {
            "health_trust": sum(1 for r in team_rows if r["has_health_trust"]),
            "user_group": sum(1 for r in team_rows if r["has_user_group"]),
        },
        "survey_part": survey_data,
        "measure_teams": measure_teams,
        "plan": _plan(activities),
        "plan_table": plan_table,
        "figures": numbering.figures,
        "tables": numbering.tables,
    }
    return _scrub(snapshot)
