"""Forms for the activity plan, gathering programs and registration."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.uploads import validate_material
from core.validators import DateField, TimeField
from gatherings.models import Activity, Gathering, ProgramSession


def searchable(size: int = 5) -> forms.SelectMultiple:
    """A multiple choice among many (people, teams): a plain list without JavaScript, a search as
    you type with it (static/js/select.js, Tom Select)."""
    return forms.SelectMultiple(
        attrs={
            "size": size,
            "data-ln-search": "1",
            "data-t-placeholder": _("Type to search…"),
            "data-t-no-results": _("No one matches"),
            "data-t-remove": _("Remove"),
        }
    )


class ActivityForm(forms.ModelForm):
    registration_questions_text = forms.CharField(
        label=_("Questions at registration"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One question per line, e.g. «Dietary needs» or «Staying for dinner?»."),
        validators=[refuse_national_id],
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "mode",
            "venue",
            "meeting_link",
            "target_groups",
            "responsible",
            "responsible_note",
            "status",
            "team",
            "invited_teams",
            "registration_open",
            "registration_deadline",
            "notes",
        ]
        field_classes = dict.fromkeys(("starts_on", "ends_on", "registration_deadline"), DateField) | dict.fromkeys(
            ("start_time", "end_time"), TimeField
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "responsible": searchable(),
            "invited_teams": searchable(),
        }

    def __init__(self, *args, network, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.instance.network = network
        if "team" in self.fields:
            self.fields["team"].queryset = network.teams.all()
        self.fields["invited_teams"].queryset = network.teams.all()
        self.fields["responsible"].queryset = people
        self.fields["registration_questions_text"].initial = "\n".join(self.instance.registration_questions or [])

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        st, et = data.get("start_time"), data.get("end_time")
        if start and end and start == end and st and et and et <= st:
            self.add_error("end_time", _("The activity must end after it starts."))
        return data

    def save(self, commit=True):
        self.instance.registration_questions = [
            line.strip()
            for line in self.cleaned_data.get("registration_questions_text", "").splitlines()
            if line.strip()
        ]
        return super().save(commit=commit)


class GatheringForm(ActivityForm):
    class Meta(ActivityForm.Meta):
        model = Gathering
        fields = ["number", *[f for f in ActivityForm.Meta.fields if f not in {"kind", "team"}]]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = Activity.Kind.NETWORK_GATHERING


class SessionForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=ProgramSession.Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    speaker_users = forms.ModelMultipleChoiceField(
        label=_("Speakers in Læringsnett"), required=False, queryset=None, widget=searchable()
    )
    external_speakers = forms.CharField(
        label=_("External speakers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: Name, Organisation"),
        validators=[refuse_national_id],
    )
    material_file = forms.FileField(
        label=_("Add a file"), required=False, help_text=_("PDF, images or Office files, at most 10 MB.")
    )
    material_url = forms.URLField(label=_("Or add a link"), required=False)
    material_title = forms.CharField(
        label=_("Title of the file or link"), required=False, max_length=200, validators=[refuse_national_id]
    )

    class Meta:
        model = ProgramSession
        fields = ["day", "start_time", "end_time", "kind", "title", "description", "room", "themes"]
        field_classes = dict.fromkeys(("start_time", "end_time"), TimeField)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, gathering: Gathering, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.gathering = gathering
        self.instance.gathering = gathering
        self.fields["day"] = forms.TypedChoiceField(
            label=_("Day"),
            coerce=datetime.date.fromisoformat,
            choices=[(d.isoformat(), d.strftime("%d.%m.%Y")) for d in gathering.days],
        )
        if self.instance.pk:
            self.initial["day"] = self.instance.day.isoformat()
            self.initial["speaker_users"] = [s.user_id for s in self.instance.speakers.all() if s.user_id]
            self.initial["external_speakers"] = "\n".join(
                ", ".join(p for p in (s.name, s.organisation) if p)
                for s in self.instance.speakers.all()
                if not s.user_id
            )
        self.fields["speaker_users"].queryset = people

    def clean_material_file(self):
        upload = self.cleaned_data.get("material_file")
        if upload:
            validate_material(upload)
        return upload

    def clean(self):
        data = super().clean()
        st, et = data.get("start_time"), data.get("end_time")
        if st and et and et <= st:
            self.add_error("end_time", _("The session must end after it starts."))
        if (data.get("material_file") or data.get("material_url")) and not data.get("material_title"):
            self.add_error("material_title", _("Give the file or link a title."))
        return data

    def speakers(self) -> list[dict]:
        result = [{"user": u} for u in self.cleaned_data.get("speaker_users") or []]
        for line in (self.cleaned_data.get("external_speakers") or "").splitlines():
            if line.strip():
                name, _sep, org = line.partition(",")
                result.append({"name": name.strip(), "organisation": org.strip()})
        return result


class PresentationSlotsForm(forms.Form):
    start_time = TimeField(label=_("First slot starts"))
    minutes_per_team = forms.IntegerField(label=_("Minutes per team"), min_value=5, max_value=120, initial=20)
    rooms = forms.CharField(
        label=_("Parallel rooms"),
        required=False,
        help_text=_("Comma-separated, e.g. «Sal A, Sal B». Empty: one room."),
        validators=[refuse_national_id],
    )


class ProgramCopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Copy the program of"), queryset=Gathering.objects.none())

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = lambda g: f"{g.network.name}: {g}"


class RegistrationForm(forms.Form):
    def __init__(self, *args, activity: Activity, teams, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(activity.registration_questions or [])
        if teams:
            self.fields["team"] = forms.ModelChoiceField(
                label=_("I come from the team"), queryset=teams, required=False
            )
        for i, question in enumerate(self.questions):
            self.fields[f"q{i}"] = forms.CharField(
                label=question,
                required=False,
                max_length=500,
                initial=(initial_answers or {}).get(question, ""),
                validators=[refuse_national_id],
            )

    def answers(self) -> dict:
        return {q: self.cleaned_data.get(f"q{i}", "") for i, q in enumerate(self.questions)}
