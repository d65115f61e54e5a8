"""Forms of the project group's survey pages. They parse and check input; the views call the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.validators import SplitDateTimeField
from gatherings.models import Gathering
from surveys import library
from surveys.models import Question


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class SurveyCreateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), widget=forms.RadioSelect)
    gathering = forms.ModelChoiceField(
        label=_("Gathering"),
        queryset=Gathering.objects.none(),
        required=False,
        help_text=_("For a gathering evaluation: its program items become statements to rate."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the template's title.")
    )
    invited = forms.IntegerField(
        label=_("Invited"),
        min_value=1,
        required=False,
        help_text=_("Only when the panel lives elsewhere; otherwise the approved panel is counted."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t["key"], t["title"]) for t in library.TEMPLATES]
        self.fields["gathering"].queryset = Gathering.objects.filter(network=network).order_by("starts_on", "number")

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        refuse_national_id(title)
        return title

    def clean(self):
        data = super().clean()
        if data.get("template") == "samlingsevaluering" and not data.get("gathering"):
            self.add_error("gathering", _("Choose the gathering to evaluate."))
        return data


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, help_text=_("Short and unique in the survey, e.g. O1."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help_text = forms.CharField(label=_("Help"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    scale_min = forms.IntegerField(label=_("Scale from"), min_value=0, max_value=10, initial=1)
    scale_max = forms.IntegerField(label=_("Scale to"), min_value=1, max_value=10, initial=6)
    low_label = forms.CharField(label=_("Label of the lowest"), max_length=60, required=False)
    high_label = forms.CharField(label=_("Label of the highest"), max_length=60, required=False)
    dont_know = forms.BooleanField(label=_("Offer «vet ikke»"), required=False)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a choice: one option on each line."),
    )
    statements = forms.CharField(
        label=_("Statements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For statements on one scale: «code | statement» on each line, e.g. «E2.a | In my own region»."),
    )
    background = forms.BooleanField(
        label=_("Background question"), required=False, help_text=_("Results can be broken down by its answers.")
    )
    show_if_code = forms.ChoiceField(label=_("Shown only if the answer to"), required=False)
    show_if_values = forms.CharField(
        label=_("is one of"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One answer on each line, e.g. «Ja»."),
    )

    def __init__(self, *args, earlier_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if_code"].choices = [("", _("Always shown"))] + [(c, c) for c in earlier_codes]

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        return {
            **{
                name: getattr(question, name)
                for name in (
                    "code",
                    "kind",
                    "text",
                    "help_text",
                    "required",
                    "scale_min",
                    "scale_max",
                    "low_label",
                    "high_label",
                    "dont_know",
                    "background",
                    "show_if_code",
                )
            },
            "options": "\n".join(question.options),
            "statements": "\n".join(f"{s['code']} | {s['text']}" for s in question.statements),
            "show_if_values": "\n".join(str(v) for v in question.show_if_values),
        }

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.replace(".", "").replace("_", "").replace("-", "").isalnum():
            raise forms.ValidationError(_("Use letters, digits and dots only, e.g. O3a or E2.b."))
        return code

    def clean_statements(self):
        statements = []
        for number, line in enumerate(_lines(self.cleaned_data["statements"]), start=1):
            code, sep, text = line.partition("|")
            if not sep or not code.strip() or not text.strip():
                raise forms.ValidationError(
                    _("Line %(n)s: write «code | statement», e.g. «E2.a | In my own region».") % {"n": number}
                )
            refuse_national_id(text)
            statements.append({"code": code.strip(), "text": text.strip()})
        return statements

    def clean_options(self):
        return _lines(self.cleaned_data["options"])

    def clean_show_if_values(self):
        return _lines(self.cleaned_data["show_if_values"])

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        kind = data["kind"]
        if kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            data["options"] = []
            data["background"] = False
        if kind != Question.Kind.MATRIX:
            data["statements"] = []
        if not data["show_if_code"]:
            data["show_if_values"] = []
        return data


class ScheduleForm(forms.Form):
    opens_at = SplitDateTimeField(label=_("Opens"), required=False)
    closes_at = SplitDateTimeField(label=_("Closes"), required=False)


class ExtendForm(forms.Form):
    closes_at = SplitDateTimeField(label=_("New deadline"))
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class QuoteForm(forms.Form):
    response = forms.UUIDField(widget=forms.HiddenInput)
    code = forms.CharField(max_length=20, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Quote"), widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File from Questback (CSV or Excel)"),
        help_text=_("One row per response; a header of question codes or the questions' exact texts."),
    )
