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
The run records whom it was sent to (`parameters["sent_to"]`): the task runs every morning of the
month's first week and sends only to those not yet recorded, so neither a network that failed nor
an e-mail that failed half-way through the list is lost, and nobody gets the month twice.
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


# The task runs every morning; the month's report goes out on the first day, and the next days
# (up to this many) pick up what failed: a network that failed, a recipient whose e-mail failed.
RETRY_DAYS = 7


def monthly_network_reports_send(*, today: datetime.date | None = None) -> int:
    """Send this month's report to every observer who wants it, once per person and month.

    Guarded against overlap by a cache lock. Each network is sent on its own, so one that fails
    (logged) does not stop the others; each run records whom it was sent to, so a run that stopped
    half-way is finished later without sending anyone the report twice.
    """
    today = today or timezone.localdate()
    if today.day > RETRY_DAYS:
        return 0
    if not cache.add("reports:monthly:lock", 1, timeout=3600):
        return 0
    try:
        return _send(today)
    finally:
        cache.delete("reports:monthly:lock")


def _send(today: datetime.date) -> int:
    sent = 0
    month_start = today.replace(day=1)
    # Networks that are running, or ended less than a month ago.
    networks = Network.objects.filter(starts_on__lte=today, ends_on__gte=month_start - datetime.timedelta(days=31))
    for network in networks:
        try:
            sent += _send_network(network, today=today, month_start=month_start)
        except Exception:
            logger.exception("Monthly report for %s failed; the other networks go on", network.slug)
    return sent


def _send_network(network: Network, *, today: datetime.date, month_start: datetime.date) -> int:
    sent = 0
    this_month = {
        run.locale: run
        for run in ReportRun.objects.filter(
            network=network, kind=ReportRun.Kind.NETWORK, parameters__monthly=True, created_at__date__gte=month_start
        ).order_by("created_at")
    }
    roles = (
        NetworkRole.objects.active_on(today)
        .filter(network=network, role=NetworkRole.Role.OBSERVER, monthly_report=True, user__is_active=True)
        .select_related("user")
    )
    by_language: dict[str, list] = {}
    for role in roles:
        by_language.setdefault(role.user.preferred_language or settings.LANGUAGE_CODE, []).append(role.user)
    for locale, users in by_language.items():
        run = this_month.get(locale)
        if run is None:
            run = _monthly_run(network=network, locale=locale)
        elif run.status != ReportRun.Status.DONE or not run.file:
            continue  # this month's run failed or is still rendering: nothing to attach, no e-mail
        if run is None:
            continue
        done = set(run.parameters.get("sent_to", []))
        waiting = [user for user in users if user.pk not in done]
        if not waiting:
            continue
        with run.file.open("rb") as file:
            pdf = file.read()
        for user in waiting:
            with translation.override(locale):
                subject = _("Monthly status: %(network)s") % {"network": network.name}
                body = render_to_string(
                    "reports/email/monthly.txt", {"network": network, "user": user, "site": settings.SITE_URL}
                )
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            message.attach(run.filename, pdf, "application/pdf")
            try:
                message.send()
            except Exception:  # one address failing stops nobody else; it is tried again tomorrow
                logger.exception("Monthly report for %s: the e-mail to person %s failed", network.slug, user.pk)
                continue
            # Recorded after each e-mail, so a failure later resends nobody.
            done.add(user.pk)
            run.parameters = {**run.parameters, "sent_to": sorted(done)}
            ReportRun.objects.filter(pk=run.pk).update(parameters=run.parameters)
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
