from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from networks.models import NetworkRole
from teams.models import Team, TeamMembership


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=200, validators=[refuse_national_id])
    network_role = forms.ChoiceField(
        label=_("Role in the network"), required=False, choices=[("", "—"), *NetworkRole.Role.choices]
    )
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=Team.objects.none())
    team_role = forms.ChoiceField(
        label=_("Role in the team"), required=False, choices=[("", "—"), *TeamMembership.Role.choices]
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = network.teams.all()

    def clean(self):
        data = super().clean()
        if not data.get("network_role") and not (data.get("team") and data.get("team_role")):
            raise forms.ValidationError(_("Choose a role in the network, or a team and a role in that team."))
        if bool(data.get("team")) != bool(data.get("team_role")):
            raise forms.ValidationError(_("Choose both a team and a role in that team."))
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8, comma or semicolon) or Excel (.xlsx), at most 2 MB.")
    )
