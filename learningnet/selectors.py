"""Reads for the pages that combine the apps (the network's dashboard, a team's next steps), each a
constant number of queries whatever the number of teams."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.text import norwegian_sort_key
from gatherings.selectors import gatherings_of
from networks.models import Network, NetworkRole
from packages.models import Package, Response
from packages.selectors import LATE, STATUS_LABELS, SUBMITTED, published_packages, response_status
from teams.models import Team, TeamMembership, TeamOrganisation


def network_dashboard(*, network: Network) -> dict:
    today = timezone.localdate()
    gatherings = list(gatherings_of(network=network).select_related("network"))
    teams: QuerySet[Team] = network.teams.prefetch_related(
        "regions",
        Prefetch(
            "team_organisations",
            queryset=TeamOrganisation.objects.select_related("organisation").order_by("organisation__name"),
        ),
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.active_on(today)
            .select_related("user", "organisation")
            .order_by("role", "user__full_name"),
            to_attr="current_memberships",
        ),
    )
    roles = (
        NetworkRole.objects.active_on(today)
        .filter(network=network)
        .select_related("user", "organisation")
        .order_by("role", "user__full_name")
    )
    return {
        "gatherings": gatherings,
        "next_gathering": next((g for g in gatherings if g.ends_on >= today), None),
        "teams": sorted(teams, key=lambda t: norwegian_sort_key(t.name)),
        "roles": list(roles),
        "phases": list(network.phases.all()),
        "extensions": list(network.extensions.all()),
        "subnetworks": list(network.subnetworks.all()),
        "today": today,
    }


@dataclass
class PackageStep:
    """A preparation package as a team's next step: its deadline and where the team stands."""

    package: Package
    status: str  # one of packages.selectors.STATUSES
    submitted_at: datetime.datetime | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_submitted(self) -> bool:
        return self.status in (SUBMITTED, LATE)

    @property
    def on(self) -> datetime.date:
        return timezone.localdate(self.package.deadline)


def team_package_steps(*, team: Team) -> list[PackageStep]:
    """The network's published packages for one team, by deadline, with the team's status. Two
    queries."""
    packages = list(published_packages(network=team.network).select_related("gathering"))
    responses = {
        r["package_id"]: r
        for r in Response.objects.filter(team=team, package__in=packages).values(
            "package_id", "status", "submitted_at"
        )
    }
    steps = []
    for package in packages:
        r = responses.get(package.pk)
        status = response_status(
            status=r and r["status"], submitted_at=r and r["submitted_at"], deadline=package.deadline
        )
        steps.append(PackageStep(package=package, status=status, submitted_at=r and r["submitted_at"]))
    return steps


@dataclass
class NextWeek:
    year: int
    number: int
    items: list = field(default_factory=list)  # ("activity", Activity) or ("deadline", PackageStep)


def team_next_weeks(*, activities, steps: list[PackageStep], today: datetime.date) -> list[NextWeek]:
    """What is next for a team, week by week from today: its activities and the deadlines of the
    packages it has not submitted."""
    dated = [(a.starts_on, 0, "activity", a) for a in activities] + [
        (s.on, 1, "deadline", s) for s in steps if not s.is_submitted and s.on >= today
    ]
    weeks: dict[tuple[int, int], NextWeek] = {}
    for day, _order, kind, item in sorted(dated, key=lambda d: (d[0], d[1])):
        year, number, _weekday = day.isocalendar()
        weeks.setdefault((year, number), NextWeek(year, number)).items.append((kind, item))
    return list(weeks.values())
