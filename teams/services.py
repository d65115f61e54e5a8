"""Write operations on teams, their organisations and members, and the follow-up between
gatherings (supervision, team meetings and their tasks)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.models import Organisation, User
from networks.models import Network
from teams.models import (
    MeetingTask,
    SupervisionOffer,
    SupervisionSession,
    Team,
    TeamMeeting,
    TeamMembership,
    TeamOrganisation,
)


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
        team.log_action("teams.team.member_added", user=by, data={"user": user.pk, "role": role})
    return membership


# --- Supervision ----------------------------------------------------------------------------------
@transaction.atomic
def supervision_offer_create(
    *, team: Team, sessions_offered: int, hours_per_session: Decimal, by: User | None = None, note: str = ""
) -> SupervisionOffer:
    """Offer the team `sessions_offered` sessions of `hours_per_session` hours, one unused row each."""
    offer = SupervisionOffer(
        team=team, sessions_offered=sessions_offered, hours_per_session=hours_per_session, note=note, offered_by=by
    )
    offer.full_clean()
    offer.save()
    sessions = [SupervisionSession(offer=offer, hours=hours_per_session) for _i in range(sessions_offered)]
    for session in sessions:
        session.full_clean()
    SupervisionSession.objects.bulk_create(sessions)
    offer.log_action(
        "teams.supervision_offer.created",
        user=by,
        data={"sessions_offered": sessions_offered, "hours_per_session": str(hours_per_session)},
    )
    return offer


@transaction.atomic
def supervision_session_record(
    *,
    offer: SupervisionOffer,
    held_on: datetime.date,
    by: User | None = None,
    hours: Decimal | None = None,
    note: str = "",
) -> SupervisionSession:
    """Mark the next unused session of the offer as used on `held_on`.

    Raises ValidationError when every offered session is used already. The row lock keeps two
    people recording at once from using the same session.
    """
    session = offer.sessions.select_for_update().filter(used=False).order_by("pk").first()
    if session is None:
        raise ValidationError(_("All offered sessions have been used."), code="no_sessions_left")
    session.used = True
    session.held_on = held_on
    session.hours = hours if hours is not None else offer.hours_per_session
    session.note = note
    session.full_clean()
    session.save()
    offer.log_action(
        "teams.supervision_session.recorded",
        user=by,
        data={"session": session.pk, "held_on": held_on.isoformat(), "hours": str(session.hours)},
    )
    return session


# --- Team meetings --------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingTaskInput:
    """One task as typed in the meeting form. `pk` names an existing task of the meeting on update."""

    description: str
    responsible: User | None = None
    responsible_note: str = ""
    due_on: datetime.date | None = None
    done: bool = False
    pk: int | None = None


def _check_responsible(team: Team, tasks: Sequence[MeetingTaskInput]) -> None:
    # Anyone who has been in the team may hold a task (also after leaving, on older meetings).
    wanted = {t.responsible.pk for t in tasks if t.responsible is not None}
    if not wanted:
        return
    members = set(TeamMembership.objects.filter(team=team, user_id__in=wanted).values_list("user_id", flat=True))
    if wanted - members:
        raise ValidationError(_("The person responsible for a task must be a member of the team."), code="responsible")


def _task_fill(task: MeetingTask, data: MeetingTaskInput) -> MeetingTask:
    task.description = data.description
    task.responsible = data.responsible
    task.responsible_note = data.responsible_note
    task.due_on = data.due_on
    task.done = data.done
    task.full_clean()
    return task


@transaction.atomic
def team_meeting_create(
    *,
    team: Team,
    held_on: datetime.date,
    title: str,
    by: User | None = None,
    minutes: str = "",
    next_meeting_on: datetime.date | None = None,
    tasks: Sequence[MeetingTaskInput] = (),
) -> TeamMeeting:
    """Log a meeting of the team with its minutes and the tasks to the next meeting."""
    _check_responsible(team, tasks)
    meeting = TeamMeeting(
        team=team, held_on=held_on, title=title, minutes=minutes, next_meeting_on=next_meeting_on, created_by=by
    )
    meeting.full_clean()
    meeting.save()
    for data in tasks:
        _task_fill(MeetingTask(meeting=meeting), data).save()
    meeting.log_action(
        "teams.meeting.created",
        user=by,
        data={"title": title, "held_on": held_on.isoformat(), "tasks": len(tasks)},
    )
    return meeting


class MeetingConflict(Exception):
    """Someone saved the meeting (or ticked one of its tasks) after the editor opened it."""

    def __init__(self, meeting: TeamMeeting, version: str) -> None:
        super().__init__("The meeting was changed by someone else.")
        self.meeting = meeting
        self.version = version


def meeting_version(meeting: TeamMeeting, tasks: Sequence[MeetingTask] | None = None) -> str:
    """A fingerprint of the meeting as saved: its own last change and each task's. An edit is
    based on the version the form was opened with, the same check answers have."""
    import hashlib  # noqa: PLC0415

    tasks = meeting.tasks.all() if tasks is None else tasks
    parts = [meeting.updated_at.isoformat()] + sorted(f"{t.pk}:{t.updated_at.isoformat()}" for t in tasks)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@transaction.atomic
def team_meeting_update(
    *,
    meeting: TeamMeeting,
    held_on: datetime.date,
    title: str,
    by: User | None = None,
    minutes: str = "",
    next_meeting_on: datetime.date | None = None,
    tasks: Sequence[MeetingTaskInput] = (),
    base_version: str | None = None,
) -> TeamMeeting:
    """Change a meeting. `tasks` is the full list after the edit: tasks with a `pk` are updated,
    tasks without one are added, and the meeting's tasks left out are removed. With
    `base_version` (meeting_version when the form was opened), a meeting changed since raises
    MeetingConflict and nothing is written."""
    if base_version:
        saved = TeamMeeting.objects.select_for_update().get(pk=meeting.pk)
        current = meeting_version(saved, list(MeetingTask.objects.filter(meeting=saved)))
        if current != base_version:
            raise MeetingConflict(saved, current)
    _check_responsible(meeting.team, tasks)
    meeting.held_on = held_on
    meeting.title = title
    meeting.minutes = minutes
    meeting.next_meeting_on = next_meeting_on
    meeting.full_clean()
    meeting.save()

    existing = {task.pk: task for task in meeting.tasks.select_for_update()}
    kept: set[int] = set()
    added = 0
    for data in tasks:
        if data.pk is None:
            _task_fill(MeetingTask(meeting=meeting), data).save()
            added += 1
        elif data.pk in existing:
            _task_fill(existing[data.pk], data).save()
            kept.add(data.pk)
        else:
            raise ValidationError(_("A task does not belong to this meeting."), code="foreign_task")
    removed = set(existing) - kept
    if removed:
        MeetingTask.objects.filter(pk__in=removed).delete()
    meeting.log_action(
        "teams.meeting.changed",
        user=by,
        data={"title": title, "held_on": held_on.isoformat(), "tasks_added": added, "tasks_removed": len(removed)},
    )
    return meeting


@transaction.atomic
def meeting_task_toggle(*, task: MeetingTask, by: User | None = None, done: bool | None = None) -> MeetingTask:
    """Mark a task done or not done. With `done` given the call is idempotent, so a double click
    or a page that was open in two tabs does not flip the task back; without it, it flips."""
    new = (not task.done) if done is None else done
    if new != task.done:
        task.done = new
        task.save(update_fields=["done", "updated_at"])
        task.meeting.log_action(
            "teams.meeting_task.done" if new else "teams.meeting_task.reopened",
            user=by,
            data={"task": task.pk},
        )
    return task


@transaction.atomic
def person_invite(
    *,
    network: Network,
    email: str,
    full_name: str = "",
    network_role: str = "",
    team=None,
    team_role: str = "",
    by: User | None,
    base_url: str,
) -> tuple[User, bool]:
    """Give a person (found by e-mail, or created) a role in the network and/or a team, and e-mail
    an invitation link if they cannot log in yet. Returns the person and whether a link was sent."""
    from core.services import user_get_or_create
    from networks.services import invitation_create, network_role_add

    user, _created = user_get_or_create(email=email, full_name=full_name)
    if network_role:
        network_role_add(network=network, user=user, role=network_role, by=by)
    if team is not None:
        team_member_add(team=team, user=user, role=team_role, by=by)
    if user.has_usable_password():
        return user, False
    invitation_create(user=user, by=by, network=network, base_url=base_url)
    return user, True
