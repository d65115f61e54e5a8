"""Improvement teams (forbedringsteam), the organisations they span, team memberships, and the
follow-up between gatherings: supervision offered and used, and the team's own meetings."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.models import BaseModel, DatedModel, LoggedModel, Organisation, Region, dates_in_order
from core.text import NORWEGIAN_COLLATION
from core.validators import validate_date_range
from networks.models import Network


class Team(LoggedModel):
    """A team belongs to one network and may span several municipalities, regions and organisations."""

    class Status(models.TextChoices):
        FORMING = "etableres", _("Being formed")
        ACTIVE = "aktiv", _("Active")
        CONTINUING = "viderefores", _("Continuing after the network")
        WITHDRAWN = "trukket", _("Withdrawn")
        ENDED = "avsluttet", _("Ended")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(
        _("name"), max_length=200, validators=[refuse_national_id], db_collation=NORWEGIAN_COLLATION
    )
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="teams")
    organisations = models.ManyToManyField(
        Organisation,
        through="TeamOrganisation",
        verbose_name=_("organisations"),
        related_name="teams",
    )
    improvement_area = models.TextField(_("improvement area"), blank=True, validators=[refuse_national_id])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("improvement team")
        verbose_name_plural = _("improvement teams")
        ordering = ["network", "name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="teams_team_unique_name_in_network")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:team-detail", kwargs={"slug": self.network.slug, "pk": self.pk})


class TeamOrganisation(DatedModel):
    """An organisation taking part in a team, with dates (Snåsa left Inn-Trøndelag on 1.1.2021)."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="team_organisations")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="team_organisations",
    )

    class Meta:
        verbose_name = _("team organisation")
        verbose_name_plural = _("team organisations")
        ordering = ["team", "organisation__name"]
        constraints = [
            dates_in_order("teams_teamorganisation"),
            models.UniqueConstraint(
                fields=["team", "organisation", "starts_on"], name="teams_teamorganisation_no_duplicates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.team}"


class TeamMembership(DatedModel):
    """A person's role in a team, with dates. A person may hold several roles."""

    class Role(models.TextChoices):
        LEADER = "leder", _("Leader")
        COORDINATOR = "koordinator", _("Coordinator")
        USER_REPRESENTATIVE = "brukerrepresentant", _("User representative")
        PEER_WORKER = "erfaringskonsulent", _("Peer worker")
        STAFF = "ansatt", _("Staff")
        HEALTH_TRUST = "helseforetak", _("Health trust / DPS")
        NAV = "nav", _("NAV")
        GP = "fastlege", _("GP")
        NEXT_OF_KIN = "parorende", _("Next-of-kin representative")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("representing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_memberships",
    )

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["team", "role", "user__full_name"]
        constraints = [
            dates_in_order("teams_teammembership"),
            models.UniqueConstraint(
                fields=["team", "user", "role", "starts_on"], name="teams_teammembership_no_duplicates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.team})"


# --- Follow-up between gatherings -----------------------------------------------------------------
MAX_SESSIONS_OFFERED = 20  # one row per session is made up front; this keeps a typo from making thousands


class SupervisionOffer(LoggedModel):
    """The project group offers a team supervision, e.g. 2 sessions of 2 hours.

    One `SupervisionSession` row is made per offered session when the offer is made, so "used"
    can never exceed "offered": recording a session marks one of those rows as used.
    """

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="supervision_offers")
    sessions_offered = models.PositiveSmallIntegerField(
        _("sessions offered"), validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSIONS_OFFERED)]
    )
    hours_per_session = models.DecimalField(_("hours per session"), max_digits=4, decimal_places=1)
    note = models.TextField(_("note"), blank=True, validators=[refuse_national_id])
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervision_offers_made",
    )

    class Meta:
        verbose_name = _("supervision offer")
        verbose_name_plural = _("supervision offers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_offered__gte=1),
                name="teams_supervisionoffer_sessions_at_least_one",
                violation_error_message=_("Offer at least one session."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_session__gt=0),
                name="teams_supervisionoffer_hours_positive",
                violation_error_message=_("Hours must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team}: {self.sessions_offered} × {self.hours_per_session} h"


class SupervisionSession(BaseModel):
    """One offered session; `held_on` is set when the team has used it."""

    offer = models.ForeignKey(
        SupervisionOffer, verbose_name=_("supervision offer"), on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("held on"), null=True, blank=True, validators=[validate_date_range])
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    used = models.BooleanField(_("used"), default=False)
    note = models.TextField(_("note"), blank=True, validators=[refuse_national_id])

    class Meta:
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="teams_supervisionsession_hours_positive",
                violation_error_message=_("Hours must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(used=False) | Q(held_on__isnull=False),
                name="teams_supervisionsession_used_has_date",
                violation_error_message=_("A used session needs the date it was held."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer.team}: {self.held_on or '–'} ({self.hours} h)"


class TeamMeeting(LoggedModel):
    """A meeting in the team, logged with minutes so the whole team sees them, not only the coordinator."""

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"), validators=[validate_date_range])
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    minutes = models.TextField(_("minutes"), blank=True, validators=[refuse_national_id])
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True, validators=[validate_date_range])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="team_meetings_logged",
    )

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_meeting_on__isnull=True) | Q(next_meeting_on__gte=models.F("held_on")),
                name="teams_teammeeting_next_meeting_not_before",
                violation_error_message=_("The next meeting cannot be before this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%d.%m.%Y} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "teams:meeting-detail",
            kwargs={"slug": self.team.network.slug, "pk": self.team_id, "meeting_pk": self.pk},
        )

    @property
    def open_tasks(self) -> list[MeetingTask]:
        """Tasks not done yet; uses the prefetched `tasks` when the selector loaded them."""
        return [task for task in self.tasks.all() if not task.done]

    def clean(self) -> None:
        if self.held_on and self.next_meeting_on and self.next_meeting_on < self.held_on:
            raise ValidationError({"next_meeting_on": _("The next meeting cannot be before this meeting.")})


class MeetingTask(BaseModel):
    """A task agreed in a meeting, to be done by the next one."""

    meeting = models.ForeignKey(TeamMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="tasks")
    description = models.CharField(_("task"), max_length=500, validators=[refuse_national_id])
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_tasks",
    )
    responsible_note = models.CharField(
        _("responsible (others)"),
        max_length=200,
        blank=True,
        help_text=_("Someone without a login, e.g. «the NAV contact»."),
        validators=[refuse_national_id],
    )
    due_on = models.DateField(_("due"), null=True, blank=True, validators=[validate_date_range])
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("meeting task")
        verbose_name_plural = _("meeting tasks")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description
