"""Write operations on teams, their organisations and members."""

from __future__ import annotations

import datetime

from django.db import transaction

from learningnet.models import User
from networks.models import Network, Organisation
from teams.models import Team, TeamMembership, TeamOrganisation


@transaction.atomic
def team_upsert(
    *, network: Network, name: str, by: User | None = None, improvement_area: str = "", status: str = ""
) -> Team:
    team, created = Team.objects.get_or_create(network=network, name=name)
    changed = []
    if improvement_area and team.improvement_area != improvement_area:
        team.improvement_area = improvement_area
        changed.append("improvement_area")
    if status and team.status != status:
        team.status = status
        changed.append("status")
    if created or changed:
        team.full_clean()
        team.save()
        team.log_action("teams.team.created" if created else "teams.team.changed", user=by, data={"name": name})
    return team


@transaction.atomic
def team_organisation_add(
    *,
    team: Team,
    organisation: Organisation,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> TeamOrganisation:
    obj, created = TeamOrganisation.objects.get_or_create(
        team=team, organisation=organisation, starts_on=starts_on, defaults={"ends_on": ends_on}
    )
    if not created and obj.ends_on != ends_on:
        obj.ends_on = ends_on
        obj.full_clean()
        obj.save(update_fields=["ends_on", "updated_at"])
    return obj


@transaction.atomic
def team_member_add(
    *,
    team: Team,
    user: User,
    role: str,
    by: User | None = None,
    organisation: Organisation | None = None,
    starts_on: datetime.date | None = None,
) -> TeamMembership:
    membership, created = TeamMembership.objects.get_or_create(
        team=team, user=user, role=role, starts_on=starts_on, defaults={"organisation": organisation}
    )
    if created:
        membership.full_clean()
        team.log_action("teams.team.member_added", user=by, data={"user": user.email, "role": role})
    return membership
