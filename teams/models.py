"""Improvement teams (forbedringsteam), the organisations they span, and team memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learningnet.models import LoggedModel
from networks.models import DatedModel, Network, Organisation, Region, dates_in_order


class Team(LoggedModel):
    """A team belongs to one network and may span several municipalities, regions and organisations."""

    class Status(models.TextChoices):
        FORMING = "etableres", _("Being formed")
        ACTIVE = "aktiv", _("Active")
        CONTINUING = "viderefores", _("Continuing after the network")
        WITHDRAWN = "trukket", _("Withdrawn")
        ENDED = "avsluttet", _("Ended")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="teams")
    organisations = models.ManyToManyField(
        Organisation,
        through="TeamOrganisation",
        verbose_name=_("organisations"),
        related_name="teams",
    )
    improvement_area = models.TextField(_("improvement area"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("improvement team")
        verbose_name_plural = _("improvement teams")
        ordering = ["network", "name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="teams_team_unique_name_in_network")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teams:team-detail", kwargs={"slug": self.network.slug, "pk": self.pk})


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
