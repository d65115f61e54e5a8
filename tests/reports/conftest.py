"""Fixtures for the report snapshots and PDFs: the Trøndelag demo network, and networks of any size
built with factories (for constant query counts)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.models import Organisation
from gatherings.models import Activity
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
def demo(db) -> Network:
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    return Network.objects.get(slug="trondelag-2019")


def build_network(n_teams: int, *, name: str = "") -> Network:
    """A network with phases' worth of data on every team: organisations, members, a meeting with
    tasks, and a response to a published package whose deadline has passed."""
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
    return network
