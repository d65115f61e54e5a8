"""Writes for preparation packages: building, copying from the library, answering with
versioned autosave (conflicts are told, never silent), restoring, submitting, reopening,
reminding. Every rule about what may change lives here; the views parse input, call one of
these functions and show what it says (ValidationError carries the message for the user)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.identity import refuse_national_id, refuse_national_id_in, refuse_national_id_on
from core.models import User
from core.outbox import outbox_enqueue
from core.uploads import validate_material
from core.validators import parse_date, parse_decimal
from gatherings.models import Gathering
from packages.library import BY_KEY, KIND
from packages.models import Answer, AnswerFile, AnswerRevision, Package, Question, Response, Task
from packages.reminders import team_recipients
from packages.selectors import packages_copyable_by
from teams.models import Team

MAX_TEXT = 20_000
# The free texts of the builder, checked by the services that save without full_clean().
PACKAGE_TEXT = ("title", "introduction")
TASK_TEXT = ("title", "description")
QUESTION_TEXT = ("text", "help_text", "app_help", "choices", "columns")


@transaction.atomic
def package_copy_from_library(
    *, gathering: Gathering, key: str, deadline: datetime.datetime, by: User | None
) -> Package:
    entry = BY_KEY[key]
    package = Package.objects.create(
        gathering=gathering,
        title=entry["title"],
        introduction=entry["introduction"],
        deadline=deadline,
        min_interviews=entry["min_interviews"],
        task_numbering=entry["task_numbering"],
        library_key=key,
    )
    for t_order, task in enumerate(entry["tasks"]):
        t = Task.objects.create(package=package, order=t_order, title=task["title"], description=task["description"])
        Question.objects.bulk_create(
            [
                Question(
                    task=t,
                    order=q_order,
                    kind=KIND[q["kind"]],
                    text=q["text"],
                    help_text=q.get("help_text", ""),
                    app_help=q.get("app_help", ""),
                    required=q.get("required", False),
                    choices=q.get("choices", []),
                    columns=q.get("columns", []),
                )
                for q_order, q in enumerate(task["questions"])
            ]
        )
    package.log_action("packages.package.copied", user=by, data={"library": key})
    return package


def _refuse_copy(obj, fields: tuple[str, ...]) -> None:
    refuse_national_id_in([getattr(obj, name) for name in fields])


@transaction.atomic
def package_copy(*, source: Package, gathering: Gathering, deadline: datetime.datetime, by: User | None) -> Package:
    """Copy a package (tasks and questions, no answers) to another gathering."""
    # Rows written before every text was checked are checked again rather than copied blindly
    # (one message for the whole copy: it is refused, whichever text holds the number).
    _refuse_copy(source, PACKAGE_TEXT)
    package = Package.objects.create(
        gathering=gathering,
        title=source.title,
        introduction=source.introduction,
        deadline=deadline,
        min_interviews=source.min_interviews,
        share_after_deadline=source.share_after_deadline,
        task_numbering=source.task_numbering,
    )
    for task in source.tasks.prefetch_related("questions"):
        _refuse_copy(task, TASK_TEXT)
        t = Task.objects.create(package=package, order=task.order, title=task.title, description=task.description)
        questions = [
            Question(
                task=t,
                order=q.order,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                app_help=q.app_help,
                required=q.required,
                choices=list(q.choices),
                columns=list(q.columns),
            )
            for q in task.questions.all()
        ]
        for question in questions:
            _refuse_copy(question, QUESTION_TEXT)
        Question.objects.bulk_create(questions)
    package.log_action("packages.package.copied", user=by, data={"source": source.pk})
    return package


@transaction.atomic
def package_create_from_source(
    *, gathering: Gathering, deadline: datetime.datetime, source: str, by: User | None
) -> Package:
    """A new draft package for `gathering`, started from `source` (the choices of
    PackageCreateForm): "blank" for an empty package, "library:<key>" for a copy of a library
    package, "package:<pk>" for a copy of a package `by` may copy from (a network they manage).

    Anything else is refused with the message a form gives for a choice that is not offered."""
    kind, _sep, ref = source.partition(":")
    if source == "blank":
        package = Package.objects.create(gathering=gathering, title=_("Preparation package"), deadline=deadline)
        package.log_action("packages.package.created", user=by)
        return package
    if kind == "library" and ref in BY_KEY:
        return package_copy_from_library(gathering=gathering, key=ref, deadline=deadline, by=by)
    if kind == "package" and ref.isdigit() and by is not None:
        original = packages_copyable_by(user=by).filter(pk=int(ref)).first()
        if original is not None:
            return package_copy(source=original, gathering=gathering, deadline=deadline, by=by)
    raise ValidationError(
        forms.ChoiceField.default_error_messages["invalid_choice"], code="invalid_choice", params={"value": source}
    )


@transaction.atomic
def package_update(*, package: Package, by: User | None) -> Package:
    """Save the package's own fields (title, introduction, deadline, ...) as edited."""
    refuse_national_id_on(package, *PACKAGE_TEXT)
    package.save()
    package.log_action("packages.package.edited", user=by, data={"object": str(package)[:80]})
    return package


@transaction.atomic
def task_save(*, task: Task, by: User | None) -> Task:
    """Create or update a task; a new task goes last in its package."""
    refuse_national_id_on(task, *TASK_TEXT)
    if task.pk is None:
        task.order = task.package.tasks.count()
    task.save()
    task.package.log_action("packages.package.edited", user=by, data={"object": str(task)[:80]})
    return task


@transaction.atomic
def question_save(*, question: Question, by: User | None) -> Question:
    """Create or update a question; a new question goes last in its task."""
    refuse_national_id_on(question, *QUESTION_TEXT)
    if question.pk is None:
        question.order = question.task.questions.count()
    question.save()
    question.task.package.log_action("packages.package.edited", user=by, data={"object": str(question)[:80]})
    return question


@transaction.atomic
def question_delete(*, question: Question, by: User | None) -> None:
    """Delete a question and its empty answers; refused once a team has answered it."""
    if question.answers.exclude(value=None).exists():
        raise ValidationError(_("Teams have answered this question, so it cannot be deleted."))
    package = question.task.package
    question.delete()
    package.log_action("packages.package.question_deleted", user=by, data={"text": question.text[:80]})


@transaction.atomic
def package_publish(*, package: Package, by: User | None) -> Package:
    if not Question.objects.filter(task__package=package).exists():
        raise ValidationError(_("Add at least one question before publishing."))
    package.status = Package.Status.PUBLISHED
    package.save(update_fields=["status", "updated_at"])
    package.log_action("packages.package.published", user=by)
    return package


def _response_touched(response: Response, *, started: bool = False) -> None:
    """A team worked in its response: the last activity is now, and a response not started yet is
    in progress. Written without save() (the response row is locked), so `updated_at` is set too:
    cached pages are stamped with it (core.fragments)."""
    now = timezone.now()
    Response.objects.filter(pk=response.pk).update(last_activity_at=now, updated_at=now)
    if started:
        Response.objects.filter(pk=response.pk, status=Response.Status.NOT_STARTED).update(
            status=Response.Status.IN_PROGRESS, updated_at=now
        )


def _move(model, obj, siblings, direction: str) -> None:
    items = list(siblings.order_by("order", "pk"))
    for i, item in enumerate(items):  # normalise orders first
        if item.order != i:
            model.objects.filter(pk=item.pk).update(order=i, updated_at=timezone.now())
            item.order = i
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        a, b = items[index], items[other]
        model.objects.filter(pk=a.pk).update(order=b.order, updated_at=timezone.now())
        model.objects.filter(pk=b.pk).update(order=a.order, updated_at=timezone.now())


@transaction.atomic
def question_move(*, question: Question, direction: str) -> None:
    _move(Question, question, Question.objects.select_for_update().filter(task=question.task), direction)


@transaction.atomic
def task_move(*, task: Task, direction: str) -> None:
    _move(Task, task, Task.objects.select_for_update().filter(package=task.package), direction)


# --- Answering ----------------------------------------------------------------------------------
@dataclass
class AnswerConflict(Exception):
    """Someone else saved this answer since the version the client started from."""

    value: object
    version: int
    updated_by: str
    updated_at: datetime.datetime


def response_for(*, package: Package, team: Team) -> Response:
    response, _created = Response.objects.get_or_create(package=package, team=team)
    return response


def _check_text(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The text is too long (at most %(n)s characters).") % {"n": MAX_TEXT})
    refuse_national_id(text)
    return text


def clean_value(question: Question, value):
    """Validate and normalise a value for the question's kind; raise ValidationError otherwise."""
    kind = question.kind
    if value in (None, "", [], {}):
        return None
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
        if not isinstance(value, str):
            raise ValidationError(_("Expected text."))
        if kind == Question.Kind.SHORT_TEXT and len(value) > 500:
            raise ValidationError(_("The text is too long (at most %(n)s characters).") % {"n": 500})
        return _check_text(value)
    if kind == Question.Kind.NUMBER:
        if not isinstance(value, (str, int, float, Decimal)) or isinstance(value, bool):
            raise ValidationError(_("Write a number, e.g. 12 or 4,5."))
        return str(parse_decimal(value))
    if kind == Question.Kind.DATE:
        # Typed as dd.mm.åååå (the workspace shows it so), or ISO; stored as ISO.
        return parse_date(value).isoformat()
    if kind == Question.Kind.SINGLE_CHOICE:
        if value not in question.choices:
            raise ValidationError(_("Choose one of the alternatives."))
        return value
    if kind == Question.Kind.MULTIPLE_CHOICE:
        if not isinstance(value, list) or any(v not in question.choices for v in value):
            raise ValidationError(_("Choose among the alternatives."))
        return value
    if kind == Question.Kind.TABLE:
        if not isinstance(value, list) or not all(isinstance(r, list) for r in value):
            raise ValidationError(_("Expected rows of a table."))
        width = len(question.columns)
        rows = [[_check_text(str(c))[:1000] for c in r[:width]] + [""] * (width - len(r)) for r in value]
        return [r for r in rows if any(c.strip() for c in r)] or None
    if kind == Question.Kind.INTERVIEW:
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise ValidationError(_("Expected interview entries."))
        fields = ("date", "service", "experience", "what_matters", "suggestions")
        entries = [{f: _check_text(str(e.get(f, "")))[:5000] for f in fields} for e in value]
        for entry in entries:
            if entry["date"].strip():
                entry["date"] = parse_date(entry["date"]).isoformat()
        return [e for e in entries if any(v.strip() for v in e.values())] or None
    if kind == Question.Kind.FILE:
        raise ValidationError(_("Files are uploaded, not typed."))
    return value


@transaction.atomic
def answer_save(*, response: Response, question: Question, value, base_version: int, by: User | None) -> Answer:
    """Save one answer if nobody else saved it since `base_version`; otherwise AnswerConflict.

    Row locks (the team's response, then the answer) make simultaneous saves and a submission
    happen one after the other, so a save never lands in a submitted package and the second of
    two saves is told about the first instead of overwriting it. A save that changes nothing —
    the same value as now, or the value the client started from — is no conflict.
    """
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(_("The package has been submitted. Ask the project group to reopen it."))
    value = clean_value(question, value)
    answer, _created = Answer.objects.select_for_update().get_or_create(response=response, question=question)
    if answer.value == value and (answer.version or value is None):
        return answer
    if answer.version != base_version:
        started_from = answer.revisions.filter(version=base_version).values_list("value", flat=True).first()
        if base_version and started_from == value:
            return answer  # the client did not change this answer; keep the teammate's newer one
        raise AnswerConflict(
            value=answer.value,
            version=answer.version,
            updated_by=answer.updated_by.get_full_name() if answer.updated_by else "",
            updated_at=answer.updated_at,
        )
    answer.value = value
    answer.version += 1
    answer.updated_by = by
    answer.save()
    AnswerRevision.objects.create(answer=answer, version=answer.version, value=value, created_by=by)
    _response_touched(response, started=True)
    return answer


@transaction.atomic
def answer_restore(*, answer: Answer, revision: AnswerRevision, by: User | None) -> Answer:
    return answer_save(
        response=answer.response, question=answer.question, value=revision.value, base_version=answer.version, by=by
    )


def response_missing(*, response: Response) -> list[str]:
    """What stops a submission: required questions without an answer, too few interviews."""
    answers = {a.question_id: a.value for a in response.answers.all()} if response.pk else {}
    missing = []
    questions = Question.objects.filter(task__package=response.package).select_related("task")
    for q in questions:
        if q.required and answers.get(q.pk) in (None, "", []):
            missing.append(_("Not answered: %(q)s") % {"q": q.text[:80]})
    if response.package.min_interviews:
        interviews = sum(len(answers.get(q.pk) or []) for q in questions if q.kind == Question.Kind.INTERVIEW)
        if interviews < response.package.min_interviews:
            missing.append(
                _("At least %(n)s user interviews are required; %(have)s written.")
                % {"n": response.package.min_interviews, "have": interviews}
            )
    return missing


@transaction.atomic
def response_submit(*, response: Response, by: User | None) -> Response:
    response = Response.objects.select_for_update().select_related("package").get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        return response
    missing = response_missing(response=response)
    if missing:
        raise ValidationError(missing)
    response.status = Response.Status.SUBMITTED
    response.submitted_at = timezone.now()
    response.submitted_by = by
    response.last_activity_at = response.submitted_at
    response.save()
    response.log_action("packages.response.submitted", user=by, data={"late": response.is_late})
    return response


@transaction.atomic
def response_reopen(*, response: Response, by: User | None) -> Response:
    response.status = Response.Status.IN_PROGRESS
    response.submitted_at = None
    response.submitted_by = None
    response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    response.log_action("packages.response.reopened", user=by)
    return response


@transaction.atomic
def answer_file_add(*, response: Response, question: Question, upload, by: User | None) -> Answer:
    """Attach an uploaded file (already checked by content) to a file question's answer."""
    from packages.models import AnswerFile

    if Response.objects.select_for_update().get(pk=response.pk).status == Response.Status.SUBMITTED:
        raise ValidationError(_("The package has been submitted. Ask the project group to reopen it."))
    answer, _created = Answer.objects.select_for_update().get_or_create(response=response, question=question)
    AnswerFile.objects.create(answer=answer, file=upload, uploaded_by=by)
    answer.version += 1
    answer.value = [f.file.name.rsplit("/", 1)[-1] for f in answer.files.all()]
    answer.updated_by = by
    answer.save()
    answer.revisions.create(version=answer.version, value=answer.value, created_by=by)
    _response_touched(response, started=True)
    return answer


@transaction.atomic
def answer_file_delete(*, answer_file: AnswerFile, by: User | None) -> Answer:
    """Remove an uploaded file from a file question's answer. Refused once the response is
    submitted, as uploading is; the answer gets a new version listing the files left, and the
    deletion is audit-logged on the response. The stored file is removed after the commit."""
    response = Response.objects.select_for_update().get(pk=answer_file.answer.response_id)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(_("The package has been submitted. Ask the project group to reopen it."))
    answer = Answer.objects.select_for_update().get(pk=answer_file.answer_id)
    if not AnswerFile.objects.filter(pk=answer_file.pk).exists():
        return answer  # someone else deleted it a moment ago
    name, storage = answer_file.file.name, answer_file.file.storage
    answer_file.delete()
    transaction.on_commit(lambda: storage.delete(name))
    answer.version += 1
    answer.value = [f.file.name.rsplit("/", 1)[-1] for f in answer.files.all()] or None
    answer.updated_by = by
    answer.save()
    answer.revisions.create(version=answer.version, value=answer.value, created_by=by)
    _response_touched(response)
    response.log_action(
        "packages.response.file_deleted",
        user=by,
        data={"question": answer.question_id, "file": name.rsplit("/", 1)[-1]},
    )
    return answer


# --- The team's workspace -----------------------------------------------------------------------
# These take the package and the team and create the team's response when it has none yet. The
# response is created before anything else is checked and is kept when what follows is refused
# (the workspace then lists what stops a submission), as the views always did; so the functions
# that can refuse are not one transaction: each write they make is atomic on its own.
@dataclass
class ResponseSaved:
    """The outcome of saving the whole workspace form: what could not be saved, by question pk."""

    response: Response
    errors: dict[int, ValidationError] = field(default_factory=dict)
    conflicts: dict[int, AnswerConflict] = field(default_factory=dict)
    upload_error: ValidationError | None = None


@transaction.atomic
def team_response_save(
    *,
    package: Package,
    team: Team,
    answers: Iterable[tuple[Question, object, int]],
    uploads: Iterable[tuple[Question, UploadedFile]] = (),
    by: User | None,
) -> ResponseSaved:
    """Save every answer of the form at once: (question, value, base version) each.

    Each answer is saved on its own (a savepoint each), so the valid ones are kept while the others
    are reported as errors or conflicts (nothing is overwritten silently). Files (question, upload) are added
    only when every answer was saved, checked by content, and stop at the first refused file."""
    response = response_for(package=package, team=team)
    result = ResponseSaved(response=response)
    for question, value, base_version in answers:
        try:
            answer_save(response=response, question=question, value=value, base_version=base_version, by=by)
        except ValidationError as exc:
            result.errors[question.pk] = exc
        except AnswerConflict as exc:
            result.conflicts[question.pk] = exc
    if result.errors or result.conflicts:
        return result
    for question, upload in uploads:
        try:
            validate_material(upload)
            answer_file_add(response=response, question=question, upload=upload, by=by)
        except ValidationError as exc:
            result.upload_error = exc
            break
    return result


def team_answer_save(
    *,
    package: Package,
    team: Team,
    question: Question,
    value,
    base_version: int,
    by: User | None,
    response: Response | None = None,
) -> Answer:
    """Autosave one answer of the team (see answer_save: ValidationError or AnswerConflict).
    `response` is the team's response when the caller has read it already (autosave is hot)."""
    if response is None or response.package_id != package.pk or response.team_id != team.pk:
        response = response_for(package=package, team=team)
    return answer_save(response=response, question=question, value=value, base_version=base_version, by=by)


def team_answer_file_add(
    *, package: Package, team: Team, question: Question, upload: UploadedFile | None, by: User | None
) -> Answer:
    """Upload a file to a file question of the team, checked by content (ValidationError)."""
    response = response_for(package=package, team=team)
    if upload is None:
        raise ValidationError(_("Choose a file first."))
    validate_material(upload)
    return answer_file_add(response=response, question=question, upload=upload, by=by)


def team_response_submit(*, package: Package, team: Team, by: User | None) -> Response:
    """Submit the team's response (see response_submit: ValidationError lists what is missing)."""
    return response_submit(response=response_for(package=package, team=team), by=by)


# --- Reminding ----------------------------------------------------------------------------------
REMIND_CLICK_WINDOW = datetime.timedelta(minutes=10)


@transaction.atomic
def response_remind(*, package: Package, team: Team, by: User | None) -> int:
    """The project group's "Remind" button: refused for a draft (code "draft"), for a team that
    has submitted (code "submitted") and within REMIND_CLICK_WINDOW of the last reminder (code
    "recent": a double click or a second person sends nothing more); otherwise recorded on the
    team's response, audit-logged and e-mailed to every current member of the team after commit.
    Returns how many people will get the e-mail (0: nobody to remind)."""
    if package.status != Package.Status.PUBLISHED:
        raise ValidationError(_("Publish the package before reminding the teams."), code="draft")
    response = response_for(package=package, team=team)
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(_("%(team)s has already submitted.") % {"team": team.name}, code="submitted")
    now = timezone.now()
    # Claimed with one conditional update, so two clicks at once cannot both send.
    claimed = Response.objects.filter(
        Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - REMIND_CLICK_WINDOW), pk=response.pk
    ).update(last_reminded_at=now, updated_at=now)
    if not claimed:
        response.refresh_from_db(fields=["last_reminded_at"])
        raise ValidationError(
            _("%(team)s was reminded at %(time)s; no new reminder was sent.")
            % {"team": team.name, "time": date_format(timezone.localtime(response.last_reminded_at), "TIME_FORMAT")},
            code="recent",
        )
    recipients = len(team_recipients(team=team))
    package.log_action("packages.response.reminded", user=by, data={"team": team.pk, "recipients": recipients})
    outbox_enqueue(task="packages.tasks.response_remind_task", args=[package.pk, team.pk])
    return recipients
