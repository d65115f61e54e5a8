"""Write operations on networks: roles, and invitations into a network."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.outbox import outbox_enqueue
from networks.models import Invitation, Network, NetworkRole


def network_role_add(
    *, network: Network, user: User, role: str, by: User | None = None, organisation=None, starts_on=None
) -> NetworkRole:
    obj, created = NetworkRole.objects.get_or_create(
        network=network,
        user=user,
        role=role,
        starts_on=starts_on,
        defaults={"organisation": organisation},
    )
    if created:
        obj.full_clean()
        network.log_action("networks.network.role_added", user=by, data={"user": user.pk, "role": role})
    return obj


@transaction.atomic
def network_role_monthly_report_set(*, network: Network, user: User, on: bool) -> NetworkRole | None:
    """An observer switches the monthly status report e-mail on or off. None: the person is no
    observer of the network today (only observers get the report)."""
    role = (
        NetworkRole.objects.active_on()
        .select_for_update()
        .filter(network=network, user=user, role=NetworkRole.Role.OBSERVER)
        .first()
    )
    if role is None:
        return None
    role.monthly_report = on
    role.save(update_fields=["monthly_report", "updated_at"])
    network.log_action("reports.monthly.toggled", user=user, data={"on": on})
    return role


@transaction.atomic
def invitation_create(*, user: User, by: User | None, network=None, base_url: str) -> Invitation:
    """Invite `user` to set a password, and e-mail them a one-time link through the outbox (a
    broker that is down delays the e-mail, never loses it). The link's token is made when the
    e-mail is sent, so no usable token is ever stored, not even in the outbox."""
    _unused, placeholder_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        user=user,
        invited_by=by,
        network=network,
        token_hash=placeholder_hash,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_TIMEOUT_DAYS),
    )
    invitation.log_action("learningnet.invitation.created", user=by, data={"user": user.pk})
    outbox_enqueue(task="networks.tasks.invitation_send_task", args=[invitation.pk, base_url])
    return invitation


def invitation_send(*, invitation: Invitation, base_url: str) -> None:
    """Make the invitation's token and e-mail the link, in the invited person's language. Run
    inside the outbox's transaction: a failed e-mail rolls the new token back."""
    token, token_hash = Invitation.new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)
    link = base_url.rstrip("/") + reverse("invitation-accept", kwargs={"token": token})
    invitation_link_send(invitation=invitation, link=link)


def invitation_link_send(*, invitation: Invitation, link: str) -> None:
    """Send the invitation e-mail with `link`, in the invited person's language."""
    user = invitation.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"invitation": invitation, "link": link, "user": user}
        subject = str(_("Invitation to Læringsnett"))
        body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str) -> User:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link has expired or has already been used."))
    user = invitation.user
    if not user.is_active:  # deactivated on purpose: an old link must not bring the account back
        raise ValidationError(_("This invitation link has expired or has already been used."))
    user.set_password(password)
    user.save(update_fields=["password"])
    # One link is used; any older links to the same person stop working too.
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=timezone.now())
    invitation.log_action("learningnet.invitation.accepted", user=user)
    return user


def invitations_purge_expired(*, older_than_days: int = 30) -> int:
    """Unused invitations are kept 30 days past expiry (so "expired" can be explained), then go."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _ = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff).delete()
    return deleted
