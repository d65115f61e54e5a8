from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.validators import SplitDateTimeField
from gatherings.models import Gathering
from gatherings.selectors import gatherings_of
from packages.library import LIBRARY
from packages.models import Package, Question, Task


class PackageCreateForm(forms.Form):
    gathering = forms.ModelChoiceField(label=_("Before the gathering"), queryset=Gathering.objects.none())
    deadline = SplitDateTimeField(label=_("Deadline"))
    start_from = forms.ChoiceField(label=_("Start from"))

    def __init__(self, *args, network, other_packages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gathering"].queryset = gatherings_of(network=network).order_by("starts_on")
        choices = [("blank", _("An empty package"))]
        choices += [(f"library:{e['key']}", f"{e['title']} – {e['source']}") for e in LIBRARY]
        choices += [
            (f"package:{p.pk}", f"{p.title} ({p.gathering.network.name}, {p.gathering.title})") for p in other_packages
        ]
        self.fields["start_from"].choices = choices


class PackageForm(forms.ModelForm):
    class Meta:
        model = Package
        fields = ["title", "introduction", "deadline", "task_numbering", "min_interviews", "share_after_deadline"]
        field_classes = {"deadline": SplitDateTimeField}
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Alternatives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line (single and multiple choice)."),
        validators=[refuse_national_id],
    )
    columns_text = forms.CharField(
        label=_("Columns"),
        required=False,
        help_text=_("Comma-separated, e.g. «Name, Type, Target group» (tables)."),
        validators=[refuse_national_id],
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "help_text", "required"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "help_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choices_text"].initial = "\n".join(self.instance.choices or [])
        self.fields["columns_text"].initial = ", ".join(self.instance.columns or [])

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        choices = [c.strip() for c in (data.get("choices_text") or "").splitlines() if c.strip()]
        columns = [c.strip() for c in (data.get("columns_text") or "").split(",") if c.strip()]
        if kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE) and len(choices) < 2:
            self.add_error("choices_text", _("Give at least two alternatives."))
        if kind == Question.Kind.TABLE and not columns:
            self.add_error("columns_text", _("Give the table at least one column."))
        self.instance.choices = choices
        self.instance.columns = columns
        return data
