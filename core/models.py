"""The shared core every app builds on: the custom User, BaseModel/LoggedModel, the audit log, dated
rows, and the reference data every network shares (organisations and regions)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.text import NORWEGIAN_COLLATION

SECRET_KEYS = {"password", "token", "secret"}


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LoggedModel(BaseModel):
    """A model whose changes are written to the audit log with `log_action`."""

    class Meta:
        abstract = True

    def log_action(self, action: str, *, user: User | None = None, data: dict | None = None) -> AuditLogEntry:
        clean = {k: v for k, v in (data or {}).items() if k not in SECRET_KEYS}
        return AuditLogEntry.objects.create(
            action=action,
            user=user if user is not None and user.is_authenticated else None,
            content_type=ContentType.objects.get_for_model(type(self)),
            object_id=self.pk,
            data=clean,
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with e-mail. Roles live on networks and teams, with dates."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[refuse_national_id], db_collation=NORWEGIAN_COLLATION
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False, help_text=_("May log in to the back office (admin)."))
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    preferred_language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nb")
    # Secret for the person's calendar feeds (calendar apps cannot log in). Made on first use,
    # and replaced when the person asks for a new link.
    calendar_token = models.CharField(_("calendar key"), max_length=64, blank=True, editable=False)
    # When the person's details last changed: cached pages that show names are stamped with it
    # (core.fragments). Logging in (last_login alone) does not change it.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_token"],
                condition=~models.Q(calendar_token=""),
                name="learningnet_user_unique_calendar_token",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        # One spelling per person (the back office saves what is typed): logins, lockouts and
        # imports all look people up by the trimmed, lower-case address.
        self.email = (self.email or "").strip().lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AuditLogEntry(models.Model):
    """Who did what to which object, and when. Written by services, never by views."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="learningnet_audit_object")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


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

    name = models.CharField(
        _("name"), max_length=200, validators=[refuse_national_id], db_collation=NORWEGIAN_COLLATION
    )
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
    county = models.CharField(_("county"), max_length=100, blank=True, validators=[refuse_national_id])

    class Meta:
        # The table predates the move of reference data into core; rows stay where they are.
        db_table = "networks_organisation"
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

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[refuse_national_id], db_collation=NORWEGIAN_COLLATION
    )
    municipalities = models.ManyToManyField(
        Organisation,
        through="RegionMembership",
        verbose_name=_("municipalities"),
        related_name="regions",
    )

    class Meta:
        # The table predates the move of reference data into core; rows stay where they are.
        db_table = "networks_region"
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
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[refuse_national_id])

    class Meta:
        # The table predates the move of reference data into core; rows stay where they are.
        db_table = "networks_regionmembership"
        verbose_name = _("region membership")
        verbose_name_plural = _("region memberships")
        ordering = ["region", "municipality__name"]
        constraints = [dates_in_order("networks_regionmembership")]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.region}"


class OutboxMessage(BaseModel):
    """A background task to hand to the broker, written in the same transaction as the rows it is
    about, so a broker that is down at commit loses nothing: the row waits for the sweeper
    (core/outbox.py). The task marks it done, so a message published twice runs once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the broker")
        SENT = "sent", _("handed to the broker")
        DONE = "done", _("done")

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    publish_attempts = models.PositiveIntegerField(_("publish attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("handed to the broker"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="learningnet_outbox_due")]

    def __str__(self) -> str:
        return f"{self.task}{self.args} ({self.status})"
