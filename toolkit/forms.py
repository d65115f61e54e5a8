"""Forms of the team's toolkit pages. They parse and check input; the views call the services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.validators import DateField
from toolkit.models import SCORE_MAX, SCORE_MIN, ChecklistAnswer, ChecklistItem, LifeArea, PlanItem, ServiceUser

NEW_AREA_ROWS = 3

SCORE_MESSAGE = _("A score is a whole number from 1 (most difficult) to 10 (least difficult).")
SCORE_ERRORS = {"invalid": SCORE_MESSAGE, "min_value": SCORE_MESSAGE, "max_value": SCORE_MESSAGE}


def score_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        required=False,
        error_messages=SCORE_ERRORS,
        widget=forms.NumberInput(
            attrs={"min": SCORE_MIN, "max": SCORE_MAX, "inputmode": "numeric", "class": "ln-score"}
        ),
        **kwargs,
    )


class PersonForm(forms.Form):
    code = forms.CharField(
        label=_("The team's code for the person"),
        max_length=ServiceUser._meta.get_field("code").max_length,
        help_text=_("For example B-07. Never a name or a national identity number."),
        error_messages={"required": _("Give the person a code, e.g. B-07.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class AreaForm(forms.Form):
    name = forms.CharField(
        label=_("Area or activity"),
        max_length=LifeArea._meta.get_field("name").max_length,
        help_text=_("In the person's own words, e.g. «Bolig» or «Komme meg ut på tur»."),
        widget=forms.TextInput(attrs={"list": "area-suggestions", "autocomplete": "off"}),
        error_messages={"required": _("Write the area or activity in the person's own words.")},
    )
    wants_help = forms.BooleanField(label=_("The person wants help with it"), required=False, initial=True)


class CloseForm(forms.Form):
    closed_on = DateField(label=_("Follow-up ended on"), required=False, help_text=_("Empty: today."))


class ConversationForm(forms.Form):
    """The date, one score per area already in the wheel (empty: not scored this time) and a few
    rows for areas the person adds now, each with its score."""

    held_on = DateField(label=_("Date of the conversation"))

    def __init__(
        self, *args, areas: Iterable[LifeArea], previous: Mapping[int, tuple[int, int]] | None = None, **kwargs
    ):
        """`previous`: {area id: (score, conversation number)}, the area's latest score before."""
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        previous = previous or {}
        for area in self.areas:
            if area.pk in previous:
                score, number = previous[area.pk]
                help_text = _("Last score: %(score)s (conversation %(number)s)") % {"score": score, "number": number}
            else:
                help_text = _("Not scored before.")
            self.fields[f"score_{area.pk}"] = score_field(label=area.name, help_text=help_text)
        for i in range(1, NEW_AREA_ROWS + 1):
            self.fields[f"new_{i}_name"] = forms.CharField(
                label=_("New area or activity %(row)s") % {"row": i},
                max_length=LifeArea._meta.get_field("name").max_length,
                required=False,
                validators=[refuse_national_id],
                widget=forms.TextInput(attrs={"list": "area-suggestions", "autocomplete": "off"}),
            )
            self.fields[f"new_{i}_score"] = score_field(label=_("Score for new area %(row)s") % {"row": i})

    def area_rows(self):
        """(area, bound score field) for every area already in the wheel."""
        return [(area, self[f"score_{area.pk}"]) for area in self.areas]

    def new_rows(self):
        return [(i, self[f"new_{i}_name"], self[f"new_{i}_score"]) for i in range(1, NEW_AREA_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for i in range(1, NEW_AREA_ROWS + 1):
            name, score = (data.get(f"new_{i}_name") or "").strip(), data.get(f"new_{i}_score")
            if name and score is None and f"new_{i}_score" not in self.errors:
                self.add_error(f"new_{i}_score", _("Give the new area a score from 1 to 10."))
            if score is not None and not name and f"new_{i}_name" not in self.errors:
                self.add_error(f"new_{i}_name", _("Write the name of the new area, or leave its score empty."))
        return data

    @property
    def scores(self) -> dict[int, int | None]:
        return {area.pk: self.cleaned_data.get(f"score_{area.pk}") for area in self.areas}

    @property
    def new_areas(self) -> list[tuple[str, int | None]]:
        rows = (
            (self.cleaned_data.get(f"new_{i}_name"), self.cleaned_data.get(f"new_{i}_score"))
            for i in range(1, NEW_AREA_ROWS + 1)
        )
        return [(name.strip(), score) for name, score in rows if name and name.strip()]


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["measure", "area", "responsible", "due", "status", "comment"]
        widgets = {
            "measure": forms.Textarea(attrs={"rows": 3}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["area"].empty_label = _("(no particular area)")
        for name in ("measure", "responsible", "due", "comment"):
            self.fields[name].validators.append(refuse_national_id)


class ChecklistForm(forms.Form):
    """One answer for every item the team writes; items that carry an average follow the
    conversations and are not asked."""

    filled_on = DateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args, items: Iterable[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            if item.source == ChecklistItem.Source.TEAM:
                self.fields[f"item_{item.number}"] = forms.ChoiceField(
                    label=f"{item.number}. {item.text}",
                    choices=ChecklistAnswer.State.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer for item %(number)s.") % {"number": item.number}},
                )

    def item_field(self, item: ChecklistItem):
        name = f"item_{item.number}"
        return self[name] if name in self.fields else None

    @property
    def states(self) -> dict[int, str]:
        return {
            item.number: self.cleaned_data[f"item_{item.number}"]
            for item in self.items
            if f"item_{item.number}" in self.cleaned_data
        }
