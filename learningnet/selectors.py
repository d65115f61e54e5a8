"""Reads for the pages that combine the apps (the network's dashboard, a team's next steps), each a
constant number of queries whatever the number of teams."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, prefetch_related_objects
from django.utils import timezone

from core.fragments import stamp
from core.text import norwegian_sort_key
from gatherings.selectors import gatherings_of
from networks.models import Network, NetworkRole
from packages.models import Package, Response
from packages.selectors import LATE, STATUS_LABELS, SUBMITTED, published_packages, response_status
from teams.models import Team, TeamMembership, TeamOrganisation


def network_dashboard(*, network: Network, today: datetime.date) -> dict:
    """The network's home page: gatherings, phases, extensions, regional networks, the team cards
    (`network_team_cards`) and the people with roles. The view caches what this renders under
    `network_dashboard_stamp`. Eight queries whatever the number of teams."""
    gatherings = list(gatherings_of(network=network).select_related("network"))
    prefetch_related_objects([network], "phases")  # network.current_phase reads these
    phases = list(network.phases.all())
    return {
        "gatherings": gatherings,
        "next_gathering": next((g for g in gatherings if g.ends_on >= today), None),
        "phases": phases,
        "current_phase": network.current_phase(today),
        "extensions": list(network.extensions.all()),
        "subnetworks": list(network.subnetworks.all()),
        "teams": network_team_cards(network=network, today=today),
        "roles": network_roles(network=network, today=today),
        "today": today,
    }


def network_dashboard_stamp(*, network: Network) -> str:
    """What `network_dashboard` is made of, as one stamp (core.fragments): the gatherings, phases,
    extensions and regional networks; the teams, their organisations and the organisations'
    names, and their memberships; the roles, their people and whom they represent. One query."""
    team_organisations = TeamOrganisation.objects.filter(team__network=network)
    roles = NetworkRole.objects.filter(network=network)
    return stamp(
        roles,
        (roles, "user__updated_at"),
        (roles, "organisation__updated_at"),
        gatherings_of(network=network),
        network.phases.all(),
        network.extensions.all(),
        network.subnetworks.all(),
        network.teams.all(),
        team_organisations,
        (team_organisations.filter(organisation__isnull=False), "organisation__updated_at"),
        TeamMembership.objects.filter(team__network=network),
    )


def network_roles(*, network: Network, today: datetime.date) -> list[NetworkRole]:
    """The people with a role in the network today, by role and name. One query."""
    return list(
        NetworkRole.objects.active_on(today)
        .filter(network=network)
        .select_related("user", "organisation")
        .order_by("role", "user__full_name")
    )


def network_team_cards(*, network: Network, today: datetime.date) -> list[Team]:
    """The teams of the network's home page, in Norwegian order. Only what a card shows is read:
    the team's name, organisations (as names), improvement area, status and the number of current
    members; the members themselves are read when someone opens the list (`team_members_current`).
    Three queries whatever the number of teams."""
    teams = list(network.teams.only("pk", "name", "network_id", "improvement_area", "status"))
    organisations: dict[int, list[dict]] = {}
    for row in (
        TeamOrganisation.objects.filter(team__network=network)
        .order_by("organisation__name")
        .values("team_id", "organisation__name", "ends_on")
    ):
        organisations.setdefault(row["team_id"], []).append(
            {
                "name": row["organisation__name"],
                "ends_on": row["ends_on"],
                "left": bool(row["ends_on"] and row["ends_on"] < today),
            }
        )
    member_counts = dict(
        TeamMembership.objects.active_on(today)
        .filter(team__network=network)
        .values("team_id")
        .annotate(n=Count("pk"))
        .values_list("team_id", "n")
    )
    for team in teams:
        team.organisation_names = organisations.get(team.pk, [])
        team.member_count = member_counts.get(team.pk, 0)
    return sorted(teams, key=lambda t: norwegian_sort_key(t.name))


def team_members_current(*, team: Team) -> list[TeamMembership]:
    """A team's current members for the list on the network's home page, by role and name. One query."""
    return list(
        TeamMembership.objects.active_on(timezone.localdate())
        .filter(team=team)
        .select_related("user")
        .only("pk", "role", "team_id", "user__full_name", "user__email")
        .order_by("role", "user__full_name")
    )


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
