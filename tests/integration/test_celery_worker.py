"""A real worker on Redis, against the real PostgreSQL test database."""

import re

import pytest
from django.db import transaction

from learningnet.tasks import ping
from networks.models import Invitation
from networks.services import invitation_create
from tests.learningnet.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_answers_a_task(celery_worker_proc, real_celery):
    celery_worker_proc()
    assert ping.delay().get(timeout=20) == "pong"


def test_invitation_email_is_sent_by_the_worker(celery_worker_proc, real_celery, tmp_path):
    mail_dir = tmp_path / "mail"
    worker = celery_worker_proc(
        extra_env={
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        }
    )
    inviter = UserFactory(full_name="Kari Nordmann")
    invited = UserFactory(email="ny.person@eksempel.no", password="")
    with transaction.atomic():
        invitation_create(user=invited, by=inviter, base_url="http://testserver/")
    # The task is enqueued on commit; the worker in the other process writes the mail file.
    import time

    deadline = time.monotonic() + 20
    while not (mail_dir.exists() and any(mail_dir.iterdir())):
        assert time.monotonic() < deadline, worker.log()
        time.sleep(0.2)
    message = next(mail_dir.iterdir()).read_text()
    assert "ny.person@eksempel.no" in message
    token = re.search(r"/accounts/invitation/([\w-]+)/", message).group(1)
    assert Invitation.find(token).user == invited


def test_healthz_reports_broker_and_worker(celery_worker_proc, real_celery, client):
    celery_worker_proc()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["workers"] == "1 responding"


def test_healthz_is_503_without_workers(real_celery, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["workers"] == "none responding"
    assert response.json()["database"] == "ok"
