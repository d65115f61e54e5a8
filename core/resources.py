"""Import/export of organisations (municipalities, health trusts and their units, ...)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from core.models import Organisation


class OrganisationResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="navn")
    kind = fields.Field(attribute="kind", column_name="type")
    municipality_number = fields.Field(attribute="municipality_number", column_name="kommunenummer")
    org_number = fields.Field(attribute="org_number", column_name="organisasjonsnummer")
    county = fields.Field(attribute="county", column_name="fylke")
    parent = fields.Field(
        attribute="parent", column_name="del_av", widget=widgets.ForeignKeyWidget(Organisation, "name")
    )
    required_columns = ("navn", "type")

    class Meta:
        model = Organisation
        fields = ("name", "kind", "municipality_number", "org_number", "county", "parent")
        import_id_fields = ("name", "kind")
        skip_unchanged = True
        clean_model_instances = True

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Organisations are shared by every network: an import from one network adds new ones but
        # never rewrites an existing one (that is done in the back office).
        if original is not None and original.pk:
            return True
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_import_row(self, row, **kwargs):
        kind = (row.get("type") or "").strip()
        if kind and kind not in Organisation.Kind.values:
            raise ValidationError(
                {
                    "type": _("Unknown type «%(kind)s». Use one of: %(kinds)s.")
                    % {"kind": kind, "kinds": ", ".join(Organisation.Kind.values)}
                }
            )
        for key in ("kommunenummer", "organisasjonsnummer", "fylke"):
            if row.get(key) is None:
                row[key] = ""
        number = str(row.get("kommunenummer") or "").strip()
        if number.endswith(".0"):  # Excel turns 0301 into 301.0
            number = number[:-2]
        row["kommunenummer"] = number.zfill(4) if number else ""
