"""Reads for the activity plan and gathering programs, each a constant number of queries whatever
the number of teams."""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.fragments import stamp
from core.models import AuditLogEntry
from gatherings.models import Activity, Gathering, Registration, SessionSpeaker
from networks.models import Network
from teams.models import Team


def gathering_program_for(*, network: Network, pk: int, keys: frozenset[str]) -> Gathering:
    """The gathering whose program this person may read: a program is public to the network once
    published; before that only its makers (network:manage) see it. Others get 404."""
    from teams.permissions import NETWORK_MANAGE

    gathering = get_object_or_404(Gathering.objects.select_related("network"), network=network, pk=pk)
    if not (gathering.is_published or NETWORK_MANAGE in keys):
        raise Http404
    return gathering


def gatherings_of(*, network: Network) -> QuerySet[Gathering]:
    return Gathering.objects.filter(network=network)


def gatherings_upcoming(*, network: Network) -> QuerySet[Gathering]:
    return gatherings_of(network=network).filter(ends_on__gte=timezone.localdate())


# --- Activity plan ------------------------------------------------------------------------------


def activities_visible(*, network: Network, user, keys: frozenset[str], team_ids: frozenset[int]):
    """The network's activities this person may see: all network-wide ones, and team-only ones
    for their own teams (everything for those who read across teams)."""
    from teams.permissions import TEAMS_VIEW_ALL

    qs = (
        Activity.objects.filter(network=network)
        .select_related("network", "team", "gathering")
        .prefetch_related("responsible")
        .order_by("starts_on", "start_time", "title")
    )
    if TEAMS_VIEW_ALL not in keys:
        from django.db.models import Q

        # A team's own activity is shown to the teams it invites, too.
        invited = Activity.objects.filter(invited_teams__in=team_ids).values("pk")
        qs = qs.filter(Q(team__isnull=True) | Q(team_id__in=team_ids) | Q(pk__in=invited))
    return qs


@dataclass
class Month:
    first: _dt.date  # the first day of the month
    activities: list = field(default_factory=list)
    open: bool = False  # shown unfolded: this month and later ones (or the last, for a plan that has ended)
    count: int = 0  # activities in the month (for a folded month, whose activities are not read)

    @property
    def following(self) -> _dt.date:
        return (self.first + _dt.timedelta(days=32)).replace(day=1)


def _open_months(result: list[Month], today: _dt.date) -> None:
    this_month = today.replace(day=1)
    for month in result:
        month.open = month.first >= this_month
    if result and not any(m.open for m in result):
        result[-1].open = True  # a plan that has ended opens at its last month


def activity_plan_by_month(activities, *, today: _dt.date) -> list[Month]:
    """The activity plan month by month, opened at today: past months come folded."""
    months: dict[_dt.date, Month] = {}
    for activity in activities:
        first = activity.starts_on.replace(day=1)
        months.setdefault(first, Month(first)).activities.append(activity)
    result = list(months.values())
    for month in result:
        month.count = len(month.activities)
    _open_months(result, today)
    return result


def activity_plan_months(activities: QuerySet, *, today: _dt.date, also_open: _dt.date | None = None) -> list[Month]:
    """The activity plan month by month, opened as `activity_plan_by_month` (and `also_open`, a
    month someone opened): only the open months' activities are read; a folded month has its count.
    Two queries whatever the size of the plan."""
    rows = (
        activities.order_by()
        .annotate(month=TruncMonth("starts_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    result = [Month(first=row["month"], count=row["n"]) for row in rows]
    _open_months(result, today)
    for month in result:
        month.open = month.open or month.first == also_open
    opened = [m for m in result if m.open]
    if opened:
        within = Q()
        for month in opened:
            within |= Q(starts_on__gte=month.first, starts_on__lt=month.following)
        by_first = {m.first: m for m in opened}
        for activity in activities.filter(within):
            by_first[activity.starts_on.replace(day=1)].activities.append(activity)
    return result


def activity_plan_stamp(*, network: Network) -> str:
    """What the activity plan is made of, as one stamp (core.fragments): the network's activities
    (gatherings among them), the people responsible for them and their names, the invited teams,
    and the teams' names. One query."""
    activities = Activity.objects.filter(network=network)
    responsible = Activity.responsible.through.objects.filter(activity__network=network)
    invited = Activity.invited_teams.through.objects.filter(activity__network=network)
    return stamp(
        activities,
        (responsible, "user__updated_at"),
        (invited, "team__updated_at"),
        Team.objects.filter(network=network),
    )


def activity_counts_by_kind(activities) -> list[tuple[str, int]]:
    """Tabell 1 of the final report: the number of activities per arena type (cancelled ones
    are not counted). From a queryset, only the two columns are read."""
    if isinstance(activities, QuerySet):
        pairs = activities.order_by().values_list("kind", "status")
    else:
        pairs = ((a.kind, a.status) for a in activities)
    counts = Counter(kind for kind, status in pairs if status != Activity.Status.CANCELLED)
    return [(Activity.COUNT_LABELS[value], counts.get(value, 0)) for value in Activity.Kind.values]


def activity_month(activities, year: int, month: int) -> list[list[tuple[_dt.date, list]]]:
    """Weeks of (day, activities that day) for a month grid, Monday first."""
    by_day = defaultdict(list)
    for activity in activities:
        day = activity.starts_on
        while day <= activity.ends_on:
            by_day[day].append(activity)
            day += _dt.timedelta(days=1)
    cal = _calendar.Calendar(firstweekday=0)
    return [[(day, by_day.get(day, [])) for day in week] for week in cal.monthdatescalendar(year, month)]


# --- Programs -----------------------------------------------------------------------------------
@dataclass
class ProgramDay:
    day: _dt.date
    sessions: list
    rooms: list[str]


def program_for(*, gathering: Gathering) -> dict:
    sessions = list(
        gathering.sessions.select_related("team")
        .prefetch_related(
            Prefetch("speakers", queryset=SessionSpeaker.objects.select_related("user")),
            "materials",
        )
        .order_by("day", "start_time", "room", "pk")
    )
    days = []
    for day in gathering.days:
        todays = [s for s in sessions if s.day == day]
        rooms = sorted({s.room for s in todays if s.room})
        days.append(ProgramDay(day=day, sessions=todays, rooms=rooms))
    return {"days": days, "warnings": program_warnings(sessions), "session_count": len(sessions)}


def program_unpublished_changes(*, gathering: Gathering) -> int:
    """How many sessions were added, changed or deleted since the program was last published
    (0 for a draft program: all of it is unpublished, which the page says otherwise)."""
    if not gathering.is_published:
        return 0
    changed = gathering.sessions.filter(changed_after_publishing=True).count()
    deleted = AuditLogEntry.objects.filter(
        content_type__app_label="gatherings",
        content_type__model="gathering",
        object_id=gathering.pk,
        action="networks.gathering.session_deleted",
        created_at__gt=gathering.program_published_at,
    ).count()
    return changed + deleted


def _overlaps(a, b) -> bool:
    return a.day == b.day and a.start_time < b.end_time and b.start_time < a.end_time


def program_warnings(sessions) -> dict[int, list[str]]:
    """Overlapping sessions in the same room, and a speaker in two places at once.

    Sessions in different rooms may run side by side (that is what parallel sessions are); the
    plenary room is the empty room name.
    """
    warnings: dict[int, list[str]] = defaultdict(list)
    sessions = list(sessions)
    for i, a in enumerate(sessions):
        for b in sessions[i + 1 :]:
            if not _overlaps(a, b):
                continue
            if a.room == b.room:
                room = a.room or _("the plenary room")
                warnings[a.pk].append(_("Overlaps «%(other)s» in %(room)s.") % {"other": b.title, "room": room})
                warnings[b.pk].append(_("Overlaps «%(other)s» in %(room)s.") % {"other": a.title, "room": room})
            a_keys = {sp.key: sp.display_name for sp in a.speakers.all()}
            for sp in b.speakers.all():
                if sp.key in a_keys:
                    msg = _("%(speaker)s is also speaking in «%(other)s» at the same time.")
                    name = a_keys[sp.key]
                    warnings[a.pk].append(msg % {"speaker": name, "other": b.title})
                    warnings[b.pk].append(msg % {"speaker": name, "other": a.title})
    return dict(warnings)


def registrations_summary(*, activity: Activity) -> dict:
    regs = list(
        activity.registrations.filter(status=Registration.Status.REGISTERED)
        .select_related("user", "team", "organisation")
        .order_by("team__name", "user__full_name")
    )
    by_team = Counter(r.team.name if r.team else "" for r in regs)
    by_org = Counter(r.organisation.name if r.organisation else "" for r in regs)
    return {
        "registrations": regs,
        "by_team": sorted(by_team.items()),
        "by_organisation": sorted(by_org.items()),
        "attended": sum(1 for r in regs if r.attended),
    }
