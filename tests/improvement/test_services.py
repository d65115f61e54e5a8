"""The teams' improvement work: the rules of the services and what the selectors show to whom."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AuditLogEntry
from improvement import selectors
from improvement.models import Action, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from improvement.services import (
    improvement_object_save,
    measure_value_save,
    measure_values_submit,
)
from tests.teams.factories import TeamFactory
from tests.toolkit.factories import ServiceUserFactory, scored

pytestmark = pytest.mark.django_db

FNR = "01019010046"  # a valid fødselsnummer (check digits), never to be stored


def months_ago(n: int) -> datetime.date:
    day = timezone.localdate().replace(day=1)
    for _ in range(n):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return day


def measure_for(team, **data) -> Measure:
    return improvement_object_save(obj=Measure(), data={"title": "Henvisninger", **data}, by=None, team=team)


def values(measure: Measure, numbers, *, start: int | None = None, submit: bool = True) -> None:
    start = len(numbers) if start is None else start
    for i, n in enumerate(numbers):
        measure_value_save(measure=measure, period=months_ago(start - i), value=Decimal(n), by=None)
    if submit:
        measure_values_submit(measure=measure, by=None)


def test_a_plan_hangs_together_within_one_team(cast):
    area = improvement_object_save(
        obj=ImprovementArea(), data={"kind": "brukermedvirkning", "title": "Brukerpanel"}, by=None, team=cast.team_a
    )
    measure = measure_for(cast.team_a)
    other = measure_for(cast.team_b, title="Andre teams måling")
    goal = improvement_object_save(
        obj=Goal(),
        data={"what": "Et fast brukerpanel", "how_much": "3 medlemmer", "measures": [measure]},
        by=None,
        area=area,
    )
    assert list(goal.measures.all()) == [measure]
    with pytest.raises(ValidationError) as exc:
        improvement_object_save(obj=goal, data={"measures": [other]}, by=None)
    assert "another team" in str(exc.value) or "annet team" in str(exc.value)
    other_area = improvement_object_save(obj=ImprovementArea(), data={"title": "B"}, by=None, team=cast.team_b)
    other_goal = improvement_object_save(obj=Goal(), data={"what": "B-mål"}, by=None, area=other_area)
    with pytest.raises(ValidationError):
        improvement_object_save(obj=Action(), data={"title": "Tiltak", "goal": other_goal}, by=None, area=area)
    action = improvement_object_save(
        obj=Action(), data={"title": "Rekruttere", "goal": goal, "responsible": "Koordinator"}, by=None, area=area
    )
    assert action.status == "planlagt"
    logged = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"improvement.improvementarea.created", "improvement.goal.created", "improvement.action.created"} <= logged


def test_identity_numbers_are_refused_in_every_text(cast):
    with pytest.raises(ValidationError):
        improvement_object_save(obj=ImprovementArea(), data={"title": f"Bruker {FNR}"}, by=None, team=cast.team_a)
    with pytest.raises(ValidationError):
        measure_for(cast.team_a, definition="Telles for 010190 10046")
    with pytest.raises(ValidationError):
        improvement_object_save(
            obj=PDSACycle(),
            data={"title": "Test", "prediction": f"Pasient {FNR}", "starts_on": timezone.localdate()},
            by=None,
            team=cast.team_a,
        )
    assert not Measure.objects.exists() and not ImprovementArea.objects.exists()


def test_values_are_checked_by_the_kind_of_measure(cast):
    count = measure_for(cast.team_a, kind="antall")
    share = measure_for(cast.team_a, title="Andel spurt", kind="andel")
    last_month = months_ago(1)
    for bad in (Decimal("-1"), Decimal("2.5"), Decimal("1E+999"), None):
        with pytest.raises(ValidationError):
            measure_value_save(measure=count, period=last_month, value=bad, by=None)
    with pytest.raises(ValidationError):
        measure_value_save(measure=share, period=last_month, numerator=Decimal(3), by=None)
    with pytest.raises(ValidationError):
        measure_value_save(measure=share, period=last_month, numerator=Decimal(5), denominator=Decimal(4), by=None)
    with pytest.raises(ValidationError):
        measure_value_save(measure=share, period=last_month, numerator=Decimal(1), denominator=Decimal(0), by=None)
    with pytest.raises(ValidationError):  # a month that has not started
        next_month = (timezone.localdate().replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        measure_value_save(measure=count, period=next_month, value=Decimal(1), by=None)
    row = measure_value_save(
        measure=share,
        period=last_month + datetime.timedelta(days=12),
        numerator=Decimal(3),
        denominator=Decimal(4),
        by=None,
    )
    assert row.period == last_month and row.plotted == Decimal(75)
    assert MeasureValue.objects.count() == 1


def test_drafts_are_the_teams_own_until_submitted(cast):
    measure = measure_for(cast.team_a)
    values(measure, [4, 5, 6], submit=False)
    own = selectors.team_improvement(team=cast.team_a, drafts=True).measures[0]
    seen = selectors.team_improvement(team=cast.team_a, drafts=False).measures
    network = selectors.network_improvement(teams=cast.network.teams.all())
    assert own.drafts == 3 and [p.value for p in own.points] == [4, 5, 6]
    assert seen[0].points == [] and all(not s.points for t in network for s in t.measures)
    assert measure_values_submit(measure=measure, by=cast.coordinator) == 3
    network = {t.team.pk: t for t in selectors.network_improvement(teams=cast.network.teams.all())}
    assert [p.value for p in network[cast.team_a.pk].measures[0].points] == [4, 5, 6]
    # Changing a submitted value makes it a draft again: the network keeps seeing the others.
    measure_value_save(measure=measure, period=months_ago(1), value=Decimal(9), by=None)
    network = {t.team.pk: t for t in selectors.network_improvement(teams=cast.network.teams.all())}
    assert [p.value for p in network[cast.team_a.pk].measures[0].points] == [4, 5]


def test_missing_months_are_gaps_and_the_shift_is_found(cast):
    measure = measure_for(cast.team_a, direction="up")
    numbers = [3, 2, 3, 2, 3, 2, 3, 8, 9, 8, 9, 8, 9]
    values(measure, numbers)
    MeasureValue.objects.filter(measure=measure, period=months_ago(10)).delete()  # a month nobody counted
    series = selectors.team_improvement(team=cast.team_a, drafts=True).measures[0]
    assert len(series.points) == 13 and series.points[3].value is None
    kinds = {s.kind for s in series.signals}
    assert "shift" in kinds
    # Six useful points below the median (the gap skipped), then six above: two shifts.
    below, above = sorted((s for s in series.signals if s.kind == "shift"), key=lambda s: s.indexes[0])
    assert below.side == "concern" and 3 not in below.indexes and len(below.indexes) == 6
    assert above.side == "improvement" and min(above.indexes) == 7 and above.at == 12


def test_a_pdsa_cycle_is_a_marker_at_its_month(cast):
    measure = measure_for(cast.team_a)
    values(measure, [1, 2, 3, 4])
    cycle = improvement_object_save(
        obj=PDSACycle(),
        data={
            "title": "Felles henvisningsmøte",
            "measure": measure,
            "starts_on": months_ago(2) + datetime.timedelta(days=3),
        },
        by=None,
        team=cast.team_a,
    )
    series = selectors.measure_for_team(team=cast.team_a, pk=measure.pk, drafts=True)
    assert series.cycles == [(2, cycle)]
    with pytest.raises(ValidationError):  # ends before it starts
        improvement_object_save(obj=cycle, data={"ends_on": months_ago(5)}, by=None)


def test_frozen_baseline_and_phases_reach_the_analysis(cast):
    measure = measure_for(cast.team_a, baseline_points=6, rule_set="anhoej")
    values(measure, [5, 6, 5, 6, 5, 6, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9])
    series = selectors.measure_for_team(team=cast.team_a, pk=measure.pk, drafts=True)
    assert series.analysis.rule_set == "anhoej" and series.analysis.baseline_end == 6
    assert series.analysis.median[15] == Decimal("5.5") or float(series.analysis.median[15]) == 5.5
    improvement_object_save(obj=measure, data={"phase_starts": [months_ago(10).isoformat()]}, by=None)
    series = selectors.measure_for_team(team=cast.team_a, pk=measure.pk, drafts=True)
    assert len(series.analysis.phases) == 2 and float(series.analysis.median[15]) == 9


def test_the_toolkits_measure_appears_without_typing_and_keeps_the_five_person_rule(cast):
    measure = measure_for(cast.team_a, title="Opplevd nytte", source="toolkit:benefit")
    assert measure.kind == "tall"
    with pytest.raises(ValidationError):
        measure_value_save(measure=measure, period=months_ago(1), value=Decimal(1), by=None)
    with pytest.raises(ValidationError):  # one per source and team
        measure_for(cast.team_a, title="Igjen", source="toolkit:benefit")
    for _person in range(3):
        person = ServiceUserFactory(team=cast.team_a)
        scored(person, 1, months_ago(3), {"Bolig": 2})
        scored(person, 2, months_ago(2), {"Bolig": 5})
    own = selectors.measure_for_team(team=cast.team_a, pk=measure.pk, drafts=True)
    assert [p.value for p in own.points] == [3]
    # Three people are fewer than five: the network sees a gap, not the team's figure.
    seen = selectors.measure_for_team(team=cast.team_a, pk=measure.pk, drafts=False)
    assert seen.points == []


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_teams_or_measures(cast):
    def build(n_teams: int, n_measures: int):
        for t in range(n_teams):
            team = TeamFactory(network=cast.network)
            area = improvement_object_save(obj=ImprovementArea(), data={"title": f"Område {t}"}, by=None, team=team)
            improvement_object_save(obj=Goal(), data={"what": "Mål"}, by=None, area=area)
            for m in range(n_measures):
                measure = measure_for(team, title=f"Måling {m}")
                values(measure, [1, 2, 3, 4, 5, 6])
                improvement_object_save(
                    obj=PDSACycle(),
                    data={"title": "PDSA", "measure": measure, "starts_on": months_ago(2)},
                    by=None,
                    team=team,
                )

    build(2, 2)
    few_network = queries(lambda: selectors.network_improvement(teams=cast.network.teams.all()))
    team = cast.network.teams.order_by("-pk").first()
    few_team = queries(lambda: selectors.team_improvement(team=team, drafts=True))
    build(10, 5)
    team = cast.network.teams.order_by("-pk").first()
    assert queries(lambda: selectors.network_improvement(teams=cast.network.teams.all())) == few_network
    assert queries(lambda: selectors.team_improvement(team=team, drafts=True)) == few_team
