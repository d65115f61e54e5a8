"""No free text of a preparation package stores a national identity number: what the project group
writes (introduction, tasks, questions) and what the teams answer, however the number is written."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.models import AuditLogEntry
from packages.models import Answer, AnswerRevision, Package, Question, Task
from packages.services import (
    clean_value,
    package_copy,
    package_update,
    question_save,
    task_save,
    team_answer_save,
)
from tests.networks.factories import GatheringFactory
from tests.packages.factories import PackageFactory, QuestionFactory, TaskFactory

pytestmark = pytest.mark.django_db

NUMBER = "010190-10046"  # a valid fødselsnummer (01019010046) written with a dash
DIGITS = "10046"  # what is left of it in any spelling
REFUSED = "Dette ser ut som et fødselsnummer eller D-nummer."


def _stored() -> list[str]:
    """Every place of this app where the number could have ended up."""
    checks = {
        "Package": Package.objects.filter(Q(title__contains=DIGITS) | Q(introduction__contains=DIGITS)),
        "Task": Task.objects.filter(Q(title__contains=DIGITS) | Q(description__contains=DIGITS)),
        "Question": Question.objects.filter(
            Q(text__contains=DIGITS)
            | Q(help_text__contains=DIGITS)
            | Q(choices__icontains=DIGITS)
            | Q(columns__icontains=DIGITS)
        ),
        "Answer": Answer.objects.filter(value__icontains=DIGITS),
        "AnswerRevision": AnswerRevision.objects.filter(value__icontains=DIGITS),
        "AuditLogEntry": AuditLogEntry.objects.filter(data__icontains=DIGITS),
    }
    return [name for name, rows in checks.items() if rows.exists()]


@pytest.fixture
def draft(cast):
    """A draft package of the cast's gathering with one task and one question."""
    package = PackageFactory(gathering=cast.gathering, status=Package.Status.DRAFT, title="Forberedelsespakke 1")
    task = TaskFactory(package=package, title="Kartlegging", order=0)
    QuestionFactory(task=task, text="Hvordan involverer dere brukerne?", order=0)
    return package


def _url(name, cast, package, **kwargs):
    return reverse(f"packages:{name}", kwargs={"slug": cast.network.slug, "pk": package.pk, **kwargs})


def _package_form(**fields):
    return {
        "title": "Forberedelsespakke 1",
        "introduction": "Før samlingen kartlegger teamet egne tjenester.",
        "deadline_0": "10.09.2026",
        "deadline_1": "12:00",
        "task_numbering": "oppgave",
        "min_interviews": "0",
        **fields,
    }


def _question_form(**fields):
    return {"kind": Question.Kind.LONG_TEXT, "text": "Hvem leder teamet?", "help_text": "", **fields}


def _task(package):
    return package.tasks.get()


def _question(package):
    return Question.objects.get(task__package=package)


# (url name, extra URL kwargs from the package, POST data) — the project group writes the builder.
VIEW_CASES = {
    "package title": ("package-edit", lambda p: {}, _package_form(title=f"Pakke {NUMBER}")),
    "package introduction": ("package-edit", lambda p: {}, _package_form(introduction=f"Om {NUMBER}")),
    "task title": ("task-create", lambda p: {}, {"title": f"Oppgave {NUMBER}", "description": ""}),
    "task description": ("task-create", lambda p: {}, {"title": "Oppgave", "description": f"Om {NUMBER}"}),
    "task description (edit)": (
        "task-edit",
        lambda p: {"task_pk": _task(p).pk},
        {"title": "Kartlegging", "description": f"Om {NUMBER}"},
    ),
    "question text": (
        "question-create",
        lambda p: {"task_pk": _task(p).pk},
        _question_form(text=f"Hva med {NUMBER}?"),
    ),
    "question guidance": (
        "question-create",
        lambda p: {"task_pk": _task(p).pk},
        _question_form(help_text=f"For eksempel {NUMBER}"),
    ),
    "question alternatives": (
        "question-create",
        lambda p: {"task_pk": _task(p).pk},
        _question_form(kind=Question.Kind.SINGLE_CHOICE, choices_text=f"Ja\nNei\n{NUMBER}"),
    ),
    "question table columns": (
        "question-create",
        lambda p: {"task_pk": _task(p).pk},
        _question_form(kind=Question.Kind.TABLE, columns_text=f"Navn, {NUMBER}"),
    ),
    "question text (edit)": (
        "question-edit",
        lambda p: {"question_pk": _question(p).pk},
        _question_form(text=f"Hva med {NUMBER}?"),
    ),
}


@pytest.mark.parametrize("case", list(VIEW_CASES))
def test_the_builder_refuses_an_identity_number_keeps_the_input_and_stores_nothing(cast, client, draft, case):
    name, kwargs, data = VIEW_CASES[case]
    client.force_login(cast.project_group)
    response = client.post(_url(name, cast, draft, **kwargs(draft)), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSED in page
    assert NUMBER in page  # nothing typed is lost
    assert _stored() == []


def _with_number(package, field, value):
    setattr(package, field, value)
    return package


SERVICE_CASES = {
    "package introduction": lambda p: package_update(package=_with_number(p, "introduction", NUMBER), by=None),
    "task title": lambda p: task_save(task=Task(package=p, title=f"Oppgave {NUMBER}"), by=None),
    "task description": lambda p: task_save(task=_with_number(_task(p), "description", NUMBER), by=None),
    "question text": lambda p: question_save(question=Question(task=_task(p), text=NUMBER), by=None),
    "question guidance": lambda p: question_save(question=_with_number(_question(p), "help_text", NUMBER), by=None),
    "question alternatives": lambda p: question_save(
        question=Question(task=_task(p), kind=Question.Kind.SINGLE_CHOICE, text="Hvem?", choices=["Ja", NUMBER]),
        by=None,
    ),
    "question columns": lambda p: question_save(
        question=Question(task=_task(p), kind=Question.Kind.TABLE, text="Hvem?", columns=["Navn", NUMBER]), by=None
    ),
}


@pytest.mark.parametrize("case", list(SERVICE_CASES))
def test_the_builder_services_refuse_an_identity_number_and_store_nothing(draft, case):
    with pytest.raises(ValidationError) as exc:
        SERVICE_CASES[case](draft)
    assert REFUSED in " ".join(exc.value.messages)
    assert _stored() == []


@pytest.mark.parametrize("field", ["introduction", "task description", "question guidance"])
def test_a_copy_of_an_older_package_holding_a_number_is_refused(cast, client, draft, field):
    # Rows written before every text was checked (an update bypasses the validators) are not spread.
    if field == "introduction":
        Package.objects.filter(pk=draft.pk).update(introduction=NUMBER)
    elif field == "task description":
        Task.objects.filter(package=draft).update(description=NUMBER)
    else:
        Question.objects.filter(task__package=draft).update(help_text=NUMBER)
    draft.refresh_from_db()
    target = GatheringFactory(network=cast.network)
    with pytest.raises(ValidationError):
        package_copy(source=draft, gathering=target, deadline=timezone.now(), by=None)
    client.force_login(cast.project_group)
    data = {
        "gathering": target.pk,
        "deadline_0": "10.09.2026",
        "deadline_1": "12:00",
        "start_from": f"package:{draft.pk}",
    }
    response = client.post(reverse("packages:package-create", kwargs={"slug": cast.network.slug}), data)
    assert response.status_code == 400 and REFUSED in response.content.decode()
    assert not Package.objects.filter(gathering=target).exists()


# --- Answers ------------------------------------------------------------------------------------
SPELLINGS = ["01.01.90 10046", "010190-10046", "01 01 90 100 46", "01019010046", "010190 10046", "010190\xa010046"]


@pytest.mark.parametrize("text", SPELLINGS)
def test_an_answer_holding_a_valid_number_is_refused_however_it_is_written(text):
    kinds = {
        Question.Kind.LONG_TEXT: f"Bruker {text} fortalte",
        Question.Kind.SHORT_TEXT: text,
        Question.Kind.TABLE: [["Kari", text]],
        Question.Kind.INTERVIEW: [{"date": "2026-01-01", "experience": f"Bruker {text}"}],
    }
    for kind, value in kinds.items():
        question = Question(kind=kind, text="Hva?", columns=["Navn", "Kontakt"])
        with pytest.raises(ValidationError) as exc:
            clean_value(question, value)
        assert REFUSED in " ".join(exc.value.messages), kind


def test_eleven_digits_that_are_no_valid_number_are_kept():
    # Check digits off by one: an account or case number, not a person.
    question = Question(kind=Question.Kind.LONG_TEXT, text="Hva?")
    assert clean_value(question, "Saksnummer 01019010047") == "Saksnummer 01019010047"


def test_the_workspace_refuses_a_number_written_with_dots_and_stores_nothing(cast, client):
    package = PackageFactory(gathering=cast.gathering, deadline=timezone.now() + datetime.timedelta(days=7))
    question = QuestionFactory(task=TaskFactory(package=package))
    client.force_login(cast.coordinator)
    url = reverse(
        "packages:answer-save",
        kwargs={"slug": cast.network.slug, "pk": package.pk, "team_pk": cast.team_a.pk, "question_pk": question.pk},
    )
    response = client.post(url, {f"q-{question.pk}": "Bruker 01.01.90 10046 fortalte", "base_version": 0})
    assert response.status_code == 400 and REFUSED in response.json()["error"]
    with pytest.raises(ValidationError):
        team_answer_save(
            package=package, team=cast.team_a, question=question, value="01 01 90 100 46", base_version=0, by=None
        )
    assert _stored() == []
