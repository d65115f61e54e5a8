"""Report jobs and their archive: one model for every kind of report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.models import BaseModel, LoggedModel


def report_upload_to(instance: ReportRun, filename: str) -> str:
    return f"reports/{instance.network_id}/{filename}"


# The first word of a report's file name, in Norwegian whatever the page's language.
FILE_WORDS = {
    "network": "statusrapport",
    "team": "statusrapport",
    "package": "notater",
    "evaluation": "evalueringsrapport",
    "final": "sluttrapport",
}


class ReportRun(LoggedModel):
    """One requested report: who asked, for what, in which language; its snapshot; its file.

    PENDING → RUNNING → DONE | FAILED. The task only renders the snapshot taken when the run was
    requested, so a regenerated report is the same document."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Status report for the network")
        TEAM = "team", _("Status report for an improvement team")
        PACKAGE = "package", _("Notes from the networks (package compilation)")
        EVALUATION = "evaluation", _("Evaluation report for a gathering")
        FINAL = "final", _("Final report for the network")

    class Status(models.TextChoices):
        PENDING = "pending", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="report_runs"
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    package = models.ForeignKey(
        "packages.Package",
        verbose_name=_("package"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    # The evaluation survey of a gathering (kind evaluation).
    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_runs",
    )
    locale = models.CharField(_("language"), max_length=8, default="nb")
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Written every few seconds by the worker that renders the run (REPORTS_HEARTBEAT_SECONDS).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("file expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "started_at"], name="reports_run_status_started")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="team") | models.Q(team__isnull=False), name="reports_reportrun_team_has_team"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="package") | models.Q(package__isnull=False),
                name="reports_reportrun_package_has_package",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="evaluation") | models.Q(survey__isnull=False),
                name="reports_reportrun_evaluation_has_survey",
            ),
        ]

    @property
    def is_stalled(self) -> bool:
        """RUNNING without a heartbeat for REPORTS_STUCK_AFTER: its worker is gone, and "Try again"
        takes the run over."""
        from django.conf import settings
        from django.utils import timezone

        if self.status != self.Status.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is None or (timezone.now() - last).total_seconds() > settings.REPORTS_STUCK_AFTER

    @property
    def waiting_for_broker(self) -> bool:
        """Its render message is still in the outbox: the broker was down when it was asked for."""
        from core.models import OutboxMessage

        return OutboxMessage.objects.filter(
            task="reports.tasks.report_run_render_task", args=[self.pk], status=OutboxMessage.Status.PENDING
        ).exists()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("reports:run-detail", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def locale_name(self) -> str:
        """The report's language by name («Norsk bokmål»), in the language the page is shown in."""
        return str(dict(settings.LANGUAGES).get(self.locale, self.locale))

    @property
    def filename(self) -> str:
        """A Norwegian download name a person recognises in their Downloads folder:
        «statusrapport-fosen-2026-11-29.pdf» (the run's number only to tell two of one day apart)."""
        from django.utils.text import slugify

        if self.kind == self.Kind.EVALUATION:
            subject = ((self.snapshot or {}).get("gathering") or {}).get("title") or self.network.slug
        elif self.team_id or self.package_id:
            subject = self.team.name if self.team_id else self.package.title
        else:
            subject = self.network.slug
        word = FILE_WORDS.get(self.kind, self.kind)
        return f"{word}-{slugify(subject)}-{self.created_at:%Y-%m-%d}-{self.pk}.pdf"


class FinalReportText(BaseModel):
    """One narrative part of a network's final report (Sluttrapport), written by the project group
    in the browser: the foreword, the summary, the workshop section and the recommendations.
    Everything else in the final report is written by the data. Saved the way answers are: a
    version checked on every save (two people writing at once are told, not overwritten) and a
    revision row for every saved text."""

    class Key(models.TextChoices):
        FOREWORD = "foreword", _("Foreword")
        SUMMARY = "summary", _("Summary")
        WORKSHOP = "workshop", _("Workshop")
        RECOMMENDATIONS = "recommendations", _("Recommendations for the further work")

    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="final_report_texts"
    )
    key = models.CharField(_("part"), max_length=20, choices=Key.choices)
    text = models.TextField(_("text"), blank=True, validators=[refuse_national_id])
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("final report text")
        verbose_name_plural = _("final report texts")
        constraints = [models.UniqueConstraint(fields=["network", "key"], name="reports_finalreporttext_unique_key")]

    def __str__(self) -> str:
        return f"{self.network} – {self.get_key_display()}"


class FinalReportTextRevision(models.Model):
    """Every saved text of a final-report part, kept: who, when. An earlier one can be restored."""

    part = models.ForeignKey(
        FinalReportText, verbose_name=_("part"), on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["part", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["part", "version"], name="reports_finalreporttextrevision_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.part} v{self.version}"
