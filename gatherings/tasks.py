from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def program_changes_notify_task(gathering_id: int, outbox_id: int | None = None) -> int:
    """E-mail the registered participants that a published program changed (coalesced), once per
    outbox message (core/outbox.py)."""
    from core.outbox import outbox_run_once
    from gatherings.services import program_changes_send

    return outbox_run_once(outbox_id=outbox_id, work=lambda: program_changes_send(gathering_id=gathering_id)) or 0


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def activity_invitations_task(activity_id: int, team_ids: list, user_ids: list, outbox_id: int | None = None) -> int:
    """E-mail the teams and people newly invited to an activity, once per outbox message."""
    from core.outbox import outbox_run_once
    from gatherings.services import activity_invitations_send

    return (
        outbox_run_once(
            outbox_id=outbox_id,
            work=lambda: activity_invitations_send(activity_id=activity_id, team_ids=team_ids, user_ids=user_ids),
        )
        or 0
    )


# Messages queued under the task's name from before the gatherings app (networks.tasks) still run
# after a deploy. Remove once no queue can hold such a message.
program_changes_notify_task_old_name = shared_task(
    name="networks.tasks.program_changes_notify_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)(program_changes_notify_task.run)
