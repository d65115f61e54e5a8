"""Teams answer preparation packages together; nothing typed is ever lost."""

import datetime
import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import expect

from packages.models import Answer, AnswerRevision, Package, Question
from packages.services import package_copy_from_library
from tests.browser.conftest import AccessiblePage, login
from tests.learningnet.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def package(cast):
    p = package_copy_from_library(
        gathering=cast.gathering, key="fp2-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    Package.objects.filter(pk=p.pk).update(status=Package.Status.PUBLISHED)
    return p


def workspace_url(live_server, cast, package):
    return f"{live_server.url}/n/{cast.network.slug}/packages/{package.pk}/teams/{cast.team_a.pk}/"


def first_text_question(package):
    return Question.objects.filter(task__package=package).order_by("task__order", "order").first()


def test_two_members_conflict_both_answers_survive(ui, live_server, cast, package, browser):
    question = first_text_question(package)
    field = f"#q-{question.pk}"
    url = workspace_url(live_server, cast, package)
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(url)

    other = AccessiblePage(browser.new_context(locale="nb-NO").new_page())
    login(other, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    other.goto(url)

    ui.locator(field).fill("Forankring i kommunalsjefens ledermøte.")
    expect(ui.locator(f"#question-{question.pk} .ln-save-status")).to_contain_text("Lagret", timeout=10000)

    other.locator(field).fill("Forankring i FSU.")
    conflict = other.locator(f"#question-{question.pk} .ln-conflict")
    expect(conflict).to_be_visible(timeout=10000)
    expect(conflict).to_contain_text("Forankring i kommunalsjefens ledermøte.")
    other.screenshot("package-conflict")
    other.get_by_role("button", name="Behold min versjon").first.click()
    expect(other.locator(f"#question-{question.pk} .ln-save-status")).to_contain_text("Lagret", timeout=10000)

    answer = Answer.objects.get(question=question)
    assert answer.value == "Forankring i FSU."
    assert list(AnswerRevision.objects.filter(answer=answer).order_by("version").values_list("value", flat=True)) == [
        "Forankring i kommunalsjefens ledermøte.",
        "Forankring i FSU.",
    ]
    other.check()
    assert not other.violations, json.dumps(other.violations, ensure_ascii=False)


def test_text_typed_after_the_session_expired_comes_back_after_login(ui, live_server, cast, package):
    question = first_text_question(package)
    field = f"#q-{question.pk}"
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(workspace_url(live_server, cast, package))
    Session.objects.all().delete()  # the session expires while the member is typing
    ui.locator(field).fill("Mål: færre brudd i pasientforløpet innen juni.")
    expect(ui.locator("#ln-expired")).to_be_visible(timeout=10000)
    ui.screenshot("package-session-expired")
    assert not Answer.objects.exclude(value=None).exists()

    ui.get_by_role("link", name="Logg inn igjen").click()
    ui.get_by_label("E-post").fill(cast.coordinator.email)
    ui.get_by_label("Passord").fill(DEFAULT_PASSWORD)
    ui.get_by_role("button", name="Logg inn").click()
    expect(ui.locator(field)).to_have_value("Mål: færre brudd i pasientforløpet innen juni.")
    expect(ui.locator(f"#question-{question.pk} .ln-save-status")).to_contain_text("Lagret", timeout=10000)
    assert Answer.objects.get(question=question).value == "Mål: færre brudd i pasientforløpet innen juni."


def test_coordinator_submits_and_project_group_sees_levert(ui, live_server, cast, package):
    Question.objects.filter(task__package=package).update(required=False)
    question = first_text_question(package)
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(workspace_url(live_server, cast, package))
    ui.locator(f"#q-{question.pk}").fill("Forankret i ledergruppen.")
    expect(ui.locator(f"#question-{question.pk} .ln-save-status")).to_contain_text("Lagret", timeout=10000)
    ui.get_by_role("button", name="Lever pakken").click()
    expect(ui.get_by_text("Levert. Takk!")).to_be_visible()

    ui.context.clear_cookies()
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/packages/matrix/")
    row = ui.get_by_role("row").filter(has_text="Fosen")
    expect(row).to_contain_text(re.compile("levert", re.IGNORECASE))
    ui.screenshot("package-matrix")


def test_the_submit_panel_follows_what_is_saved(ui, live_server, cast):
    from tests.packages.factories import package_with_questions

    package = package_with_questions(gathering=cast.gathering, status=Package.Status.PUBLISHED)
    question = first_text_question(package)
    Question.objects.filter(pk=question.pk).update(required=True)
    url = workspace_url(live_server, cast, package)

    # A team member writes; the coordinator or leader submits, and the page says so.
    login(ui, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    ui.goto(url)
    expect(ui.get_by_text("Teamets koordinator eller leder leverer pakken")).to_be_visible()
    expect(ui.get_by_role("button", name="Lever pakken")).to_have_count(0)

    ui.context.clear_cookies()
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(url)
    # Untouched: what is missing is named, and the button waits.
    submit = ui.get_by_role("button", name="Lever pakken")
    expect(submit).to_be_disabled()
    expect(ui.locator("#ln-submit-missing")).to_contain_text("Ikke besvart: Hvordan innhenter dere")
    ui.locator(f"#q-{question.pk}").fill("Vi spør brukerne i hver samtale.")
    expect(ui.locator(f"#question-{question.pk} .ln-save-status")).to_contain_text("Lagret", timeout=10000)
    # Saved: the panel says so at once, without a reload.
    expect(submit).to_be_enabled()
    expect(ui.locator("#ln-submit-missing")).to_be_hidden()
    expect(ui.get_by_text("Alt som kreves er besvart.")).to_be_visible()
    ui.screenshot("package-submit-ready")
    submit.click()
    expect(ui.get_by_role("button", name="Lever pakken")).to_have_count(0)
    assert package.responses.get(team=cast.team_a).status == "levert"


def test_fp1_shows_the_seeds_words_and_the_apps_help_apart(ui, live_server, cast):
    fp1 = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    Package.objects.filter(pk=fp1.pk).update(status=Package.Status.PUBLISHED)
    login(ui, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    ui.goto(workspace_url(live_server, cast, fp1))
    expect(ui.get_by_role("heading", name="1) Etablering av forbedringsteamet.")).to_be_visible()
    helps = ui.locator("aside.ln-app-help")
    expect(helps).to_have_count(3)
    expect(helps.first).to_contain_text("Hjelp fra Læringsnett")
    # The help looks different from the seed's text around it (its own background and border).
    styles = helps.first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderLeftWidth]")
    body = ui.locator("main").evaluate("e => getComputedStyle(e).backgroundColor")
    assert styles[0] != body and styles[1] == "4px"
    ui.screenshot("package-fp1-seed-words")
