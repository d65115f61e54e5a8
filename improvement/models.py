"""The teams' improvement work between gatherings, kept in one place: improvement areas, goals
(what, how much, by when), tiltak with their status, the team's own measures with values per
period (draft, then submitted), PDSA cycles, and the actor map (aktørkartlegging).

A measure's values are analysed with the run-chart rules in `runcharts.py` (pure functions); the
charts are drawn by `charts.py`. Measures from the toolkit («Hva er viktig for deg?») are not typed
in: their values are read from the toolkit's records (`source`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.identity import refuse_national_id
from core.models import BaseModel, LoggedModel
from core.validators import validate_date_range

VALUE_LIMIT = Decimal("1e12")  # no measure of a team counts past a trillion


class ActionStatus(models.TextChoices):
    """The status of a tiltak, in the words the seeds' self-evaluations use."""

    PLANNED = "planlagt", _("Planned")
    ONGOING = "pagaende", _("Ongoing")
    DONE = "gjennomfort", _("Done")
    STOPPED = "stanset", _("Stopped")
    POSTPONED = "utsatt", _("Postponed")


class ImprovementArea(LoggedModel):
    """What the team chose to improve (forbedringsområde), one of the network's themes or its own."""

    class Kind(models.TextChoices):
        USER_INVOLVEMENT = "brukermedvirkning", _("User involvement")
        LOW_THRESHOLD = "lavterskeltilbud", _("Low-threshold services")
        HOUSING = "bolig", _("Housing")
        COLLABORATION = "samhandling", _("Collaboration and roles")
        OWN = "eget", _("The team's own area")

    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="improvement_areas"
    )
    kind = models.CharField(_("theme"), max_length=20, choices=Kind.choices, default=Kind.OWN)
    title = models.CharField(
        _("improvement area"),
        max_length=200,
        validators=[refuse_national_id],
        help_text=_("In the team's own words, e.g. «Brukermedvirkning og brukerpanel»."),
    )
    background = models.TextField(
        _("background and why"),
        blank=True,
        validators=[refuse_national_id],
        help_text=_("Bakteppe/utfordringsbildet: what the team saw, and why it chose this area."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("improvement area")
        verbose_name_plural = _("improvement areas")
        ordering = ["team", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Measure(LoggedModel):
    """A measure of the team's own (or one read from the toolkit), followed as a time series."""

    class Kind(models.TextChoices):
        COUNT = "antall", _("Count")
        PROPORTION = "andel", _("Proportion (numerator / denominator)")
        NUMBER = "tall", pgettext_lazy("improvement", "Number")

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")
        NONE = "", _("No direction")

    class Frequency(models.TextChoices):
        MONTHLY = "month", _("Monthly")
        WEEKLY = "week", _("Weekly")

    class RuleSet(models.TextChoices):
        IHI = "ihi", _("IHI run-chart rules")
        ANHOEJ = "anhoej", _("Anhøj rules")

    class Source(models.TextChoices):
        OWN = "", _("Entered by the team")
        TOOLKIT_BENEFIT = "toolkit:benefit", _("Toolkit: perceived benefit (average per month)")
        TOOLKIT_IMPROVED = "toolkit:improved", _("Toolkit: share of people who improved")
        TOOLKIT_FIDELITY = "toolkit:fidelity", _("Toolkit: programoppfyllelse (checklist)")

    team = models.ForeignKey("teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="measures")
    area = models.ForeignKey(
        ImprovementArea,
        verbose_name=_("improvement area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    title = models.CharField(pgettext_lazy("improvement", "measure"), max_length=200, validators=[refuse_national_id])
    definition = models.TextField(
        _("operational definition"),
        blank=True,
        validators=[refuse_national_id],
        help_text=_("What is counted, from where, by whom: so that everyone counts the same way."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COUNT)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("E.g. «henvisninger», «dager»."))
    direction = models.CharField(_("direction of improvement"), max_length=4, choices=Direction.choices, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=16, decimal_places=4, null=True, blank=True, help_text=_("Optional.")
    )
    frequency = models.CharField(_("frequency"), max_length=5, choices=Frequency.choices, default=Frequency.MONTHLY)
    rule_set = models.CharField(_("run-chart rules"), max_length=10, choices=RuleSet.choices, default=RuleSet.IHI)
    source = models.CharField(_("values from"), max_length=20, choices=Source.choices, blank=True)
    baseline_points = models.PositiveSmallIntegerField(
        _("frozen baseline (points)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Freeze the median on the first N points, and extend it to later ones. Empty: not frozen."),
    )
    # The periods (ISO dates) where a new phase starts, after a sustained signal the team explains.
    phase_starts = models.JSONField(_("new phases from"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("improvement", "measure")
        verbose_name_plural = pgettext_lazy("improvement", "measures")
        ordering = ["team", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "source"], condition=~Q(source=""), name="improvement_measure_one_per_source"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def from_toolkit(self) -> bool:
        return bool(self.source)


class MeasureValue(BaseModel):
    """The value of a measure in one period (the first day of the month, or the Monday of the week).
    A draft is the team's own; the network sees submitted values only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    measure = models.ForeignKey(
        Measure, verbose_name=pgettext_lazy("improvement", "measure"), on_delete=models.CASCADE, related_name="values"
    )
    period = models.DateField(_("period"), validators=[validate_date_range])
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("denominator"), max_digits=16, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    astronomical = models.BooleanField(
        _("astronomical point"),
        default=False,
        help_text=_("Marked by the team: a value so unusual that everyone would agree. Never computed."),
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True, validators=[refuse_national_id])
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="improvement_measurevalue_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period:%Y-%m-%d}"

    @property
    def plotted(self) -> Decimal | None:
        """The number on the chart: a proportion in per cent, otherwise the value."""
        if self.measure.kind == Measure.Kind.PROPORTION:
            if self.numerator is None or not self.denominator:
                return None
            return self.numerator * 100 / self.denominator
        return self.value


class Goal(LoggedModel):
    """What the team wants to achieve, how much, and by when, measured by some of its measures."""

    area = models.ForeignKey(
        ImprovementArea, verbose_name=_("improvement area"), on_delete=models.CASCADE, related_name="goals"
    )
    what = models.TextField(_("goal"), validators=[refuse_national_id])
    how_much = models.CharField(
        _("how much"), max_length=200, blank=True, validators=[refuse_national_id], help_text=_("E.g. «8 av 10»")
    )
    by_when = models.DateField(_("by when"), null=True, blank=True, validators=[validate_date_range])
    measures = models.ManyToManyField(Measure, verbose_name=_("measured by"), blank=True, related_name="goals")

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.what[:80]


class Action(LoggedModel):
    """A tiltak: what the team does to reach a goal, with who is responsible and its status."""

    area = models.ForeignKey(
        ImprovementArea, verbose_name=_("improvement area"), on_delete=models.CASCADE, related_name="actions"
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    title = models.CharField(_("tiltak"), max_length=300, validators=[refuse_national_id])
    description = models.TextField(_("description"), blank=True, validators=[refuse_national_id])
    responsible = models.CharField(
        _("main responsibility"),
        max_length=120,
        blank=True,
        validators=[refuse_national_id],
        help_text=_("A service or a role, e.g. «DPS» or «Koordinator»."),
    )
    due = models.DateField(_("when"), null=True, blank=True, validators=[validate_date_range])
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["area", "pk"]

    def __str__(self) -> str:
        return self.title


class PDSACycle(LoggedModel):
    """Plan (with a prediction), do, study, act: one test of a change, shown on its measure's chart."""

    class Stage(models.TextChoices):
        PLAN = "plan", _("Plan")
        DO = "do", _("Do")
        STUDY = "study", _("Study")
        ACT = "act", _("Act")
        DONE = "done", _("Done")

    class Decision(models.TextChoices):
        NONE = "", _("Not decided yet")
        ADOPT = "adopt", _("Adopt: make it the way we work")
        ADAPT = "adapt", _("Adapt: change it and test again")
        ABANDON = "abandon", _("Abandon: it was not an improvement")

    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="pdsa_cycles"
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=pgettext_lazy("improvement", "measure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pdsa_cycles",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("tiltak"), on_delete=models.SET_NULL, null=True, blank=True, related_name="pdsa_cycles"
    )
    title = models.CharField(_("what we test"), max_length=200, validators=[refuse_national_id])
    plan = models.TextField(_("plan"), blank=True, validators=[refuse_national_id])
    prediction = models.TextField(_("prediction"), blank=True, validators=[refuse_national_id])
    do = models.TextField(_("do: what happened"), blank=True, validators=[refuse_national_id])
    study = models.TextField(_("study: what we learned"), blank=True, validators=[refuse_national_id])
    act = models.TextField(_("act: what we do next"), blank=True, validators=[refuse_national_id])
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.PLAN)
    starts_on = models.DateField(_("starts"), validators=[validate_date_range])
    ends_on = models.DateField(_("ends"), null=True, blank=True, validators=[validate_date_range])

    class Meta:
        verbose_name = _("PDSA cycle")
        verbose_name_plural = _("PDSA cycles")
        ordering = ["team", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="improvement_pdsacycle_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActorMap(LoggedModel):
    """Aktørkartlegging: the actors around a person or a service, drawn with it in the centre. The
    centre is a role or a service («Bruker», «Tjenesten»), never a person's name."""

    class Centre(models.TextChoices):
        PERSON = "person", _("A service user (no name)")
        SERVICE = "service", _("A service")

    team = models.ForeignKey("teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="actor_maps")
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    centre_kind = models.CharField(_("in the centre"), max_length=10, choices=Centre.choices, default=Centre.SERVICE)
    centre_label = models.CharField(
        _("centre label"),
        max_length=80,
        validators=[refuse_national_id],
        help_text=_("A role or a service, e.g. «Bruker» or «Psykisk helse og rus». Never a name."),
    )

    class Meta:
        verbose_name = _("actor map")
        verbose_name_plural = _("actor maps")
        ordering = ["team", "pk"]

    def __str__(self) -> str:
        return self.title


class Actor(BaseModel):
    """One actor on a map: who (an organisation, service or role), the relation, how much it means."""

    class Significance(models.IntegerChoices):
        LOW = 1, _("Some significance")
        MEDIUM = 2, _("Significant")
        HIGH = 3, _("Very significant")

    class Relation(models.TextChoices):
        STRONG = "sterk", _("Good and close")
        WEAK = "svak", _("Weak or occasional")
        STRAINED = "anstrengt", _("Strained")
        NONE = "ingen", _("None yet")

    actor_map = models.ForeignKey(
        ActorMap, verbose_name=_("actor map"), on_delete=models.CASCADE, related_name="actors"
    )
    name = models.CharField(
        _("actor"),
        max_length=120,
        validators=[refuse_national_id],
        help_text=_("An organisation, a service or a role, e.g. «NAV», «Fastlege», «Pårørende»."),
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices, default=Relation.WEAK)
    significance = models.PositiveSmallIntegerField(
        _("significance"), choices=Significance.choices, default=Significance.MEDIUM
    )
    invited = models.BooleanField(_("invited into the work"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[refuse_national_id])

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["actor_map", "-significance", "name"]

    def __str__(self) -> str:
        return self.name
