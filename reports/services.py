"""Report jobs: request (snapshot now), render (in a Celery worker), retry, regenerate, expire.

The state machine: PENDING → RUNNING → DONE | FAILED. Every run goes through it, the monthly
e-mail's too (reports/monthly.py), so every run counts its attempts and writes its audit log the
same way. The task locks the row, returns early if the run is DONE or another worker is busy with
it, marks it RUNNING, commits, and only then does the slow part. A worker killed mid-job leaves a
RUNNING row whose heartbeat stops: the broker redelivers the message (acks_late) and the
redelivered task takes the run over; so does the user's "Try again" and the sweeper (every minute),
once the heartbeat is older than REPORTS_STUCK_AFTER. The message goes through the outbox
(core/outbox.py), so a broker that is down at the request delays the run and loses nothing.
"""

from __future__ import annotations

import datetime
import io
import logging
import threading
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.outbox import outbox_enqueue
from networks.models import Network
from reports.models import ReportRun

logger = logging.getLogger(__name__)

# The snapshot each report kind takes; its template is `reports.snapshots.TEMPLATES[snapshot kind]`.
SNAPSHOT_KINDS = {
    ReportRun.Kind.NETWORK: "network_status",
    ReportRun.Kind.TEAM: "team_status",
    ReportRun.Kind.PACKAGE: "package_compilation",
    ReportRun.Kind.EVALUATION: "evaluation",
    ReportRun.Kind.FINAL: "final",
}
DOUBLE_CLICK_WINDOW = datetime.timedelta(seconds=30)
MAX_ATTEMPTS = 3  # a run that keeps killing its worker (time limit, memory) fails instead of looping


class ReportError(Exception):
    """A failure we can explain to the user (the message is shown, translated)."""


def snapshot_for(*, kind: str, network: Network, team=None, package=None, survey=None, locale: str) -> dict:
    """The data the report shows, taken now, with labels in the report's language."""
    from reports import snapshots

    today = timezone.localdate()
    with translation.override(locale):
        if kind == ReportRun.Kind.NETWORK:
            return snapshots.network_status_snapshot(network=network, today=today)
        if kind == ReportRun.Kind.TEAM:
            return snapshots.team_status_snapshot(team=team, today=today)
        if kind == ReportRun.Kind.EVALUATION:
            return snapshots.evaluation_snapshot(survey=survey)
        if kind == ReportRun.Kind.FINAL:
            from reports.final import final_snapshot

            return final_snapshot(network=network, today=today)
        return snapshots.package_compilation_snapshot(package=package)


def person_name(user: User | None) -> str:
    """A name for a report, never an e-mail address (Django's get_full_name falls back to it)."""
    from reports.snapshots import _person

    return "Læringsnett" if user is None else str(_person(user))


def render_snapshot(*, kind: str, snapshot: dict, locale: str, requested_by_name: str, generated_at) -> bytes:
    from reports.rendering import render_pdf
    from reports.snapshots import TEMPLATES

    return render_pdf(
        template=TEMPLATES[SNAPSHOT_KINDS[kind]],
        context={"snapshot": snapshot, "requested_by_name": requested_by_name, "generated_at": generated_at},
        language=locale,
    )


@transaction.atomic
def report_run_request(
    *,
    kind: str,
    network: Network,
    user: User | None,
    locale: str,
    team=None,
    package=None,
    survey=None,
    parameters: dict | None = None,
    enqueue: bool = True,
) -> ReportRun:
    """Snapshot the data and queue the rendering. A double click gives the same run, not two.

    `user=None` means the run is made by Læringsnett itself (the monthly e-mail); the PDF names
    Læringsnett as its author. `parameters` are stored on the run next to the team and package.
    With `enqueue=False` nothing is queued: the caller renders the run itself with
    `report_run_render`, the same claim and render a worker does, so no worker races it for the run.
    """
    params = {"team": team.pk if team else None, "package": package.pk if package else None, **(parameters or {})}
    if survey is not None:  # a gathering's evaluation: its survey, and the gathering by number
        params.update(survey=survey.pk, gathering=survey.gathering.number if survey.gathering_id else None)
    # Lock the network row so two requests at once are serialised and the second finds the first.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    candidates = ReportRun.objects.filter(
        kind=kind,
        network=network,
        team=team,
        package=package,
        survey=survey,
        requested_by=user,
        locale=locale,
        status__in=[ReportRun.Status.PENDING, ReportRun.Status.RUNNING],
        created_at__gte=timezone.now() - DOUBLE_CLICK_WINDOW,
    )
    # Compared in Python: SQLite compares JSON as text, where the order of the keys would matter.
    recent = next((r for r in candidates if r.parameters == params), None)
    if recent:
        return recent
    run = ReportRun(
        kind=kind, network=network, team=team, package=package, survey=survey, requested_by=user, locale=locale
    )
    run.parameters = params
    run.snapshot = snapshot_for(kind=kind, network=network, team=team, package=package, survey=survey, locale=locale)
    run.full_clean(exclude=["file"])
    run.save()
    run.log_action("reports.reportrun.requested", user=user, data={"kind": kind, "locale": locale})
    if enqueue:
        _enqueue(run)
    return run


def _enqueue(run: ReportRun) -> None:
    outbox_enqueue(task="reports.tasks.report_run_render_task", args=[run.pk])


def _stuck_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER)


def _claim(run_id: int, *, redelivered: bool) -> ReportRun | None:
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == ReportRun.Status.DONE:
            return None
        if run.status == ReportRun.Status.RUNNING and not redelivered and not run.is_stalled:
            return None  # another worker is on it
        if run.attempts >= MAX_ATTEMPTS:
            run.status = ReportRun.Status.FAILED
            run.error = "internal"
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at", "updated_at"])
            return None
        run.status = ReportRun.Status.RUNNING
        run.started_at = run.heartbeat_at = timezone.now()
        run.attempts += 1
        run.progress = 10
        run.error = ""
        run.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "progress", "error", "updated_at"])
    return run


class _Heartbeat(threading.Thread):
    """Writes `heartbeat_at` on a RUNNING run every REPORTS_HEARTBEAT_SECONDS while this attempt
    renders it, so a worker that dies is noticed in seconds rather than minutes."""

    def __init__(self, run: ReportRun):
        super().__init__(daemon=True, name=f"report-heartbeat-{run.pk}")
        self.run_id, self.attempt = run.pk, run.attempts
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import connection

        try:
            while not self.stopped.wait(settings.REPORTS_HEARTBEAT_SECONDS):
                ReportRun.objects.filter(
                    pk=self.run_id, status=ReportRun.Status.RUNNING, attempts=self.attempt
                ).update(heartbeat_at=timezone.now())
        except Exception:  # noqa: BLE001 - a missed heartbeat only makes the run look stalled sooner
            logger.warning("Heartbeat of report run %s stopped", self.run_id, exc_info=True)
        finally:
            connection.close()  # the thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


def report_run_render(*, run_id: int, redelivered: bool = False, heartbeat: bool = False) -> ReportRun | None:
    """Render a run's snapshot to PDF and store it. Safe to call twice (idempotent by state).
    `heartbeat`: a worker renders it, and writes its heartbeat from a thread while it does."""
    run = _claim(run_id, redelivered=redelivered)
    if run is None:
        return None
    beat = _Heartbeat(run) if heartbeat else None
    if beat:
        beat.start()
    try:
        return _render_claimed(run)
    finally:
        if beat:
            beat.stop()


def _render_claimed(run: ReportRun) -> ReportRun:
    try:
        if settings.REPORTS_RENDER_DELAY:  # only tests set this, to kill a worker mid-job
            time.sleep(settings.REPORTS_RENDER_DELAY)
        ReportRun.objects.filter(pk=run.pk).update(progress=40)
        pdf = render_snapshot(
            kind=run.kind,
            snapshot=run.snapshot,
            locale=run.locale,
            requested_by_name=person_name(run.requested_by),
            generated_at=run.created_at,
        )
        ReportRun.objects.filter(pk=run.pk).update(progress=90)
        pages = _count_pages(pdf)
    except Exception as exc:
        logger.exception("Report run %s failed", run.pk)
        message = str(exc) if isinstance(exc, ReportError) else ""
        # Only this attempt may mark the run failed (a newer attempt may already be working).
        ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING, attempts=run.attempts).update(
            status=ReportRun.Status.FAILED, error=message or "internal", finished_at=timezone.now()
        )
        run.log_action("reports.reportrun.failed", data={"error": type(exc).__name__})
        return run
    with transaction.atomic():
        attempt = run.attempts
        run = ReportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ReportRun.Status.RUNNING or run.attempts != attempt:
            return run  # a newer attempt owns the run now
        if run.file:
            run.file.delete(save=False)
        run.file.save(run.filename, ContentFile(pdf), save=False)
        run.status = ReportRun.Status.DONE
        run.progress = 100
        run.pages = pages
        run.finished_at = timezone.now()
        run.expires_at = run.finished_at + datetime.timedelta(days=settings.REPORTS_RETENTION_DAYS)
        run.save(update_fields=["file", "status", "progress", "pages", "finished_at", "expires_at", "updated_at"])
    run.log_action("reports.reportrun.done", data={"pages": pages})
    return run


def _count_pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(pdf)).pages)
    except Exception:  # noqa: BLE001 - pypdf is a development dependency; the count is informative
        return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


@transaction.atomic
def report_run_retry(*, run: ReportRun, by: User | None) -> ReportRun:
    """A failed run, a finished one whose file has expired, or a RUNNING one whose worker stopped
    beating (`is_stalled`) is rendered again from its snapshot. A run that is being rendered, or
    was asked for a moment ago, is left alone (a double click)."""
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if run.status == ReportRun.Status.RUNNING and not run.is_stalled:
        return run
    if run.status == ReportRun.Status.PENDING and run.updated_at > _stuck_before():
        return run
    run.attempts = 0 if run.status == ReportRun.Status.FAILED else run.attempts
    run.status = ReportRun.Status.PENDING
    run.progress = 0
    run.error = ""
    run.save(update_fields=["status", "progress", "error", "attempts", "updated_at"])
    run.log_action("reports.reportrun.retried", user=by)
    _enqueue(run)
    return run


def report_runs_reset_stuck() -> int:
    """Re-enqueue runs left RUNNING by a worker that stopped beating (periodic, every minute).
    PENDING runs need nothing here: their message waits in the outbox until the broker takes it."""
    before = _stuck_before()
    count = 0
    stalled = ReportRun.objects.filter(status=ReportRun.Status.RUNNING).filter(
        models.Q(heartbeat_at__lt=before) | models.Q(heartbeat_at__isnull=True, started_at__lt=before)
    )
    for run in stalled[:100]:
        with transaction.atomic():
            if ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.RUNNING, attempts=run.attempts).update(
                status=ReportRun.Status.PENDING
            ):
                _enqueue(run)
                count += 1
    return count


def report_files_purge_expired() -> int:
    """Delete files past their expiry; the archive row stays, and can be regenerated (periodic)."""
    count = 0
    for run in ReportRun.objects.filter(expires_at__lt=timezone.now()).exclude(file="")[:500]:
        run.file.delete(save=False)
        ReportRun.objects.filter(pk=run.pk).update(file="")
        count += 1
    return count


ERROR_MESSAGES = {
    "internal": _("Something went wrong while making the report. The error is logged; try again."),
}


def error_message(run: ReportRun) -> str:
    """Only whitelisted messages reach the user: an exception's own text could show internals."""
    return str(ERROR_MESSAGES.get(run.error, run.error or ERROR_MESSAGES["internal"]))


class TextConflict(Exception):
    """Someone else saved the part since the version the writer started from."""

    def __init__(self, *, text: str, version: int, updated_by: str, updated_at):
        super().__init__("conflict")
        self.text, self.version, self.updated_by, self.updated_at = text, version, updated_by, updated_at


@transaction.atomic
def final_report_text_save(*, network: Network, key: str, text: str, base_version: int, by: User | None):
    """Save one part of the final report if nobody else saved it since `base_version`; otherwise
    TextConflict with the other person's text. The same text as now is no change; a save from a
    version whose text equals what is sent (the writer changed nothing) keeps the newer one."""
    from django.core.exceptions import ValidationError

    from core.identity import refuse_national_id
    from reports.models import FinalReportText, FinalReportTextRevision

    if key not in FinalReportText.Key.values:
        raise ValidationError(_("Unknown part of the final report."))
    text = (text or "").replace("\r\n", "\n")
    if "\x00" in text:
        raise ValidationError(_("The text contains a character that cannot be stored."))
    refuse_national_id(text)
    Network.objects.select_for_update().filter(pk=network.pk).first()  # the first save of a part, once
    part, _created = FinalReportText.objects.select_for_update().get_or_create(network=network, key=key)
    if part.text == text:
        return part
    if part.version != base_version:
        started_from = part.revisions.filter(version=base_version).values_list("text", flat=True).first()
        if base_version and started_from == text:
            return part
        raise TextConflict(
            text=part.text,
            version=part.version,
            updated_by=person_name(part.updated_by) if part.updated_by_id else "",
            updated_at=part.updated_at,
        )
    part.text = text
    part.version += 1
    part.updated_by = by
    part.save()
    FinalReportTextRevision.objects.create(part=part, version=part.version, text=text, created_by=by)
    return part
