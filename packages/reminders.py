"""Reminder services for preparation packages: the project group's "Remind" button and the daily
reminder before the deadline. Every current member of a team gets the e-mail, in their own
language, not only the coordinator.

The Celery tasks in packages/tasks.py take primary keys and call these. The "Remind" button's
rules and audit log are packages.services.response_remind.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.models import User
from packages.models import Package, Response
from teams.models import Team, TeamMembership

REMIND_BEFORE = datetime.timedelta(days=3)  # remind when the deadline is this close
REMIND_AGAIN_AFTER = datetime.timedelta(days=2)  # and not again sooner than this
BATCH_SIZE = 50  # packages per run; the next run takes the rest
# Teams that have left the network are not reminded.
REMINDED_TEAM_STATUSES = (Team.Status.FORMING, Team.Status.ACTIVE, Team.Status.CONTINUING)


def team_recipients(*, team: Team) -> list[User]:
    """Everyone who is a member of the team today (any team role), once each."""
    memberships = (
        TeamMembership.objects.active_on()
        .filter(team=team, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    users: dict[int, User] = {}
    for m in memberships:
        users.setdefault(m.user_id, m.user)
    return list(users.values())


def _reminder_messages(*, package: Package, team: Team, manual: bool) -> list[tuple[str, str, str, list[str]]]:
    response = Response.objects.filter(package=package, team=team).first()
    link = settings.SITE_URL + reverse(
        "packages:workspace", kwargs={"slug": package.network.slug, "pk": package.pk, "team_pk": team.pk}
    )
    messages = []
    for user in team_recipients(team=team):
        context = {
            "user": user,
            "team": team,
            "package": package,
            "network": package.network,
            "response": response,
            "link": link,
            "manual": manual,
            "deadline_passed": package.deadline_passed,
        }
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            subject = " ".join(render_to_string("packages/email/package_reminder_subject.txt", context).split())
            body = render_to_string("packages/email/package_reminder.txt", context)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return messages


def team_reminder_send(*, package: Package, team: Team, manual: bool = False) -> int:
    """E-mail every current member of `team` about `package`, unless the team has submitted.
    Returns the number of e-mails sent."""
    if package.status != Package.Status.PUBLISHED:
        return 0
    if Response.objects.filter(package=package, team=team, status=Response.Status.SUBMITTED).exists():
        return 0
    messages = _reminder_messages(package=package, team=team, manual=manual)
    send_mass_mail(messages)
    return len(messages)


def packages_due_for_reminder(*, now: datetime.datetime):
    """Published packages with a deadline in the next REMIND_BEFORE that were not reminded in the
    last REMIND_AGAIN_AFTER."""
    return Package.objects.filter(
        _due(now),
        status=Package.Status.PUBLISHED,
        deadline__gt=now,
        deadline__lte=now + REMIND_BEFORE,
    ).order_by("deadline", "pk")


def _due(now: datetime.datetime) -> Q:
    return Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lt=now - REMIND_AGAIN_AFTER)


def package_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send the automatic reminders that are due; safe to run twice (returns e-mails sent).

    Each package is claimed with a conditional update of `last_reminder_at` before sending, so two
    runs never both send it. If sending fails, the claim is undone and the next run tries again.
    """
    now = now or timezone.now()
    sent = 0
    for package in packages_due_for_reminder(now=now).select_related("gathering__network")[:BATCH_SIZE]:
        previous = package.last_reminder_at
        if not Package.objects.filter(_due(now), pk=package.pk).update(last_reminder_at=now, updated_at=now):
            continue  # another run took it
        submitted = Response.objects.filter(package=package, status=Response.Status.SUBMITTED).values("team_id")
        teams = Team.objects.filter(network=package.network, status__in=REMINDED_TEAM_STATUSES).exclude(
            pk__in=submitted
        )
        try:
            messages = [m for team in teams for m in _reminder_messages(package=package, team=team, manual=False)]
            send_mass_mail(messages)
        except Exception:
            Package.objects.filter(pk=package.pk, last_reminder_at=now).update(
                last_reminder_at=previous, updated_at=timezone.now()
            )
            raise
        package.log_action("packages.package.reminders_sent", data={"emails": len(messages)})
        sent += len(messages)
    return sent
