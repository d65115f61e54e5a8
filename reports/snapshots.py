"""Data snapshots for the report kinds: plain JSON (str/int/float/bool/None/list/dict).

The job service takes a snapshot when a report is requested and stores it on the run; the task
only renders it, never queries again, so a re-run gives the same PDF. Call these inside
`translation.override(locale)`: labels and date texts are stored already translated, and dates
are also stored as ISO strings. Numbers are stored as numbers and formatted by the templates.

Privacy: people appear by name only. No e-mail address ever reaches a snapshot (a last pass
removes anything that looks like one, even from free text typed by a team), and the
pseudonymous user interviews carry no names by design.

Each function runs a constant number of queries, however many teams, members or answers.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from decimal import Decimal

from django.db.models import Max, Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.models import Organisation
from core.text import norwegian_sort_key
from gatherings.formatting import activity_when, gathering_dates
from gatherings.models import Activity, Registration
from improvement import charts as improvement_charts
from improvement import selectors as improvement_selectors
from improvement.models import Goal
from networks.models import Network
from packages import selectors as package_selectors
from packages.models import Answer, Package, Question, Response
from surveys import charts as survey_charts
from teams.models import MeetingTask, SupervisionOffer, Team, TeamMeeting, TeamMembership, TeamOrganisation

SCHEMA_VERSION = 1

# The template that renders each snapshot kind (context: snapshot, requested_by_name, generated_at).
# The one table of report templates: the job service looks its templates up here too.
TEMPLATES = {
    "network_status": "reports/pdf/network_status.html",
    "team_status": "reports/pdf/team_status.html",
    "package_compilation": "reports/pdf/package_compilation.html",
    "evaluation": "reports/pdf/evaluation.html",
    "final": "reports/pdf/final.html",
}

COMING_ACTIVITIES_SHOWN = 10
MEETING_GAP_DAYS = 60  # "no team meeting logged for two months"

MUNICIPAL_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.CITY_DISTRICT)
HEALTH_TRUST_KINDS = (Organisation.Kind.HEALTH_TRUST, Organisation.Kind.HEALTH_TRUST_UNIT)
USER_VOICE_ROLES = (TeamMembership.Role.USER_REPRESENTATIVE, TeamMembership.Role.PEER_WORKER)
# Teams that have left or ended get no attention flags: there is nothing to follow up.
QUIET_TEAM_STATUSES = (Team.Status.WITHDRAWN, Team.Status.ENDED)

FLAG_NO_USER_REPRESENTATIVE = "no_user_representative"
FLAG_PACKAGE_LATE = "package_late"
FLAG_PACKAGE_MISSING = "package_missing"
FLAG_NO_RECENT_MEETING = "no_recent_meeting"

# The network report's table of the teams' improvement work and composition, one column each.
CHECK_SIGNAL = "signal"
CHECK_NO_USER_REPRESENTATIVE = "no_user_representative"
CHECK_NO_HEALTH_TRUST_MEMBER = "no_health_trust_member"
CHECK_LATE_PACKAGES = "late_packages"
CHECKS = (CHECK_SIGNAL, CHECK_NO_USER_REPRESENTATIVE, CHECK_NO_HEALTH_TRUST_MEMBER, CHECK_LATE_PACKAGES)

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


# --- Small helpers ----------------------------------------------------------------------------------
def _iso(day: datetime.date | datetime.datetime | None) -> str | None:
    if day is None:
        return None
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.isoformat()


def _date_text(day: datetime.date | datetime.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return formats.date_format(day, "j. F Y")


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _span_text(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return f"{_date_text(start)} – {_date_text(end)}"
    if start:
        return _("from %(date)s") % {"date": _date_text(start)}
    if end:
        return _("until %(date)s") % {"date": _date_text(end)}
    return ""


def _person(user) -> str:
    """A person's name for a report: the name only, never the e-mail address (get_full_name's fallback)."""
    name = (user.full_name or "").strip() if user else ""
    return name or _("(name not given)")


def _number(value: Decimal | int | float | None) -> int | float | None:
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def _scrub(value):
    """Remove anything that looks like an e-mail address from every string in the snapshot."""
    if isinstance(value, str):
        return EMAIL_RE.sub(_("[e-mail address removed]"), value) if "@" in value else value
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def _header(kind: str, title: str, subtitle: str) -> dict:
    return {"kind": kind, "schema": SCHEMA_VERSION, "locale": get_language(), "title": title, "subtitle": subtitle}


def _period(network: Network, today: datetime.date | None = None) -> dict:
    period = {
        "start": _iso(network.starts_on),
        "end": _iso(network.ends_on),
        "text": _span_text(network.starts_on, network.ends_on),
        "extensions": [
            {
                "previous_end": _iso(ext.previous_end),
                "new_end": _iso(ext.new_end),
                "decided_on": _iso(ext.decided_on),
                "reason": ext.reason,
                "text": _("Extended from %(old)s to %(new)s (dated %(decided)s).")
                % {
                    "old": _date_text(ext.previous_end),
                    "new": _date_text(ext.new_end),
                    "decided": _date_text(ext.decided_on),
                },
            }
            for ext in network.extensions.all()
        ],
    }
    if today is not None:
        period["running"] = network.starts_on <= today <= network.ends_on
        period["finished"] = today > network.ends_on
    return period


def _phase(network: Network, today: datetime.date) -> dict | None:
    phase = network.current_phase(today)
    if phase is None:
        return None
    return {
        "kind": phase.kind,
        "label": str(phase.get_kind_display()),
        "start": _iso(phase.starts_on),
        "end": _iso(phase.ends_on),
        "text": _span_text(phase.starts_on, phase.ends_on),
    }


def _network_info(network: Network) -> dict:
    return {"name": network.name, "slug": network.slug, "owner": network.owner.name}


# --- Answers as data (team report and compilation) ------------------------------------------------
def answer_data(number: str, question: Question, answer: Answer | None) -> dict:
    """One question and its answer: readable text always (`packages.selectors.answer_as_text`), and
    the structure where a PDF shows more than text (table rows, interview entries, file names)."""
    value = answer.value if answer else None
    files = list(answer.files.all()) if answer else []
    text = package_selectors.answer_as_text(question, value, files) if answer else ""
    item = {
        "number": number,
        "question": question.text,
        "kind": question.kind,
        "answered": bool(text.strip()),
        "text": text,
    }
    if question.kind == Question.Kind.TABLE and isinstance(value, list) and value:
        columns = [str(c) for c in question.columns or []]
        width = len(columns) or max((len(row) for row in value if isinstance(row, list)), default=0)
        item["table"] = {
            "columns": columns,
            "rows": [
                ([str(cell) for cell in row] + [""] * width)[:width]
                for row in value
                if isinstance(row, list) and any(str(cell).strip() for cell in row)
            ],
        }
    elif question.kind == Question.Kind.INTERVIEW and isinstance(value, list) and value:
        item["interviews"] = [
            [{"label": label, "text": text} for label, text in package_selectors.interview_rows(entry)]
            for entry in value
            if isinstance(entry, dict)
        ]
    elif question.kind == Question.Kind.MULTIPLE_CHOICE and isinstance(value, list):
        item["choices"] = [str(v) for v in value]
    elif question.kind == Question.Kind.FILE:
        item["files"] = [package_selectors.file_name(f) for f in files]
    return item


def _answers_prefetch() -> Prefetch:
    return Prefetch("answers", queryset=Answer.objects.prefetch_related("files"))


# --- Network status -------------------------------------------------------------------------------
def _activity_is_done(activity: Activity, today: datetime.date) -> bool:
    return activity.ends_on < today or activity.status == Activity.Status.DONE


def _activity_section(network: Network, today: datetime.date) -> dict:
    activities = list(
        Activity.objects.filter(network=network)
        .exclude(status=Activity.Status.CANCELLED)
        .order_by("starts_on", "start_time", "title")
    )
    done: dict[str, int] = defaultdict(int)
    coming: dict[str, int] = defaultdict(int)
    upcoming = []
    for activity in activities:
        if _activity_is_done(activity, today):
            done[activity.kind] += 1
        else:
            coming[activity.kind] += 1
            upcoming.append(activity)
    labels = dict(Activity.Kind.choices)
    by_kind = [
        {
            "kind": kind,
            "label": str(Activity.COUNT_LABELS[kind]),
            "done": done[kind],
            "coming": coming[kind],
            "total": done[kind] + coming[kind],
        }
        for kind in Activity.Kind.values
    ]
    return {
        "by_kind": by_kind,
        "totals": {key: sum(row[key] for row in by_kind) for key in ("done", "coming", "total")},
        "coming": [
            {
                "date": _iso(a.starts_on),
                "date_text": activity_when(a),
                "title": a.title,
                "kind": a.kind,
                "kind_label": str(labels.get(a.kind, a.kind)),
            }
            for a in upcoming[:COMING_ACTIVITIES_SHOWN]
        ],
        "coming_count": len(upcoming),
    }


def _composition(team: Team) -> dict:
    organisations = [to.organisation for to in team.current_organisations]
    members = team.current_memberships
    municipal = any(o.kind in MUNICIPAL_KINDS for o in organisations) or any(
        m.organisation and m.organisation.kind == Organisation.Kind.MUNICIPALITY for m in members
    )
    if any(o.kind in HEALTH_TRUST_KINDS for o in organisations):
        health_trust_via = "organisation"
    elif any(m.role == TeamMembership.Role.HEALTH_TRUST for m in members):
        health_trust_via = "member"
    else:
        health_trust_via = None
    return {
        "municipal_services": municipal,
        "health_trust": health_trust_via is not None,
        "health_trust_via": health_trust_via,
        "user_representative": any(m.role in USER_VOICE_ROLES for m in members),
    }


def _team_checks(
    team: Team, *, measures: list[improvement_selectors.MeasureSeries], key_measures: set[int], late: list[Package]
) -> dict | None:
    """The network report's four checks of one team, each with a short text for its cell; None for
    a team that has left or ended. A key measure is one a goal of the team is measured by; a signal
    counts when it is in the measure's current phase (an earlier phase's signal has been acted on)."""
    if team.status in QUIET_TEAM_STATUSES:
        return None
    signalled = []
    for series in measures:
        if series.measure.pk not in key_measures:
            continue
        current = len(series.analysis.phases) - 1
        kinds = list(dict.fromkeys(s.kind for s in series.analysis.signals if s.phase == current))
        if kinds:
            labels = ", ".join(improvement_charts.signal_kind_label(k).lower() for k in kinds)
            signalled.append(f"{series.measure.title} ({labels})")
    members = team.current_memberships
    health_trust_members = [
        m
        for m in members
        if m.role == TeamMembership.Role.HEALTH_TRUST or (m.organisation and m.organisation.kind in HEALTH_TRUST_KINDS)
    ]
    health_trust_organisation = any(to.organisation.kind in HEALTH_TRUST_KINDS for to in team.current_organisations)
    if health_trust_members:
        health_trust_text = ""
    elif health_trust_organisation:
        health_trust_text = _("No member from the team's health trust")
    else:
        health_trust_text = _("The team has no health-trust organisation")
    return {
        CHECK_SIGNAL: {"flag": bool(signalled), "text": "; ".join(signalled)},
        CHECK_NO_USER_REPRESENTATIVE: {
            "flag": not any(m.role in USER_VOICE_ROLES for m in members),
            "text": "",
        },
        CHECK_NO_HEALTH_TRUST_MEMBER: {"flag": not health_trust_members, "text": health_trust_text},
        CHECK_LATE_PACKAGES: {"flag": bool(late), "text": "; ".join(p.title for p in late)},
    }


def network_status_snapshot(*, network: Network, today: datetime.date) -> dict:
    """Statusrapport for nettverket: period and phase, activities per arena type (Tabell 1 of the
    final report), one row per team, and what needs the owner's attention."""
    network = Network.objects.select_related("owner").prefetch_related("phases", "extensions").get(pk=network.pk)
    period = _period(network, today)
    matrix = package_selectors.package_matrix(network=network)
    cells_by_team = {row.team.pk: row.cells for row in matrix.rows}
    teams = sorted(
        Team.objects.filter(network=network).prefetch_related(
            "regions",
            Prefetch(
                "team_organisations",
                queryset=TeamOrganisation.objects.active_on(today).select_related("organisation"),
                to_attr="current_organisations",
            ),
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.active_on(today).select_related("user", "organisation"),
                to_attr="current_memberships",
            ),
        ),
        key=lambda t: norwegian_sort_key(t.name),
    )
    last_meetings = dict(
        TeamMeeting.objects.filter(team__network=network, held_on__lte=today)
        .values("team_id")
        .annotate(last=Max("held_on"))
        .values_list("team_id", "last")
    )
    # Meetings are only asked for while the network runs, and not in its first two months.
    check_meetings = period["running"] and today - datetime.timedelta(days=MEETING_GAP_DAYS) >= network.starts_on
    meeting_cutoff = today - datetime.timedelta(days=MEETING_GAP_DAYS)

    def deadline_passed(package: Package) -> bool:
        return _local_date(package.deadline) < today

    # The teams' measures with submitted values only, as the network's improvement page reads them.
    improvement = improvement_selectors.network_improvement(teams=Team.objects.filter(network=network))
    measures_by_team = {t.team.pk: t.measures for t in improvement}
    key_measures = set(
        Goal.measures.through.objects.filter(goal__area__team__network=network).values_list("measure_id", flat=True)
    )

    team_rows = []
    for team in teams:
        composition = _composition(team)
        cells = cells_by_team.get(team.pk, [])
        last_meeting = last_meetings.get(team.pk)
        response_activity = [_local_date(c.last_activity_at) for c in cells if c.last_activity_at]
        last_activity = max([d for d in [last_meeting, *response_activity] if d and d <= today], default=None)
        flags = []
        if team.status not in QUIET_TEAM_STATUSES:
            if not composition["user_representative"]:
                flags.append({"code": FLAG_NO_USER_REPRESENTATIVE, "text": _("No user representative")})
            for cell in cells:
                title = cell.package.title
                if cell.status == package_selectors.LATE:
                    flags.append(
                        {"code": FLAG_PACKAGE_LATE, "text": _("«%(package)s» submitted late") % {"package": title}}
                    )
                elif not cell.is_submitted and deadline_passed(cell.package):
                    flags.append(
                        {
                            "code": FLAG_PACKAGE_MISSING,
                            "text": _("«%(package)s» not submitted (deadline %(deadline)s)")
                            % {"package": title, "deadline": _date_text(cell.package.deadline)},
                        }
                    )
            if check_meetings and (last_meeting is None or last_meeting < meeting_cutoff):
                flags.append(
                    {
                        "code": FLAG_NO_RECENT_MEETING,
                        "text": _("No team meeting logged in the last %(days)s days") % {"days": MEETING_GAP_DAYS},
                    }
                )
        team_rows.append(
            {
                "name": team.name,
                "status": team.status,
                "status_label": str(team.get_status_display()),
                "regions": sorted((r.name for r in team.regions.all()), key=norwegian_sort_key),
                "municipalities": sorted(
                    {
                        to.organisation.name
                        for to in team.current_organisations
                        if to.organisation.kind in MUNICIPAL_KINDS
                    },
                    key=norwegian_sort_key,
                ),
                "coordinators": sorted(
                    {_person(m.user) for m in team.current_memberships if m.role == TeamMembership.Role.COORDINATOR},
                    key=norwegian_sort_key,
                ),
                "improvement_area": team.improvement_area,
                "composition": composition,
                "packages": [
                    {"title": c.package.title, "status": c.status, "label": c.label, "answered": c.answered}
                    for c in cells
                ],
                "last_meeting": _iso(last_meeting),
                "last_activity": _iso(last_activity),
                "last_activity_text": _date_text(last_activity),
                "flags": flags,
                "checks": _team_checks(
                    team,
                    measures=measures_by_team.get(team.pk, []),
                    key_measures=key_measures,
                    late=[c.package for c in cells if not c.is_submitted and deadline_passed(c.package)],
                ),
            }
        )

    flag_labels = {
        FLAG_NO_USER_REPRESENTATIVE: _("Teams without a user representative"),
        FLAG_PACKAGE_LATE: _("Packages submitted late"),
        FLAG_PACKAGE_MISSING: _("Packages missing after the deadline"),
        FLAG_NO_RECENT_MEETING: _("Teams without a team meeting logged in the last %(days)s days")
        % {"days": MEETING_GAP_DAYS},
    }
    flag_codes = [FLAG_NO_USER_REPRESENTATIVE, FLAG_PACKAGE_LATE, FLAG_PACKAGE_MISSING]
    if check_meetings:
        flag_codes.append(FLAG_NO_RECENT_MEETING)
    network_flags = []
    for code in flag_codes:
        hits = [(row["name"], flag) for row in team_rows for flag in row["flags"] if flag["code"] == code]
        network_flags.append(
            {
                "code": code,
                "label": str(flag_labels[code]),
                "count": len(hits),
                "teams": list(dict.fromkeys(name for name, _flag in hits)),
            }
        )

    snapshot = {
        **_header("network_status", _("Status report for the network"), network.name),
        "generated_on": _iso(today),
        "generated_on_text": _date_text(today),
        "network": _network_info(network),
        "period": period,
        "phase": _phase(network, today),
        "meetings_checked": check_meetings,
        "meeting_gap_days": MEETING_GAP_DAYS,
        "activities": _activity_section(network, today),
        "packages": [
            {
                "title": column.package.title,
                "gathering": column.package.gathering.title,
                "deadline": _iso(column.package.deadline),
                "deadline_text": _date_text(column.package.deadline),
                "deadline_passed": deadline_passed(column.package),
                "counts": [
                    {"status": status, "label": label, "count": count} for status, label, count in column.count_list()
                ],
                "submitted": column.counts.get(package_selectors.SUBMITTED, 0)
                + column.counts.get(package_selectors.LATE, 0),
            }
            for column in matrix.columns
        ],
        "status_labels": {status: str(label) for status, label in package_selectors.STATUS_LABELS.items()},
        "team_count": len(team_rows),
        "teams": team_rows,
        "flags": network_flags,
        "flag_count": sum(len(row["flags"]) for row in team_rows),
        "check_counts": {
            code: sum(1 for row in team_rows if row["checks"] and row["checks"][code]["flag"]) for code in CHECKS
        },
    }
    return _scrub(snapshot)


# --- The teams' improvement work --------------------------------------------------------------------
def _measure_data(series: improvement_selectors.MeasureSeries, chart_id: str | None = None) -> dict:
    """One measure with its run chart (the SVG of the improvement pages, as markup) and its
    signals in words, with the rule set they were found with."""
    measure = series.measure
    labels = [improvement_charts.period_label(p, measure.frequency) for p in series.periods]
    latest = series.latest
    return {
        "title": measure.title,
        "area": measure.area.title if measure.area else "",
        "definition": measure.definition,
        "kind_label": str(measure.get_kind_display()),
        "unit": measure.unit,
        "direction_label": str(measure.get_direction_display()) if measure.direction else "",
        "target": _number(measure.target),
        "source_label": str(measure.get_source_display()) if measure.source else "",
        "rule_set": measure.rule_set,
        "rule_set_label": improvement_charts.rule_set_label(series.analysis),
        "first_text": labels[0] if labels else "",
        "last_text": labels[-1] if labels else "",
        "values": sum(1 for p in series.points if p.value is not None),
        "latest": _number(latest.value) if latest else None,
        "latest_text": labels[series.points.index(latest)] if latest else "",
        "signals": [
            {
                "kind": signal.kind,
                "label": improvement_charts.signal_kind_label(signal.kind),
                "side": signal.side,
                "current": signal.phase == len(series.analysis.phases) - 1,
            }
            for signal in series.analysis.signals
        ],
        "summary": improvement_charts.signal_summary(series.analysis, labels),
        "pdsa_markers": [
            {"number": n, "title": cycle.title, "period_text": labels[index]}
            for n, (index, cycle) in enumerate(series.cycles, start=1)
        ],
        "chart": str(improvement_charts.chart_for(series, chart_id=chart_id or f"report-measure-{measure.pk}"))
        if series.points
        else "",
    }


def _improvement_section(team: Team) -> dict:
    """The team's improvement areas with their goals and tiltak, its measures with their run charts
    and signals, and its PDSA cycles. Submitted values only: a report leaves the team, drafts do not."""
    work = improvement_selectors.team_improvement(team=team, drafts=False)
    goal_texts = {g.pk: g.what for area in work.areas for g in area.goals.all()}
    areas = [
        {
            "title": area.title,
            "kind_label": str(area.get_kind_display()),
            "background": area.background,
            "goals": [
                {
                    "what": goal.what,
                    "how_much": goal.how_much,
                    "by_when": _iso(goal.by_when),
                    "by_when_text": _date_text(goal.by_when),
                    "measures": [m.title for m in goal.measures.all()],
                }
                for goal in area.goals.all()
            ],
            "actions": [
                {
                    "title": action.title,
                    "goal": goal_texts.get(action.goal_id, ""),
                    "responsible": action.responsible,
                    "due": _iso(action.due),
                    "due_text": _date_text(action.due),
                    "status": action.status,
                    "status_label": str(action.get_status_display()),
                }
                for action in area.actions.all()
            ],
        }
        for area in work.areas
    ]
    cycles = [
        {
            "title": cycle.title,
            "measure": cycle.measure.title if cycle.measure else "",
            "action": cycle.action.title if cycle.action else "",
            "stage_label": str(cycle.get_stage_display()),
            "decision_label": str(cycle.get_decision_display()) if cycle.decision else "",
            "starts": _iso(cycle.starts_on),
            "ends": _iso(cycle.ends_on),
            "dates_text": _span_text(cycle.starts_on, cycle.ends_on),
            "plan": cycle.plan,
            "prediction": cycle.prediction,
            "do": cycle.do,
            "study": cycle.study,
            "act": cycle.act,
        }
        for cycle in sorted(work.cycles, key=lambda c: (c.starts_on, c.pk))
    ]
    return {
        "areas": areas,
        "measures": [_measure_data(series) for series in work.measures],
        "cycles": cycles,
    }


# --- Team status ----------------------------------------------------------------------------------
def team_status_snapshot(*, team: Team, today: datetime.date) -> dict:
    """Statusrapport for et forbedringsteam, for the team's leadership line (e.g. FSU)."""
    team = (
        Team.objects.select_related("network__owner")
        .prefetch_related("regions", "network__phases", "network__extensions")
        .get(pk=team.pk)
    )
    network = team.network
    role_order = {value: i for i, (value, _label) in enumerate(TeamMembership.Role.choices)}
    memberships = sorted(
        TeamMembership.objects.filter(team=team).select_related("user", "organisation"),
        key=lambda m: (
            role_order.get(m.role, 99),
            norwegian_sort_key(_person(m.user)),
            m.starts_on or datetime.date.min,
        ),
    )
    organisations = sorted(
        TeamOrganisation.objects.filter(team=team).select_related("organisation"),
        key=lambda to: (not to.is_active_on(today), norwegian_sort_key(to.organisation.name)),
    )

    # Packages: every published package of the network with the team's status; the answers of
    # the submitted ones (drafts stay with the team).
    packages = list(package_selectors.published_packages(network=network).select_related("gathering"))
    responses = {
        r.package_id: r
        for r in Response.objects.filter(team=team, package__in=packages).prefetch_related(_answers_prefetch())
    }
    structures = _package_structures(packages)
    package_rows = []
    for package in packages:
        response = responses.get(package.pk)
        status = package_selectors.response_status(
            status=response and response.status,
            submitted_at=response and response.submitted_at,
            deadline=package.deadline,
        )
        submitted = status in (package_selectors.SUBMITTED, package_selectors.LATE)
        answers = {a.question_id: a for a in response.answers.all()} if response and submitted else {}
        package_rows.append(
            {
                "title": package.title,
                "gathering": package.gathering.title,
                "deadline": _iso(package.deadline),
                "deadline_text": _date_text(package.deadline),
                "status": status,
                "status_label": str(package_selectors.STATUS_LABELS[status]),
                "submitted": submitted,
                "submitted_on": _iso(response.submitted_at) if submitted else None,
                "submitted_text": _date_text(response.submitted_at) if submitted else "",
                "late": status == package_selectors.LATE,
                "answers": [
                    answer_data(number, question, answers.get(question.pk))
                    for number, question in structures[package.pk]
                ]
                if submitted
                else [],
            }
        )

    # Activities attended: registrations marked attended, for this team or by its members.
    member_ids = {m.user_id for m in memberships}
    attended = (
        Registration.objects.filter(activity__network=network, attended=True)
        .filter(Q(team=team) | Q(team__isnull=True, user_id__in=member_ids))
        .select_related("activity")
        .order_by("activity__starts_on", "activity__title")
    )
    activity_rows: dict[int, dict] = {}
    labels = dict(Activity.Kind.choices)
    for registration in attended:
        a = registration.activity
        row = activity_rows.setdefault(
            a.pk,
            {
                "date": _iso(a.starts_on),
                "date_text": gathering_dates(a),
                "title": a.title,
                "kind": a.kind,
                "kind_label": str(labels.get(a.kind, a.kind)),
                "attendees": 0,
            },
        )
        row["attendees"] += 1

    meetings = list(
        TeamMeeting.objects.filter(team=team)
        .prefetch_related(Prefetch("tasks", queryset=MeetingTask.objects.order_by("pk")))
        .order_by("-held_on", "-pk")
    )
    offers = list(SupervisionOffer.objects.filter(team=team).prefetch_related("sessions").order_by("created_at", "pk"))
    used_sessions = sorted(
        (s for offer in offers for s in offer.sessions.all() if s.used), key=lambda s: (s.held_on, s.pk)
    )

    current_members = [m for m in memberships if m.is_active_on(today)]
    snapshot = {
        **_header(
            "team_status",
            _("Status report for the improvement team %(team)s") % {"team": team.name},
            network.name,
        ),
        "generated_on": _iso(today),
        "generated_on_text": _date_text(today),
        "network": _network_info(network),
        "period": _period(network, today),
        "phase": _phase(network, today),
        "team": {
            "name": team.name,
            "status": team.status,
            "status_label": str(team.get_status_display()),
            "improvement_area": team.improvement_area,
            "regions": sorted((r.name for r in team.regions.all()), key=norwegian_sort_key),
        },
        "members": [
            {
                "name": _person(m.user),
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "organisation": m.organisation.name if m.organisation else "",
                "from": _iso(m.starts_on),
                "to": _iso(m.ends_on),
                "from_text": _date_text(m.starts_on),
                "to_text": _date_text(m.ends_on),
                "current": m.is_active_on(today),
            }
            for m in memberships
        ],
        "member_count": len({m.user_id for m in current_members}),
        "organisations": [
            {
                "name": to.organisation.name,
                "kind": to.organisation.kind,
                "kind_label": str(to.organisation.get_kind_display()),
                "from": _iso(to.starts_on),
                "to": _iso(to.ends_on),
                "from_text": _date_text(to.starts_on),
                "to_text": _date_text(to.ends_on),
                "current": to.is_active_on(today),
            }
            for to in organisations
        ],
        "packages": package_rows,
        "activities": list(activity_rows.values()),
        "meetings": [
            {
                "date": _iso(m.held_on),
                "date_text": _date_text(m.held_on),
                "title": m.title,
                "tasks": len(m.tasks.all()),
                "open_tasks": len(m.open_tasks),
            }
            for m in meetings
        ],
        "supervision": {
            "sessions_offered": sum(o.sessions_offered for o in offers),
            "hours_offered": _number(sum((o.hours_per_session * o.sessions_offered for o in offers), Decimal(0))),
            "sessions_used": len(used_sessions),
            "hours_used": _number(sum((s.hours for s in used_sessions), Decimal(0))),
            "sessions": [
                {"date": _iso(s.held_on), "date_text": _date_text(s.held_on), "hours": _number(s.hours)}
                for s in used_sessions
            ],
        },
        "improvement": _improvement_section(team),
    }
    return _scrub(snapshot)


def _package_structures(packages: list[Package]) -> dict[int, list[tuple[str, Question]]]:
    """Numbered questions ("2.3", question) of several packages in two queries."""
    from packages.models import Task

    tasks = defaultdict(list)
    for task in (
        Task.objects.filter(package__in=packages)
        .order_by("package_id", "order", "pk")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "pk")))
    ):
        tasks[task.package_id].append(task)
    return {p.pk: package_selectors.numbered_questions(tasks[p.pk]) for p in packages}


# --- The day-1 compilation ------------------------------------------------------------------------
def package_compilation_snapshot(*, package: Package) -> dict:
    """«Notater fra nettverkene»: every submitted response, teams in Norwegian order, as data.
    The same content as `packages.selectors.compilation` (drafts are never part of it)."""
    package = Package.objects.select_related("gathering__network__owner").get(pk=package.pk)
    network = package.gathering.network
    compilation = package_selectors.compilation(package=package)
    numbers = dict((q.pk, n) for n, q in package_selectors.numbered_questions(compilation.tasks))
    snapshot = {
        **_header(
            "package_compilation",
            _("Notes from the networks – %(title)s") % {"title": package.title},
            network.name,
        ),
        "network": _network_info(network),
        "period": _period(network),
        "package": {
            "title": package.title,
            "introduction": package.introduction,
            "gathering": package.gathering.title,
            "gathering_dates": gathering_dates(package.gathering),
            "deadline": _iso(package.deadline),
            "deadline_text": _date_text(package.deadline),
        },
        "tasks": [
            {"number": str(i), "title": task.title, "questions": len(task.questions.all())}
            for i, task in enumerate(compilation.tasks, start=1)
        ],
        "team_count": compilation.team_count,
        "submitted_count": len(compilation.teams),
        "teams": [
            {
                "name": section.team.name,
                "submitted_on": _iso(section.response.submitted_at),
                "submitted_text": _date_text(section.response.submitted_at),
                "late": section.is_late,
                "tasks": [
                    {
                        "number": str(i),
                        "title": block.task.title,
                        "items": [answer_data(numbers[q.pk], q, a) for _n, q, a in block.items],
                    }
                    for i, block in enumerate(section.tasks, start=1)
                ],
            }
            for section in compilation.teams
        ],
    }
    return _scrub(snapshot)


# --- A gathering's evaluation ---------------------------------------------------------------------
def _code_data(result) -> dict:
    """One question code's figures as numbers: enough to draw its distribution chart again from
    the snapshot (`reports_tags.reports_distribution_chart`) and to print its numbers."""
    return {
        "code": result.code,
        "text": result.text,
        "kind": result.kind,
        "n": result.answered,
        "N": result.respondents,
        "scored": result.scored,
        "dont_know": result.dont_know,
        "mean": None if result.mean is None else float(result.mean),
        "mean_text": "" if result.mean is None else survey_charts.decimal_text(result.mean, 2),
        "summary": survey_charts.mean_text(result),
        "bars": [{"label": str(b.label), "value": b.value, "count": b.count} for b in result.bars],
    }


def _speaker_name(speaker) -> str:
    name = _person(speaker.user) if speaker.user_id else speaker.name
    return f"{name} ({speaker.organisation})" if speaker.organisation else name


def _evaluation_program(gathering) -> list[dict]:
    """The gathering's program, read as the program PDF reads it (`gatherings.selectors.program_for`)."""
    from gatherings.selectors import program_for

    return [
        {
            "date": _iso(day.day),
            "date_text": formats.date_format(day.day, "l j. F Y"),
            "sessions": [
                {
                    "time": f"{s.start_time:%H:%M}–{s.end_time:%H:%M}",
                    "title": s.title,
                    "kind_label": str(s.get_kind_display()),
                    "speakers": [_speaker_name(sp) for sp in s.speakers.all()],
                    "room": s.room,
                }
                for s in day.sessions
            ],
        }
        for day in program_for(gathering=gathering)["days"]
    ]


class Numbering:
    """Figures and tables numbered in the order a report shows them, so the contents can list
    them and every caption can say «Figur N viser …». One per report."""

    def __init__(self):
        self.figures: list[dict] = []
        self.tables: list[dict] = []

    def figure(self, title: str) -> dict:
        number = len(self.figures) + 1
        figure = {"number": number, "id": f"figure-{number}", "title": title}
        self.figures.append(figure)
        return dict(figure)

    def table(self, title: str, caption: str | None = None) -> dict:
        """A table's number; its caption is «Tabell N: title» unless the report words it itself
        (`caption` with %(number)s, e.g. «Tabell %(number)s viser …»)."""
        table = {"number": len(self.tables) + 1, "id": f"table-{len(self.tables) + 1}", "title": title}
        table["caption"] = (caption or _("Table %(number)s: %(title)s")) % table
        self.tables.append(table)
        return table


def survey_part(survey, numbering: Numbering) -> dict:
    """A survey's results as a report shows them: the response rate, every question's
    distribution as a numbered figure whose caption carries its numbers, the means by each
    background question (a group of fewer than five is never shown), and the quotes the project
    group picked. Shared by a gathering's evaluation report and the network's final report."""
    from surveys import results as survey_results
    from surveys.models import Question as SurveyQuestion
    from surveys.models import Quote
    from surveys.services import questions_of

    questions = questions_of(survey)
    rows = survey_results.submitted_answers(survey)
    ids = [i for i, _a in rows]
    answers = [a for _i, a in rows]
    rate = survey_results.response_rate(survey, len(answers))
    quotes = list(Quote.objects.filter(survey=survey).order_by("code", "order", "pk"))

    # Results, survey section by survey section.
    sections: list[dict] = []
    for question in questions:
        if not sections or sections[-1]["title"] != question.section.title:
            sections.append({"title": question.section.title, "items": []})
        if question.kind == SurveyQuestion.Kind.MATRIX:  # its statements' figures follow under it
            sections[-1]["items"].append({"matrix": True, "code": question.code, "question": question.text})
        for result in survey_results.question_results(question, answers, ids):
            if result.kind == SurveyQuestion.Kind.TEXT:
                picked = sum(1 for q in quotes if q.code == result.code)
                sections[-1]["items"].append(
                    {
                        "text": True,
                        "code": result.code,
                        "question": result.text,
                        "answers": len(result.texts),
                        "note": ngettext(
                            "%(answers)s free-text answer; %(picked)s picked as quotes.",
                            "%(answers)s free-text answers; %(picked)s picked as quotes.",
                            len(result.texts),
                        )
                        % {"answers": len(result.texts), "picked": picked},
                    }
                )
                continue
            data = _code_data(result)
            figure = numbering.figure(f"{result.code} {result.text}")
            caption = _("Figure %(number)s shows the answers to %(code)s «%(text)s». %(summary)s") % {
                "number": figure["number"],
                "code": result.code,
                "text": result.text.strip().rstrip("."),  # «… godt organisert». – not «….».
                "summary": data["summary"],
            }
            sections[-1]["items"].append({"figure": {**data, **figure, "caption": caption}})

    # Means by each background question; a group under five is left out entirely.
    breakdowns = []
    for by in survey_results.background_questions(questions):
        found = survey_results.breakdown(by, questions, answers)
        shown = [g for g in found.groups if g.results is not None]
        hidden_groups = len(found.groups) - len(shown)
        scaled = (SurveyQuestion.Kind.SCALE, SurveyQuestion.Kind.MATRIX)
        codes = [r for r in shown[0].results if r.kind in scaled] if shown else []
        table_rows = []
        for r in codes:
            cells = []
            for g in shown:
                got = next(x for x in g.results if x.code == r.code)
                # Fewer than five in the group answered this question: their mean could point at
                # a person, so it is not shown either (nor is how few they are).
                hidden = got.scored < survey_results.MIN_GROUP
                cells.append(
                    {
                        "hidden": hidden,
                        "mean": None if hidden or got.mean is None else float(got.mean),
                        "mean_text": "–" if hidden else survey_charts.decimal_text(got.mean, 2),
                        "n": None if hidden else got.scored,
                    }
                )
            table_rows.append({"code": r.code, "text": r.text, "cells": cells})
        table = (
            numbering.table(_("Means by %(code)s «%(text)s»") % {"code": by.code, "text": by.text})
            if table_rows
            else None
        )
        breakdowns.append(
            {
                "code": by.code,
                "question": by.text,
                "table": table,
                "groups": [{"label": g.label, "N": g.respondents} for g in shown],
                "rows": table_rows,
                "hidden_groups": hidden_groups,
                "note": ngettext(
                    "%(groups)s answer group with fewer than %(min)s respondents is left out, so nobody can be "
                    "recognised.",
                    "%(groups)s answer groups with fewer than %(min)s respondents are left out, so nobody can be "
                    "recognised.",
                    hidden_groups,
                )
                % {"groups": hidden_groups, "min": survey_results.MIN_GROUP}
                if hidden_groups
                else "",
            }
        )

    # The picked quotes, by question, in the order of the questions.
    quote_groups = []
    for question in questions:
        if question.kind != SurveyQuestion.Kind.TEXT:
            continue
        picked = [q.text for q in quotes if q.code == question.code]
        if picked:
            quote_groups.append({"code": question.code, "question": question.text, "quotes": picked})

    extensions = list(survey.extensions.all())
    return {
        "survey": {
            "title": survey.title,
            "status_label": str(survey.get_status_display()),
            "anonymous": survey.anonymous,
            "opens_text": _date_text(survey.opens_at),
            "closes_text": _date_text(survey.closes_at),
            "invited": rate.invited,
            "responses": rate.responses,
            "share": None if rate.share is None else float(rate.share),
            "rate_text": survey_charts.rate_text(rate),
            "extensions": [
                {
                    "previous_text": _date_text(e.previous_closes_at),
                    "new_text": _date_text(e.closes_at),
                    "reason": e.reason,
                }
                for e in sorted(extensions, key=lambda e: (e.closes_at, e.pk))
            ],
        },
        "min_group": survey_results.MIN_GROUP,
        "sections": sections,
        "breakdowns": breakdowns,
        "quotes": quote_groups,
        "quote_count": len(quotes),
    }


def evaluation_snapshot(*, survey) -> dict:
    """Evalueringsrapport for en samling: the survey's results (`survey_part`) and the
    gathering's program as an appendix. Figures and tables are numbered here, in the order the
    report shows them, so the contents can list them and every caption says «Figur N viser …»."""
    from surveys.models import Survey

    survey = (
        Survey.objects.select_related("network__owner", "gathering")
        .prefetch_related("network__extensions", "extensions")
        .get(pk=survey.pk)
    )
    network, gathering = survey.network, survey.gathering
    numbering = Numbering()
    part = survey_part(survey, numbering)

    program = _evaluation_program(gathering) if gathering else []
    for day_number, day in enumerate(program, start=1):
        day["table"] = numbering.table(
            _("Program, day %(day)s: %(date)s") % {"day": day_number, "date": day["date_text"]}
        )

    title = _("Evaluation report: %(gathering)s") % {"gathering": gathering.title} if gathering else survey.title
    snapshot = {
        **_header("evaluation", title, network.name),
        "network": _network_info(network),
        "period": _period(network),
        "gathering": {
            "number": gathering.number,
            "title": gathering.title,
            "dates_text": gathering_dates(gathering),
            "mode_label": str(gathering.get_mode_display()),
            "venue": gathering.venue,
        }
        if gathering
        else None,
        **part,
        "program": program,
        "figures": numbering.figures,
        "tables": numbering.tables,
    }
    return _scrub(snapshot)
