"""Reads for following the teams: the teams × packages matrix, one question's answers side by side,
the day-1 compilation and the Excel export. Each is a constant number of queries, however many
teams and packages the network has.

Who may read which answers is decided by `packages.access`; these functions take what the caller
may see (team ids, `include_drafts`) and never widen it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fragments import stamp
from core.models import User
from core.text import norwegian_sort_key
from networks.models import Network
from packages.models import Answer, AnswerFile, Package, Question, Response, Task
from teams.models import Team
from teams.permissions import networks_managed_by

# --- Status of one team on one package ------------------------------------------------------------
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
LATE = "late"
STATUSES = (NOT_STARTED, IN_PROGRESS, SUBMITTED, LATE)
STATUS_LABELS = {
    NOT_STARTED: gettext_lazy("Not started"),
    IN_PROGRESS: gettext_lazy("In progress"),
    SUBMITTED: gettext_lazy("Submitted"),
    LATE: gettext_lazy("Submitted late"),
}


def response_status(*, status: str | None, submitted_at: datetime.datetime | None, deadline) -> str:
    """One of STATUSES for a response's stored status (None: no response yet = not started)."""
    if status == Response.Status.SUBMITTED:
        return LATE if submitted_at and submitted_at > deadline else SUBMITTED
    if status == Response.Status.IN_PROGRESS:
        return IN_PROGRESS
    return NOT_STARTED


# An answer counts as given when it has a value or (file questions) at least one file. Services store
# empty values as SQL NULL, so "not null" is "answered".
ANSWERED = Q(value__isnull=False) | Q(files__isnull=False)


@dataclass(frozen=True)
class MatrixCell:
    package: Package
    team: Team
    status: str
    answered: int
    questions: int
    last_activity_at: datetime.datetime | None
    submitted_at: datetime.datetime | None
    last_reminded_at: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def is_submitted(self) -> bool:
        return self.status in (SUBMITTED, LATE)

    @property
    def overdue(self) -> bool:
        """Not submitted and the deadline has passed."""
        return not self.is_submitted and self.package.deadline_passed


@dataclass
class MatrixColumn:
    package: Package
    counts: dict[str, int]

    def count_list(self) -> list[tuple[str, str, int]]:
        return [(s, str(STATUS_LABELS[s]), self.counts.get(s, 0)) for s in STATUSES]


@dataclass
class MatrixRow:
    team: Team
    cells: list[MatrixCell]


@dataclass
class Matrix:
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    totals: dict[str, int] = field(default_factory=dict)

    def total_list(self) -> list[tuple[str, str, int]]:
        return [(s, str(STATUS_LABELS[s]), self.totals.get(s, 0)) for s in STATUSES]


def packages_copyable_by(*, user: User):
    """Packages `user` may start a new package from: those of the networks they manage."""
    return (
        Package.objects.filter(gathering__network__in=networks_managed_by(user))
        .select_related("gathering__network")
        .order_by("-deadline")
    )


def published_packages(*, network: Network):
    return Package.objects.filter(gathering__network=network, status=Package.Status.PUBLISHED).order_by(
        "deadline", "pk"
    )


def package_matrix(*, network: Network) -> Matrix:
    """Every team of the network (Norwegian order) × every published package (by deadline).

    Four queries whatever the size: packages with their question counts (and first question),
    teams, responses, and answered counts per response. No per-cell queries.
    """
    packages = list(
        published_packages(network=network)
        .select_related("gathering")
        .annotate(
            question_count=Count("tasks__questions", distinct=True),
            # For the "compare answers" link: the package's first question in order.
            first_question_id=Subquery(
                Question.objects.filter(task__package=OuterRef("pk"))
                .order_by("task__order", "task__pk", "order", "pk")
                .values("pk")[:1]
            ),
        )
    )
    teams = sorted(Team.objects.filter(network=network), key=lambda t: norwegian_sort_key(t.name))
    package_ids = [p.pk for p in packages]
    responses = {
        (r["package_id"], r["team_id"]): r
        for r in Response.objects.filter(package_id__in=package_ids).values(
            "pk", "package_id", "team_id", "status", "submitted_at", "last_activity_at", "last_reminded_at"
        )
    }
    answered = dict(
        Answer.objects.filter(response__package_id__in=package_ids)
        .filter(ANSWERED)
        .values("response_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("response_id", "n")
    )
    columns = [MatrixColumn(package=p, counts=dict.fromkeys(STATUSES, 0)) for p in packages]
    totals: Counter[str] = Counter(dict.fromkeys(STATUSES, 0))
    rows = []
    for team in teams:
        cells = []
        for column in columns:
            package = column.package
            r = responses.get((package.pk, team.pk))
            status = response_status(
                status=r and r["status"], submitted_at=r and r["submitted_at"], deadline=package.deadline
            )
            cells.append(
                MatrixCell(
                    package=package,
                    team=team,
                    status=status,
                    answered=answered.get(r["pk"], 0) if r else 0,
                    questions=package.question_count,
                    last_activity_at=r["last_activity_at"] if r else None,
                    submitted_at=r["submitted_at"] if r else None,
                    last_reminded_at=r["last_reminded_at"] if r else None,
                )
            )
            column.counts[status] += 1
            totals[status] += 1
        rows.append(MatrixRow(team=team, cells=cells))
    return Matrix(columns=columns, rows=rows, totals=dict(totals))


def package_matrix_stamp(*, network: Network, now: datetime.datetime) -> str:
    """What `package_matrix` is made of, as one stamp (core.fragments): the published packages and
    how many of their deadlines have passed by `now`, their gatherings, tasks and questions, the
    teams, and the responses, answers and files. One query."""
    packages = published_packages(network=network)
    answers = Answer.objects.filter(response__package__in=packages)
    return stamp(
        packages,
        packages.filter(deadline__lt=now),
        (packages, "gathering__updated_at"),  # the gatherings' titles
        Task.objects.filter(package__in=packages),
        Question.objects.filter(task__package__in=packages),
        Team.objects.filter(network=network),
        Response.objects.filter(package__in=packages),
        answers,
        AnswerFile.objects.filter(answer__in=answers),
    )


# --- The package's structure ------------------------------------------------------------------------
def package_structure(*, package: Package) -> list[Task]:
    """Tasks with their questions prefetched (`task.questions.all()`), in order. Two queries."""
    return list(
        package.tasks.order_by("order", "pk").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))
        )
    )


def numbered_questions(tasks: list[Task]) -> list[tuple[str, Question]]:
    """("2.3", question) for every question: task number and question number, from 1."""
    return [
        (f"{t_no}.{q_no}", question)
        for t_no, task in enumerate(tasks, start=1)
        for q_no, question in enumerate(task.questions.all(), start=1)
    ]


def _answers_prefetch(queryset=None) -> Prefetch:
    return Prefetch(
        "answers",
        queryset=(queryset if queryset is not None else Answer.objects.all()).prefetch_related(
            Prefetch("files", queryset=AnswerFile.objects.order_by("created_at", "pk"))
        ),
    )


def _by_team_name(responses) -> list[Response]:
    return sorted(responses, key=lambda r: norwegian_sort_key(r.team.name))


# --- One question, every team ---------------------------------------------------------------------
@dataclass(frozen=True)
class TeamAnswer:
    team: Team
    response: Response
    answer: Answer | None

    @property
    def is_draft(self) -> bool:
        return self.response.status != Response.Status.SUBMITTED

    @property
    def status(self) -> str:
        return response_status(
            status=self.response.status,
            submitted_at=self.response.submitted_at,
            deadline=self.response.package.deadline,
        )

    @property
    def value(self):
        return self.answer.value if self.answer else None

    @property
    def files(self) -> list[AnswerFile]:
        return list(self.answer.files.all()) if self.answer else []


def answers_side_by_side(*, question: Question, visible_team_ids) -> list[TeamAnswer]:
    """The answers to `question` of the teams in `visible_team_ids` that have a response, in
    Norwegian team order. Drafts are included when the caller lets them through (is_draft marks
    them). Three queries."""
    responses = (
        Response.objects.filter(package_id=question.task.package_id, team_id__in=list(visible_team_ids))
        .select_related("team", "package")
        .prefetch_related(_answers_prefetch(Answer.objects.filter(question=question)))
    )
    result = []
    for response in _by_team_name(responses):
        answers = list(response.answers.all())
        result.append(TeamAnswer(team=response.team, response=response, answer=answers[0] if answers else None))
    return result


def answers_side_by_side_stamp(*, question: Question) -> str:
    """What `answers_side_by_side` is made of, as one stamp (core.fragments): the package's
    responses and their teams, and the answers to the question with their files. One query."""
    responses = Response.objects.filter(package_id=question.task.package_id)
    answers = Answer.objects.filter(question=question)
    return stamp(
        responses,
        (responses, "team__updated_at"),  # the teams' names
        answers,
        AnswerFile.objects.filter(answer__in=answers),
    )


# --- The day-1 compilation ("Notater fra nettverkene") -------------------------------------------
@dataclass
class CompiledTask:
    task: Task
    items: list[tuple[str, Question, Answer | None]]  # (number, question, answer)


@dataclass
class CompiledTeam:
    team: Team
    response: Response
    tasks: list[CompiledTask]

    @property
    def is_late(self) -> bool:
        return self.response.is_late


@dataclass
class Compilation:
    package: Package
    tasks: list[Task]
    teams: list[CompiledTeam]
    team_count: int  # every team of the network, submitted or not


def _answers_by_question(response: Response) -> dict[int, Answer]:
    return {a.question_id: a for a in response.answers.all()}


def compilation(*, package: Package) -> Compilation:
    """Every submitted response of the package, teams in Norwegian order, each with tasks →
    questions → answers. Drafts are never part of it. Six queries."""
    tasks = package_structure(package=package)
    numbers = dict((q.pk, n) for n, q in numbered_questions(tasks))
    responses = _by_team_name(
        Response.objects.filter(package=package, status=Response.Status.SUBMITTED)
        .select_related("team", "package")
        .prefetch_related(_answers_prefetch())
    )
    teams = []
    for response in responses:
        answers = _answers_by_question(response)
        teams.append(
            CompiledTeam(
                team=response.team,
                response=response,
                tasks=[
                    CompiledTask(task=t, items=[(numbers[q.pk], q, answers.get(q.pk)) for q in t.questions.all()])
                    for t in tasks
                ],
            )
        )
    return Compilation(
        package=package, tasks=tasks, teams=teams, team_count=Team.objects.filter(network=package.network).count()
    )


# --- Values as text (Excel, e-mail) ----------------------------------------------------------------
INTERVIEW_FIELDS = ("date", "service", "experience", "what_matters", "suggestions")
INTERVIEW_LABELS = {
    "date": gettext_lazy("Date"),
    "service": gettext_lazy("Service"),
    "experience": gettext_lazy("Experience"),
    "what_matters": gettext_lazy("What matters to the user"),
    "suggestions": gettext_lazy("Suggestions"),
}


def number_display(value) -> str:
    """A stored number ("4.5") in the active language's format ("4,5" in Norwegian)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return formats.number_format(number, use_l10n=True, force_grouping=True)


def date_value(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def date_display(value, format: str = "SHORT_DATE_FORMAT") -> str:
    day = date_value(value)
    return formats.date_format(day, format) if day else str(value)


def file_name(answer_file: AnswerFile) -> str:
    return answer_file.file.name.rsplit("/", 1)[-1]


def interview_rows(entry: dict) -> list[tuple[str, str]]:
    """(label, text) for the fields of one interview entry that are filled in."""
    rows = []
    for f in INTERVIEW_FIELDS:
        text = str(entry.get(f) or "").strip()
        if text:
            rows.append((str(INTERVIEW_LABELS[f]), date_display(text) if f == "date" and date_value(text) else text))
    return rows


def answer_as_text(question: Question, value, files=()) -> str:
    """One answer as readable plain text: tables as "Column: cell; …" lines, interviews as
    numbered entries with labelled fields, files by name."""
    kind = question.kind
    if kind == Question.Kind.FILE:
        return "\n".join(file_name(f) for f in files)
    if value in (None, "", []):
        return ""
    if kind == Question.Kind.NUMBER:
        return number_display(value)
    if kind == Question.Kind.DATE:
        return date_display(value)
    if kind == Question.Kind.MULTIPLE_CHOICE:
        return ", ".join(str(v) for v in value)
    if kind == Question.Kind.TABLE:
        columns = list(question.columns)
        lines = []
        for row in value:
            cells = [
                f"{columns[i] if i < len(columns) else i + 1}: {cell}"
                for i, cell in enumerate(row)
                if str(cell).strip()
            ]
            lines.append("; ".join(cells))
        return "\n".join(lines)
    if kind == Question.Kind.INTERVIEW:
        entries = []
        for n, entry in enumerate(value, start=1):
            fields = "\n".join(f"{label}: {text}" for label, text in interview_rows(entry))
            entries.append(_("Interview %(n)s") % {"n": n} + "\n" + fields)
        return "\n\n".join(entries)
    return str(value)


# --- Export ----------------------------------------------------------------------------------------
@dataclass
class ExportTable:
    headers: list[str]
    rows: list[list]


def package_export(*, package: Package, include_drafts: bool) -> ExportTable:
    """One row per team, one column per question. Without `include_drafts` only teams that have
    submitted are included. Six queries."""
    tasks = package_structure(package=package)
    questions = numbered_questions(tasks)
    responses = {
        r.team_id: r
        for r in Response.objects.filter(package=package)
        .select_related("package")
        .prefetch_related(_answers_prefetch())
    }
    teams = sorted(Team.objects.filter(network=package.network), key=lambda t: norwegian_sort_key(t.name))
    headers = [_("Team"), _("Status"), _("Submitted"), _("Late")]
    headers += [f"{number} {question.text}" for number, question in questions]
    rows = []
    for team in teams:
        response = responses.get(team.pk)
        submitted = response is not None and response.status == Response.Status.SUBMITTED
        if not (submitted or include_drafts):
            continue
        status = response_status(
            status=response and response.status,
            submitted_at=response and response.submitted_at,
            deadline=package.deadline,
        )
        answers = _answers_by_question(response) if response else {}
        row = [
            team.name,
            str(STATUS_LABELS[status]),
            # Excel has no time zones: local wall-clock time.
            timezone.localtime(response.submitted_at).replace(tzinfo=None) if submitted else None,
            (_("Yes") if status == LATE else _("No")) if submitted else "",
        ]
        for _number, question in questions:
            answer = answers.get(question.pk)
            row.append(answer_as_text(question, answer.value, answer.files.all()) if answer else "")
        rows.append(row)
    return ExportTable(headers=headers, rows=rows)
