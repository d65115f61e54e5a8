"""Writes for the teams' improvement work. Every function checks that what it links belongs to the
same team, validates with `full_clean`, saves atomically and writes the audit log (without the
texts: they are the team's own)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User
from improvement.models import (
    VALUE_LIMIT,
    Action,
    Actor,
    ActorMap,
    Goal,
    ImprovementArea,
    Measure,
    MeasureValue,
    PDSACycle,
)
from teams.models import Team

EDITABLE = {
    ImprovementArea: ["kind", "title", "background", "order"],
    Goal: ["what", "how_much", "by_when"],
    Action: ["goal", "title", "description", "responsible", "due", "status"],
    Measure: [
        "area",
        "title",
        "definition",
        "kind",
        "unit",
        "direction",
        "target",
        "frequency",
        "rule_set",
        "source",
        "baseline_points",
        "phase_starts",
        "order",
    ],
    PDSACycle: [
        "measure",
        "action",
        "title",
        "plan",
        "prediction",
        "do",
        "study",
        "act",
        "decision",
        "stage",
        "starts_on",
        "ends_on",
    ],
    ActorMap: ["title", "centre_kind", "centre_label"],
}


def team_of(obj) -> Team:
    """The team an improvement object belongs to."""
    if isinstance(obj, (ImprovementArea, Measure, PDSACycle, ActorMap)):
        return obj.team
    if isinstance(obj, (Goal, Action)):
        return obj.area.team
    if isinstance(obj, Actor):
        return obj.actor_map.team
    raise TypeError(type(obj))


def _same_team(team: Team, **linked) -> None:
    for field, obj in linked.items():
        if obj is not None and team_of(obj).pk != team.pk:
            raise ValidationError({field: _("This belongs to another team.")})


@transaction.atomic
def improvement_object_save(*, obj, data: dict, by: User | None, **parents):
    """Create or change an area, goal, tiltak, measure, PDSA cycle or actor map. `parents` are the
    objects it hangs on (`team=…` or `area=…`), set only when it is created."""
    model = type(obj)
    created = obj.pk is None
    for name, parent in parents.items():
        if created:
            setattr(obj, name, parent)
    team = team_of(obj)
    fields = EDITABLE[model]
    unknown = set(data) - set(fields) - {"measures"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    _same_team(team, **{f: getattr(obj, f, None) for f in ("area", "goal", "measure", "action") if f in fields})
    if model is Measure:
        _measure_rules(obj)
    obj.full_clean()
    obj.save()
    if model is Goal and "measures" in data:
        measures = list(data["measures"])
        _same_team(team, **{f"measures-{m.pk}": m for m in measures})
        obj.measures.set(measures)
    label = model._meta.model_name
    obj.log_action(f"improvement.{label}.{'created' if created else 'changed'}", user=by, data={"team": team.pk})
    return obj


def _measure_rules(measure: Measure) -> None:
    if measure.source:
        # The toolkit's measures are averages and shares per month, computed from its records.
        measure.kind = Measure.Kind.NUMBER
        measure.frequency = Measure.Frequency.MONTHLY
        if measure.source != Measure.Source.TOOLKIT_BENEFIT:
            measure.unit = "%"
        if Measure.objects.filter(team=measure.team, source=measure.source).exclude(pk=measure.pk).exists():
            raise ValidationError({"source": _("The team already follows this toolkit measure.")})
    starts = []
    for value in measure.phase_starts or []:
        try:
            starts.append(datetime.date.fromisoformat(str(value)).isoformat())
        except ValueError:
            raise ValidationError({"phase_starts": _("A new phase starts on a date.")}) from None
    measure.phase_starts = sorted(set(starts))


@transaction.atomic
def improvement_object_delete(*, obj, by: User | None) -> None:
    team = team_of(obj)
    label = type(obj)._meta.model_name
    team.log_action(f"improvement.{label}.deleted", user=by, data={"id": obj.pk})
    obj.delete()


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The period a day belongs to: the first of its month, or the Monday of its week."""
    if frequency == Measure.Frequency.WEEKLY:
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def _number(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    if not isinstance(value, Decimal):
        raise ValidationError({field: _("Enter a number.")})
    if not value.is_finite() or abs(value) >= VALUE_LIMIT:
        raise ValidationError({field: _("Enter a number between −1 000 000 000 000 and 1 000 000 000 000.")})
    return value


@transaction.atomic
def measure_value_save(
    *,
    measure: Measure,
    period: datetime.date,
    by: User | None,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    astronomical: bool = False,
    comment: str = "",
) -> MeasureValue:
    """Save the value of one period as a draft of the team (a submitted value becomes a draft again
    when it is changed). Refused for measures read from the toolkit and for future periods."""
    if measure.from_toolkit:
        raise ValidationError(_("The values of this measure come from the toolkit's records."))
    period = period_start(period, measure.frequency)
    if period > period_start(timezone.localdate(), measure.frequency):
        raise ValidationError({"period": _("A value cannot be entered for a period that has not started.")})
    value, numerator, denominator = (
        _number(value, "value"),
        _number(numerator, "numerator"),
        _number(denominator, "denominator"),
    )
    if measure.kind == Measure.Kind.PROPORTION:
        if numerator is None or denominator is None:
            raise ValidationError({"numerator": _("Enter both the numerator and the denominator.")})
        if denominator <= 0:
            raise ValidationError({"denominator": _("The denominator must be more than 0.")})
        if numerator < 0 or numerator > denominator:
            raise ValidationError({"numerator": _("The numerator must be between 0 and the denominator.")})
        value = None
    else:
        if value is None:
            raise ValidationError({"value": _("Enter a value.")})
        if measure.kind == Measure.Kind.COUNT and (value < 0 or value != value.to_integral_value()):
            raise ValidationError({"value": _("A count is a whole number, 0 or more.")})
        numerator = denominator = None
    row = MeasureValue.objects.select_for_update().filter(measure=measure, period=period).first() or MeasureValue(
        measure=measure, period=period
    )
    row.value, row.numerator, row.denominator = value, numerator, denominator
    row.astronomical, row.comment, row.entered_by = astronomical, comment, by
    row.status = MeasureValue.Status.DRAFT
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def measure_value_delete(*, measure: Measure, period: datetime.date, by: User | None) -> int:
    deleted, _unused = MeasureValue.objects.filter(measure=measure, period=period).delete()
    if deleted:
        measure.log_action("improvement.measurevalue.deleted", user=by, data={"period": period.isoformat()})
    return deleted


@transaction.atomic
def measure_values_submit(*, measure: Measure, by: User | None) -> int:
    """Submit the measure's drafts: from now on the network sees them. Returns how many."""
    count = MeasureValue.objects.filter(measure=measure, status=MeasureValue.Status.DRAFT).update(
        status=MeasureValue.Status.SUBMITTED, updated_at=timezone.now()
    )
    if count:
        measure.log_action("improvement.measurevalue.submitted", user=by, data={"values": count})
    return count


@transaction.atomic
def actor_add(*, actor_map: ActorMap, data: dict, by: User | None) -> Actor:
    actor = Actor(actor_map=actor_map, **data)
    actor.full_clean()
    actor.save()
    actor_map.log_action("improvement.actor.added", user=by, data={"actor": actor.pk})
    return actor


@transaction.atomic
def actor_delete(*, actor: Actor, by: User | None) -> None:
    actor.actor_map.log_action("improvement.actor.deleted", user=by, data={"actor": actor.pk})
    actor.delete()
