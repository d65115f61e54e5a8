"""Organisations, regions, learning networks, their phases and gatherings, and network roles."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from learningnet.models import BaseModel, LoggedModel


class DatedQuerySet(models.QuerySet):
    """Rows with `starts_on`/`ends_on` (either may be empty): which are in force on a day."""

    def active_on(self, day: datetime.date | None = None) -> DatedQuerySet:
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=day)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class DatedModel(BaseModel):
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.starts_on is None or self.starts_on <= day) and (self.ends_on is None or self.ends_on >= day)


def dates_in_order(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
        name=f"{prefix}_ends_after_start",
    )


class Organisation(LoggedModel):
    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Municipality")
        CITY_DISTRICT = "bydel", _("City district")
        HEALTH_TRUST = "helseforetak", _("Health trust")
        HEALTH_TRUST_UNIT = "hf_enhet", _("Health-trust unit (e.g. DPS)")
        NAV = "nav", _("NAV")
        USER_ORGANISATION = "brukerorganisasjon", _("User organisation")
        COMPETENCE_CENTRE = "kompetansesenter", _("Competence centre")
        KS = "ks", _("KS")
        COUNTY_GOVERNOR = "statsforvalter", _("County governor")
        OTHER = "annet", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    municipality_number = models.CharField(
        _("municipality number"), max_length=4, blank=True, help_text=_("Four digits, municipalities only.")
    )
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        help_text=_("For a unit such as a DPS: the health trust it belongs to."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="networks_organisation_unique_name_kind"),
            models.UniqueConstraint(
                fields=["municipality_number"],
                condition=~Q(municipality_number=""),
                name="networks_organisation_unique_municipality_number",
            ),
            models.CheckConstraint(
                condition=Q(municipality_number="") | Q(kind__in=["kommune", "bydel"]),
                name="networks_organisation_number_only_for_municipalities",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Region(BaseModel):
    """A municipal region (kommuneregion), e.g. Fosen or Værnesregionen."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    municipalities = models.ManyToManyField(
        Organisation,
        through="RegionMembership",
        verbose_name=_("municipalities"),
        related_name="regions",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionMembership(DatedModel):
    """A municipality's membership of a region, dated for mergers and withdrawals."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="region_memberships",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("region membership")
        verbose_name_plural = _("region memberships")
        ordering = ["region", "municipality__name"]
        constraints = [dates_in_order("networks_regionmembership")]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.region}"


class Network(LoggedModel):
    """A learning network (læringsnettverk). May be one of several under a national programme."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subnetworks",
    )
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_networks"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_networks"
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")
        ordering = ["-starts_on", "name"]
        constraints = [dates_in_order("networks_network")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:network-detail", kwargs={"slug": self.slug})

    @property
    def gatherings(self) -> models.QuerySet[Gathering]:
        return Gathering.objects.filter(network=self)

    def current_phase(self, day: datetime.date | None = None) -> Phase | None:
        day = day or timezone.localdate()
        for phase in self.phases.all():
            if phase.starts_on <= day and (phase.ends_on is None or day <= phase.ends_on):
                return phase
        return None


class Phase(BaseModel):
    class Kind(models.TextChoices):
        PREPARATION = "forberedelse", _("Preparation")
        EXECUTION = "gjennomforing", _("Execution")
        CONTINUATION = "videreforing", _("Continuation")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True, help_text=_("Empty: open-ended."))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["network", "starts_on"]
        constraints = [
            dates_in_order("networks_phase"),
            models.UniqueConstraint(fields=["network", "kind"], name="networks_phase_one_per_kind"),
        ]

    def __str__(self) -> str:
        end = f"{self.ends_on:%d.%m.%Y}" if self.ends_on else "…"
        return f"{self.get_kind_display()} ({self.starts_on:%d.%m.%Y}–{end})"


class PeriodExtension(BaseModel):
    """The network's period was extended: the history is kept, not overwritten."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="extensions"
    )
    previous_end = models.DateField(_("previous end"))
    new_end = models.DateField(_("new end"))
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("period extension")
        verbose_name_plural = _("period extensions")
        ordering = ["network", "decided_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=models.F("previous_end")),
                name="networks_periodextension_extends",
            )
        ]

    def __str__(self) -> str:
        return f"{self.previous_end} → {self.new_end}"


class Mode(models.TextChoices):
    PHYSICAL = "fysisk", _("In person")
    DIGITAL = "digital", _("Digital")
    HYBRID = "hybrid", _("Hybrid")


class Activity(LoggedModel):
    """Any activity in the network's plan (fremdriftsplan): meetings, webinars, supervision,
    gatherings. A gathering is an Activity with a program (multi-table inheritance), so the plan,
    registration, attendance and calendars treat all activities alike."""

    class Kind(models.TextChoices):
        # Arena types of seed 001, Tabell 1, in its order.
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
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
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
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    meeting_link = models.URLField(_("meeting link"), blank=True)
    target_groups = models.CharField(
        _("target groups"), max_length=200, blank=True, help_text=_("Who it is for, e.g. «All» or «Coordinators».")
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
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(_("notes"), blank=True)
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
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    registration_questions = models.JSONField(
        _("questions at registration"),
        default=list,
        blank=True,
        help_text=_("What the project group asks of each participant, e.g. dietary needs."),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    class Meta:
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
        return reverse("networks:activity-detail", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def day_count(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def is_gathering(self) -> bool:
        return self.kind == self.Kind.NETWORK_GATHERING and hasattr(self, "gathering")


class Gathering(Activity):
    """A network gathering (samling), usually two days, with a program of sessions."""

    number = models.PositiveSmallIntegerField(_("number"))
    program_published_at = models.DateTimeField(_("program published"), null=True, blank=True)
    program_changed_pending = models.BooleanField(_("changes not yet announced"), default=False, editable=False)

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        ordering = ["starts_on", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_program_url(self) -> str:
        return reverse("networks:program", kwargs={"slug": self.network.slug, "pk": self.pk})

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
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    room = models.CharField(_("room or track"), max_length=100, blank=True, help_text=_("Empty for the plenary room."))
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
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
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
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
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
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["activity", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "user"], name="networks_registration_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.activity}"


class NetworkRole(DatedModel):
    """A person's role in a network, with dates (members of the working group change)."""

    class Role(models.TextChoices):
        PROJECT_GROUP = "prosjektgruppe", _("Project group member")
        PROCESS_SUPERVISOR = "prosessveileder", _("Process supervisor")
        PROFESSIONAL_ADVISER = "faglig_radgiver", _("Professional adviser")
        WORKING_GROUP = "arbeidsgruppe", _("Working group member")
        WORKING_COMMITTEE = "arbeidsutvalg", _("Working committee member")
        OBSERVER = "observator", _("Observer / regional coordinator")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="network_roles",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("representing"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_roles",
    )
    monthly_report = models.BooleanField(
        _("receive the monthly status report"), default=True, help_text=_("Observers get it by e-mail.")
    )

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        ordering = ["network", "role", "user__full_name"]
        constraints = [
            dates_in_order("networks_networkrole"),
            models.UniqueConstraint(
                fields=["network", "user", "role", "starts_on"], name="networks_networkrole_no_duplicates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
