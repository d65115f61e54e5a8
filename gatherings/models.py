"""The activity plan: activities of every arena type, gatherings with their programs (sessions,
speakers, materials) and registrations."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.identity import refuse_national_id, refuse_national_id_in
from core.models import BaseModel, LoggedModel, Organisation, dates_in_order
from core.validators import validate_date_range
from networks.models import Network


class Mode(models.TextChoices):
    PHYSICAL = "fysisk", _("In person")
    DIGITAL = "digital", _("Digital")
    HYBRID = "hybrid", _("Hybrid")


class Activity(LoggedModel):
    """Any activity in the network's plan (fremdriftsplan): meetings, webinars, supervision,
    gatherings. A gathering is an Activity with a program (multi-table inheritance), so the plan,
    registration, attendance and calendars treat all activities alike."""

    class Kind(models.TextChoices):
        # Arena types of Tabell 1, in its order, in the final report of the Trøndelag learning network
        # 2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and KS).
        INFO_MEETING = "informasjonsmote", _("Information meeting")
        WORKING_GROUP_MEETING = "arbeidsgruppemote", _("Working group meeting")
        WORKING_COMMITTEE_MEETING = "arbeidsutvalgsmote", _("Working committee meeting")
        COORDINATOR_GATHERING = "koordinatorsamling", _("Coordinator and user-representative gathering")
        TEAM_GATHERING = "forbedringsteamsamling", _("Joint improvement-team gathering")
        NETWORK_GATHERING = "nettverkssamling", _("Network gathering")
        WEBINAR = "webinar", _("Webinar")
        TEAM_SUPERVISION = "veiledning_team", _("Supervision of the improvement teams")
        USER_REP_SUPERVISION = "veiledning_brukerrep", _("Supervision of the user representatives")
        TEAM_MEETING = "teammote", _("Meeting in an improvement team")

    # The arena types as Tabell 1 names them where the report counts them (plural, its own spelling):
    # the labels of the count tables; Kind's labels name one activity.
    COUNT_LABELS = {
        Kind.INFO_MEETING: pgettext_lazy("Tabell 1", "Information meeting"),
        Kind.WORKING_GROUP_MEETING: pgettext_lazy("Tabell 1", "Working group meetings"),
        Kind.WORKING_COMMITTEE_MEETING: pgettext_lazy("Tabell 1", "Working committee meetings"),
        Kind.COORDINATOR_GATHERING: pgettext_lazy("Tabell 1", "Coordinator and user-representative gatherings"),
        Kind.TEAM_GATHERING: pgettext_lazy("Tabell 1", "Joint improvement-team gatherings"),
        Kind.NETWORK_GATHERING: pgettext_lazy("Tabell 1", "Joint network gatherings"),
        Kind.WEBINAR: pgettext_lazy("Tabell 1", "Webinars"),
        Kind.TEAM_SUPERVISION: pgettext_lazy("Tabell 1", "Supervision in the improvement teams"),
        Kind.USER_REP_SUPERVISION: pgettext_lazy("Tabell 1", "Supervision of the user representatives"),
        Kind.TEAM_MEETING: pgettext_lazy("Tabell 1", "Meetings in the improvement teams"),
    }

    class Status(models.TextChoices):
        PLANNED = "planlagt", _("Planned")
        CONFIRMED = "bekreftet", _("Confirmed")
        DONE = "gjennomfort", _("Done")
        POSTPONED = "utsatt", _("Postponed")
        CANCELLED = "avlyst", _("Cancelled")

    class Precision(models.TextChoices):
        DAY = "day", _("Exact dates")
        MONTH = "month", _("Month only")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("arena type"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    description = models.TextField(_("description"), blank=True, validators=[refuse_national_id])
    starts_on = models.DateField(_("first day"), validators=[validate_date_range])
    ends_on = models.DateField(_("last day"), validators=[validate_date_range])
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True, help_text=_("On the last day."))
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Month only when just the month is known (as in older plans)."),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.PHYSICAL)
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[refuse_national_id])
    meeting_link = models.URLField(_("meeting link"), blank=True)
    target_groups = models.CharField(
        _("target groups"),
        max_length=200,
        blank=True,
        help_text=_("Who it is for, e.g. «All» or «Coordinators»."),
        validators=[refuse_national_id],
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        blank=True,
        related_name="responsible_for_activities",
    )
    responsible_note = models.CharField(
        _("responsible (others)"),
        max_length=200,
        blank=True,
        help_text=_("People or organisations outside the system."),
        validators=[refuse_national_id],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(_("notes"), blank=True, validators=[refuse_national_id])
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("only for team"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_activities",
        help_text=_("For supervision of one team or the team's own meetings."),
    )
    invited_teams = models.ManyToManyField(
        "teams.Team", verbose_name=_("invited teams"), blank=True, related_name="invited_to_activities"
    )
    invited_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited people"),
        blank=True,
        related_name="invited_to_activities",
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    registration_deadline = models.DateField(
        _("registration deadline"), null=True, blank=True, validators=[validate_date_range]
    )
    registration_questions = models.JSONField(
        _("questions at registration"),
        default=list,
        blank=True,
        help_text=_("What the project group asks of each participant, e.g. dietary needs."),
        validators=[refuse_national_id_in],
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_activity"
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_on", "start_time", "title"]
        constraints = [
            dates_in_order("networks_activity"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on"))
                | Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="networks_activity_ends_after_start_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("gatherings:activity-detail", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def day_count(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def is_gathering(self) -> bool:
        return self.kind == self.Kind.NETWORK_GATHERING and hasattr(self, "gathering")

    def accepts_registrations(self, day: datetime.date | None = None) -> bool:
        """Registration is open and its deadline (if any) has not passed."""
        day = day or timezone.localdate()
        return self.registration_open and (self.registration_deadline is None or self.registration_deadline >= day)


class Gathering(Activity):
    """A network gathering (samling), usually two days, with a program of sessions."""

    number = models.PositiveSmallIntegerField(_("number"))
    program_published_at = models.DateTimeField(_("program published"), null=True, blank=True)
    # Raised by every write to the program (gatherings.services); keys its cached rendering.
    program_version = models.PositiveIntegerField(default=0, editable=False)
    program_changed_pending = models.BooleanField(_("changes not yet announced"), default=False, editable=False)

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_gathering"
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["starts_on", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        super().clean()
        # The number is on this table and the network on the activity's, so no database constraint can
        # hold the two together: the rule lives here (activity_save locks the network while it checks).
        taken = Gathering.objects.filter(network_id=self.network_id, number=self.number).exclude(pk=self.pk)
        if self.network_id and self.number is not None and taken.exists():
            raise ValidationError(
                {"number": _("This network already has a gathering number %(n)s.") % {"n": self.number}}
            )

    def get_program_url(self) -> str:
        return reverse("gatherings:program", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def days(self) -> list[datetime.date]:
        return [self.starts_on + datetime.timedelta(days=i) for i in range(self.day_count)]

    @property
    def is_published(self) -> bool:
        return self.program_published_at is not None


class ProgramSession(BaseModel):
    """One item of a gathering's program: a talk, parallel sessions in rooms, team work, a break…"""

    class Kind(models.TextChoices):
        PLENARY = "plenum", _("Plenary talk")
        PARALLEL = "parallell", _("Parallel session")
        TEAM_WORK = "teamarbeid", _("Team work")
        TEAM_PRESENTATION = "presentasjon", _("Team presentation")
        BREAK = "pause", _("Break")
        MEAL = "maltid", _("Meal")
        CULTURE = "kultur", _("Culture")

    class Theme(models.TextChoices):
        USER_INVOLVEMENT = "brukermedvirkning", _("User involvement")
        COLLABORATION = "samhandling", _("Collaboration")
        SERVICE_DEVELOPMENT = "tjenesteutvikling", _("Professional and service development")

    gathering = models.ForeignKey(
        Gathering, verbose_name=_("gathering"), on_delete=models.CASCADE, related_name="sessions"
    )
    day = models.DateField(_("day"), validators=[validate_date_range])
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    description = models.TextField(_("description"), blank=True, validators=[refuse_national_id])
    room = models.CharField(
        _("room or track"),
        max_length=100,
        blank=True,
        help_text=_("Empty for the plenary room."),
        validators=[refuse_national_id],
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("presenting team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="program_sessions",
    )
    changed_after_publishing = models.BooleanField(_("changed after publishing"), default=False)

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_programsession"
        verbose_name = _("program session")
        verbose_name_plural = _("program sessions")
        ordering = ["day", "start_time", "room", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="networks_programsession_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.start_time:%H:%M} {self.title}"

    @property
    def minutes(self) -> int:
        start = datetime.datetime.combine(self.day, self.start_time)
        return int((datetime.datetime.combine(self.day, self.end_time) - start).total_seconds() // 60)


class SessionSpeaker(BaseModel):
    """A speaker: a person in the system, or an external one with an organisation."""

    session = models.ForeignKey(
        ProgramSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="speaking_at",
    )
    name = models.CharField(_("name"), max_length=200, blank=True, validators=[refuse_national_id])
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, validators=[refuse_national_id])

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_sessionspeaker"
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="networks_sessionspeaker_user_or_name"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() if self.user_id else self.name

    @property
    def key(self) -> str:
        """Identity for "one speaker in two places at once": the user, else the name."""
        return f"user:{self.user_id}" if self.user_id else f"name:{self.name.strip().casefold()}"


def material_upload_to(instance: SessionMaterial, filename: str) -> str:
    return f"program/{instance.session.gathering_id}/{filename}"


class SessionMaterial(BaseModel):
    session = models.ForeignKey(
        ProgramSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200, validators=[refuse_national_id])
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_sessionmaterial"
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="networks_sessionmaterial_file_or_url")
        ]

    def __str__(self) -> str:
        return self.title


class Registration(BaseModel):
    """A person's registration (påmelding) for an activity, and later their attendance."""

    class Status(models.TextChoices):
        REGISTERED = "pameldt", pgettext_lazy("registration status", "Registered")
        CANCELLED = "avmeldt", pgettext_lazy("registration status", "Cancelled")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    answers = models.JSONField(_("answers"), default=dict, blank=True, validators=[refuse_national_id_in])
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        # The table predates the gatherings app (it was part of networks); rows stay where they are.
        db_table = "networks_registration"
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["activity", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="networks_registration_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.activity}"
