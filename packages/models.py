"""Preparation packages (forberedelsespakker): written by the project group for a gathering,
answered by each team together, followed by the project group, compiled for day 1."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.identity import refuse_national_id, refuse_national_id_in
from core.models import BaseModel, LoggedModel
from core.validators import validate_date_range


class Package(LoggedModel):
    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft")
        PUBLISHED = "publisert", _("Published")

    class Numbering(models.TextChoices):
        """How the workspace and the builder number the tasks: the library copies number them as
        their source does («1)», or not at all)."""

        TASK = "oppgave", _("«Task 1:», «Task 2:» …")
        PARENTHESIS = "parentes", _("«1)», «2)» …")
        NONE = "ingen", _("No numbers")

    gathering = models.ForeignKey(
        "gatherings.Gathering", verbose_name=_("gathering"), on_delete=models.CASCADE, related_name="packages"
    )
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    introduction = models.TextField(_("introduction"), blank=True, validators=[refuse_national_id])
    deadline = models.DateTimeField(_("deadline"), validators=[validate_date_range])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    share_after_deadline = models.BooleanField(
        _("share submitted answers with the other teams after the deadline"), default=False
    )
    min_interviews = models.PositiveSmallIntegerField(
        _("user interviews required"), default=0, help_text=_("At least this many user-interview entries.")
    )
    task_numbering = models.CharField(
        _("task numbering"), max_length=10, choices=Numbering.choices, default=Numbering.TASK
    )
    library_key = models.CharField(_("copied from"), max_length=50, blank=True, editable=False)
    last_reminder_at = models.DateTimeField(_("last reminder"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("preparation package")
        verbose_name_plural = _("preparation packages")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("packages:package-detail", kwargs={"slug": self.gathering.network.slug, "pk": self.pk})

    @property
    def network(self):
        return self.gathering.network

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() > self.deadline

    @property
    def shared_with_all_teams(self) -> bool:
        return self.share_after_deadline and self.deadline_passed


class Task(BaseModel):
    """An oppgave: a group of questions with its own explanation."""

    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300, validators=[refuse_national_id])
    description = models.TextField(_("description"), blank=True, validators=[refuse_national_id])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["package", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(BaseModel):
    class Kind(models.TextChoices):
        SHORT_TEXT = "kort_tekst", _("Short text")
        LONG_TEXT = "lang_tekst", _("Long text")
        SINGLE_CHOICE = "ett_valg", _("Single choice")
        MULTIPLE_CHOICE = "flere_valg", _("Multiple choice")
        NUMBER = "tall", pgettext_lazy("question type", "Number")
        DATE = "dato", _("Date")
        TABLE = "tabell", _("Table with rows")
        FILE = "fil", _("File upload")
        INTERVIEW = "intervju", _("User interview (no names)")

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.LONG_TEXT)
    text = models.TextField(_("question"), validators=[refuse_national_id])
    help_text = models.TextField(_("guidance"), blank=True, validators=[refuse_national_id])
    app_help = models.TextField(
        _("help from Læringsnett"),
        blank=True,
        editable=False,
        validators=[refuse_national_id],
        help_text=_(
            "What the app adds to a library text (a table, interview fields), shown apart from the source's words."
        ),
    )
    required = models.BooleanField(_("required"), default=False)
    choices = models.JSONField(_("choices"), default=list, blank=True, validators=[refuse_national_id_in])
    columns = models.JSONField(_("table columns"), default=list, blank=True, validators=[refuse_national_id_in])

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["task", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Response(LoggedModel):
    """One team's answer to one package."""

    class Status(models.TextChoices):
        NOT_STARTED = "ikke_startet", _("Not started")
        IN_PROGRESS = "pabegynt", _("In progress")
        SUBMITTED = "levert", _("Submitted")

    package = models.ForeignKey(Package, verbose_name=_("package"), on_delete=models.CASCADE, related_name="responses")
    team = models.ForeignKey(
        "teams.Team", verbose_name=_("team"), on_delete=models.CASCADE, related_name="package_responses"
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # The project group's last «Remind» for this team: shown in the matrix, and a second click
    # within REMIND_CLICK_WINDOW sends nothing.
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("team response")
        verbose_name_plural = _("team responses")
        ordering = ["package", "team__name"]
        constraints = [models.UniqueConstraint(fields=["package", "team"], name="packages_response_one_per_team")]

    def __str__(self) -> str:
        return f"{self.team} – {self.package}"

    @property
    def is_late(self) -> bool:
        return bool(self.submitted_at and self.submitted_at > self.package.deadline)


class Answer(BaseModel):
    """The current value of one question for one team. `version` grows with every save, so a
    save based on an older version is a conflict, never a silent overwrite."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(_("value"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="packages_answer_one_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response}: {self.question}"


class AnswerRevision(models.Model):
    """Every saved value, kept: who, when. An earlier one can be restored."""

    answer = models.ForeignKey(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    value = models.JSONField(_("value"), null=True, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["answer", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="packages_answerrevision_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.answer} v{self.version}"


def answer_file_upload_to(instance: AnswerFile, filename: str) -> str:
    return f"packages/{instance.answer.response_id}/{filename}"


class AnswerFile(BaseModel):
    answer = models.ForeignKey(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=answer_file_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        constraints = [models.CheckConstraint(condition=~Q(file=""), name="packages_answerfile_has_file")]
