"""The one place that decides who may do what.

Roles map to string permission keys; code checks keys, never role names. Semantics follow
healthchecks and pretix: a person with no role in a network (or team) gets 404, so existence does
not leak; a person with a role but without the key gets 403.

Superusers get no silent access: they use the back office (admin). In the product they see what
their own roles give them, like everybody else.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from networks.models import Network, NetworkRole
from teams.models import Team, TeamMembership

if TYPE_CHECKING:
    from core.models import User

# --- Keys ---------------------------------------------------------------------------------------
NETWORK_VIEW = "network:view"  # dashboard, gatherings, the list of teams and who is in them
NETWORK_MANAGE = "network:manage"  # edit the network, its gatherings and phases
MEMBERS_INVITE = "members:invite"  # invite people and give them roles
DATA_IMPORT = "data:import"  # import organisations, teams and members
DATA_EXPORT = "data:export"
REPORTS_CREATE = "reports:create"  # download reports across the network
TEAMS_VIEW_ALL = "teams:view"  # read every team's workspace
TEAM_VIEW = "team:view"
TEAM_WORK = "team:work"  # write in the team's workspace (packages, meetings, toolkit)
TEAM_SUBMIT = "team:submit"  # submit on behalf of the team (coordinator, leader)
# A network-level sign that the person submits for a team of the network: their own team's report
# is theirs to make, so the network's pages lead them to the reports. Grants no access by itself.
REPORTS_OWN_TEAM = "reports:own-team"

_MANAGERS = frozenset(
    {NETWORK_VIEW, NETWORK_MANAGE, MEMBERS_INVITE, DATA_IMPORT, DATA_EXPORT, REPORTS_CREATE, TEAMS_VIEW_ALL}
)
_READERS = frozenset({NETWORK_VIEW, DATA_EXPORT, REPORTS_CREATE, TEAMS_VIEW_ALL})

NETWORK_ROLE_KEYS: dict[str, frozenset[str]] = {
    NetworkRole.Role.PROJECT_GROUP: _MANAGERS,
    NetworkRole.Role.PROCESS_SUPERVISOR: _MANAGERS,
    NetworkRole.Role.PROFESSIONAL_ADVISER: _MANAGERS,
    NetworkRole.Role.WORKING_COMMITTEE: _MANAGERS,
    NetworkRole.Role.WORKING_GROUP: _READERS,
    NetworkRole.Role.OBSERVER: _READERS,
}

_TEAM_MEMBER = frozenset({TEAM_VIEW, TEAM_WORK})
TEAM_ROLE_KEYS: dict[str, frozenset[str]] = {role: _TEAM_MEMBER for role in TeamMembership.Role.values} | {
    TeamMembership.Role.COORDINATOR: _TEAM_MEMBER | {TEAM_SUBMIT},
    TeamMembership.Role.LEADER: _TEAM_MEMBER | {TEAM_SUBMIT},
}
# What a member of any team in the network may see of the network itself.
TEAM_MEMBER_NETWORK_KEYS = frozenset({NETWORK_VIEW})


def _network_ids_with_parents(network: Network) -> list[int]:
    # A role in a national programme applies to each of its regional networks.
    return [network.pk] + ([network.parent_id] if network.parent_id else [])


class Permissions:
    """The permission keys one user has, computed once per request and object."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.today = timezone.localdate()
        self._network_cache: dict[int, frozenset[str]] = {}
        self._team_cache: dict[int, frozenset[str]] = {}

    def for_network(self, network: Network) -> frozenset[str]:
        if not self.user.is_authenticated or not self.user.is_active:
            return frozenset()
        if network.pk not in self._network_cache:
            # The person's roles in the network and in its teams, in one query.
            network_roles = (
                NetworkRole.objects.active_on(self.today)
                .filter(user=self.user, network_id__in=_network_ids_with_parents(network))
                .order_by()
                .values_list("role", Value(False, output_field=BooleanField()))
            )
            in_teams = (
                TeamMembership.objects.active_on(self.today)
                .filter(user=self.user, team__network=network)
                .order_by()
                .values_list("role", Value(True, output_field=BooleanField()))
            )
            rows = list(network_roles.union(in_teams, all=True))
            keys: set[str] = set()
            for role, is_team_role in rows:
                if not is_team_role:
                    keys |= NETWORK_ROLE_KEYS[role]
            if NETWORK_VIEW not in keys:
                team_roles = {role for role, is_team_role in rows if is_team_role}
                if team_roles:
                    keys |= TEAM_MEMBER_NETWORK_KEYS
                if any(TEAM_SUBMIT in TEAM_ROLE_KEYS[role] for role in team_roles):
                    keys.add(REPORTS_OWN_TEAM)
            self._network_cache[network.pk] = frozenset(keys)
        return self._network_cache[network.pk]

    def for_team(self, team: Team) -> frozenset[str]:
        if not self.user.is_authenticated or not self.user.is_active:
            return frozenset()
        if team.pk not in self._team_cache:
            keys: set[str] = set()
            for role in (
                TeamMembership.objects.active_on(self.today)
                .filter(user=self.user, team=team)
                .values_list("role", flat=True)
            ):
                keys |= TEAM_ROLE_KEYS[role]
            if TEAMS_VIEW_ALL in self.for_network(team.network):
                keys.add(TEAM_VIEW)
            self._team_cache[team.pk] = frozenset(keys)
        return self._team_cache[team.pk]

    @cached_property
    def team_ids(self) -> frozenset[int]:
        """The teams this user is a member of today."""
        return frozenset(
            TeamMembership.objects.active_on(self.today).filter(user=self.user).values_list("team_id", flat=True)
        )


def permissions_for(request_or_user) -> Permissions:
    """The request's Permissions object (created once), or a fresh one for a bare user."""
    request = request_or_user if hasattr(request_or_user, "user") else None
    if request is None:
        return Permissions(request_or_user)
    if not hasattr(request, "perms"):
        request.perms = Permissions(request.user)
    return request.perms


def team_scope(request, keys: frozenset[str]) -> str | list[int]:
    """Which teams' parts of a network page this person sees, for keying cached pages
    (core.fragments): "all" for those who read across teams, else the ids of their own teams."""
    return "all" if TEAMS_VIEW_ALL in keys else sorted(permissions_for(request).team_ids)


def user_has_permission(user: User, obj: Network | Team, key: str) -> bool:
    perms = Permissions(user)
    keys = perms.for_team(obj) if isinstance(obj, Team) else perms.for_network(obj)
    return key in keys


def _check(keys: frozenset[str], key: str) -> None:
    if not keys:
        raise Http404
    if key not in keys:
        raise PermissionDenied


def network_for_request(request, slug: str) -> Network:
    """The network of the URL, read once per request (`request.network`) and reused by the view,
    its mixins, the access checks and the templates."""
    network = getattr(request, "network", None)
    if network is None or network.slug != slug:
        network = get_object_or_404(Network.objects.select_related("owner", "parent"), slug=slug)
        request.network = network
    return network


def get_network_for(request, slug: str, key: str) -> Network:
    """The network named by `slug` if the user holds `key` on it; 404 for outsiders, 403 else."""
    network = network_for_request(request, slug)
    _check(permissions_for(request).for_network(network), key)
    return network


def get_team_for(request, network: Network, pk: int, key: str) -> Team:
    """The team of the URL (in `network`) if the user holds `key` on it; kept as `request.team`."""
    team = getattr(request, "team", None)
    if team is None or team.pk != int(pk) or team.network_id != network.pk:
        team = get_object_or_404(Team, network=network, pk=pk)
        team.network = network  # the request's network object, not a second copy
        request.team = team
    _check(permissions_for(request).for_team(team), key)
    return team


# --- Selectors scoped to the user ---------------------------------------------------------------
def networks_visible_to(user: User) -> QuerySet[Network]:
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    today = timezone.localdate()
    role_networks = NetworkRole.objects.active_on(today).filter(user=user).values("network_id")
    team_networks = TeamMembership.objects.active_on(today).filter(user=user).values("team__network_id")
    return (
        Network.objects.filter(Q(pk__in=role_networks) | Q(parent_id__in=role_networks) | Q(pk__in=team_networks))
        .select_related("owner")
        .distinct()
    )


def networks_managed_by(user: User) -> QuerySet[Network]:
    """Networks where the user holds network:manage today (a programme's role covers its regional
    networks): where programs and packages may be copied from."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    managers = [r for r, keys in NETWORK_ROLE_KEYS.items() if NETWORK_MANAGE in keys]
    ids = NetworkRole.objects.active_on().filter(user=user, role__in=managers).values("network_id")
    return Network.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))


def teams_visible_to(user: User) -> QuerySet[Team]:
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    today = timezone.localdate()
    reader_roles = [r for r, keys in NETWORK_ROLE_KEYS.items() if TEAMS_VIEW_ALL in keys]
    role_networks = NetworkRole.objects.active_on(today).filter(user=user, role__in=reader_roles).values("network_id")
    my_teams = TeamMembership.objects.active_on(today).filter(user=user).values("team_id")
    return Team.objects.filter(
        Q(pk__in=my_teams) | Q(network_id__in=role_networks) | Q(network__parent_id__in=role_networks)
    ).select_related("network")


class NetworkPermissionMixin:
    """CBV mixin: loads `self.network` from the URL's slug and enforces `permission`.

    The tenant is resolved once per request: `request.network` (and `request.team` in team views)
    and `request.perms` (the person's Permissions) are what the view, its mixins, the access
    checks and the templates (`network`, `perms_here`) all use."""

    permission: str = NETWORK_VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        self.network = get_network_for(request, kwargs["slug"], self.permission)
        self.permissions = permissions_for(request).for_network(self.network)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(network=self.network, perms_here=self.permissions)
        return ctx


class TeamPermissionMixin(NetworkPermissionMixin):
    """CBV mixin: loads `self.team` (and its network) and enforces `team_permission`."""

    permission = NETWORK_VIEW
    team_permission: str = TEAM_VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        network = network_for_request(request, kwargs["slug"])
        self.team = get_team_for(request, network, kwargs["pk"], self.team_permission)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(team=self.team, team_perms=permissions_for(self.request).for_team(self.team))
        return ctx
