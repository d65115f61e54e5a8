"""Celery tasks for preparation packages: thin wrappers that take primary keys and call the
reminder services (packages/reminders.py)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache

from core.outbox import outbox_run_once
from packages.models import Package
from packages.reminders import package_reminders_send, team_reminder_send
from teams.models import Team

logger = logging.getLogger(__name__)

LOCK_KEY = "packages:package_reminders_send:lock"
LOCK_SECONDS = 15 * 60


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def response_remind_task(package_id: int, team_id: int, outbox_id: int | None = None) -> int:
    """Send the reminder asked for with the "Remind" button to every member of one team, once per
    outbox message (core/outbox.py)."""
    package = Package.objects.select_related("gathering__network").filter(pk=package_id).first()
    team = Team.objects.filter(pk=team_id).first()
    if package is None or team is None:
        return 0
    return (
        outbox_run_once(outbox_id=outbox_id, work=lambda: team_reminder_send(package=package, team=team, manual=True))
        or 0
    )


@shared_task
def package_reminders_send_task() -> int:
    """Daily: remind the teams that have not submitted a package whose deadline is near."""
    if not cache.add(LOCK_KEY, "1", LOCK_SECONDS):
        logger.info("package_reminders_send_task is already running; skipped")
        return 0
    try:
        return package_reminders_send()
    finally:
        cache.delete(LOCK_KEY)
