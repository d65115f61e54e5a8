"""The durable hand-off to Celery: a transactional outbox.

A service that starts background work calls `outbox_enqueue(task=…, args=[…])` inside its
transaction. That writes an `OutboxMessage` row with the rows the work is about, and after commit
tries once, without retrying, to publish it. A broker that is down costs the request a
fraction of a second, not a hang, and loses nothing: the row stays PENDING and
`outbox_sweep` (periodic, every minute) publishes it once the broker is back. A message that was
published but never run (lost by a broker restart) is published again after
`OUTBOX_RESEND_AFTER`.

Publishing twice must not do the work twice. The task receives `outbox_id` and runs its work
through `outbox_run_once`, which locks the row, skips a message that is already DONE and marks it
DONE in the same transaction as the work. Work that is idempotent by a state machine of its own
(report rendering) calls `outbox_mark_done` afterwards instead of holding the lock.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage

logger = logging.getLogger(__name__)

SWEEP_BATCH = 200


def _app():
    from celery import current_app

    return current_app


def outbox_enqueue(*, task: str, args: list[Any]) -> OutboxMessage:
    """Record `task(*args)` for the broker; published after the surrounding transaction commits."""
    message = OutboxMessage.objects.create(task=task, args=list(args))
    transaction.on_commit(lambda: outbox_dispatch(message_id=message.pk), robust=True)
    return message


def outbox_dispatch(*, message_id: int) -> bool:
    """Publish one message, once, without retrying. False (and the error kept) when the broker is
    unreachable; the sweeper tries again."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.status == OutboxMessage.Status.DONE:
        return True
    app = _app()
    kwargs = {"outbox_id": message.pk}
    try:
        if app.conf.task_always_eager:  # the embedded default: run in-process, as .delay() would
            app.loader.import_default_modules()
            app.tasks[message.task].apply(args=message.args, kwargs=kwargs, throw=True)
        else:
            app.send_task(
                message.task,
                args=message.args,
                kwargs=kwargs,
                task_id=f"outbox-{message.pk}-{message.publish_attempts + 1}",
                retry=False,
                ignore_result=True,
            )
    except Exception as exc:  # noqa: BLE001 - any broker error leaves the message for the sweeper
        if app.conf.task_always_eager and settings.CELERY_TASK_EAGER_PROPAGATES:
            raise
        logger.warning("Outbox message %s (%s) not published: %s", message.pk, message.task, exc)
        OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.PENDING).update(
            publish_attempts=message.publish_attempts + 1, last_error=str(exc)[:500], updated_at=timezone.now()
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).exclude(status=OutboxMessage.Status.DONE).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        publish_attempts=message.publish_attempts + 1,
        last_error="",
        updated_at=timezone.now(),
    )
    return True


def outbox_run_once(*, outbox_id: int | None, work: Callable[[], Any]) -> Any:
    """Run a task's work at most once per outbox message: the row is locked while the work runs,
    a DONE message is skipped, and DONE is written in the work's transaction (an exception rolls
    both back, so a retry runs the work again). Messages from before the outbox (no id) just run."""
    if outbox_id is None:
        return work()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=outbox_id).first()
        if message is not None and message.status == OutboxMessage.Status.DONE:
            logger.info("Outbox message %s already done; skipped", outbox_id)
            return None
        result = work()
        if message is not None:
            message.status = OutboxMessage.Status.DONE
            message.done_at = timezone.now()
            message.save(update_fields=["status", "done_at", "updated_at"])
        return result


def outbox_mark_done(*, outbox_id: int | None) -> None:
    """For work that is idempotent by its own state machine: the message needs no resending."""
    if outbox_id is not None:
        OutboxMessage.objects.filter(pk=outbox_id).update(
            status=OutboxMessage.Status.DONE, done_at=timezone.now(), updated_at=timezone.now()
        )


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Publish what the broker did not get (periodic; safe to run twice at once: rows are claimed
    with SKIP LOCKED). Stops at the first failure, since the broker is down. Returns how many
    messages were published."""
    now = now or timezone.now()
    pending_before = now - datetime.timedelta(seconds=settings.OUTBOX_RETRY_AFTER)
    resend_before = now - datetime.timedelta(seconds=settings.OUTBOX_RESEND_AFTER)
    published = 0
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, created_at__lt=pending_before)
            .order_by("created_at", "pk")[:SWEEP_BATCH]
        )
        lost = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.SENT, sent_at__lt=resend_before)
            .order_by("sent_at", "pk")[:SWEEP_BATCH]
        )
        # Back to PENDING, so dispatch's bookkeeping is the same for both.
        OutboxMessage.objects.filter(pk__in=[m.pk for m in lost]).update(status=OutboxMessage.Status.PENDING)
        for message in due + lost:
            if not outbox_dispatch(message_id=message.pk):
                break
            published += 1
    return published


def outbox_purge_done(*, older_than_days: int = 30) -> int:
    """Done messages are kept a month for looking into what happened, then deleted (nightly)."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _ = OutboxMessage.objects.filter(status=OutboxMessage.Status.DONE, done_at__lt=cutoff).delete()
    return deleted
