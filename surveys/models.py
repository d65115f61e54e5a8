"""Evaluation surveys that replace Questback: built from sections and coded questions, sent to a
panel drawn from registrations and attendance, answered on a phone, with results in seconds.

Anonymity is structural, not a promise: a `Response` has a random id, no person, no personal
link and no time of day, so nothing can link it to a `PanelMember`. The panel member only knows
*that* it has answered (for the response rate and the reminders), never *what*.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.models import BaseModel, LoggedModel
from core.validators import validate_date_range

DONT_KNOW = "vet ikke"  # the answer value of «vet ikke», shown in distributions and left out of means


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Survey(LoggedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="surveys"
    )
    gathering = models.ForeignKey(
        "gatherings.Gathering",
        verbose_name=_("gathering"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    template_key = models.CharField(_("template"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    intro = models.TextField(_("introduction"), blank=True, validators=[refuse_national_id])
    anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Nobody, administrators included, can see who answered what.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, validators=[validate_date_range])
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, validators=[validate_date_range])
    # How many were invited: the approved panel, or a number given when the panel lives elsewhere.
    invited_count = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    # The open link (shown as a QR code on the screen at the end of a gathering).
    open_token = models.CharField(_("open link key"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["network", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.open_token:
            self.open_token = secrets.token_urlsafe(16)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )


class SurveyExtension(BaseModel):
    """A later deadline, kept with the one it replaced (the seed's survey was extended twice)."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="extensions")
    previous_closes_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closes_at = models.DateTimeField(_("new deadline"), validators=[validate_date_range])
    reason = models.CharField(_("reason"), max_length=300, blank=True, validators=[refuse_national_id])
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["survey", "created_at"]


class Section(BaseModel):
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    intro = models.TextField(_("introduction"), blank=True, validators=[refuse_national_id])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(BaseModel):
    """One coded question. A matrix has statements (each with its own code, e.g. «E2.a») on one
    scale. `show_if_code`/`show_if_values`: shown only when that earlier answer is one of them."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Agreement on a scale")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        MATRIX = "matrix", _("Statements on one scale")

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("code"), max_length=20, help_text=_("Short and unique in the survey, e.g. O1."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    text = models.TextField(_("question"), validators=[refuse_national_id])
    help_text = models.CharField(_("help"), max_length=300, blank=True, validators=[refuse_national_id])
    required = models.BooleanField(_("required"), default=False)
    scale_min = models.PositiveSmallIntegerField(_("scale from"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("scale to"), default=6)
    low_label = models.CharField(_("label of the lowest"), max_length=60, blank=True)
    high_label = models.CharField(_("label of the highest"), max_length=60, blank=True)
    dont_know = models.BooleanField(_("offer «vet ikke»"), default=False)
    options = models.JSONField(_("options"), default=list, blank=True)  # ["Kommune", "Helseforetak", …]
    statements = models.JSONField(_("statements"), default=list, blank=True)  # [{"code": "E2.a", "text": …}]
    background = models.BooleanField(
        _("background question"), default=False, help_text=_("Results can be broken down by its answers.")
    )
    show_if_code = models.CharField(_("shown only if the answer to"), max_length=20, blank=True)
    show_if_values = models.JSONField(_("is one of"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "section_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(scale_min__lt=models.F("scale_max")), name="surveys_question_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def scale(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))

    @property
    def is_scaled(self) -> bool:
        return self.kind in (self.Kind.SCALE, self.Kind.MATRIX)

    def codes(self) -> list[str]:
        """The answer codes this question fills: its own, or one per statement of a matrix."""
        if self.kind == self.Kind.MATRIX:
            return [s["code"] for s in self.statements]
        return [self.code]


class PanelMember(BaseModel):
    """Someone invited to answer, drawn from registrations and attendance or added by hand, and
    approved by the project group. Knows only whether the person has answered."""

    class Source(models.TextChoices):
        REGISTRATION = "registration", _("Registered")
        ATTENDANCE = "attendance", _("Attended")
        MANUAL = "manual", _("Added by hand")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="survey_panels"
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    approved = models.BooleanField(_("approved"), default=False)
    token_hash = models.CharField(_("personal link"), max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders"), default=0)
    answered = models.BooleanField(_("has answered"), default=False)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel")
        ordering = ["survey", "user__full_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_panelmember_once")]

    def __str__(self) -> str:
        return f"{self.user} – {self.survey}"


class Response(models.Model):
    """One respondent's answers: {code: value}. A random id, no person, no link, no time (not even
    a day, which could be matched with the day a reminder went out): anonymous by construction.
    A draft keeps partial answers (the phone locked); submitting it makes it count, once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Started")
        SUBMITTED = "submitted", _("Submitted")

    class Channel(models.TextChoices):
        OPEN = "open", _("Open link")
        PERSONAL = "personal", _("Personal link")
        IMPORTED = "imported", _("Imported")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.OPEN)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # The key of a draft, kept in the respondent's browser (a cookie); never tied to a person.
    draft_key_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "status"], name="surveys_response_counted")]
        constraints = [
            models.UniqueConstraint(
                fields=["draft_key_hash"], condition=~Q(draft_key_hash=""), name="surveys_response_key_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.id}"


class Quote(BaseModel):
    """A free-text answer the project group picked for a report, trimmed; the original is kept."""

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="quotes")
    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="quotes")
    code = models.CharField(_("question"), max_length=20)
    text = models.TextField(_("quote"), validators=[refuse_national_id])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["survey", "code", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "code"], name="surveys_quote_once")]

    @property
    def original(self) -> str:
        return str(self.response.answers.get(self.code, ""))
