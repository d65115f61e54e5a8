"""The library reproduces the seeds' words and structure (§2.4 of the 2014–2015 documentation,
Vedlegg 1 of the Trøndelag final report); what the app adds is help, shown apart."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from packages.models import Package, Question, Task
from packages.services import package_copy, package_copy_from_library

pytestmark = pytest.mark.django_db

# Sentences quoted verbatim from seed 003 §2.4 (the documentation of the national network 2014–2015).
FP1_TASK3 = (
    "For å få et inntrykk av hvordan brukerne opplever tjenestene pr i dag, ble teamene bedt om å intervju minst "
    "to brukere med rusproblemer og/eller psykiske problemer om deres erfaringer med tjenestene."
)
FP2_INTRO = "Oppgavene i forberedelsespakke 2 handlet om å lage en plan for forbedringsarbeidet og beskrive:"
FP3_INTRO = "Oppgavene i forberedelsespakke 3 handlet om at teamene skulle tenke fremover og beskrive:"


def copy(cast, key):
    return package_copy_from_library(
        gathering=cast.gathering, key=key, deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )


def titles(package):
    return list(Task.objects.filter(package=package).order_by("order").values_list("title", flat=True))


def test_fp1_has_the_seeds_introduction_tasks_and_sentence(cast):
    fp1 = copy(cast, "fp1-2014")
    assert fp1.introduction == "Oppgavene i forberedelsespakke 1:"
    assert fp1.task_numbering == Package.Numbering.PARENTHESIS
    assert titles(fp1) == [
        "Etablering av forbedringsteamet.",
        "Kartlegging av egne tjenester:",
        "Lytte til de erfaringene brukerne har med tjenestene",
    ]
    assert fp1.tasks.get(order=2).description == FP1_TASK3
    texts = list(Question.objects.filter(task__package=fp1).values_list("text", flat=True))
    assert "Hvordan involverer kommunen brukernes familier og øvrige nettverk?" in texts
    assert "Kartlegg styrker og svakheter i samarbeidet mellom kommunen og spesialisthelsetjenesten." in texts
    # The app's own words are help, never the question or the task.
    helpers = Question.objects.filter(task__package=fp1).exclude(app_help="")
    assert set(helpers.values_list("kind", flat=True)) == {Question.Kind.TABLE, Question.Kind.INTERVIEW}
    assert not Question.objects.filter(task__package=fp1).exclude(help_text="").exists()


def test_fp2_and_fp3_are_the_seeds_numbered_tasks_under_its_introduction(cast):
    fp2, fp3 = copy(cast, "fp2-2014"), copy(cast, "fp3-2014")
    assert fp2.introduction == FP2_INTRO
    assert titles(fp2) == [
        "Hvordan de vil forankre forbedringsarbeidet.",
        "Hvilke (konkrete) mål de har for forbedringsarbeidet.",
        "Hvilke (måle)-verktøy de vil bruke for å kartlegge forbedringsarbeidet.",
        "Hvilken plan de har for brukerinvolvering i forbedringsarbeidet.",
    ]
    assert fp3.introduction == FP3_INTRO
    assert titles(fp3)[0] == (
        "Hvilke nye løsninger / forbedringstiltak de planlegger for å nå målet om gode pasientforløp?"
    )
    assert len(titles(fp3)) == 3
    for package in (fp2, fp3):
        # One answer field per task, in the task's own words; no invented title, no added help.
        for task in package.tasks.prefetch_related("questions"):
            assert [q.text for q in task.questions.all()] == [task.title]
        assert not Question.objects.filter(task__package=package).exclude(app_help="").exists()


def test_self_evaluation_is_not_numbered(cast, client):
    selfeval = copy(cast, "egenevaluering-trondelag")
    assert selfeval.task_numbering == Package.Numbering.NONE
    selfeval.status = Package.Status.PUBLISHED
    selfeval.save()
    client.force_login(cast.team_member)
    page = client.get(
        reverse("packages:workspace", kwargs={"slug": cast.network.slug, "pk": selfeval.pk, "team_pk": cast.team_a.pk})
    ).content.decode()
    headings = re.findall(r'<h2 class="h4" id="task-\d+">(.*?)</h2>', page)
    assert headings[:2] == ["NAVN PÅ KOMMUNEREGION:", "HVEM HAR DELTATT?"]
    assert "Oppgave" not in " ".join(headings)


def test_workspace_shows_the_seed_and_the_apps_help_apart(cast, client):
    fp1 = copy(cast, "fp1-2014")
    fp1.status = Package.Status.PUBLISHED
    fp1.save()
    client.force_login(cast.team_member)
    page = client.get(
        reverse("packages:workspace", kwargs={"slug": cast.network.slug, "pk": fp1.pk, "team_pk": cast.team_a.pk})
    ).content.decode()
    headings = re.findall(r'<h2 class="h4" id="task-\d+">(.*?)</h2>', page)
    assert headings == [
        "1) Etablering av forbedringsteamet.",
        "2) Kartlegging av egne tjenester:",
        "3) Lytte til de erfaringene brukerne har med tjenestene",
    ]
    assert f"<p>{FP1_TASK3}</p>" in page
    table = Question.objects.get(task__package=fp1, task__order=0)
    aside = re.search(rf'<aside class="ln-app-help small" id="q-{table.pk}-app-help">(.*?)</aside>', page)
    assert aside and "Hjelp fra Læringsnett" in aside.group(1) and table.app_help in aside.group(1)
    assert page.count('class="ln-app-help small"') == 3  # the two tables' rows and the interviews
    # The seed's words never sit inside the app's help.
    for help_text in re.findall(r'<aside class="ln-app-help small"[^>]*>(.*?)</aside>', page):
        assert "Etablering" not in help_text and "intervju minst" not in help_text


def test_builder_shows_the_seed_numbering_and_the_apps_help(cast, client):
    fp1 = copy(cast, "fp1-2014")
    client.force_login(cast.project_group)
    page = client.get(fp1.get_absolute_url()).content.decode()
    assert "1) Etablering av forbedringsteamet." in page
    assert page.count('class="ln-app-help small"') == 3


def test_a_copy_keeps_the_numbering_and_the_help(cast):
    fp1 = copy(cast, "fp1-2014")
    again = package_copy(source=fp1, gathering=cast.gathering, deadline=fp1.deadline, by=None)
    assert again.task_numbering == Package.Numbering.PARENTHESIS
    assert sorted(Question.objects.filter(task__package=again).values_list("app_help", flat=True)) == sorted(
        Question.objects.filter(task__package=fp1).values_list("app_help", flat=True)
    )


def test_project_group_changes_the_numbering_in_the_builder(cast, client):
    fp1 = copy(cast, "fp1-2014")
    client.force_login(cast.project_group)
    url = reverse("packages:package-edit", kwargs={"slug": cast.network.slug, "pk": fp1.pk})
    data = {
        "title": fp1.title,
        "introduction": fp1.introduction,
        "deadline_0": "10.09.2026",
        "deadline_1": "12:00",
        "task_numbering": Package.Numbering.TASK,
        "min_interviews": "2",
    }
    assert client.post(url, data).status_code == 302
    page = client.get(fp1.get_absolute_url()).content.decode()
    assert "Oppgave 1: Etablering av forbedringsteamet." in page
    assert client.post(url, {**data, "task_numbering": "romertall"}).status_code in (200, 400)
    fp1.refresh_from_db()
    assert fp1.task_numbering == Package.Numbering.TASK
