"""Fixtures for the report snapshots and PDFs: the Trøndelag demo network, and networks of any size
built with factories (for constant query counts)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.models import Organisation
from gatherings.models import Activity
from improvement.models import Action, ActionStatus, Goal, ImprovementArea, Measure, MeasureValue, PDSACycle
from learningnet.demo.improvement import synthetic_improvement
from networks.models import Network
from teams.models import TeamMembership
from tests.learningnet.factories import UserFactory
from tests.networks.factories import ActivityFactory, GatheringFactory, NetworkFactory, OrganisationFactory
from tests.packages.factories import PackageFactory, QuestionFactory, ResponseFactory, TaskFactory
from tests.teams.factories import (
    MeetingTaskFactory,
    TeamFactory,
    TeamMeetingFactory,
    TeamMembershipFactory,
    TeamOrganisationFactory,
)

# The day after the deadline of the demo's self-evaluation package (4 June 2021), while the
# Trøndelag network (2019–30 June 2021) is still running.
DEMO_TODAY = datetime.date(2021, 6, 5)
# A day inside the factories' network period (1 Sept 2025 – 30 June 2027).
TODAY = datetime.date(2026, 11, 2)


@pytest.fixture
def demo(db, demo_database) -> Network:
    """The Trøndelag demo network (the demo is loaded once per module: tests/conftest.py)."""
    return Network.objects.get(slug="trondelag-2019")


# Six months at one level, then six at a higher one: a shift under both rule sets.
SHIFT_VALUES = [10, 12, 10, 11, 10, 12, 20, 22, 20, 21, 20, 22]


def measure_with_values(
    team, values=SHIFT_VALUES, *, title: str = "Dager fra henvisning til første samtale", goal: bool = True, draft=()
) -> Measure:
    """A measure of `team` with submitted monthly values from September 2025 (the `draft` ones
    as drafts), in an area of its own with a tiltak and a PDSA cycle; measured by a goal if `goal`."""
    area = ImprovementArea.objects.create(team=team, title=f"Område for {title}", kind=ImprovementArea.Kind.OWN)
    measure = Measure.objects.create(
        team=team, area=area, title=title, unit="dager", direction=Measure.Direction.DOWN, target=14
    )
    first = datetime.date(2025, 9, 1)
    MeasureValue.objects.bulk_create(
        MeasureValue(
            measure=measure,
            period=datetime.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1),
            value=value,
            status=MeasureValue.Status.DRAFT if i in draft else MeasureValue.Status.SUBMITTED,
        )
        for i, value in enumerate(values)
    )
    goal_row = None
    if goal:
        goal_row = Goal.objects.create(
            area=area, what="Raskere første samtale", how_much="Under 14 dager", by_when=datetime.date(2027, 6, 30)
        )
        goal_row.measures.add(measure)
    action = Action.objects.create(
        area=area,
        goal=goal_row,
        title="Felles henvisningsmøte",
        responsible="Koordinator",
        status=ActionStatus.ONGOING,
    )
    PDSACycle.objects.create(
        team=team,
        measure=measure,
        action=action,
        title="Henvisningsmøte hver fjortende dag",
        plan="Møte annenhver tirsdag.",
        prediction="Ventetiden går under 14 dager.",
        do="Fire møter holdt.",
        study="Ventetiden gikk ned.",
        act="Vi fortsetter.",
        decision=PDSACycle.Decision.ADOPT,
        stage=PDSACycle.Stage.DONE,
        starts_on=datetime.date(2026, 3, 3),
        ends_on=datetime.date(2026, 4, 30),
    )
    return measure


def build_network(n_teams: int, *, name: str = "", measures: int = 0) -> Network:
    """A network with phases' worth of data on every team: organisations, members, a meeting with
    tasks, and a response to a published package whose deadline has passed; with `measures`, an
    improvement area with a goal measured by that many measures (18 months of values each)."""
    network = NetworkFactory(**({"name": name} if name else {}))
    gathering = GatheringFactory(network=network, number=1)
    ActivityFactory(network=network, kind=Activity.Kind.WEBINAR, starts_on=datetime.date(2026, 10, 6))
    ActivityFactory(network=network, kind=Activity.Kind.INFO_MEETING, starts_on=datetime.date(2026, 12, 1))
    package = PackageFactory(
        gathering=gathering, deadline=timezone.make_aware(datetime.datetime(2026, 10, 1, 12, 0)), title="Pakke 1"
    )
    QuestionFactory(task=TaskFactory(package=package))
    hf = OrganisationFactory(name="Nidaros DPS", kind=Organisation.Kind.HEALTH_TRUST_UNIT)
    for i in range(n_teams):
        team = TeamFactory(network=network, name=f"Team {i:03d}")
        TeamOrganisationFactory(team=team, organisation=OrganisationFactory(name=f"Kommune {network.pk}-{i}"))
        TeamOrganisationFactory(team=team, organisation=hf)
        TeamMembershipFactory(team=team, role=TeamMembership.Role.COORDINATOR, user=UserFactory())
        TeamMembershipFactory(team=team, role=TeamMembership.Role.USER_REPRESENTATIVE, user=UserFactory())
        meeting = TeamMeetingFactory(team=team, held_on=datetime.date(2026, 10, 6))
        MeetingTaskFactory(meeting=meeting)
        ResponseFactory(package=package, team=team)
        if measures:
            synthetic_improvement(team=team, measures=measures, months=18, first=datetime.date(2025, 3, 1), seed=i)
    return network
