"""Security headers: the Content-Security-Policy on every page, `private, no-store` on pages with a
team's answers or a person's data, and HSTS preload only when asked for."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from packages.models import Package
from packages.services import package_copy_from_library
from reports.models import ReportRun
from tests.learningnet.test_settings import PRODUCTION, manage
from tests.toolkit.factories import ServiceUserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}


def csp(response) -> dict[str, set[str]]:
    directives = [d.split() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return {d[0]: set(d[1:]) for d in directives}


def assert_private_no_store(response):
    assert response.status_code == 200, response.status_code
    assert response["Cache-Control"] == "private, no-store"


# --- Content-Security-Policy ----------------------------------------------------------------------
def test_login_page_has_the_content_security_policy(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert csp(response) == EXPECTED_CSP


def test_a_logged_in_page_has_the_same_policy(cast, client):
    client.force_login(cast.coordinator)
    response = client.get(cast.network.get_absolute_url())
    assert response.status_code == 200
    assert csp(response) == EXPECTED_CSP


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        for path in folder.rglob("*.html"):
            # WeasyPrint's print templates never reach a browser: their <style> blocks stay.
            if "reports/pdf" not in path.as_posix():
                yield path


INLINE = [
    (re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "inline style attribute"),
    (re.compile(r"<style", re.I), "<style> block"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_have_nothing_inline_the_policy_would_block():
    found = [
        f"{path.relative_to(ROOT)}: {what}"
        for path in _templates()
        for pattern, what in INLINE
        if pattern.search(path.read_text())
    ]
    assert list(_templates()) and not found, found


def test_inline_pdfs_go_without_the_policy_that_would_block_chromes_viewer(cast, client):
    client.force_login(cast.project_group)  # the program is a draft: its makers see it
    response = client.get(reverse("reports:program-pdf", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
    assert_private_no_store(response)


# --- Cache-Control: private, no-store -------------------------------------------------------------
@pytest.fixture
def package(cast):
    p = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    p.status = Package.Status.PUBLISHED
    p.save()
    return p


def test_workspace_and_its_answers_are_not_stored(cast, client, package):
    client.force_login(cast.coordinator)
    kw = {"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk}
    assert_private_no_store(client.get(reverse("packages:workspace", kwargs=kw)))
    question = package.tasks.first().questions.first()
    history = reverse("packages:answer-history", kwargs={**kw, "question_pk": question.pk})
    assert_private_no_store(client.get(history))


def test_followup_answers_are_not_stored(cast, client, package):
    client.force_login(cast.project_group)
    question = package.tasks.first().questions.first()
    kw = {"slug": cast.network.slug, "pk": package.pk}
    assert_private_no_store(
        client.get(reverse("packages:question-answers", kwargs={**kw, "question_pk": question.pk}))
    )
    assert_private_no_store(client.get(reverse("packages:package-export", kwargs=kw)))


def test_report_pages_are_not_stored(cast, client):
    client.force_login(cast.project_group)
    assert_private_no_store(client.get(reverse("reports:run-list", kwargs={"slug": cast.network.slug})))
    run = ReportRun.objects.create(kind=ReportRun.Kind.NETWORK, network=cast.network, requested_by=cast.project_group)
    kw = {"slug": cast.network.slug, "pk": run.pk}
    assert_private_no_store(client.get(reverse("reports:run-detail", kwargs=kw)))
    assert_private_no_store(client.get(reverse("reports:run-status", kwargs=kw)))


def test_toolkit_pages_are_not_stored(cast, client):
    person = ServiceUserFactory(team=cast.team_a)
    client.force_login(cast.coordinator)
    kw = {"slug": cast.network.slug, "pk": cast.team_a.pk}
    assert_private_no_store(client.get(reverse("toolkit:team", kwargs=kw)))
    assert_private_no_store(client.get(reverse("toolkit:person", kwargs={**kw, "person_pk": person.pk})))
    assert_private_no_store(client.get(reverse("toolkit:import", kwargs=kw)))
    client.force_login(cast.project_group)
    assert_private_no_store(client.get(reverse("toolkit:network", kwargs={"slug": cast.network.slug})))


def test_the_header_is_not_put_on_every_page(cast, client):
    client.force_login(cast.coordinator)
    response = client.get(reverse("gatherings:plan", kwargs={"slug": cast.network.slug}))
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


# --- HSTS -----------------------------------------------------------------------------------------
def _production_setting(name: str, **env) -> str:
    result = manage("shell", "-c", f"from django.conf import settings; print(settings.{name})", **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_hsts_preload_is_off_unless_asked_for():
    assert _production_setting("SECURE_HSTS_PRELOAD") == "False"
    assert _production_setting("SECURE_HSTS_PRELOAD", DJANGO_SECURE_HSTS_PRELOAD="true") == "True"


def test_deploy_check_is_clean_with_preload_switched_on():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DJANGO_SECURE_HSTS_PRELOAD="true")
    assert result.returncode == 0, result.stdout + result.stderr
