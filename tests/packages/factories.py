"""Factories for preparation packages, and the published library package the URL matrix uses."""

from __future__ import annotations

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from packages.models import Answer, Package, Question, Response, Task
from packages.services import package_copy_from_library, package_publish

LIBRARY_KEY = "fp1-2014"


class PackageFactory(DjangoModelFactory):
    """A published package with no tasks; add TaskFactory/QuestionFactory (or use
    `package_with_questions`)."""

    class Meta:
        model = Package

    gathering = factory.SubFactory("tests.networks.factories.GatheringFactory")
    title = factory.Sequence(lambda n: f"Forberedelsespakke {n + 1}")
    introduction = "Før samlingen kartlegger teamet egne tjenester."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    status = Package.Status.PUBLISHED


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    package = factory.SubFactory(PackageFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Oppgave {n + 1}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    task = factory.SubFactory(TaskFactory)
    order = factory.Sequence(lambda n: n)
    kind = Question.Kind.LONG_TEXT
    text = factory.Sequence(lambda n: f"Hvordan involverer kommunen brukerne? ({n + 1})")


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    package = factory.SubFactory(PackageFactory)
    team = factory.SubFactory("tests.teams.factories.TeamFactory")
    status = Response.Status.IN_PROGRESS
    last_activity_at = factory.LazyFunction(timezone.now)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "Vi har brukerråd i kommunen og spør brukerne etter hvert vedtak."
    version = 1


def package_with_questions(*, gathering, **kwargs) -> Package:
    """A published package with one task and a question of each kind that is typed."""
    package = PackageFactory(gathering=gathering, **kwargs)
    task = TaskFactory(package=package, title="Kartlegging av egne tjenester")
    QuestionFactory(
        task=task, order=0, kind=Question.Kind.LONG_TEXT, text="Hvordan innhenter dere brukernes erfaringer?"
    )
    QuestionFactory(task=task, order=1, kind=Question.Kind.NUMBER, text="Hvor mange brukere har dere intervjuet?")
    QuestionFactory(
        task=task,
        order=2,
        kind=Question.Kind.TABLE,
        text="Hvilke tjenester har kommunen?",
        columns=["Tjeneste", "Type", "Målgruppe"],
    )
    QuestionFactory(task=task, order=3, kind=Question.Kind.INTERVIEW, text="Brukerintervjuer")
    return package


def respond(package: Package, team, values: dict | None = None, *, submitted_at=None, status=None) -> Response:
    """A team's response with answers {question: value}; submitted when `submitted_at` is given."""
    response = ResponseFactory(
        package=package,
        team=team,
        status=status or (Response.Status.SUBMITTED if submitted_at else Response.Status.IN_PROGRESS),
        submitted_at=submitted_at,
    )
    for question, value in (values or {}).items():
        AnswerFactory(response=response, question=question, value=value)
    return response


def package_for_cast(c) -> Package:
    """The published library package "fp1-2014" on the cast's gathering (created once per test)."""
    package = Package.objects.filter(gathering=c.gathering, library_key=LIBRARY_KEY).first()
    if package is None:
        package = package_copy_from_library(
            gathering=c.gathering, key=LIBRARY_KEY, deadline=timezone.now() + datetime.timedelta(days=14), by=None
        )
        package_publish(package=package, by=None)
    return package


def first_question(package: Package) -> Question:
    return Question.objects.filter(task__package=package).order_by("task__order", "task__pk", "order", "pk").first()


def upload(name: str = "kart.pdf", content: bytes = b"%PDF-1.7 organisasjonskart") -> SimpleUploadedFile:
    """An uploaded file; a PDF by content unless `content` says otherwise."""
    return SimpleUploadedFile(name, content)
