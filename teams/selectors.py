"""Reads for team pages, each a constant number of queries whatever the number of meetings or tasks."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from core.models import User
from teams.models import MeetingTask, SupervisionOffer, SupervisionSession, Team, TeamMeeting, TeamMembership


def team_meeting_list(*, team: Team) -> QuerySet[TeamMeeting]:
    """The team's meetings, newest first, with who logged them and their tasks (and who holds each)."""
    return team.meetings.select_related("created_by").prefetch_related(
        Prefetch("tasks", queryset=MeetingTask.objects.select_related("responsible").order_by("pk"))
    )


def team_meetings_recent(*, team: Team, limit: int = 3) -> list[TeamMeeting]:
    return list(team_meeting_list(team=team)[:limit])


def supervision_offer_list(*, team: Team) -> QuerySet[SupervisionOffer]:
    """The team's supervision offers with `used_count` and `hours_used` annotated."""
    used = Q(sessions__used=True)
    return team.supervision_offers.select_related("offered_by").annotate(
        used_count=Count("sessions", filter=used), hours_used=Sum("sessions__hours", filter=used)
    )


def supervision_sessions_used(*, team: Team) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(offer__team=team, used=True).order_by("held_on", "pk")


def team_task_candidates(*, team: Team, meeting: TeamMeeting | None = None) -> QuerySet[User]:
    """People who may hold a task: today's team members, plus whoever already holds one in `meeting`."""
    current = TeamMembership.objects.active_on(timezone.localdate()).filter(team=team).values("user_id")
    condition = Q(pk__in=current)
    if meeting is not None:
        condition |= Q(pk__in=meeting.tasks.filter(responsible__isnull=False).values("responsible_id"))
    return User.objects.filter(condition).order_by("full_name", "email")
