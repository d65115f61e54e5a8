"""Writes of the toolkit. Every free text is refused when it holds a national identity number;
text that looks like a person's full name is let through with a warning (the caller shows it)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import looks_like_full_name, refuse_national_id
from core.models import User
from teams.models import Team
from toolkit import scoring
from toolkit.models import (
    CHECKLIST_ITEMS,
    SCORE_MAX,
    SCORE_MIN,
    Checklist,
    ChecklistAnswer,
    ChecklistItem,
    ChecklistTemplate,
    Conversation,
    LifeArea,
    PlanItem,
    Score,
    ServiceUser,
)

# The collaboration checklist as the toolkit gives it: items 1 and 9 carry the averages of the 1st
# and 2nd conversation; the wording of the other eight is not in the sources, so each team writes
# its own (the toolkit says the municipalities are free to put in their own measures).
DEFAULT_CHECKLIST = {
    1: ("Gjennomsnittsscore fra 1. samtale (Hva er viktig for meg-skjemaet)", ChecklistItem.Source.FIRST_AVERAGE),
    9: ("Gjennomsnittsscore fra 2. samtale (Hva er viktig for meg-skjemaet)", ChecklistItem.Source.SECOND_AVERAGE),
}
PLACEHOLDER = "Punkt {n}: teamets eget tiltak (skriv inn)"

# Suggestions for the conversation wheel; the person may always use their own words.
AREA_SUGGESTIONS = [
    "Bolig",
    "Økonomi",
    "Arbeid",
    "Utdanning",
    "Familie",
    "Venner og nettverk",
    "Fysisk helse",
    "Psykisk helse",
    "Rus",
    "Fritid",
    "Hverdagen og det praktiske",
]


def _clean_text(text: str, *, warnings: list[str] | None = None) -> str:
    text = (text or "").strip()
    refuse_national_id(text)
    name = looks_like_full_name(text)
    if name and warnings is not None:
        warnings.append(
            str(_("«%(text)s» looks like a person's name. Records are pseudonymous: use a code, a service or a role."))
            % {"text": name}
        )
    return text


# --- The person ------------------------------------------------------------------------------------
@transaction.atomic
def service_user_create(*, team: Team, code: str, by: User | None) -> tuple[ServiceUser, list[str]]:
    """Register a person under the team's code. Returns the record and any warnings."""
    warnings: list[str] = []
    code = _clean_text(code, warnings=warnings)
    if not code:
        raise ValidationError({"code": _("Give the person a code, e.g. B-07.")})
    if ServiceUser.objects.filter(team=team, code__iexact=code).exists():
        raise ValidationError({"code": _("The team already has a person with the code %(code)s.") % {"code": code}})
    person = ServiceUser(team=team, code=code, created_by=by)
    person.full_clean()
    person.save()
    person.log_action("toolkit.serviceuser.created", user=by)
    return person, warnings


@transaction.atomic
def service_user_close(*, service_user: ServiceUser, on: datetime.date | None, by: User | None) -> ServiceUser:
    """End the follow-up (the record stays, with its figures)."""
    service_user.status = ServiceUser.Status.CLOSED
    service_user.closed_on = on or timezone.localdate()
    service_user.save(update_fields=["status", "closed_on", "updated_at"])
    service_user.log_action("toolkit.serviceuser.closed", user=by)
    return service_user


@transaction.atomic
def service_user_reopen(*, service_user: ServiceUser, by: User | None) -> ServiceUser:
    service_user.status = ServiceUser.Status.OPEN
    service_user.closed_on = None
    service_user.save(update_fields=["status", "closed_on", "updated_at"])
    service_user.log_action("toolkit.serviceuser.reopened", user=by)
    return service_user


@transaction.atomic
def service_user_delete(*, service_user: ServiceUser, by: User | None) -> None:
    """Delete the record and everything in it for good. The audit log keeps only that a record of
    the team was deleted, by whom and when: no code, no content."""
    team = service_user.team
    service_user.delete()
    team.log_action("toolkit.serviceuser.deleted", user=by)


# --- Samtalehjulet ---------------------------------------------------------------------------------
@transaction.atomic
def area_add(
    *, service_user: ServiceUser, name: str, wants_help: bool = True, by: User | None
) -> tuple[LifeArea, list[str]]:
    warnings: list[str] = []
    name = _clean_text(name, warnings=warnings)
    if not name:
        raise ValidationError({"name": _("Write the area or activity in the person's own words.")})
    if service_user.areas.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("«%(name)s» is already in the wheel.") % {"name": name}})
    last = service_user.areas.order_by("-order").values_list("order", flat=True).first()
    area = LifeArea(service_user=service_user, name=name, wants_help=wants_help, order=(last or 0) + 1)
    area.full_clean()
    area.save()
    service_user.log_action("toolkit.serviceuser.area_added", user=by)
    return area, warnings


@transaction.atomic
def area_update(*, area: LifeArea, wants_help: bool, by: User | None) -> LifeArea:
    area.wants_help = wants_help
    area.save(update_fields=["wants_help", "updated_at"])
    return area


# --- Hva er viktig for meg-skjemaet ----------------------------------------------------------------
def _check_score(value, label: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("The score for «%(area)s» must be a whole number from 1 to 10.") % {"area": label}
        ) from None
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError(
            _("The score for «%(area)s» is %(score)s; it must be from 1 (most difficult) to 10.")
            % {"area": label, "score": score}
        )
    return score


def _check_date_order(service_user: ServiceUser, number: int, held_on: datetime.date) -> None:
    others = {c.number: c.held_on for c in service_user.conversations.exclude(number=number)}
    earlier = [(n, d) for n, d in others.items() if n < number and d > held_on]
    later = [(n, d) for n, d in others.items() if n > number and d < held_on]
    for n, day in earlier + later:
        raise ValidationError(
            {
                "held_on": _(
                    "Conversation %(number)s cannot be dated %(date)s: conversation %(other)s was on %(other_date)s."
                )
                % {
                    "number": number,
                    "date": held_on.strftime("%d.%m.%Y"),
                    "other": n,
                    "other_date": day.strftime("%d.%m.%Y"),
                }
            }
        )


@transaction.atomic
def conversation_record(
    *,
    service_user: ServiceUser,
    held_on: datetime.date,
    scores: Mapping[int, object],
    number: int | None = None,
    new_areas: Iterable[tuple[str, object]] = (),
    by: User | None,
) -> Conversation:
    """Record (or correct) one conversation: {area id: score} for areas already in the wheel, and
    new areas with their score (an area added now is scored from this conversation on).
    Refused as a whole when a score is outside 1–10 or the dates are out of order."""
    service_user = ServiceUser.objects.select_for_update().get(pk=service_user.pk)
    if number is None:
        last = service_user.conversations.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date of a conversation cannot be in the future.")})
    _check_date_order(service_user, number, held_on)
    areas = {a.pk: a for a in service_user.areas.all()}
    checked: dict[int, int] = {}
    for area_id, value in scores.items():
        if value in (None, ""):
            continue
        area = areas.get(int(area_id))
        if area is None:
            raise ValidationError(_("Unknown area."))
        checked[area.pk] = _check_score(value, area.name)
    new = [(name, _check_score(value, name)) for name, value in new_areas if (name or "").strip()]
    if not checked and not new:
        raise ValidationError(_("Score at least one area or activity."))
    conversation, _created = Conversation.objects.update_or_create(
        service_user=service_user, number=number, defaults={"held_on": held_on}
    )
    for name, score in new:
        area, _warnings = area_add(service_user=service_user, name=name, by=by)
        checked[area.pk] = score
    conversation.scores.exclude(area_id__in=checked).delete()
    for area_id, score in checked.items():
        Score.objects.update_or_create(conversation=conversation, area_id=area_id, defaults={"score": score})
    service_user.log_action("toolkit.serviceuser.conversation_recorded", user=by, data={"number": number})
    return conversation


# --- The plan ---------------------------------------------------------------------------------------
@transaction.atomic
def plan_item_save(*, item: PlanItem, by: User | None) -> tuple[PlanItem, list[str]]:
    warnings: list[str] = []
    item.measure = _clean_text(item.measure, warnings=warnings)
    item.responsible = _clean_text(item.responsible, warnings=warnings)
    item.due = _clean_text(item.due)
    item.comment = _clean_text(item.comment, warnings=warnings)
    if item.area_id and item.area.service_user_id != item.service_user_id:
        raise ValidationError({"area": _("Choose one of the person's own areas.")})
    if item.pk is None:
        last = item.service_user.plan_items.order_by("-order").values_list("order", flat=True).first()
        item.order = (last or 0) + 1
    item.full_clean()
    item.save()
    item.service_user.log_action("toolkit.serviceuser.plan_saved", user=by)
    return item, warnings


@transaction.atomic
def plan_item_delete(*, item: PlanItem, by: User | None) -> None:
    service_user = item.service_user
    item.delete()
    service_user.log_action("toolkit.serviceuser.plan_item_deleted", user=by)


# --- Sjekkliste for samhandling -------------------------------------------------------------------
def checklist_default_template() -> ChecklistTemplate:
    """The default every team starts from (made once)."""
    template = ChecklistTemplate.objects.filter(team__isnull=True).order_by("-version").first()
    if template is not None:
        return template
    with transaction.atomic():
        template = ChecklistTemplate.objects.create(team=None, version=1)
        ChecklistItem.objects.bulk_create(
            [
                ChecklistItem(
                    template=template,
                    number=n,
                    text=DEFAULT_CHECKLIST.get(n, (PLACEHOLDER.format(n=n), None))[0],
                    source=DEFAULT_CHECKLIST.get(n, (None, ChecklistItem.Source.TEAM))[1],
                )
                for n in range(1, CHECKLIST_ITEMS + 1)
            ]
        )
    return template


def checklist_template_for(*, team: Team) -> ChecklistTemplate:
    """The team's current checklist: its own latest version, or the default."""
    return ChecklistTemplate.objects.filter(team=team).order_by("-version").first() or checklist_default_template()


@transaction.atomic
def checklist_template_update(*, team: Team, texts: Mapping[int, str], by: User | None) -> ChecklistTemplate:
    """A new version of the team's checklist with the items it wrote (items 1 and 9 carry the
    averages and keep their wording). Checklists filled in before keep the old wording."""
    current = checklist_template_for(team=team)
    items = {i.number: i for i in current.items.all()}
    changed = {n: _clean_text(t) for n, t in texts.items() if items[int(n)].source == ChecklistItem.Source.TEAM}
    changed = {int(n): t for n, t in changed.items() if t and t != items[int(n)].text}
    if not changed:
        return current
    last = ChecklistTemplate.objects.filter(team=team).order_by("-version").values_list("version", flat=True).first()
    template = ChecklistTemplate.objects.create(team=team, version=(last or 0) + 1)
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(template=template, number=n, text=changed.get(n, item.text), source=item.source)
            for n, item in sorted(items.items())
        ]
    )
    team.log_action("toolkit.checklist.template_changed", user=by, data={"version": template.version})
    return template


def automatic_state(item: ChecklistItem, averages: Mapping[int, object]) -> str | None:
    """Items 1 and 9 are done when the 1st (or 2nd) conversation has been scored."""
    number = {ChecklistItem.Source.FIRST_AVERAGE: 1, ChecklistItem.Source.SECOND_AVERAGE: 2}.get(item.source)
    if number is None:
        return None
    return ChecklistAnswer.State.DONE if averages.get(number) is not None else ChecklistAnswer.State.NOT_DONE


@transaction.atomic
def checklist_fill(
    *, service_user: ServiceUser, filled_on: datetime.date, states: Mapping[int, str], by: User | None
) -> Checklist:
    """Fill in the checklist with the team's current template: {item number: state} for the items
    the team writes; items 1 and 9 follow the conversations. Every item needs an answer."""
    from toolkit.selectors import conversation_averages

    if filled_on > timezone.localdate():
        raise ValidationError({"filled_on": _("The date cannot be in the future.")})
    template = checklist_template_for(team=service_user.team)
    averages = conversation_averages(service_user=service_user)
    answers = []
    missing = []
    for item in template.items.all():
        state = automatic_state(item, averages) or states.get(item.number)
        if state not in ChecklistAnswer.State.values:
            missing.append(str(item.number))
            continue
        answers.append((item, state))
    if missing:
        raise ValidationError(
            _("Answer every item of the checklist (missing: %(items)s).") % {"items": ", ".join(missing)}
        )
    checklist = Checklist.objects.create(
        service_user=service_user,
        template=template,
        filled_on=filled_on,
        points=scoring.checklist_points(state for _item, state in answers),
    )
    ChecklistAnswer.objects.bulk_create(
        [ChecklistAnswer(checklist=checklist, item=item, state=state) for item, state in answers]
    )
    service_user.log_action("toolkit.serviceuser.checklist_filled", user=by, data={"points": checklist.points})
    return checklist
