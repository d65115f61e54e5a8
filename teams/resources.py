"""Import/export of a network's teams and team members. The network comes from the URL."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.identity import refuse_national_id
from core.models import Organisation, User
from core.services import user_get_or_create
from networks.models import Network
from teams.models import Team, TeamMembership, TeamOrganisation
from teams.services import team_organisation_add


class NetworkScopedResource(resources.ModelResource):
    def __init__(self, *, network: Network, **kwargs):
        super().__init__(**kwargs)
        self.network = network


class TeamResource(NetworkScopedResource):
    name = fields.Field(attribute="name", column_name="navn")
    improvement_area = fields.Field(attribute="improvement_area", column_name="forbedringsomrade")
    status = fields.Field(attribute="status", column_name="status")
    organisations = fields.Field(column_name="organisasjoner", readonly=True)
    required_columns = ("navn",)

    class Meta:
        model = Team
        fields = ("name", "improvement_area", "status", "organisations")
        import_id_fields = ("name",)
        clean_model_instances = True

    def get_queryset(self):
        return Team.objects.filter(network=self.network)

    def init_instance(self, row=None):
        return Team(network=self.network)

    def dehydrate_organisations(self, team: Team) -> str:
        return "; ".join(to.organisation.name for to in team.team_organisations.all())

    def before_import_row(self, row, **kwargs):
        if not (row.get("status") or "").strip():
            row["status"] = Team.Status.ACTIVE
        if row.get("forbedringsomrade") is None:
            row["forbedringsomrade"] = ""
        names = [n.strip() for n in str(row.get("organisasjoner") or "").split(";") if n.strip()]
        found = {o.name: o for o in Organisation.objects.filter(name__in=names)}
        unknown = [n for n in names if n not in found]
        if unknown:
            raise ValidationError(
                {
                    "organisasjoner": _("Unknown organisations: %(names)s. Import them first.")
                    % {"names": ", ".join(unknown)}
                }
            )
        row["_organisations"] = [found[n] for n in names]

    def after_save_instance(self, instance, row, **kwargs):
        for organisation in row.get("_organisations", []):
            team_organisation_add(team=instance, organisation=organisation)


class TeamScopedForeignKeyWidget(widgets.ForeignKeyWidget):
    def __init__(self, network_getter, **kwargs):
        super().__init__(Team, "name", **kwargs)
        self.network_getter = network_getter

    def get_queryset(self, value, row, *args, **kwargs):
        return Team.objects.filter(network=self.network_getter())


class TeamMemberResource(NetworkScopedResource):
    team = fields.Field(attribute="team", column_name="team")
    email = fields.Field(attribute="user", column_name="epost", widget=widgets.ForeignKeyWidget(User, "email"))
    full_name = fields.Field(attribute="user__full_name", column_name="navn", readonly=True)
    role = fields.Field(attribute="role", column_name="rolle")
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisasjon",
        widget=widgets.ForeignKeyWidget(Organisation, "name"),
    )
    starts_on = fields.Field(attribute="starts_on", column_name="fra", widget=widgets.DateWidget())
    required_columns = ("team", "epost", "rolle")

    class Meta:
        model = TeamMembership
        fields = ("team", "email", "full_name", "role", "organisation", "starts_on")
        import_id_fields = ("team", "email", "role")
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["team"].widget = TeamScopedForeignKeyWidget(lambda: self.network)

    def get_queryset(self):
        return TeamMembership.objects.filter(team__network=self.network).select_related("team", "user")

    def before_import_row(self, row, **kwargs):
        email = str(row.get("epost") or "").strip().lower()
        role = str(row.get("rolle") or "").strip()
        errors = {}
        if role not in TeamMembership.Role.values:
            errors["rolle"] = _("Unknown role «%(role)s». Use one of: %(roles)s.") % {
                "role": role,
                "roles": ", ".join(TeamMembership.Role.values),
            }
        team_name = str(row.get("team") or "").strip()
        if not Team.objects.filter(network=self.network, name=team_name).exists():
            errors["team"] = _("No team named «%(name)s» in this network.") % {"name": team_name}
        try:
            User._meta.get_field("email").run_validators(email)
            if not email:
                raise ValidationError(_("An e-mail address is required."))
        except ValidationError as exc:
            errors["epost"] = exc.messages
        name = str(row.get("navn") or "").strip()
        try:
            refuse_national_id(name)
        except ValidationError as exc:
            errors["navn"] = exc.messages
        if errors:
            raise ValidationError(errors)
        row["epost"] = email
        row["rolle"] = role
        if row.get("organisasjon") is None:
            row["organisasjon"] = ""
        # The person is created through the service (a dry run rolls it back).
        user_get_or_create(email=email, full_name=name)


__all__ = ["TeamResource", "TeamMemberResource", "TeamOrganisation"]
