"""Forms for the follow-up between gatherings. They validate input; the views call services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.identity import refuse_national_id
from core.validators import DateField
from teams.models import MAX_SESSIONS_OFFERED, SupervisionOffer
from teams.services import MeetingTaskInput


def _hours_field(**kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        max_digits=4, decimal_places=1, widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}), **kwargs
    )


def _positive(value: Decimal | None) -> Decimal | None:
    if value is not None and value <= 0:
        raise forms.ValidationError(_("Hours must be more than zero."), code="hours_positive")
    return value


def supervision_offer_summary(offer: SupervisionOffer) -> str:
    """ "2 × 2 h offered, 1 used" for an offer annotated by `supervision_offer_list`."""
    return gettext("%(sessions)s × %(hours)s h offered, %(used)s used") % {
        "sessions": offer.sessions_offered,
        "hours": floatformat(offer.hours_per_session, "-1"),
        "used": offer.used_count,
    }


class TeamMeetingForm(forms.Form):
    held_on = DateField(label=_("Date of the meeting"))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example «Team meeting in March»."),
        validators=[refuse_national_id],
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What was discussed and decided. Everyone in the team can read the minutes."),
        validators=[refuse_national_id],
    )
    next_meeting_on = DateField(label=_("Next meeting"), required=False)
    # The meeting as it was when the form was opened (teams.services.meeting_version).
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        held_on, next_on = data.get("held_on"), data.get("next_meeting_on")
        if held_on and next_on and next_on < held_on:
            self.add_error("next_meeting_on", _("The next meeting cannot be before this meeting."))
        return data


class MeetingTaskForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Not `required`: a blank row is simply not a task. `clean` insists once anything else is filled in.
    description = forms.CharField(label=_("Task"), max_length=500, required=False, validators=[refuse_national_id])
    responsible = forms.ModelChoiceField(label=_("Responsible"), required=False, queryset=None)
    responsible_note = forms.CharField(
        label=_("Responsible (others)"),
        max_length=200,
        required=False,
        help_text=_("Someone without a login, e.g. «the NAV contact»."),
        validators=[refuse_national_id],
    )
    due_on = DateField(label=_("Due"), required=False)
    done = forms.BooleanField(label=_("Done"), required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = candidates
        field.label_from_instance = lambda user: user.get_full_name()

    def clean(self):
        data = super().clean()
        if not data.get("description") and (
            data.get("id") or data.get("responsible") or data.get("responsible_note") or data.get("due_on")
        ):
            self.add_error("description", _("Describe the task."))
        return data

    def as_input(self) -> MeetingTaskInput:
        data = self.cleaned_data
        return MeetingTaskInput(
            pk=data.get("id"),
            description=data["description"],
            responsible=data.get("responsible"),
            responsible_note=data.get("responsible_note", ""),
            due_on=data.get("due_on"),
            done=data.get("done", False),
        )


MeetingTaskFormSet = forms.formset_factory(
    MeetingTaskForm, extra=3, can_delete=True, can_delete_extra=False, max_num=30, validate_max=True
)


def meeting_tasks_from(formset) -> list[MeetingTaskInput]:
    """The tasks a valid formset describes, without blank extra rows and rows marked for deletion."""
    return [
        form.as_input()
        for form in formset.forms
        if form.cleaned_data and form not in formset.deleted_forms and form.cleaned_data.get("description")
    ]


class SupervisionOfferForm(forms.Form):
    sessions_offered = forms.IntegerField(
        label=_("Number of sessions"), min_value=1, max_value=MAX_SESSIONS_OFFERED, initial=2
    )
    hours_per_session = _hours_field(label=_("Hours per session"), initial=Decimal("2"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), validators=[refuse_national_id]
    )

    def clean_hours_per_session(self):
        return _positive(self.cleaned_data.get("hours_per_session"))


class SupervisionSessionForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("Offer"), queryset=None, empty_label=None)
    held_on = DateField(label=_("Date held"))
    hours = _hours_field(
        label=_("Hours"), required=False, help_text=_("Leave empty to use the offered hours per session.")
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), validators=[refuse_national_id]
    )

    def __init__(self, *args, offers, **kwargs):
        """`offers`: the team's offers annotated by `supervision_offer_list`."""
        super().__init__(*args, **kwargs)
        field = self.fields["offer"]
        field.queryset = offers
        field.label_from_instance = supervision_offer_summary

    def clean_offer(self):
        offer = self.cleaned_data["offer"]
        if offer.used_count >= offer.sessions_offered:
            raise forms.ValidationError(_("All offered sessions have been used."), code="no_sessions_left")
        return offer

    def clean_hours(self):
        return _positive(self.cleaned_data.get("hours"))
