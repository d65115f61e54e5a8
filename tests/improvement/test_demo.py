"""The improvement work of the Trøndelag demo: every team's areas, goals, tiltak, measures and
PDSA cycles, and the signals the demo promises, found by the run-chart rules themselves."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command

from core.models import AuditLogEntry
from improvement import runcharts, selectors
from improvement.models import Action, Actor, ActorMap, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from learningnet.demo import improvement as demo
from teams.models import Team

IMPROVEMENT_MODELS = (ImprovementArea, Goal, Action, Measure, MeasureValue, PDSACycle, ActorMap, Actor, AuditLogEntry)


@pytest.fixture
def demo_loaded(db, demo_database):
    """The demo, loaded once for this module (tests/conftest.py::demo_database)."""


def submitted(team_name: str, title: str) -> tuple[Measure, list[float]]:
    measure = Measure.objects.get(team__network__slug="trondelag-2019", team__name=team_name, title=title)
    rows = measure.values.filter(status=MeasureValue.Status.SUBMITTED).order_by("period")
    return measure, [float(row.plotted) for row in rows]


def kinds(analysis: runcharts.Analysis) -> set[str]:
    return {s.kind for s in analysis.signals}


def test_every_team_follows_its_areas_with_submitted_monthly_values(demo_loaded):
    teams = Team.objects.filter(network__slug="trondelag-2019")
    assert teams.count() == 6
    for team in teams:
        areas = list(team.improvement_areas.all())
        assert areas and all(a.goals.exists() and a.actions.exists() for a in areas), team.name
        measures = list(team.measures.all())
        assert 1 <= len(measures) <= 3, team.name
        for measure in measures:
            values = list(measure.values.order_by("period"))
            assert 18 <= len(values) <= 24, measure.title
            assert {v.status for v in values} == {MeasureValue.Status.SUBMITTED}
            months = [v.period for v in values]
            assert all(m.day == 1 for m in months)
            assert months == [demo.month_add(months[0], i) for i in range(len(months))]  # no gaps
            assert measure.goals.exists() and measure.area is not None
    # The statuses the self-evaluations give: Orkland/Fjellregionen's travel team done, Værnes' public-health
    # evenings postponed to 2022 and its user panel stalled, Inn-Trøndelag's dialogue meeting postponed.
    status = dict(Action.objects.filter(area__team__network__slug="trondelag-2019").values_list("title", "status"))
    assert status[demo.TRAVEL_TEAM] == "gjennomfort"
    assert status["Folkehelsekvelder i kommunene med fokus på rus og psykisk helse"] == "utsatt"
    assert status[demo.PANEL] == "stanset"
    assert status["Dialogmøte med frivillige lag og organisasjoner"] == "utsatt"
    assert ImprovementArea.objects.get(team__name="Værnes", kind="brukermedvirkning")
    cycles = PDSACycle.objects.filter(team__network__slug="trondelag-2019")
    assert cycles.count() >= 6
    assert not cycles.filter(measure=None).exists() and not cycles.filter(action=None).exists()
    for cycle in cycles.select_related("measure", "action"):
        assert cycle.measure.team_id == cycle.team_id == cycle.action.area.team_id
    # Fosen's map of stakeholders: services and roles around the service, never a person.
    actor_map = ActorMap.objects.get(team__name="Fosen", team__network__slug="trondelag-2019")
    assert actor_map.centre_kind == "service" and actor_map.actors.count() == 9


def test_the_shift_and_the_trends_are_found_by_the_run_chart_rules(demo_loaded):
    # Fosen's waiting time: the median frozen on the first 12 months, then the referral meeting.
    measure, values = submitted("Fosen", demo.WAITING)
    assert measure.rule_set == "ihi" and measure.baseline_points == 12
    analysis = runcharts.analyse(values, baseline_end=12, direction="down", rule_set="ihi")
    shifts = [s for s in analysis.signals if s.kind == runcharts.SHIFT]
    assert shifts and shifts[0].towards == "down" and shifts[0].side == runcharts.IMPROVEMENT
    assert len(shifts[0].indexes) >= 6
    assert all(values[i] < analysis.median[i] for i in shifts[0].indexes)
    # The same signal reaches the network's page through the selector.
    network = selectors.network_improvement(teams=Team.objects.filter(network__slug="trondelag-2019"))
    fosen = next(t for t in network if t.team.name == "Fosen")
    assert runcharts.SHIFT in {s.kind for m in fosen.measures for s in m.signals}
    for team_name, title in [("Orkland/Fjellregionen", demo.TRAVEL), ("Ytre Namdal", demo.FEEDBACK)]:
        measure, values = submitted(team_name, title)
        assert runcharts.TREND in kinds(runcharts.analyse(values, direction="up", rule_set=measure.rule_set))


def test_loading_the_demo_twice_changes_no_improvement_row(demo_loaded):
    before = [m.objects.count() for m in IMPROVEMENT_MODELS]
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    assert [m.objects.count() for m in IMPROVEMENT_MODELS] == before


@pytest.mark.parametrize("seed", range(40))
def test_the_signals_do_not_depend_on_the_seed(seed):
    """The noise is the seed's, but the shift and the trends are built around it."""
    specs = {m.title: m for spec in demo.TEAMS.values() for m in spec.measures}
    rng = random.Random(seed)
    waiting = specs[demo.WAITING]
    values = demo.levels(waiting, rng)
    rounded = [round(v, 1) for v in values]
    analysis = runcharts.analyse(rounded, baseline_end=waiting.baseline_points, direction="down")
    assert runcharts.SHIFT in kinds(analysis)
    for title in (demo.TRAVEL, demo.FEEDBACK):
        counts = [max(0, round(v)) for v in demo.levels(specs[title], rng)]
        assert runcharts.TREND in kinds(runcharts.analyse(counts, direction="up"))


def test_the_same_seed_gives_the_same_values():
    spec = demo.TEAMS["Trondheim"].measures[0]
    assert demo.levels(spec, random.Random(7)) == demo.levels(spec, random.Random(7))
    assert demo.levels(spec, random.Random(7)) != demo.levels(spec, random.Random(8))
