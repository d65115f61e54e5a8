"""The monthly network status report, e-mailed to the network's observers (who can opt out)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from networks.models import Network, NetworkRole
from reports.models import ReportRun
from reports.services import render_snapshot, snapshot_for

logger = logging.getLogger(__name__)


def monthly_network_reports_send(*, today: datetime.date | None = None) -> int:
    """Send this month's report to every observer who wants it, once per network and month.

    Guarded against overlap by a cache lock and against a second send in the same month by the
    archive: a network that already has a monthly run this month is skipped.
    """
    if not cache.add("reports:monthly:lock", 1, timeout=3600):
        return 0
    try:
        return _send(today or timezone.localdate())
    finally:
        cache.delete("reports:monthly:lock")


def _send(today: datetime.date) -> int:
    sent = 0
    month_start = today.replace(day=1)
    # Networks that are running, or ended less than a month ago.
    networks = Network.objects.filter(starts_on__lte=today, ends_on__gte=month_start - datetime.timedelta(days=31))
    for network in networks:
        if ReportRun.objects.filter(
            network=network, kind=ReportRun.Kind.NETWORK, parameters__monthly=True, created_at__date__gte=month_start
        ).exists():
            continue
        roles = (
            NetworkRole.objects.active_on(today)
            .filter(network=network, role=NetworkRole.Role.OBSERVER, monthly_report=True, user__is_active=True)
            .select_related("user")
        )
        by_language: dict[str, list] = {}
        for role in roles:
            by_language.setdefault(role.user.preferred_language or settings.LANGUAGE_CODE, []).append(role.user)
        for locale, users in by_language.items():
            snapshot = snapshot_for(kind=ReportRun.Kind.NETWORK, network=network, locale=locale)
            run = ReportRun.objects.create(
                kind=ReportRun.Kind.NETWORK,
                network=network,
                locale=locale,
                snapshot=snapshot,
                parameters={"monthly": True},
            )
            pdf = render_snapshot(
                kind=run.kind,
                snapshot=snapshot,
                locale=locale,
                requested_by_name="Læringsnett",
                generated_at=run.created_at,
            )
            from django.core.files.base import ContentFile

            run.file.save(run.filename, ContentFile(pdf), save=False)
            run.status = ReportRun.Status.DONE
            run.progress = 100
            run.finished_at = timezone.now()
            run.expires_at = run.finished_at + datetime.timedelta(days=settings.REPORTS_RETENTION_DAYS)
            run.save()
            for user in users:
                with translation.override(locale):
                    subject = _("Monthly status: %(network)s") % {"network": network.name}
                    body = render_to_string(
                        "reports/email/monthly.txt", {"network": network, "user": user, "site": settings.SITE_URL}
                    )
                message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
                message.attach(run.filename, pdf, "application/pdf")
                message.send()
                sent += 1
    return sent
