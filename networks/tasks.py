from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def invitation_send_task(invitation_id: int, link: str) -> None:
    from networks.models import Invitation
    from networks.services import invitation_send

    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at:
        return
    invitation_send(invitation=invitation, link=link)


@shared_task
def invitations_purge_expired() -> int:
    """Delete invitations that expired more than 30 days ago without being used (nightly)."""
    from networks.services import invitations_purge_expired as purge

    return purge()


# Messages queued under the names these tasks had before invitations moved from the core into
# networks still run after a deploy. Remove once no queue can hold such a message.
invitation_send_task_old_name = shared_task(
    name="learningnet.tasks.invitation_send_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)(invitation_send_task.run)
invitations_purge_expired_old_name = shared_task(name="learningnet.tasks.invitations_purge_expired")(
    invitations_purge_expired.run
)
