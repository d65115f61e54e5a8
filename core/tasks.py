"""Periodic tasks of the outbox (core/outbox.py)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.cache import cache

logger = logging.getLogger(__name__)

SWEEP_LOCK = "core:outbox_sweep:lock"


@shared_task
def outbox_sweep_task() -> int:
    """Every minute: publish what a broker that was down did not get."""
    from core.outbox import outbox_sweep

    if not cache.add(SWEEP_LOCK, "1", 300):
        logger.info("outbox_sweep_task is already running; skipped")
        return 0
    try:
        return outbox_sweep()
    finally:
        cache.delete(SWEEP_LOCK)


@shared_task
def outbox_purge_done_task() -> int:
    from core.outbox import outbox_purge_done

    return outbox_purge_done()
