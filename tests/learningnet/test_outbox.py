"""The outbox (core/outbox.py) in-process: what is kept, what the sweeper picks, what runs once.
With a real broker that is down and a real worker: tests/integration/test_outbox.py."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.models import OutboxMessage
from core.outbox import outbox_enqueue, outbox_purge_done, outbox_run_once, outbox_sweep
from networks.services import invitation_create
from reports.models import ReportRun
from reports.services import report_run_request, report_run_retry, report_runs_reset_stuck
from tests.learningnet.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_is_kept_until_done_and_stores_no_token(django_capture_on_commit_callbacks):
    invited = UserFactory(email="ny@eksempel.no", password="")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invitation_create(user=invited, by=None, base_url="http://testserver/")
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.args == [invitation.pk, "http://testserver/"]  # no link, so no usable token
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()  # the commit: published (here run in-process, as with no broker configured)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DONE and message.done_at
    assert len(mail.outbox) == 1 and "/accounts/invitation/" in mail.outbox[0].body


def test_work_runs_once_per_message_and_again_after_a_failure():
    message = OutboxMessage.objects.create(task="x", args=[])
    calls = []

    def failing():
        calls.append("fail")
        OutboxMessage.objects.create(task="written by the failed work", args=[])
        raise OSError("SMTP is down")

    with pytest.raises(OSError):
        outbox_run_once(outbox_id=message.pk, work=failing)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING  # rolled back with the work's own writes
    assert not OutboxMessage.objects.filter(task="written by the failed work").exists()
    assert outbox_run_once(outbox_id=message.pk, work=lambda: calls.append("ok") or 7) == 7
    assert outbox_run_once(outbox_id=message.pk, work=lambda: calls.append("twice")) is None
    assert calls == ["fail", "ok"]
    assert (
        outbox_run_once(outbox_id=None, work=lambda: "an old message without an id") == "an old message without an id"
    )


def test_the_sweeper_takes_old_pending_and_long_lost_messages_only(settings, django_capture_on_commit_callbacks):
    now = timezone.now()
    old = now - datetime.timedelta(seconds=settings.OUTBOX_RETRY_AFTER + 1)
    lost = now - datetime.timedelta(seconds=settings.OUTBOX_RESEND_AFTER + 1)
    invited = UserFactory(password="")
    with django_capture_on_commit_callbacks(execute=False):  # as if the broker had been down
        invitation_create(user=invited, by=None, base_url="http://testserver/")
        invitation_create(user=UserFactory(password=""), by=None, base_url="http://testserver/")
        invitation_create(user=UserFactory(password=""), by=None, base_url="http://testserver/")
    waiting, fresh, published = OutboxMessage.objects.order_by("pk")
    OutboxMessage.objects.filter(pk=waiting.pk).update(created_at=old)
    OutboxMessage.objects.filter(pk=published.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=lost, created_at=lost
    )
    assert outbox_sweep() == 2
    assert len(mail.outbox) == 2
    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses == {waiting.pk: "done", fresh.pk: "pending", published.pk: "done"}
    assert outbox_sweep() == 0  # nothing twice


def test_done_messages_are_purged_after_a_month():
    OutboxMessage.objects.create(task="x", status=OutboxMessage.Status.DONE, done_at=timezone.now())
    OutboxMessage.objects.create(
        task="x", status=OutboxMessage.Status.DONE, done_at=timezone.now() - datetime.timedelta(days=31)
    )
    OutboxMessage.objects.create(task="x", created_at=timezone.now() - datetime.timedelta(days=90))
    assert outbox_purge_done() == 1
    assert OutboxMessage.objects.count() == 2


def test_a_report_run_is_taken_over_only_when_its_heartbeat_stops(cast, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        run = report_run_request(kind="network", network=cast.network, user=cast.project_group, locale="nb")
    now = timezone.now()
    beating = now - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER - 10)
    stopped = now - datetime.timedelta(seconds=settings.REPORTS_STUCK_AFTER + 1)
    # Started long ago but still beating: the worker is on it; neither the user nor the sweeper interferes.
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.Status.RUNNING, started_at=stopped, heartbeat_at=beating, attempts=1
    )
    run.refresh_from_db()
    assert not run.is_stalled
    with django_capture_on_commit_callbacks(execute=False):
        assert report_run_retry(run=run, by=cast.project_group).status == ReportRun.Status.RUNNING
        assert report_runs_reset_stuck() == 0
    assert OutboxMessage.objects.count() == 1

    ReportRun.objects.filter(pk=run.pk).update(heartbeat_at=stopped)
    run.refresh_from_db()
    assert run.is_stalled
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        retried = report_run_retry(run=run, by=cast.project_group)
    assert retried.status == ReportRun.Status.PENDING
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE and run.attempts == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.DONE).count() == 1  # the retry's message


def test_enqueue_keeps_the_message_with_the_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(task="core.tasks.outbox_purge_done_task", args=[])
        raise RuntimeError("the request failed")
    assert not OutboxMessage.objects.exists()  # rolled back with the rows it was about: nothing to send


@pytest.mark.django_db
def test_the_audit_log_stores_a_persons_key_never_their_email(cast):
    from core.models import AuditLogEntry
    from gatherings.services import registration_cancel, registration_save
    from networks.services import network_role_add
    from teams.services import team_member_add
    from tests.learningnet.factories import UserFactory

    person = UserFactory(email="kari.nordmann@example.no")
    network_role_add(network=cast.network, user=person, role="observator")
    team_member_add(team=cast.team_b, user=person, role="ansatt")
    cast.activity.registration_open = True
    cast.activity.save()
    registration = registration_save(activity=cast.activity, user=person, answers={})
    registration_cancel(registration=registration, by=person)
    entries = AuditLogEntry.objects.filter(data__user=person.pk)
    assert entries.count() == 4
    assert not any("kari.nordmann" in str(entry.data) for entry in AuditLogEntry.objects.all())
