"""Reads for the teams' improvement work, in a constant number of queries: a team's plan (areas,
goals, tiltak), its measures as series with their run-chart analysis and PDSA markers, its actor
maps, and every team's measures for the network.

A series has one point per period from the first value to the last; a period without a value is
a gap (None), which the run-chart rules skip and the chart shows as a break in the line. The
network reads submitted values only: a draft is the team's own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Prefetch, QuerySet, Subquery

from improvement import runcharts
from improvement.models import ActorMap, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from teams.models import Team
from toolkit import selectors as toolkit_selectors

SERIES_FIELDS = ("measure", "period", "value", "numerator", "denominator", "status", "astronomical", "comment")

TOOLKIT_FIELDS = {
    Measure.Source.TOOLKIT_BENEFIT: "benefit",
    Measure.Source.TOOLKIT_IMPROVED: "improved_share",
    Measure.Source.TOOLKIT_FIDELITY: "fidelity",
}


@dataclass(frozen=True)
class SeriesPoint:
    period: datetime.date
    value: Decimal | None
    status: str = ""  # "draft" or "submitted"; "" for a gap and for toolkit values
    astronomical: bool = False
    comment: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    pk: int | None = None  # the MeasureValue's, for a value the team entered


@dataclass
class MeasureSeries:
    measure: Measure
    points: list[SeriesPoint]
    analysis: runcharts.Analysis
    cycles: list[tuple[int, PDSACycle]] = field(default_factory=list)  # (index of its period, cycle)

    @property
    def periods(self) -> list[datetime.date]:
        return [p.period for p in self.points]

    @property
    def drafts(self) -> int:
        return sum(1 for p in self.points if p.status == MeasureValue.Status.DRAFT)

    @property
    def signals(self) -> list[runcharts.Signal]:
        return list(self.analysis.signals)

    @property
    def latest(self) -> SeriesPoint | None:
        return next((p for p in reversed(self.points) if p.value is not None), None)


def next_period(period: datetime.date, frequency: str) -> datetime.date:
    if frequency == Measure.Frequency.WEEKLY:
        return period + datetime.timedelta(days=7)
    return (period.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _filled(points: dict[datetime.date, SeriesPoint], frequency: str) -> list[SeriesPoint]:
    if not points:
        return []
    first, last = min(points), max(points)
    out, period = [], first
    while period <= last:
        out.append(points.get(period) or SeriesPoint(period=period, value=None))
        period = next_period(period, frequency)
    return out


def _own_points(measure: Measure, values: Iterable[MeasureValue]) -> list[SeriesPoint]:
    points = {}
    for v in values:
        v.measure = measure  # `plotted` reads the kind; no query
        points[v.period] = SeriesPoint(
            period=v.period,
            value=v.plotted,
            status=v.status,
            astronomical=v.astronomical,
            comment=v.comment,
            numerator=v.numerator,
            denominator=v.denominator,
            pk=v.pk,
        )
    return _filled(points, measure.frequency)


def _toolkit_points(measure: Measure, months) -> list[SeriesPoint]:
    name = TOOLKIT_FIELDS[measure.source]
    points = {m.month: SeriesPoint(period=m.month, value=getattr(m, name)) for m in months}
    return _filled({k: p for k, p in points.items() if p.value is not None}, Measure.Frequency.MONTHLY)


def analyse(measure: Measure, points: list[SeriesPoint]) -> runcharts.Analysis:
    """The run-chart analysis of a series with the measure's rule set, frozen baseline and phases."""
    baseline_end = None
    if measure.baseline_points:
        seen = 0
        for i, p in enumerate(points):
            seen += p.value is not None
            if seen == measure.baseline_points:
                baseline_end = i + 1
                break
    phase_dates = [datetime.date.fromisoformat(d) for d in measure.phase_starts or []]
    phases = sorted({next((i for i, p in enumerate(points) if p.period >= d), None) for d in phase_dates} - {None, 0})
    if baseline_end is not None and phases and baseline_end > phases[0]:
        baseline_end = None  # a baseline longer than the first phase is not frozen
    return runcharts.analyse(
        [runcharts.Point(p.value, astronomical=p.astronomical) for p in points],
        baseline_end=baseline_end,
        phases=phases,
        direction=measure.direction or None,
        rule_set=measure.rule_set,
    )


def _cycle_index(points: list[SeriesPoint], cycle: PDSACycle) -> int | None:
    for i, p in enumerate(points):
        if p.period <= cycle.starts_on < next_period(p.period, cycle.measure.frequency if cycle.measure else "month"):
            return i
    return None


def _series(measure: Measure, points: list[SeriesPoint], cycles: Iterable[PDSACycle]) -> MeasureSeries:
    markers = []
    for cycle in cycles:
        cycle.measure = measure
        index = _cycle_index(points, cycle)
        if index is not None:
            markers.append((index, cycle))
    return MeasureSeries(measure=measure, points=points, analysis=analyse(measure, points), cycles=markers)


def _measures(teams: QuerySet[Team] | Iterable[int], *, submitted_only: bool) -> QuerySet[Measure]:
    # Only what a series shows: loading every value's timestamps costs more than the rest of the
    # page's reads at 60 teams.
    values = MeasureValue.objects.only(*SERIES_FIELDS).order_by("period")
    if submitted_only:
        values = values.filter(status=MeasureValue.Status.SUBMITTED)
    return (
        Measure.objects.filter(team__in=teams)
        .select_related("area")
        .prefetch_related(
            Prefetch("values", queryset=values),
            Prefetch("pdsa_cycles", queryset=PDSACycle.objects.order_by("starts_on", "pk")),
        )
        .order_by("team_id", "order", "pk")
    )


@dataclass
class TeamImprovement:
    team: Team
    areas: list[ImprovementArea]
    measures: list[MeasureSeries]
    cycles: list[PDSACycle]
    actor_maps: list[ActorMap]


def team_improvement(*, team: Team, drafts: bool) -> TeamImprovement:
    """Everything on a team's improvement page; drafts only for the team's own members."""
    areas = list(
        ImprovementArea.objects.filter(team=team).prefetch_related(
            Prefetch("goals", queryset=Goal.objects.prefetch_related("measures")),
            "actions",
        )
    )
    measures = list(_measures([team.pk], submitted_only=not drafts))
    months = _toolkit_months(team, measures, own=drafts)
    series = [measure_series(m, months=months) for m in measures]
    cycles = list(PDSACycle.objects.filter(team=team).select_related("measure", "action").order_by("-starts_on", "pk"))
    maps = list(ActorMap.objects.filter(team=team).prefetch_related("actors"))
    return TeamImprovement(team=team, areas=areas, measures=series, cycles=cycles, actor_maps=maps)


def measure_series(measure: Measure, *, months=()) -> MeasureSeries:
    """One measure as a series. `measure.values` and `measure.pdsa_cycles` should be prefetched;
    `months` are the toolkit's months for a measure read from it."""
    points = _toolkit_points(measure, months) if measure.source else _own_points(measure, measure.values.all())
    return _series(measure, points, measure.pdsa_cycles.all())


def _toolkit_months(team: Team, measures: list[Measure], *, own: bool):
    """The toolkit's months for the team's measures read from it: the team's own figures for its
    members, with the five-respondent rule for anyone else."""
    if not any(m.source for m in measures):
        return ()
    if own:
        return toolkit_selectors.team_toolkit(team=team).months
    return toolkit_selectors.network_toolkit_figures(teams=Team.objects.filter(pk=team.pk))[0].months


def measure_for_team(*, team: Team, pk: int, drafts: bool) -> MeasureSeries | None:
    measure = _measures([team.pk], submitted_only=not drafts).filter(pk=pk).first()
    if measure is None:
        return None
    return measure_series(measure, months=_toolkit_months(team, [measure], own=drafts))


@dataclass
class TeamMeasures:
    team: Team
    measures: list[MeasureSeries]

    @property
    def signalled(self) -> bool:
        return any(s.signals for s in self.measures)


def _latest(queryset: QuerySet, field: str, aggregate) -> Subquery:
    return Subquery(queryset.order_by().values("measure").annotate(x=aggregate(field)).values("x")[:1])


def network_measures(*, teams: QuerySet[Team]) -> list[tuple[Team, list[Measure]]]:
    """Every team's measures, without their values, each with what tells whether its chart on the
    network page changed: `fingerprint` (the measure's own change, its submitted values' count and
    latest change, and the same of its PDSA cycles; None for the toolkit's measures, whose figures
    come from the toolkit's records). One query for the teams and one for the measures."""
    teams = list(teams.order_by("name"))
    values = MeasureValue.objects.filter(measure=OuterRef("pk"), status=MeasureValue.Status.SUBMITTED)
    cycles = PDSACycle.objects.filter(measure=OuterRef("pk"))
    measures = (
        Measure.objects.filter(team__in=[t.pk for t in teams])
        .only("team", "title", "source", "order", "updated_at")
        .annotate(
            values_count=_latest(values, "pk", Count),
            values_changed=_latest(values, "updated_at", Max),
            cycles_count=_latest(cycles, "pk", Count),
            cycles_changed=_latest(cycles, "updated_at", Max),
        )
        .order_by("team_id", "order", "pk")
    )
    by_team: dict[int, list[Measure]] = {t.pk: [] for t in teams}
    for m in measures:
        changes = (m.updated_at, m.values_count, m.values_changed, m.cycles_count, m.cycles_changed)
        m.fingerprint = None if m.source else ":".join("" if c is None else str(c) for c in changes)
        by_team[m.team_id].append(m)
    return [(t, by_team[t.pk]) for t in teams]


def network_improvement(*, teams: QuerySet[Team]) -> list[TeamMeasures]:
    """Every team's measures with submitted values only; the toolkit's measures with the
    five-respondent rule applied (a month with fewer people behind it is a gap)."""
    teams = list(teams.order_by("name"))
    return _team_measures(teams, list(_measures([t.pk for t in teams], submitted_only=True)))


def network_series(*, teams: list[Team], pks: Iterable[int]) -> dict[int, MeasureSeries]:
    """The series of some of the teams' measures (by pk), as `network_improvement` reads them; no
    query for none."""
    pks = list(pks)
    if not pks:
        return {}
    measures = list(_measures([t.pk for t in teams], submitted_only=True).filter(pk__in=pks))
    return {s.measure.pk: s for t in _team_measures(teams, measures) for s in t.measures}


def _team_measures(teams: list[Team], measures: list[Measure]) -> list[TeamMeasures]:
    by_team: dict[int, list[Measure]] = {t.pk: [] for t in teams}
    for m in measures:
        by_team[m.team_id].append(m)
    toolkit_teams = [t.pk for t in teams if any(m.source for m in by_team[t.pk])]
    figures = {}
    if toolkit_teams:
        figures = {
            f.team.pk: f.months
            for f in toolkit_selectors.network_toolkit_figures(teams=Team.objects.filter(pk__in=toolkit_teams))
        }
    return [
        TeamMeasures(team=t, measures=[measure_series(m, months=figures.get(t.pk, ())) for m in by_team[t.pk]])
        for t in teams
    ]
