"""Reads for the pages that combine the apps (the network's dashboard), each a constant number of
queries whatever the number of teams."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.text import norwegian_sort_key
from gatherings.selectors import gatherings_of
from networks.models import Network, NetworkRole
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
