"""The monthly network status report, e-mailed to the network's observers (who can opt out).

A monthly report is an ordinary report run and goes through the same state machine as one a
person asks for (reports/services.py): `report_run_request` takes the snapshot and logs the
request (`user=None`: made by Læringsnett), and `report_run_render` claims the run
(PENDING → RUNNING), renders the snapshot and stores the file (DONE) or marks the run FAILED,
counting the attempt and writing the audit log as for any other run.

The run is rendered here, in the monthly task, rather than by a queued render task: the e-mail
needs the finished file, and rendering in the same task lets the e-mail go out right after the run
is DONE, with no second task and no "mailed" flag to keep in step with the run. The run is
requested with `enqueue=False`, so no worker races this task for it. If the render fails, the run
stays FAILED in the archive (where it can be retried) and no e-mail is sent. If the worker dies
mid-render, the sweeper re-queues the run and a worker finishes it for the archive, but no e-mail
goes out for it. In both cases the network has its monthly run, so the month is never sent twice.
"""

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
from reports.services import report_run_render, report_run_request

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
            run = _monthly_run(network=network, locale=locale)
            if run is None:
                continue
            with run.file.open("rb") as file:
                pdf = file.read()
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


def _monthly_run(*, network: Network, locale: str) -> ReportRun | None:
    """Request this month's run and render it through the state machine; the run if it is DONE."""
    run = report_run_request(
        kind=ReportRun.Kind.NETWORK,
        network=network,
        user=None,
        locale=locale,
        parameters={"monthly": True},
        enqueue=False,
    )
    report_run_render(run_id=run.pk)
    run.refresh_from_db()
    if run.status != ReportRun.Status.DONE or not run.file:
        logger.error("Monthly report run %s for %s ended %s: no e-mail sent", run.pk, network.slug, run.status)
        return None
    return run
