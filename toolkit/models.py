"""The «Hva er viktig for deg?» toolkit: pseudonymous records of the service users a team follows.

Four tools: the conversation wheel (Samtalehjulet: the life areas the person chooses), the «Hva er
viktig for meg» form (each area scored 1–10 at every conversation, 1 = most difficult), the plan
(measures per area) and the collaboration checklist (ten items; points give «programoppfyllelse»).
No names and no national identity numbers are ever stored: a person is a code the team chooses.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel, LoggedModel
from core.validators import validate_date_range

SCORE_MIN, SCORE_MAX = 1, 10
CHECKLIST_ITEMS = 10


class ServiceUser(LoggedModel):
    """A person the team follows, known only by the team's code (e.g. «B-07»)."""

    class Status(models.TextChoices):
        OPEN = "aktiv", _("Followed up")
        CLOSED = "avsluttet", _("Follow-up ended")

    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="service_users"
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("The team's own code for the person, e.g. B-07. Never a name.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("follow-up ended"), null=True, blank=True, validators=[validate_date_range])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service user")
        verbose_name_plural = _("service users")
        ordering = ["team", "code"]
        constraints = [
            models.UniqueConstraint(fields=["team", "code"], name="toolkit_serviceuser_unique_code"),
            models.CheckConstraint(
                condition=Q(status="aktiv", closed_on__isnull=True) | Q(status="avsluttet"),
                name="toolkit_serviceuser_closed_on_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class LifeArea(BaseModel):
    """An area or activity the person put in the conversation wheel, in their own words."""

    service_user = models.ForeignKey(
        ServiceUser, verbose_name=_("service user"), on_delete=models.CASCADE, related_name="areas"
    )
    name = models.CharField(_("area or activity"), max_length=120)
    wants_help = models.BooleanField(_("wants help with it"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")
        ordering = ["service_user", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service_user", "name"], name="toolkit_lifearea_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Conversation(BaseModel):
    """«1. samtale», «2. samtale», …: the person scores their areas, on a date."""

    service_user = models.ForeignKey(
        ServiceUser, verbose_name=_("service user"), on_delete=models.CASCADE, related_name="conversations"
    )
    number = models.PositiveSmallIntegerField(_("conversation"), validators=[MinValueValidator(1)])
    held_on = models.DateField(_("date"), validators=[validate_date_range])

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["service_user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["service_user", "number"], name="toolkit_conversation_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="toolkit_conversation_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. samtale"


class Score(BaseModel):
    """How hard an area is for the person now: 1 = most difficult, 10 = least difficult."""

    conversation = models.ForeignKey(
        Conversation, verbose_name=_("conversation"), on_delete=models.CASCADE, related_name="scores"
    )
    area = models.ForeignKey(
        LifeArea, verbose_name=_("area or activity"), on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["conversation", "area__order", "area_id"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "area"], name="toolkit_score_one_per_area"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX), name="toolkit_score_between_1_and_10"
            ),
        ]


class PlanItem(BaseModel):
    """A measure (tiltak) in the person's plan: who holds the main responsibility (a service or a
    role, never a person's name), by when, its status, and the person's own comments."""

    class Status(models.TextChoices):
        PLANNED = "planlagt", _("Planned")
        ONGOING = "pagaende", _("Ongoing")
        DONE = "gjennomfort", _("Done")
        STOPPED = "stanset", _("Stopped")
        POSTPONED = "utsatt", _("Postponed")

    service_user = models.ForeignKey(
        ServiceUser, verbose_name=_("service user"), on_delete=models.CASCADE, related_name="plan_items"
    )
    area = models.ForeignKey(
        LifeArea,
        verbose_name=_("area or activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
    )
    measure = models.TextField(_("measure"))
    responsible = models.CharField(
        _("main responsibility"), max_length=120, help_text=_("A service or a role, e.g. «NAV» or «Koordinator».")
    )
    due = models.CharField(_("when"), max_length=60, blank=True, help_text=_("A date or a time, e.g. «innen mars»."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    comment = models.TextField(_("the person's own comments"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["service_user", "order", "pk"]

    def __str__(self) -> str:
        return self.measure[:60]


class ChecklistTemplate(BaseModel):
    """The ten items of the collaboration checklist, for one team (or the default for everyone).
    A new version is made when a team changes an item, so old checklists keep their wording."""

    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checklist_templates",
        help_text=_("Empty: the default every team starts from."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        ordering = ["team", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["team", "version"], name="toolkit_checklisttemplate_unique_version"),
            models.UniqueConstraint(
                fields=["version"], condition=Q(team__isnull=True), name="toolkit_checklisttemplate_one_default"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team or _('Default')} v{self.version}"


class ChecklistItem(BaseModel):
    class Source(models.TextChoices):
        TEAM = "team", _("Written by the team")
        FIRST_AVERAGE = "snitt_1", _("Average score from the 1st conversation")
        SECOND_AVERAGE = "snitt_2", _("Average score from the 2nd conversation")

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist template"), on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(
        _("item"), validators=[MinValueValidator(1), MaxValueValidator(CHECKLIST_ITEMS)]
    )
    text = models.CharField(_("text"), max_length=300)
    source = models.CharField(_("filled from"), max_length=10, choices=Source.choices, default=Source.TEAM)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="toolkit_checklistitem_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=CHECKLIST_ITEMS), name="toolkit_checklistitem_number_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Checklist(BaseModel):
    """The collaboration checklist for one person, filled in on a date with one template version."""

    service_user = models.ForeignKey(
        ServiceUser, verbose_name=_("service user"), on_delete=models.CASCADE, related_name="checklists"
    )
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist template"), on_delete=models.PROTECT, related_name="checklists"
    )
    filled_on = models.DateField(_("date"), validators=[validate_date_range])
    points = models.PositiveSmallIntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["service_user", "-filled_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__lte=CHECKLIST_ITEMS), name="toolkit_checklist_points_at_most_10"
            ),
        ]

    @property
    def fidelity_percent(self) -> int:
        """Programoppfyllelse: points of ten, as a percentage (8 of 10 → 80 %)."""
        return round(self.points * 100 / CHECKLIST_ITEMS)


class ChecklistAnswer(BaseModel):
    class State(models.TextChoices):
        DONE = "gjennomfort", _("Done (1 point)")
        NOT_RELEVANT = "ikke_aktuelt", _("Not relevant (1 point)")
        NOT_DONE = "ikke_gjennomfort", _("Relevant, not done (0 points)")

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="answers"
    )
    item = models.ForeignKey(ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="answers")
    state = models.CharField(_("state"), max_length=20, choices=State.choices)

    class Meta:
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        ordering = ["checklist", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "item"], name="toolkit_checklistanswer_one_per_item"),
        ]

    @property
    def points(self) -> int:
        return 0 if self.state == self.State.NOT_DONE else 1
