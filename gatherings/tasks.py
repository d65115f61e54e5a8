from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def program_changes_notify_task(gathering_id: int) -> int:
    """E-mail the registered participants that a published program changed (coalesced)."""
    from gatherings.services import program_changes_send

    return program_changes_send(gathering_id=gathering_id)
