"""The rules of packages.services that the views used to hold: each refused, then allowed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AuditLogEntry
from packages.models import Answer, Package, Question, Response, Task
from packages.services import (
    AnswerConflict,
    package_create_from_source,
    package_update,
    question_delete,
    question_save,
    response_remind,
    task_save,
    team_answer_file_add,
    team_answer_save,
    team_response_save,
    team_response_submit,
)
from tests.networks.factories import GatheringFactory
from tests.packages.factories import (
    AnswerFactory,
    PackageFactory,
    QuestionFactory,
    TaskFactory,
    package_with_questions,
    respond,
    upload,
)

pytestmark = pytest.mark.django_db

DEADLINE = timezone.make_aware(datetime.datetime(2026, 9, 10, 12, 0))


def _log(action, obj):
    return AuditLogEntry.objects.filter(action=action, object_id=obj.pk)


def _questions(package):
    text, number, table, interview = Question.objects.filter(task__package=package).order_by("order")
    return text, number, table, interview


# --- package_create_from_source -----------------------------------------------------------------
@pytest.mark.parametrize(
    "source",
    ["library:finnes-ikke", "library:", "package:", "package:abc", "blank:", "blank:1", "tom", ""],
)
def test_package_create_from_source_refuses_a_source_that_is_not_offered(cast, source):
    with pytest.raises(ValidationError) as exc:
        package_create_from_source(gathering=cast.gathering, deadline=DEADLINE, source=source, by=cast.project_group)
    assert exc.value.code == "invalid_choice"
    assert not Package.objects.exists()


def test_package_create_from_source_refuses_a_package_of_a_network_the_person_does_not_manage(cast):
    elsewhere = PackageFactory(gathering=GatheringFactory(), title="Et annet nettverks pakke")
    own = PackageFactory(gathering=cast.gathering, title="Forberedelsespakke 1")
    for source, by in ((elsewhere, cast.project_group), (own, cast.observer), (own, None)):
        with pytest.raises(ValidationError) as exc:
            package_create_from_source(
                gathering=cast.gathering, deadline=DEADLINE, source=f"package:{source.pk}", by=by
            )
        assert f"package:{source.pk}" in " ".join(exc.value.messages)
    assert Package.objects.count() == 2
    assert not AuditLogEntry.objects.filter(action__startswith="packages.package.").exists()


def test_package_create_from_source_blank(cast):
    package = package_create_from_source(
        gathering=cast.gathering, deadline=DEADLINE, source="blank", by=cast.project_group
    )
    assert (package.title, package.status, package.deadline) == ("Forberedelsespakke", Package.Status.DRAFT, DEADLINE)
    assert not package.tasks.exists()
    entry = _log("packages.package.created", package).get()
    assert entry.user == cast.project_group


def test_package_create_from_source_library(cast):
    package = package_create_from_source(
        gathering=cast.gathering, deadline=DEADLINE, source="library:fp2-2014", by=cast.project_group
    )
    assert (package.title, package.library_key, package.status) == (
        "Forberedelsespakke 2",
        "fp2-2014",
        Package.Status.DRAFT,
    )
    assert Question.objects.filter(task__package=package).exists()
    assert _log("packages.package.copied", package).get().data == {"library": "fp2-2014"}


def test_package_create_from_source_copies_a_package_of_a_managed_network(cast):
    original = package_with_questions(gathering=GatheringFactory(network=cast.network), title="Fra i fjor")
    AnswerFactory(response__package=original, response__team=cast.team_a, question=_questions(original)[0])
    package = package_create_from_source(
        gathering=cast.gathering, deadline=DEADLINE, source=f"package:{original.pk}", by=cast.project_group
    )
    assert package.pk != original.pk and package.gathering == cast.gathering
    assert (package.title, package.status, package.deadline) == ("Fra i fjor", Package.Status.DRAFT, DEADLINE)
    assert Question.objects.filter(task__package=package).count() == 4
    assert not Answer.objects.filter(response__package=package).exists()  # no answers copied
    entry = _log("packages.package.copied", package).get()
    assert (entry.user, entry.data) == (cast.project_group, {"source": original.pk})


# --- Editing the package, its tasks and questions -----------------------------------------------
# No rule refuses these edits (the form validates the fields); what they decide is the order of a
# new task or question and the audit log.
def test_package_update_saves_and_logs(cast):
    package = PackageFactory(gathering=cast.gathering)
    package.title = "Forberedelsespakke til samling 2"
    package_update(package=package, by=cast.project_group)
    package.refresh_from_db()
    assert package.title == "Forberedelsespakke til samling 2"
    entry = _log("packages.package.edited", package).get()
    assert (entry.user, entry.data) == (cast.project_group, {"object": "Forberedelsespakke til samling 2"})


def test_task_save_puts_a_new_task_last_and_keeps_the_order_of_an_edited_one(cast):
    package = PackageFactory(gathering=cast.gathering)
    first = TaskFactory(package=package, order=0)
    TaskFactory(package=package, order=1)
    new = task_save(task=Task(package=package, title="Lytte til brukerne"), by=cast.project_group)
    assert new.order == 2
    first.title = "Etablering av forbedringsteamet"
    task_save(task=first, by=cast.project_group)
    first.refresh_from_db()
    assert (first.order, first.title) == (0, "Etablering av forbedringsteamet")
    logged = list(_log("packages.package.edited", package).order_by("pk").values_list("data", flat=True))
    assert logged == [{"object": "Lytte til brukerne"}, {"object": "Etablering av forbedringsteamet"}]


def test_question_save_puts_a_new_question_last_in_its_task(cast):
    task = TaskFactory(package=PackageFactory(gathering=cast.gathering))
    QuestionFactory(task=task, order=0)
    question = question_save(
        question=Question(task=task, kind=Question.Kind.SHORT_TEXT, text="Hvem leder teamet?"), by=cast.project_group
    )
    assert question.order == 1
    entry = _log("packages.package.edited", task.package).get()
    assert entry.data == {"object": "Hvem leder teamet?"}


# --- question_delete ----------------------------------------------------------------------------
def test_question_delete_refuses_an_answered_question(cast):
    package = package_with_questions(gathering=cast.gathering)
    question = _questions(package)[0]
    respond(package, cast.team_a, {question: "Vi har brukerråd."})
    with pytest.raises(ValidationError) as exc:
        question_delete(question=question, by=cast.project_group)
    assert exc.value.messages == ["Team har svart på dette spørsmålet, så det kan ikke slettes."]
    assert Question.objects.filter(pk=question.pk).exists()
    assert not _log("packages.package.question_deleted", package).exists()


def test_question_delete_deletes_an_unanswered_question_and_logs(cast):
    package = package_with_questions(gathering=cast.gathering)
    question = _questions(package)[0]
    respond(package, cast.team_a, {question: None})  # opened, but nothing written
    question_delete(question=question, by=cast.project_group)
    assert not Question.objects.filter(pk=question.pk).exists()
    assert not Answer.objects.filter(question_id=question.pk).exists()
    entry = _log("packages.package.question_deleted", package).get()
    assert (entry.user, entry.data) == (cast.project_group, {"text": question.text[:80]})


# --- The team's workspace -----------------------------------------------------------------------
def test_team_response_save_keeps_valid_answers_and_reports_the_others(cast):
    package = package_with_questions(gathering=cast.gathering)
    text, number, table, _interview = _questions(package)
    file_question = QuestionFactory(task=text.task, kind=Question.Kind.FILE, text="Organisasjonskart")
    saved = team_response_save(
        package=package,
        team=cast.team_a,
        answers=[(text, "Bruker 01019010046 fortalte", 0), (number, "12", 0), (table, [["Kari", "NAV", "Voksne"]], 0)],
        uploads=[(file_question, upload())],
        by=cast.coordinator,
    )
    assert set(saved.errors) == {text.pk} and "fødselsnummer" in " ".join(saved.errors[text.pk].messages)
    assert saved.conflicts == {} and saved.upload_error is None
    assert saved.response == Response.objects.get(package=package, team=cast.team_a)
    assert not Answer.objects.filter(question=text).exclude(value=None).exists()
    assert Answer.objects.get(question=number).value == "12"
    assert Answer.objects.get(question=table).value == [["Kari", "NAV", "Voksne"]]
    assert not Answer.objects.filter(question=file_question).exists()  # no files while answers fail


def test_team_response_save_reports_a_conflict_and_overwrites_nothing(cast):
    package = package_with_questions(gathering=cast.gathering)
    text = _questions(package)[0]
    respond(package, cast.team_a, {text: "Teamkollegaens svar"})
    saved = team_response_save(
        package=package, team=cast.team_a, answers=[(text, "Mitt svar", 0)], by=cast.coordinator
    )
    assert isinstance(saved.conflicts[text.pk], AnswerConflict) and saved.errors == {}
    assert Answer.objects.get(question=text).value == "Teamkollegaens svar"


def test_team_response_save_stops_at_a_refused_file(cast):
    package = package_with_questions(gathering=cast.gathering)
    text = _questions(package)[0]
    bad = QuestionFactory(task=text.task, kind=Question.Kind.FILE, text="Kart")
    good = QuestionFactory(task=text.task, kind=Question.Kind.FILE, text="Plan")
    saved = team_response_save(
        package=package,
        team=cast.team_a,
        answers=[(text, "Skrevet før opplasting", 0)],
        uploads=[(bad, upload(content=b"MZ\x90\x00 not a pdf")), (good, upload())],
        by=cast.coordinator,
    )
    assert saved.upload_error is not None and saved.errors == {}
    assert Answer.objects.get(question=text).value == "Skrevet før opplasting"  # the typed answers are kept
    assert not Answer.objects.filter(question__in=[bad, good]).exists()


def test_team_response_save_saves_answers_and_files(cast):
    package = package_with_questions(gathering=cast.gathering)
    text = _questions(package)[0]
    file_question = QuestionFactory(task=text.task, kind=Question.Kind.FILE, text="Organisasjonskart")
    saved = team_response_save(
        package=package,
        team=cast.team_a,
        answers=[(text, "Vi spør brukerne.", 0)],
        uploads=[(file_question, upload())],
        by=cast.coordinator,
    )
    assert (saved.errors, saved.conflicts, saved.upload_error) == ({}, {}, None)
    assert saved.response.status == Response.Status.NOT_STARTED  # as read before the first save
    saved.response.refresh_from_db()
    assert saved.response.status == Response.Status.IN_PROGRESS
    assert Answer.objects.get(question=text).updated_by == cast.coordinator
    assert Answer.objects.get(question=file_question).files.count() == 1


def test_team_answer_save_refuses_a_submitted_response_and_keeps_a_new_response_on_refusal(cast):
    package = package_with_questions(gathering=cast.gathering)
    text, number, _table, _interview = _questions(package)
    respond(package, cast.team_a, submitted_at=timezone.now())
    with pytest.raises(ValidationError):
        team_answer_save(package=package, team=cast.team_a, question=text, value="etterpå", base_version=0, by=None)
    assert not Answer.objects.filter(question=text).exists()
    with pytest.raises(ValidationError):
        team_answer_save(
            package=package, team=cast.team_b, question=number, value="mange", base_version=0, by=cast.coordinator
        )
    # The team's response is created before the answer is checked, and stays.
    assert Response.objects.get(package=package, team=cast.team_b).status == Response.Status.NOT_STARTED


def test_team_answer_save_creates_the_response_and_saves(cast):
    package = package_with_questions(gathering=cast.gathering)
    text = _questions(package)[0]
    answer = team_answer_save(
        package=package,
        team=cast.team_a,
        question=text,
        value="Vi spør brukerne.",
        base_version=0,
        by=cast.coordinator,
    )
    assert (answer.value, answer.version, answer.updated_by) == ("Vi spør brukerne.", 1, cast.coordinator)
    assert Response.objects.get(package=package, team=cast.team_a).status == Response.Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "Velg en fil først."), (b"MZ\x90\x00 not a pdf", "Vi tar ikke imot denne filtypen.")],
)
def test_team_answer_file_add_refuses_no_file_and_a_file_of_the_wrong_kind(cast, content, message):
    package = package_with_questions(gathering=cast.gathering)
    question = QuestionFactory(task=_questions(package)[0].task, kind=Question.Kind.FILE, text="Kart")
    file = None if content is None else upload(content=content)
    with pytest.raises(ValidationError) as exc:
        team_answer_file_add(package=package, team=cast.team_a, question=question, upload=file, by=cast.coordinator)
    assert message in " ".join(exc.value.messages)
    assert not Answer.objects.filter(question=question).exists()
    assert Response.objects.filter(package=package, team=cast.team_a).exists()  # kept, as the view always did


def test_team_answer_file_add_adds_the_file(cast):
    package = package_with_questions(gathering=cast.gathering)
    question = QuestionFactory(task=_questions(package)[0].task, kind=Question.Kind.FILE, text="Kart")
    answer = team_answer_file_add(
        package=package, team=cast.team_a, question=question, upload=upload("kart.pdf"), by=cast.coordinator
    )
    assert answer.version == 1 and answer.value == [answer.files.get().file.name.rsplit("/", 1)[-1]]


def test_team_response_submit_refuses_what_is_missing_and_keeps_the_response(cast):
    package = package_with_questions(gathering=cast.gathering)
    Question.objects.filter(pk=_questions(package)[0].pk).update(required=True)
    with pytest.raises(ValidationError) as exc:
        team_response_submit(package=package, team=cast.team_a, by=cast.coordinator)
    assert exc.value.messages[0].startswith("Ikke besvart")
    response = Response.objects.get(package=package, team=cast.team_a)
    assert response.status == Response.Status.NOT_STARTED
    assert not _log("packages.response.submitted", response).exists()


def test_team_response_submit_submits(cast):
    package = package_with_questions(gathering=cast.gathering)
    response = team_response_submit(package=package, team=cast.team_a, by=cast.coordinator)
    assert (response.status, response.submitted_by, response.is_late) == (
        Response.Status.SUBMITTED,
        cast.coordinator,
        False,
    )
    assert _log("packages.response.submitted", response).get().data == {"late": False}


# --- response_remind ----------------------------------------------------------------------------
def test_response_remind_refuses_a_draft_and_a_team_that_has_submitted(cast, django_capture_on_commit_callbacks):
    draft = package_with_questions(gathering=cast.gathering, status=Package.Status.DRAFT)
    published = package_with_questions(gathering=cast.gathering)
    respond(published, cast.team_a, submitted_at=timezone.now())
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ValidationError) as unpublished:
            response_remind(package=draft, team=cast.team_b, by=cast.project_group)
        with pytest.raises(ValidationError) as submitted:
            response_remind(package=published, team=cast.team_a, by=cast.project_group)
    assert unpublished.value.code == "draft"
    assert unpublished.value.messages == ["Publiser pakken før du sender påminnelse til teamene."]
    assert submitted.value.code == "submitted"
    assert submitted.value.messages == ["Fosen har allerede levert."]
    assert callbacks == []
    assert not AuditLogEntry.objects.filter(action="packages.response.reminded").exists()


def test_response_remind_logs_and_sends_after_commit(cast, django_capture_on_commit_callbacks, mailoutbox):
    package = package_with_questions(gathering=cast.gathering)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        n = response_remind(package=package, team=cast.team_b, by=cast.project_group)
    assert n == 1 and len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [[cast.other_team_member.email]]
    entry = _log("packages.response.reminded", package).get()
    assert (entry.user, entry.data) == (cast.project_group, {"team": cast.team_b.pk, "recipients": 1})
