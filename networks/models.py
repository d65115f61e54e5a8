"""Learning networks, their phases and period extensions, network roles and invitations."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.models import BaseModel, DatedModel, LoggedModel, Organisation, dates_in_order
from core.text import NORWEGIAN_COLLATION
from core.validators import validate_date_range


class Network(LoggedModel):
    """A learning network (læringsnettverk). May be one of several under a national programme."""

    name = models.CharField(
        _("name"), max_length=200, validators=[refuse_national_id], db_collation=NORWEGIAN_COLLATION
    )
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
    description = models.TextField(_("description"), blank=True, validators=[refuse_national_id])
    starts_on = models.DateField(_("starts"), validators=[validate_date_range])
    ends_on = models.DateField(_("ends"), validators=[validate_date_range])

    class Meta:
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")
        ordering = ["-starts_on", "name"]
        constraints = [dates_in_order("networks_network")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:network-detail", kwargs={"slug": self.slug})

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
    starts_on = models.DateField(_("starts"), validators=[validate_date_range])
    ends_on = models.DateField(
        _("ends"), null=True, blank=True, help_text=_("Empty: open-ended."), validators=[validate_date_range]
    )

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
    previous_end = models.DateField(_("previous end"), validators=[validate_date_range])
    new_end = models.DateField(_("new end"), validators=[validate_date_range])
    # Named for a decision, but the date a source gives may be another step: in the Trøndelag demo it is
    # the day the adjusted plan was presented to the owner (KS). Say which in the reason.
    decided_on = models.DateField(
        _("dated"),
        validators=[validate_date_range],
        help_text=_(
            "The day the extension is dated by: when it was decided, or when the adjusted plan was "
            "presented to the owner. Say which in the reason."
        ),
    )
    reason = models.TextField(_("reason"), blank=True, validators=[refuse_national_id])
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True, validators=[refuse_national_id])

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


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(LoggedModel):
    """A one-time link that lets an invited person set a password. Only the token's hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited person"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        # The table predates the move of invitations into networks; rows stay where they are.
        db_table = "learningnet_invitation"
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.created_at:%Y-%m-%d})"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @classmethod
    def find(cls, token: str) -> Invitation | None:
        return cls.objects.select_related("user").filter(token_hash=_hash_token(token)).first()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
