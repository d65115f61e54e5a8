"""Survey results as pure functions over the submitted answers: per question code the
distribution, n of N and the mean (without «vet ikke»), the response rate, and breakdowns by a
background question in which a group of fewer than five respondents is never shown on its own.

Numbers stay Decimal here; pages, exports and PDFs format them (Norwegian decimal comma, the
decimals chosen per figure: a mean with two, a share with one)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from surveys.models import DONT_KNOW, Question, Response, Survey

MIN_GROUP = 5  # the five-respondent rule: a smaller group could be recognised


def rounded(value: Decimal | None, places: int) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Any  # the stored value: a scale point, DONT_KNOW, or an option
    count: int
    share: Decimal | None  # of the respondents who answered, in per cent


@dataclass(frozen=True)
class CodeResult:
    code: str
    text: str
    kind: str
    answered: int  # n: gave any answer, «vet ikke» included
    respondents: int  # N: submitted responses
    scored: int  # answered on the scale (what the mean is of)
    dont_know: int
    mean: Decimal | None
    bars: list[Bar]
    texts: list[tuple[str, str]] = field(default_factory=list)  # (response id, text) for free text

    def as_dict(self) -> dict:
        return {
            "n": self.answered,
            "N": self.respondents,
            "mean": None if self.mean is None else float(rounded(self.mean, 2)),
            "dont_know": self.dont_know,
            "distribution": {str(b.value): b.count for b in self.bars},
        }


@dataclass(frozen=True)
class Rate:
    responses: int
    invited: int | None

    @property
    def share(self) -> Decimal | None:
        if not self.invited:
            return None
        return Decimal(self.responses * 100) / self.invited


def response_rate(survey: Survey, responses: int) -> Rate:
    return Rate(responses=responses, invited=survey.invited_count)


def _share(count: int, of: int) -> Decimal | None:
    return Decimal(count * 100) / of if of else None


def code_result(question: Question, code: str, text: str, answers: Sequence[Mapping[str, Any]], ids=()) -> CodeResult:
    values = [a.get(code) for a in answers]
    given = [v for v in values if v not in (None, "", [])]
    bars: list[Bar] = []
    mean = None
    dont_know = 0
    texts: list[tuple[str, str]] = []
    if question.is_scaled:
        counts = Counter(given)
        dont_know = counts.get(DONT_KNOW, 0)
        for point in question.scale:
            label = str(point)
            if point == question.scale_min and question.low_label:
                label = f"{point} ({question.low_label})"
            elif point == question.scale_max and question.high_label:
                label = f"{point} ({question.high_label})"
            bars.append(Bar(label, point, counts.get(point, 0), _share(counts.get(point, 0), len(given))))
        if question.dont_know:
            bars.append(Bar("Vet ikke", DONT_KNOW, dont_know, _share(dont_know, len(given))))
        scores = [v for v in given if isinstance(v, int)]
        if scores:
            mean = Decimal(sum(scores)) / len(scores)
        scored = len(scores)
    elif question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        counts = Counter(o for v in given for o in (v if isinstance(v, list) else [v]))
        bars = [Bar(o, o, counts.get(o, 0), _share(counts.get(o, 0), len(given))) for o in question.options]
        scored = len(given)
    else:
        ids = list(ids) or [""] * len(values)
        texts = [(str(i), v) for i, v in zip(ids, values, strict=True) if isinstance(v, str) and v.strip()]
        scored = len(texts)
    return CodeResult(
        code=code,
        text=text,
        kind=question.kind,
        answered=len(given),
        respondents=len(answers),
        scored=scored,
        dont_know=dont_know,
        mean=mean,
        bars=bars,
        texts=texts,
    )


def question_results(question: Question, answers: Sequence[Mapping[str, Any]], ids=()) -> list[CodeResult]:
    """One result per code of the question (a matrix gives one per statement)."""
    if question.kind == Question.Kind.MATRIX:
        return [code_result(question, s["code"], s["text"], answers, ids) for s in question.statements]
    return [code_result(question, question.code, question.text, answers, ids)]


@dataclass(frozen=True)
class Group:
    label: str
    respondents: int
    results: list[CodeResult] | None  # None: fewer than MIN_GROUP, not shown on its own


@dataclass(frozen=True)
class Breakdown:
    by: Question
    groups: list[Group]
    hidden: int  # respondents in groups too small to show

    def as_dict(self) -> dict:
        return {
            g.label: {"N": g.respondents, "questions": {r.code: r.as_dict() for r in g.results}}
            for g in self.groups
            if g.results is not None
        }


def breakdown(
    by: Question, questions: Iterable[Question], answers: Sequence[Mapping[str, Any]], *, min_group: int = MIN_GROUP
) -> Breakdown:
    """The results per answer of a background question. A group below `min_group` respondents is
    listed with its size only (never its figures), so nobody can be recognised in it."""
    questions = [q for q in questions if q.pk != by.pk]
    groups = []
    hidden = 0
    for option in by.options:
        members = [
            a for a in answers if option in (a.get(by.code) if isinstance(a.get(by.code), list) else [a.get(by.code)])
        ]
        if len(members) < min_group:
            hidden += len(members)
            groups.append(Group(option, len(members), None))
            continue
        results = [r for q in questions if q.kind != Question.Kind.TEXT for r in question_results(q, members)]
        groups.append(Group(option, len(members), results))
    return Breakdown(by=by, groups=groups, hidden=hidden)


@dataclass
class SurveyResults:
    survey: Survey
    rate: Rate
    questions: list[tuple[Question, list[CodeResult]]]

    def by_code(self) -> dict[str, CodeResult]:
        return {r.code: r for _q, results in self.questions for r in results}

    def as_dict(self) -> dict:
        return {
            "invited": self.rate.invited,
            "responses": self.rate.responses,
            "response_rate": None if self.rate.share is None else float(rounded(self.rate.share, 1)),
            "questions": {r.code: r.as_dict() for _q, results in self.questions for r in results if r.kind != "text"},
        }


def submitted_answers(survey: Survey) -> list[tuple[str, dict]]:
    """(id, answers) of every submitted response, in a random but stable order (by id)."""
    rows = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).order_by("id")
    return [(str(pk), answers) for pk, answers in rows.values_list("id", "answers")]


def survey_results(survey: Survey, questions: list[Question] | None = None) -> SurveyResults:
    from surveys.services import questions_of

    questions = questions if questions is not None else questions_of(survey)
    rows = submitted_answers(survey)
    ids = [i for i, _a in rows]
    answers = [a for _i, a in rows]
    return SurveyResults(
        survey=survey,
        rate=response_rate(survey, len(answers)),
        questions=[(q, question_results(q, answers, ids)) for q in questions],
    )


def background_questions(questions: Iterable[Question]) -> list[Question]:
    """The questions results can be broken down by: those marked as background, and every choice
    question coded B… (B1, B3, B5 in the sluttevaluering)."""
    choices = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
    return [q for q in questions if q.kind in choices and (q.background or q.code.upper().startswith("B"))]


def survey_breakdown(survey: Survey, code: str, questions: list[Question] | None = None) -> Breakdown | None:
    """The survey's results broken down by the background question `code` (None: no such question)."""
    from surveys.services import questions_of

    questions = questions if questions is not None else questions_of(survey)
    by = next((q for q in background_questions(questions) if q.code == code), None)
    if by is None:
        return None
    return breakdown(by, questions, [a for _i, a in submitted_answers(survey)])
