"""Dates are shown and typed as dd.mm.åååå in every form, whatever the browser's language
(core.widgets, core.validators): the field takes d.m.åååå and ISO too, refuses anything else with
one clear message, and what was typed survives the error."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

from core.models import User
from core.validators import DateField, SplitDateTimeField
from core.widgets import DateInput
from packages.services import package_copy_from_library
from teams.models import TeamMeeting
from tests.formdata import post_forms

MESSAGE = "Skriv datoen som dd.mm.åååå, for eksempel 07.12.2026."


class DayForm(forms.Form):
    day = DateField()
    when = SplitDateTimeField(required=False)


def test_the_widget_shows_dd_mm_yyyy_as_text_with_a_placeholder():
    with translation.override("nb"):
        html = DateInput().render("day", datetime.date(2026, 12, 7))
    assert 'type="text"' in html and 'value="07.12.2026"' in html
    assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html
    assert 'placeholder="dd.mm.åååå"' in html and 'data-date-input="Velg dato"' in html
    with translation.override("en"):
        html = DateInput().render("day", datetime.date(2026, 12, 7))
    assert 'placeholder="dd.mm.yyyy"' in html and 'data-date-input="Choose date"' in html
    assert 'value="07.12.2026"' in html  # the same format in English: the network is Norwegian


@pytest.mark.parametrize("typed", ["7.12.2026", "07.12.2026", "2026-12-07", " 07.12.2026 "])
def test_the_field_takes_norwegian_and_iso_dates(typed):
    form = DayForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 12, 7)


@pytest.mark.parametrize("typed", ["12/07/2026", "07.12.26", "7/12/2026", "31.02.2026", "2026-12-7x", "i dag"])
def test_other_spellings_are_refused_with_the_message_and_kept(typed):
    with translation.override("nb"):
        form = DayForm({"day": typed})
        assert not form.is_valid()
        assert form.errors["day"] == [MESSAGE]
        assert f'value="{typed}"' in str(form["day"])


def test_far_dates_are_still_refused():
    with translation.override("nb"):
        form = DayForm({"day": "01.01.1999"})
        assert not form.is_valid()
        assert form.errors["day"] == ["Skriv en dato mellom årene 2000 og 2100."]


def test_a_date_and_a_time_in_two_fields():
    form = DayForm({"day": "1.1.2026", "when_0": "7.12.2026", "when_1": "9.30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime.datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    with translation.override("nb"):
        form = DayForm({"day": "1.1.2026", "when_0": "12/07/2026", "when_1": "25:00"})
        assert not form.is_valid()
        assert MESSAGE in form.errors["when"]
        assert "Skriv klokkeslettet som tt:mm, for eksempel 09:30." in form.errors["when"]
        html = str(form["when"])
        assert 'value="12/07/2026"' in html and 'value="25:00"' in html
        form = DayForm({"day": "1.1.2026", "when_0": "31.12.2101", "when_1": "12:00"})
        assert form.errors["when"] == ["Skriv en dato mellom årene 2000 og 2100."]


@pytest.mark.django_db
def test_a_meeting_date_typed_wrong_comes_back_with_the_message(client, cast):
    client.force_login(cast.coordinator)
    url = reverse("teams:meeting-create", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    page = client.get(url).content.decode()
    form = next(f for f in post_forms(page) if "held_on" in f.data)
    assert form.typed["held_on"] == "date"  # tests.formdata sees the text field as a date
    data = {**form.flat(), "title": "Teammøte", "held_on": "12/07/2026", "minutes": "Referat"}
    response = client.post(url, data)
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert MESSAGE in page and 'value="12/07/2026"' in page and "Referat" in page
    assert not TeamMeeting.objects.filter(team=cast.team_a).exists()
    client.post(url, {**data, "held_on": "7.12.2026"})
    assert TeamMeeting.objects.get(team=cast.team_a).held_on == datetime.date(2026, 12, 7)


@pytest.mark.django_db
def test_the_package_deadline_is_a_date_and_a_time(client, cast):
    package = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    client.force_login(cast.project_group)
    url = reverse("packages:package-edit", kwargs={"slug": cast.network.slug, "pk": package.pk})
    page = client.get(url).content.decode()
    shown = timezone.localtime(package.deadline)
    assert f'name="deadline_0" value="{shown:%d.%m.%Y}"' in page and f'name="deadline_1" value="{shown:%H:%M}"' in page
    form = next(f for f in post_forms(page) if "deadline_0" in f.data)
    response = client.post(url, {**form.flat(), "deadline_0": "7.12.2026", "deadline_1": "09:30"})
    assert response.status_code == 302
    package.refresh_from_db()
    assert timezone.localtime(package.deadline).replace(tzinfo=None) == datetime.datetime(2026, 12, 7, 9, 30)


def test_times_of_day_are_typed_as_24_hours_whatever_the_browser(cast):
    """The browser's own time input shows AM/PM in an English browser: a text field for tt:mm."""
    from gatherings.forms import ActivityForm

    form = ActivityForm(network=cast.network, people=User.objects.none())
    html = str(form["start_time"])
    assert 'type="text"' in html and 'placeholder="tt:mm"' in html and "aria-label" not in html
    data = {
        "kind": "webinar",
        "title": "Webinar om brukermedvirkning",
        "starts_on": "7.12.2026",
        "ends_on": "7.12.2026",
        "start_time": "9.30",
        "end_time": "11:00",
        "mode": "digital",
        "status": "planlagt",
    }
    form = ActivityForm(data, network=cast.network, people=User.objects.none())
    form.is_valid()
    assert form.cleaned_data["start_time"] == datetime.time(9, 30)
    assert "start_time" not in form.errors
    form = ActivityForm({**data, "start_time": "9:30 PM"}, network=cast.network, people=User.objects.none())
    assert not form.is_valid()
    assert form.errors["start_time"] == ["Skriv klokkeslettet som tt:mm, for eksempel 09:30."]
    assert 'value="9:30 PM"' in str(form["start_time"])
