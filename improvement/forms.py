"""Forms of the improvement pages. They parse and check input; the views call the services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import DateField, validate_date_range
from core.widgets import DateInput
from improvement.models import Action, Actor, ActorMap, Goal, ImprovementArea, Measure, PDSACycle

NUMBER_ERRORS = {"invalid": _("Enter a number, e.g. 12 or 12,5.")}


def number_field(label, **kwargs) -> forms.DecimalField:
    """A number as people type it: decimal comma or point (the active language decides)."""
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=16,
        decimal_places=4,
        localize=True,
        error_messages=NUMBER_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


class AreaForm(forms.ModelForm):
    class Meta:
        model = ImprovementArea
        fields = ["kind", "title", "background"]
        widgets = {"background": forms.Textarea(attrs={"rows": 4})}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["what", "how_much", "by_when", "measures"]
        field_classes = {"by_when": DateField}
        widgets = {"what": forms.Textarea(attrs={"rows": 3}), "measures": forms.CheckboxSelectMultiple()}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = Measure.objects.filter(team=team)


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "goal", "description", "responsible", "due", "status"]
        field_classes = {"due": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(area=area)


class PhaseDatesField(forms.CharField):
    """Dates written as dd.mm.åååå (or ISO), one per line or separated by commas."""

    def to_python(self, value):
        text = super().to_python(value)
        dates = []
        for part in text.replace(",", "\n").split():
            for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%m.%Y"):
                try:
                    dates.append(datetime.datetime.strptime(part, fmt).date().isoformat())
                    break
                except ValueError:
                    continue
            else:
                raise forms.ValidationError(_("«%(part)s» is not a date (write e.g. 01.03.2021).") % {"part": part})
        for day in dates:
            validate_date_range(datetime.date.fromisoformat(day))
        return dates

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(datetime.date.fromisoformat(d).strftime("%d.%m.%Y") for d in value)
        return value


class MeasureForm(forms.ModelForm):
    target = number_field(_("Target"), help_text=_("Optional."))
    phase_starts = PhaseDatesField(
        label=_("New phases from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "After a sustained signal that matches a change you made, start a new phase: its median is "
            "computed from its own points. One date per line, e.g. 01.03.2021."
        ),
    )

    class Meta:
        model = Measure
        fields = [
            "title",
            "area",
            "definition",
            "source",
            "kind",
            "unit",
            "direction",
            "target",
            "frequency",
            "rule_set",
            "baseline_points",
            "phase_starts",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = ImprovementArea.objects.filter(team=team)


class MonthInput(forms.DateInput):
    """The browser's month picker (åååå-mm); where a browser has none, the same text is typed."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "2021-03", **(attrs or {})}, format="%Y-%m")


class PeriodField(DateField):
    """A month as åååå-mm or mm.åååå, or a day (for weekly measures) as åååå-mm-dd or dd.mm.åååå."""

    input_formats = ["%Y-%m", "%m.%Y", "%Y-%m-%d", "%d.%m.%Y"]
    default_error_messages = {"invalid": _("Enter the month as åååå-mm (e.g. 2021-03), or a date.")}


class ValueForm(forms.Form):
    """One period's value: a month, or for a weekly measure any day of the week."""

    period = PeriodField(label=_("Period"), widget=MonthInput())
    value = number_field(_("Value"))
    numerator = number_field(_("Numerator (how many)"))
    denominator = number_field(_("Denominator (out of how many)"))
    astronomical = forms.BooleanField(
        label=_("Mark as an astronomical point"),
        required=False,
        help_text=_("Only for a value so unusual that everyone looking at the chart would agree."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        if measure.frequency == Measure.Frequency.WEEKLY:
            self.fields["period"].widget = DateInput()
            self.fields["period"].label = _("A day in the week")
        if measure.kind == Measure.Kind.PROPORTION:
            del self.fields["value"]
        else:
            del self.fields["numerator"], self.fields["denominator"]


class PDSAForm(forms.ModelForm):
    class Meta:
        model = PDSACycle
        fields = [
            "title",
            "measure",
            "action",
            "starts_on",
            "ends_on",
            "stage",
            "plan",
            "prediction",
            "do",
            "study",
            "act",
            "decision",
        ]
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        widgets = {
            **{f: forms.Textarea(attrs={"rows": 3}) for f in ("plan", "prediction", "do", "study", "act")},
        }

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(team=team)
        self.fields["action"].queryset = Action.objects.filter(area__team=team)


class ActorMapForm(forms.ModelForm):
    class Meta:
        model = ActorMap
        fields = ["title", "centre_kind", "centre_label"]


class ActorForm(forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["name", "relation", "significance", "invited", "note"]
