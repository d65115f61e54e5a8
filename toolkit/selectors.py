"""Reads of the toolkit. The sums and counts behind every average are computed in the database
(one grouped query for all of a team's conversations), so a page costs the same few queries for 5
people or 500."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from teams.models import Team
from toolkit import scoring
from toolkit.models import Checklist, ChecklistAnswer, Conversation, LifeArea, PlanItem, Score, ServiceUser


def conversation_averages(*, service_user: ServiceUser) -> dict[int, Decimal]:
    """{conversation number: average} for one person."""
    rows = (
        Score.objects.filter(conversation__service_user=service_user)
        .values("conversation__number")
        .annotate(total=Sum("score"), n=Count("id"))
    )
    return {r["conversation__number"]: Decimal(r["total"]) / r["n"] for r in rows}


@dataclass
class PersonFigures:
    service_user: ServiceUser
    conversations: list[tuple[int, datetime.date, Decimal]] = field(default_factory=list)  # (number, date, avg)
    fidelity: Decimal | None = None  # programoppfyllelse of the latest checklist, in %
    checklist_on: datetime.date | None = None

    def average(self, number: int) -> Decimal | None:
        return next((a for n, _d, a in self.conversations if n == number), None)

    @property
    def first_average(self) -> Decimal | None:
        return self.average(1)

    @property
    def second_average(self) -> Decimal | None:
        return self.average(2)

    @property
    def latest_average(self) -> Decimal | None:
        return self.conversations[-1][2] if self.conversations else None

    @property
    def benefit(self) -> Decimal | None:
        """Opplevd nytte: average(2) − average(1)."""
        return scoring.benefit(self.first_average, self.second_average)

    @property
    def benefit_latest(self) -> Decimal | None:
        """Latest average − first average (from the 2nd conversation on)."""
        if len(self.conversations) < 2:
            return None
        return scoring.benefit(self.conversations[0][2], self.conversations[-1][2])

    def date_of(self, number: int) -> datetime.date | None:
        return next((d for n, d, _a in self.conversations if n == number), None)


def people_figures(*, service_users: QuerySet[ServiceUser]) -> list[PersonFigures]:
    """Every person's conversation averages and latest checklist, in three queries."""
    people = {p.pk: PersonFigures(service_user=p) for p in service_users.order_by("code")}
    rows = (
        Score.objects.filter(conversation__service_user_id__in=people.keys())
        .values("conversation__service_user_id", "conversation__number", "conversation__held_on")
        .annotate(total=Sum("score"), n=Count("id"))
        .order_by("conversation__service_user_id", "conversation__number")
    )
    for r in rows:
        people[r["conversation__service_user_id"]].conversations.append(
            (r["conversation__number"], r["conversation__held_on"], Decimal(r["total"]) / r["n"])
        )
    latest = (
        Checklist.objects.filter(service_user_id__in=people.keys())
        .order_by("service_user_id", "-filled_on", "-pk")
        .values("service_user_id", "points", "filled_on")
    )
    for c in latest:
        person = people[c["service_user_id"]]
        if person.checklist_on is None:
            person.fidelity = scoring.fidelity_percent(c["points"])
            person.checklist_on = c["filled_on"]
    return list(people.values())


@dataclass
class Month:
    month: datetime.date  # the first day
    people: int  # with a 1st and a 2nd conversation, the 2nd in this month
    first_average: Decimal | None
    second_average: Decimal | None
    benefit: Decimal | None
    improved_share: Decimal | None  # of those people, the share whose benefit is above 0, in %
    checklists: int
    fidelity: Decimal | None  # mean programoppfyllelse of checklists filled in this month, in %


def _mean(values: list[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def team_months(*, people: list[PersonFigures], checklists: list[tuple[datetime.date, int]]) -> list[Month]:
    """The team's measures per month. A person counts in the month of their 2nd conversation (when
    the before–after pair is complete); a checklist in the month it was filled in."""
    pairs: dict[datetime.date, list[PersonFigures]] = defaultdict(list)
    for person in people:
        second = person.date_of(2)
        if second is not None and person.first_average is not None:
            pairs[second.replace(day=1)].append(person)
    points: dict[datetime.date, list[int]] = defaultdict(list)
    for filled_on, p in checklists:
        points[filled_on.replace(day=1)].append(p)
    months = []
    for month in sorted(set(pairs) | set(points)):
        group = pairs.get(month, [])
        benefits = [p.benefit for p in group]
        months.append(
            Month(
                month=month,
                people=len(group),
                first_average=_mean([p.first_average for p in group]),
                second_average=_mean([p.second_average for p in group]),
                benefit=_mean(benefits),
                improved_share=Decimal(sum(1 for b in benefits if b > 0) * 100) / len(group) if group else None,
                checklists=len(points.get(month, [])),
                fidelity=_mean([scoring.fidelity_percent(p) for p in points.get(month, [])]),
            )
        )
    return months


def team_checklist_points(*, team: Team) -> list[tuple[datetime.date, int]]:
    return list(Checklist.objects.filter(service_user__team=team).values_list("filled_on", "points"))


@dataclass
class TeamToolkit:
    team: Team
    people: list[PersonFigures]
    months: list[Month]

    @property
    def with_two_conversations(self) -> list[PersonFigures]:
        return [p for p in self.people if p.benefit is not None]

    @property
    def mean_benefit(self) -> Decimal | None:
        return _mean([p.benefit for p in self.with_two_conversations])

    @property
    def improved_share(self) -> Decimal | None:
        pairs = self.with_two_conversations
        return Decimal(sum(1 for p in pairs if p.benefit > 0) * 100) / len(pairs) if pairs else None

    @property
    def mean_fidelity(self) -> Decimal | None:
        return _mean([p.fidelity for p in self.people if p.fidelity is not None])


def team_toolkit(*, team: Team) -> TeamToolkit:
    """The team's people with their figures, and the team's measures per month (four queries)."""
    people = people_figures(service_users=ServiceUser.objects.filter(team=team))
    return TeamToolkit(
        team=team, people=people, months=team_months(people=people, checklists=team_checklist_points(team=team))
    )


def network_toolkit(*, teams: QuerySet[Team]) -> list[TeamToolkit]:
    """Aggregates per team for the project group: figures, never a person's row (four queries for
    any number of teams)."""
    teams = list(teams.order_by("name"))
    by_team = {t.pk: t for t in teams}
    people = people_figures(service_users=ServiceUser.objects.filter(team__in=teams).select_related("team"))
    checklists: dict[int, list] = defaultdict(list)
    for team_id, filled_on, points in Checklist.objects.filter(service_user__team__in=teams).values_list(
        "service_user__team_id", "filled_on", "points"
    ):
        checklists[team_id].append((filled_on, points))
    grouped: dict[int, list[PersonFigures]] = defaultdict(list)
    for p in people:
        grouped[p.service_user.team_id].append(p)
    return [
        TeamToolkit(
            team=by_team[t.pk],
            people=grouped[t.pk],
            months=team_months(people=grouped[t.pk], checklists=checklists[t.pk]),
        )
        for t in teams
    ]


# --- What the project group sees: figures per team, never a person ---------------------------------
# The five-respondent rule: a mean (or share) built on fewer people could point at someone.
MIN_RESPONDENTS = 5


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date  # the first day
    people: int
    checklists: int
    benefit: Decimal | None
    improved_share: Decimal | None
    fidelity: Decimal | None


@dataclass(frozen=True)
class TeamFigures:
    """What the page may show of a team: counts, and means only when enough people are behind them.
    It holds no person and no code, so the template cannot show one by mistake."""

    team: Team
    followed: int
    open: int
    with_first: int
    with_two: int
    with_checklist: int
    means_shown: bool
    mean_benefit: Decimal | None
    improved_share: Decimal | None
    mean_fidelity: Decimal | None
    months: list[MonthFigures]


def _month_figures(month: Month, team_shown: bool) -> MonthFigures:
    enough_people = team_shown and month.people >= MIN_RESPONDENTS
    enough_checklists = team_shown and month.checklists >= MIN_RESPONDENTS
    return MonthFigures(
        month=month.month,
        people=month.people,
        checklists=month.checklists,
        benefit=month.benefit if enough_people else None,
        improved_share=month.improved_share if enough_people else None,
        fidelity=month.fidelity if enough_checklists else None,
    )


def team_figures(toolkit: TeamToolkit) -> TeamFigures:
    """The aggregates of one team, with the five-respondent rule applied."""
    with_two = len(toolkit.with_two_conversations)
    with_checklist = sum(1 for p in toolkit.people if p.fidelity is not None)
    shown = with_two >= MIN_RESPONDENTS
    return TeamFigures(
        team=toolkit.team,
        followed=len(toolkit.people),
        open=sum(1 for p in toolkit.people if p.service_user.status == p.service_user.Status.OPEN),
        with_first=sum(1 for p in toolkit.people if p.first_average is not None),
        with_two=with_two,
        with_checklist=with_checklist,
        means_shown=shown,
        mean_benefit=toolkit.mean_benefit if shown else None,
        improved_share=toolkit.improved_share if shown else None,
        mean_fidelity=toolkit.mean_fidelity if shown and with_checklist >= MIN_RESPONDENTS else None,
        months=[_month_figures(m, shown) for m in toolkit.months],
    )


def network_toolkit_figures(*, teams: QuerySet[Team]) -> list[TeamFigures]:
    """Figures per team for those who read across the network, with the five-respondent rule."""
    return [team_figures(t) for t in network_toolkit(teams=teams)]


@dataclass
class Record:
    service_user: ServiceUser
    areas: list[LifeArea]
    conversations: list[Conversation]
    grid: dict[tuple[int, int], int]  # (area id, conversation number) → score
    averages: dict[int, Decimal]
    first_scored: dict[int, int]  # area id → the conversation it was first scored in
    plan: list[PlanItem]
    checklists: list[Checklist]

    @property
    def benefit(self) -> Decimal | None:
        return scoring.benefits(self.averages)[0]

    @property
    def benefit_latest(self) -> Decimal | None:
        return scoring.benefits(self.averages)[1]


def service_user_record(*, service_user: ServiceUser) -> Record:
    """One person's wheel, form, plan and checklists."""
    areas = list(service_user.areas.all())
    conversations = list(service_user.conversations.prefetch_related("scores"))
    grid = {(s.area_id, c.number): s.score for c in conversations for s in c.scores.all()}
    averages = {}
    for c in conversations:
        values = [s.score for s in c.scores.all()]
        if values:
            averages[c.number] = scoring.average(values)
    first_scored: dict[int, int] = {}
    for area_id, number in sorted(grid, key=lambda k: k[1]):
        first_scored.setdefault(area_id, number)
    checklists = list(
        service_user.checklists.select_related("template").prefetch_related(
            Prefetch("answers", queryset=ChecklistAnswer.objects.select_related("item"))
        )
    )
    return Record(
        service_user=service_user,
        areas=areas,
        conversations=conversations,
        grid=grid,
        averages=averages,
        first_scored=first_scored,
        plan=list(service_user.plan_items.select_related("area")),
        checklists=checklists,
    )
