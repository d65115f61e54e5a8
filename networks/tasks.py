from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def invitation_send_task(invitation_id: int, base_url: str, outbox_id: int | None = None) -> None:
    """E-mail an invitation's link, once per outbox message (core/outbox.py)."""
    from core.outbox import outbox_run_once
    from networks.models import Invitation
    from networks.services import invitation_send

    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at:
        return
    outbox_run_once(outbox_id=outbox_id, work=lambda: invitation_send(invitation=invitation, base_url=base_url))


@shared_task
def invitations_purge_expired() -> int:
    """Delete invitations that expired more than 30 days ago without being used (nightly)."""
    from networks.services import invitations_purge_expired as purge

    return purge()


def _invitation_link_send(invitation_id: int, link: str) -> None:
    from networks.models import Invitation
    from networks.services import invitation_link_send

    invitation = Invitation.objects.select_related("user").filter(pk=invitation_id).first()
    if invitation is not None and not invitation.accepted_at:
        invitation_link_send(invitation=invitation, link=link)


# Messages queued under the names these tasks had before invitations moved from the core into
# networks (and before the outbox: they carry the link itself) still run after a deploy. Remove
# once no queue can hold such a message.
invitation_send_task_old_name = shared_task(
    name="learningnet.tasks.invitation_send_task",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)(_invitation_link_send)
invitations_purge_expired_old_name = shared_task(name="learningnet.tasks.invitations_purge_expired")(
    invitations_purge_expired.run
)
