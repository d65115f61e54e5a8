"""Writes for evaluation surveys: making one from a template, opening, closing and extending it,
the panel, answering (drafts that survive a locked phone, one response per submit), and imports.

Anonymity: nothing written here ever stores who gave a response. Submitting through a personal
link marks the panel member as having answered, in the same transaction, and that is all."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Region, User
from core.outbox import outbox_enqueue
from gatherings.models import Gathering, ProgramSession, Registration
from networks.models import Network
from surveys import library
from surveys.answers import clean_answers, missing_required
from surveys.models import PanelMember, Question, Quote, Response, Section, Survey, SurveyExtension

PANEL_SALT = "surveys.panel"
REMIND_AGAIN_AFTER = datetime.timedelta(minutes=10)  # a second click on «Remind» is a no-op


class SurveyClosed(Exception):
    """The survey does not take answers now (not opened yet, closed, or past its deadline)."""


# --- Making a survey -------------------------------------------------------------------------------
def _region_names(network: Network) -> list[str]:
    """The kommuneregioner of the network's teams, for «Hvilken kommuneregion har du representert?»."""
    return list(
        Region.objects.filter(teams__network=network).order_by("name").values_list("name", flat=True).distinct()
    )


def _program_statements(gathering: Gathering | None) -> list[tuple[str, str]]:
    if gathering is None:
        return []
    talks = ProgramSession.objects.filter(gathering=gathering).exclude(title="")
    talks = talks.exclude(kind__in=[ProgramSession.Kind.BREAK, ProgramSession.Kind.MEAL])
    talks = talks.order_by("day", "start_time", "pk")
    return [(f"S2.{i}", t.title[:200]) for i, t in enumerate(talks, start=1)]


@transaction.atomic
def survey_create(
    *,
    network: Network,
    template_key: str,
    by: User | None,
    gathering: Gathering | None = None,
    invited: int | None = None,
    title: str = "",
) -> Survey:
    """A new survey (a draft) from a template, with its sections and questions copied in."""
    template = library.BY_KEY.get(template_key)
    if template is None:
        raise ValidationError(_("There is no survey template «%(key)s».") % {"key": template_key})
    survey = Survey(
        network=network,
        gathering=gathering,
        template_key=template_key,
        title=title or template["title"] + (f": {gathering.title}" if gathering else ""),
        intro=template["intro"],
        invited_count=invited,
        created_by=by,
    )
    survey.full_clean()
    survey.save()
    for s_order, spec in enumerate(template["sections"]):
        section = Section.objects.create(survey=survey, title=spec["title"], order=s_order)
        for q_order, q in enumerate(spec["questions"]):
            fields = {k: v for k, v in q.items() if k != "statements"}
            statements = [{"code": c, "text": t} for c, t in q.get("statements", [])]
            if q["code"] == "B5" and not fields.get("options"):
                fields["options"] = _region_names(network) or ["Annet"]
            Question.objects.create(section=section, order=q_order, statements=statements, **fields)
        if template_key == "samlingsevaluering" and s_order == 0:
            talks = _program_statements(gathering)
            if talks:
                Question.objects.create(
                    section=section,
                    order=len(spec["questions"]),
                    code="S2",
                    kind=Question.Kind.MATRIX,
                    text="Hvor nyttig var hvert av innslagene i programmet?",
                    scale_min=1,
                    scale_max=5,
                    low_label="Lite nyttig",
                    high_label="Svært nyttig",
                    dont_know=True,
                    statements=[{"code": c, "text": t} for c, t in talks],
                )
    survey.log_action("surveys.survey.created", user=by, data={"template": template_key})
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, by: User | None, opens_at=None, closes_at=None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if closes_at is not None and closes_at <= (opens_at or timezone.now()):
        raise ValidationError({"closes_at": _("The deadline must come after the survey opens.")})
    survey.status = Survey.Status.OPEN
    survey.opens_at = opens_at or survey.opens_at or timezone.now()
    survey.closes_at = closes_at or survey.closes_at
    survey.save(update_fields=["status", "opens_at", "closes_at", "updated_at"])
    survey.log_action("surveys.survey.opened", user=by)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by: User | None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    survey.log_action("surveys.survey.closed", user=by)
    return survey


@transaction.atomic
def survey_extend(*, survey: Survey, closes_at: datetime.datetime, by: User | None, reason: str = "") -> Survey:
    """A later deadline, with the one it replaces kept in the history. Reopens a closed survey."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if closes_at <= timezone.now() or (survey.closes_at and closes_at <= survey.closes_at):
        raise ValidationError({"closes_at": _("The new deadline must be later than the current one and than now.")})
    extension = SurveyExtension(
        survey=survey, previous_closes_at=survey.closes_at, closes_at=closes_at, reason=reason, by=by
    )
    extension.full_clean()
    extension.save()
    survey.closes_at = closes_at
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["closes_at", "status", "updated_at"])
    survey.log_action("surveys.survey.extended", user=by, data={"closes_at": closes_at.isoformat()})
    return survey


# --- The panel -------------------------------------------------------------------------------------
@transaction.atomic
def panel_build(*, survey: Survey, by: User | None) -> int:
    """Draw the panel from the registrations (and attendance) of the survey's gathering, or of every
    activity of the network: people already in the panel stay as they are. Returns how many were
    added; the project group then reviews and approves them."""
    registrations = Registration.objects.filter(status=Registration.Status.REGISTERED, user__is_active=True)
    if survey.gathering_id:
        registrations = registrations.filter(activity_id=survey.gathering_id)
    else:
        registrations = registrations.filter(activity__network=survey.network)
    present = set(PanelMember.objects.filter(survey=survey).values_list("user_id", flat=True))
    source: dict[int, str] = {}
    for user_id, attended in registrations.values_list("user_id", "attended"):
        if attended or source.get(user_id) != PanelMember.Source.ATTENDANCE:
            source[user_id] = PanelMember.Source.ATTENDANCE if attended else PanelMember.Source.REGISTRATION
    new = [PanelMember(survey=survey, user_id=u, source=s) for u, s in source.items() if u not in present]
    PanelMember.objects.bulk_create(new)
    survey.log_action("surveys.panel.built", user=by, data={"added": len(new)})
    return len(new)


@transaction.atomic
def panel_member_add(*, survey: Survey, user: User, by: User | None) -> PanelMember:
    member, _created = PanelMember.objects.get_or_create(
        survey=survey, user=user, defaults={"source": PanelMember.Source.MANUAL, "approved": True}
    )
    survey.log_action("surveys.panel.added", user=by, data={"user": user.pk})
    return member


@transaction.atomic
def panel_approve(*, survey: Survey, approved: Iterable[int], by: User | None) -> int:
    """Set who of the panel is approved: the members in `approved`, nobody else."""
    ids = set(approved)
    PanelMember.objects.filter(survey=survey).exclude(pk__in=ids).update(approved=False)
    count = PanelMember.objects.filter(survey=survey, pk__in=ids).update(approved=True)
    if survey.invited_count is None or survey.panel.exists():
        Survey.objects.filter(pk=survey.pk).update(invited_count=count)
    survey.log_action("surveys.panel.approved", user=by, data={"approved": count})
    return count


def panel_token(member: PanelMember) -> str:
    """The personal link's key: signed, so nothing secret needs storing, and the same in every reminder."""
    return signing.dumps(member.pk, salt=PANEL_SALT, compress=True)


def panel_member_for_token(token: str) -> PanelMember | None:
    try:
        pk = signing.loads(token, salt=PANEL_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return PanelMember.objects.select_related("survey", "user").filter(pk=pk, approved=True).first()


@transaction.atomic
def panel_invite(*, survey: Survey, base_url: str, by: User | None) -> int:
    """E-mail a personal link to every approved member not invited yet (through the outbox)."""
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Open the survey before sending the invitations."))
    members = list(
        PanelMember.objects.select_for_update().filter(survey=survey, approved=True, invited_at__isnull=True)
    )
    now = timezone.now()
    PanelMember.objects.filter(pk__in=[m.pk for m in members]).update(invited_at=now)
    if members:
        outbox_enqueue(task="surveys.tasks.panel_mail_task", args=[[m.pk for m in members], base_url, False])
    survey.log_action("surveys.panel.invited", user=by, data={"members": len(members)})
    return len(members)


@transaction.atomic
def panel_remind(*, survey: Survey, base_url: str, by: User | None) -> int:
    """Remind the invited members who have not answered. Anonymous surveys too: the panel knows
    who has answered, never what. A second click within REMIND_AGAIN_AFTER sends nothing."""
    if not survey.is_open:
        raise ValidationError(_("The survey is not open."))
    now = timezone.now()
    members = list(
        PanelMember.objects.select_for_update()
        .filter(survey=survey, approved=True, answered=False, invited_at__isnull=False)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - REMIND_AGAIN_AFTER))
    )
    for m in members:
        PanelMember.objects.filter(pk=m.pk).update(reminded_at=now, reminders=m.reminders + 1)
    if members:
        outbox_enqueue(task="surveys.tasks.panel_mail_task", args=[[m.pk for m in members], base_url, True])
    survey.log_action("surveys.panel.reminded", user=by, data={"members": len(members)})
    return len(members)


# --- Answering -------------------------------------------------------------------------------------
def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def questions_of(survey: Survey) -> list[Question]:
    return list(Question.objects.filter(section__survey=survey).select_related("section"))


def response_for_key(*, survey: Survey, key: str) -> Response | None:
    """The response the browser's key finds: a draft, or one already sent (a double tap, a revisit)."""
    if not key:
        return None
    return Response.objects.filter(survey=survey, draft_key_hash=_key_hash(key)).first()


DRAFT_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def draft_key_new() -> str:
    return secrets.token_urlsafe(24)


def draft_key_valid(key: str) -> bool:
    return 20 <= len(key) <= 64 and set(key) <= DRAFT_KEY_CHARS


def response_draft(*, survey: Survey, key: str, channel: str = Response.Channel.OPEN) -> Response:
    """The response under the browser's key, or a new draft under it. The key is made when the
    first page is shown, so two taps that arrive together find or make the same one (the key is
    unique: the loser of the race reads the winner's row)."""
    found = response_for_key(survey=survey, key=key)
    if found is not None:
        return found
    if not survey.is_open:
        raise SurveyClosed
    try:
        with transaction.atomic():
            return Response.objects.create(survey=survey, channel=channel, draft_key_hash=_key_hash(key))
    except IntegrityError:
        return Response.objects.get(survey=survey, draft_key_hash=_key_hash(key))


@transaction.atomic
def response_save(
    *, response: Response, raw: Mapping[str, Any], questions: list[Question] | None = None
) -> dict[str, list[str]]:
    """Save what the respondent gave on one page into the draft; returns the errors by code (the
    valid answers are saved all the same, so nothing typed is lost). A submitted response is not
    changed."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        return {}
    if not response.survey.is_open:
        raise SurveyClosed
    clean, errors = clean_answers(questions or questions_of(response.survey), raw, known=response.answers)
    answers = {**response.answers, **clean}
    response.answers = {k: v for k, v in answers.items() if v is not None}
    response.save(update_fields=["answers"])
    return errors


@transaction.atomic
def response_submit(*, response: Response, member: PanelMember | None = None) -> Response:
    """Count a response, once: a double tap on «Send» finds it submitted and changes nothing. With
    a personal link the member is marked as having answered (and its link is used up)."""
    response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
    if response.status == Response.Status.SUBMITTED:
        return response
    if not response.survey.is_open:
        raise SurveyClosed
    questions = questions_of(response.survey)
    missing = missing_required(questions, response.answers)
    if missing:
        raise ValidationError({q.code: [_("Answer this question before you send.")] for q in missing}, code="missing")
    if member is not None:
        member = PanelMember.objects.select_for_update().get(pk=member.pk)
        if member.answered:
            raise ValidationError(_("This personal link has been used: the answers were sent before."), code="used")
        member.answered = True
        member.save(update_fields=["answered", "updated_at"])
        response.channel = Response.Channel.PERSONAL
    # The browser's key still finds it, so a second tap or a revisit says «sent» instead of
    # starting over; a submitted response is never changed (response_save).
    response.status = Response.Status.SUBMITTED
    response.save(update_fields=["status", "channel"])
    return response


@transaction.atomic
def responses_import(*, survey: Survey, rows: list[dict[str, Any]], by: User | None) -> int:
    """Import earlier responses ({code: value} per row), all or nothing: ValidationError with the
    row numbers (as `rad N: …`) when any row is refused."""
    questions = questions_of(survey)
    problems: list[str] = []
    cleaned = []
    for number, raw in enumerate(rows, start=2):  # row 1 is the header
        clean, errors = clean_answers(questions, raw)
        for code, messages in errors.items():
            problems.extend(f"rad {number}: {code}: {m}" for m in messages)
        cleaned.append({k: v for k, v in clean.items() if v is not None})
    if problems:
        raise ValidationError(problems)
    Response.objects.bulk_create(
        [
            Response(survey=survey, status=Response.Status.SUBMITTED, channel=Response.Channel.IMPORTED, answers=a)
            for a in cleaned
        ]
    )
    survey.log_action("surveys.responses.imported", user=by, data={"rows": len(cleaned)})
    return len(cleaned)


def drafts_purge(*, older_than_days: int = 30) -> int:
    """Drafts nobody sent (a link opened and left) go after a month (periodic)."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _unused = Response.objects.filter(status=Response.Status.DRAFT, survey__closes_at__lt=cutoff).delete()
    return deleted


# --- Quotes ----------------------------------------------------------------------------------------
@transaction.atomic
def quote_pick(*, survey: Survey, response: Response, code: str, text: str, by: User | None) -> Quote:
    """Pick a free-text answer for the report, trimmed by the project group; the original stays."""
    original = response.answers.get(code)
    if response.survey_id != survey.pk or not isinstance(original, str) or not original:
        raise ValidationError(_("There is no such answer to quote."))
    quote, _created = Quote.objects.update_or_create(
        survey=survey, response=response, code=code, defaults={"text": text.strip() or original}
    )
    quote.full_clean()
    survey.log_action("surveys.quote.picked", user=by, data={"code": code})
    return quote


@transaction.atomic
def quote_drop(*, quote: Quote, by: User | None) -> None:
    quote.survey.log_action("surveys.quote.dropped", user=by, data={"code": quote.code})
    quote.delete()


# --- The builder -----------------------------------------------------------------------------------
class SurveyLocked(ValidationError):
    """The survey has responses: its questions may no longer change (the answers name their codes)."""


def survey_has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def _refuse_if_answered(survey: Survey) -> None:
    if survey_has_responses(survey):
        raise SurveyLocked(_("The survey has responses: its sections and questions can no longer be changed."))


@transaction.atomic
def section_save(
    *, survey: Survey, by: User | None, title: str, intro: str = "", section: Section | None = None
) -> Section:
    """Add a section (last) or change one."""
    _refuse_if_answered(survey)
    if section is None:
        last = Section.objects.filter(survey=survey).order_by("-order").values_list("order", flat=True).first()
        section = Section(survey=survey, order=0 if last is None else last + 1)
    section.title, section.intro = title, intro
    section.full_clean()
    section.save()
    survey.log_action("surveys.section.saved", user=by, data={"section": section.pk})
    return section


def _other_codes(survey: Survey, question: Question | None) -> set[str]:
    codes: set[str] = set()
    for q in Question.objects.filter(section__survey=survey).exclude(pk=getattr(question, "pk", None)):
        codes |= {c.casefold() for c in [q.code, *q.codes()]}
    return codes


def _earlier_codes(survey: Survey, section: Section, question: Question | None) -> list[str]:
    """The codes a condition may name: the questions before this one in the survey."""
    codes = []
    for q in questions_of(survey):
        if question is not None and q.pk == question.pk:
            break
        if question is None and q.section.order > section.order:
            break
        codes.append(q.code)
    return codes


@transaction.atomic
def question_save(
    *, section: Section, by: User | None, fields: Mapping[str, Any], question: Question | None = None
) -> Question:
    """Add a question (last in its section) or change one, with the rules of a coded survey: a
    code unique in the survey (statements' codes too), a scale that goes upwards, options for a
    choice, statements for a matrix, and a condition only on an earlier question."""
    survey = section.survey
    _refuse_if_answered(survey)
    if question is None:
        last = Question.objects.filter(section=section).order_by("-order").values_list("order", flat=True).first()
        question = Question(section=section, order=0 if last is None else last + 1)
    for name, value in fields.items():
        setattr(question, name, value)
    errors: dict[str, list[str]] = {}
    taken = _other_codes(survey, question)
    codes = [question.code, *question.codes()] if question.kind == Question.Kind.MATRIX else [question.code]
    twice = sorted({c for c in codes if c.casefold() in taken or codes.count(c) > 1})
    if twice:
        errors["code" if question.code in twice else "statements"] = [
            _("The code %(codes)s is already used in this survey.") % {"codes": ", ".join(twice)}
        ]
    if question.is_scaled and question.scale_min >= question.scale_max:
        errors["scale_max"] = [_("The scale must end higher than it starts.")]
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(question.options) < 2:
        errors["options"] = [_("Give at least two options, one on each line.")]
    if question.kind == Question.Kind.MATRIX and not question.statements:
        errors["statements"] = [_("Give at least one statement, one on each line.")]
    if question.show_if_code:
        if question.show_if_code not in _earlier_codes(survey, section, question if question.pk else None):
            errors["show_if_code"] = [_("A condition can only name an earlier question.")]
        elif not question.show_if_values:
            errors["show_if_values"] = [_("Give the answers that show the question, one on each line.")]
    if errors:
        raise ValidationError(errors)
    question.full_clean()
    question.save()
    survey.log_action("surveys.question.saved", user=by, data={"code": question.code})
    return question


@transaction.atomic
def builder_delete(*, obj: Section | Question, by: User | None) -> None:
    """Delete a section (with its questions) or a question, before any response."""
    survey = obj.survey if isinstance(obj, Section) else obj.section.survey
    _refuse_if_answered(survey)
    kind = "section" if isinstance(obj, Section) else "question"
    survey.log_action(f"surveys.{kind}.deleted", user=by, data={"title": str(obj)[:80]})
    obj.delete()


@transaction.atomic
def builder_move(*, obj: Section | Question, up: bool, by: User | None) -> None:
    """Swap a section or a question with its neighbour (within the section), and number them again."""
    if isinstance(obj, Section):
        survey, siblings = obj.survey, list(Section.objects.filter(survey=obj.survey).order_by("order", "pk"))
    else:
        survey = obj.section.survey
        siblings = list(Question.objects.filter(section=obj.section).order_by("order", "pk"))
    _refuse_if_answered(survey)
    i = next(n for n, s in enumerate(siblings) if s.pk == obj.pk)
    j = i - 1 if up else i + 1
    if 0 <= j < len(siblings):
        siblings[i], siblings[j] = siblings[j], siblings[i]
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            type(sibling).objects.filter(pk=sibling.pk).update(order=order)
    survey.log_action("surveys.builder.moved", user=by, data={"id": obj.pk, "up": up})


@transaction.atomic
def survey_schedule(*, survey: Survey, by: User | None, opens_at=None, closes_at=None) -> Survey:
    """Set when a draft opens and closes (it stays a draft until opened)."""
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The deadline must come after the survey opens.")})
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.opens_at, survey.closes_at = opens_at, closes_at
    survey.save(update_fields=["opens_at", "closes_at", "updated_at"])
    survey.log_action("surveys.survey.scheduled", user=by)
    return survey
