"""Celery tasks of the surveys: thin wrappers that take primary keys and call the mail service."""

from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def panel_mail_task(member_ids: list[int], base_url: str, reminder: bool, outbox_id: int | None = None) -> int:
    """E-mail the personal links (an invitation, or a reminder), once per outbox message."""
    from core.outbox import outbox_run_once
    from surveys.mail import panel_mail_send

    return (
        outbox_run_once(
            outbox_id=outbox_id,
            work=lambda: panel_mail_send(member_ids=member_ids, base_url=base_url, reminder=reminder),
        )
        or 0
    )


@shared_task
def drafts_purge_task() -> int:
    from surveys.services import drafts_purge

    return drafts_purge()
