"""Write operations on organisations, networks, gatherings and network roles."""

from __future__ import annotations

from django.db import transaction

from learningnet.models import User
from networks.models import Network, NetworkRole, Organisation


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


@transaction.atomic
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
        network.log_action("networks.network.role_added", user=by, data={"user": user.email, "role": role})
    return obj
