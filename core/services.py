"""Services of the shared core: people and organisations."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from core.identity import refuse_national_id
from core.models import Organisation, User


def user_get_or_create(*, email: str, full_name: str = "", organisation=None) -> tuple[User, bool]:
    """Find a person by e-mail (case-insensitive) or create one who cannot log in yet.
    ValidationError on `full_name` when the name holds a national identity number."""
    try:
        refuse_national_id(full_name)
    except ValidationError as exc:
        raise ValidationError({"full_name": exc.error_list}) from None
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        changed = []
        if full_name and not user.full_name:
            user.full_name = full_name
            changed.append("full_name")
        if organisation and not user.organisation_id:
            user.organisation = organisation
            changed.append("organisation")
        if changed:
            user.save(update_fields=[*changed, "updated_at"])  # cached pages that show names see it
        return user, False
    user = User(email=email, full_name=full_name, organisation=organisation)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user, True


@transaction.atomic
def organisation_upsert(*, name: str, kind: str, by: User | None = None, **fields) -> Organisation:
    org, created = Organisation.objects.get_or_create(name=name, kind=kind, defaults=fields)
    if not created:
        changed = [k for k, v in fields.items() if v and getattr(org, k) != v]
        for key in changed:
            setattr(org, key, fields[key])
        if changed:
            org.full_clean()
            org.save(update_fields=[*changed, "updated_at"])
    else:
        org.full_clean()
    if created or changed:
        org.log_action(
            "networks.organisation.created" if created else "networks.organisation.changed",
            user=by,
            data={"name": name},
        )
    return org


def user_calendar_token(*, user: User) -> str:
    """The person's secret key for calendar feeds, made on first use."""
    if not user.calendar_token:
        user.calendar_token = secrets.token_urlsafe(32)
        user.save(update_fields=["calendar_token"])
    return user.calendar_token


def user_calendar_token_reset(*, user: User) -> str:
    """A new key: every calendar link made with the old one stops working."""
    user.calendar_token = ""
    return user_calendar_token(user=user)
