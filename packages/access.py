"""Who may see and write which package and which team's answers (on top of teams.permissions).

- Draft packages: the project group only (others get 404).
- A team's answers while not submitted: that team and the project group.
- Submitted answers: also those who read across the network (observers, working group), and
  the other teams once the deadline has passed if the package shares answers.
- Writing: members of the team (team:work) while not submitted; submitting: team:submit;
  reopening and reminding: network:manage.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from packages.models import Package, Response
from teams import permissions as perm
from teams.models import Team


@dataclass(frozen=True)
class Access:
    read: bool
    write: bool
    submit: bool
    manage: bool
    member: bool = False  # of the team: may see its drafts and their history


def package_for(request, network, pk: int) -> Package:
    package = get_object_or_404(
        Package.objects.select_related("gathering__network"), gathering__network=network, pk=pk
    )
    keys = perm.permissions_for(request).for_network(network)
    if package.status == Package.Status.DRAFT and perm.NETWORK_MANAGE not in keys:
        raise Http404
    return package


def compilation_for(request, network, pk: int) -> Package:
    """The package whose day-1 compilation (every team's submitted answers) this person may read:
    those who follow the teams, and the teams themselves when the package shares its answers."""
    package = package_for(request, network, pk)
    keys = perm.permissions_for(request).for_network(network)
    if perm.TEAMS_VIEW_ALL not in keys and not package.shared_with_all_teams:
        raise PermissionDenied
    return package


def access_for(request, package: Package, team: Team, response: Response | None) -> Access:
    perms = perm.permissions_for(request)
    network_keys = perms.for_network(package.network)
    team_keys = perms.for_team(team)
    manage = perm.NETWORK_MANAGE in network_keys
    member = perm.TEAM_WORK in team_keys
    submitted = response is not None and response.status == Response.Status.SUBMITTED
    read = (
        member
        or manage
        or (submitted and perm.TEAMS_VIEW_ALL in network_keys)
        or (submitted and package.shared_with_all_teams and perm.NETWORK_VIEW in network_keys)
    )
    published = package.status == Package.Status.PUBLISHED
    return Access(
        read=read,
        write=member and published and not submitted,
        submit=perm.TEAM_SUBMIT in team_keys and published and not submitted,
        manage=manage,
        member=member,
    )


def require(access: Access, what: str) -> None:
    if not access.read:
        raise Http404
    if not getattr(access, what):
        raise PermissionDenied


def readable_team_ids(request, package: Package, responses) -> list[int]:
    """The teams among `responses` whose answers this person may read, in bulk (no query per team):
    the same rules as access_for."""
    perms = perm.permissions_for(request)
    keys = perms.for_network(package.network)
    if perm.NETWORK_MANAGE in keys:
        return [r.team_id for r in responses]
    own = perms.team_ids
    readers = perm.TEAMS_VIEW_ALL in keys or (package.shared_with_all_teams and perm.NETWORK_VIEW in keys)
    return [r.team_id for r in responses if r.team_id in own or (readers and r.status == Response.Status.SUBMITTED)]
