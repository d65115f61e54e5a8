"""Rules of the activity plan that live in services, not views."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.services import user_calendar_token, user_calendar_token_reset
from gatherings.models import Registration
from gatherings.services import registration_save
from tests.learningnet.factories import UserFactory
from tests.networks.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_registration_is_refused_when_closed_or_past_the_deadline():
    user = UserFactory()
    closed = ActivityFactory(registration_open=False)
    with pytest.raises(ValidationError):
        registration_save(activity=closed, user=user, answers={})
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ActivityFactory(registration_open=True, registration_deadline=yesterday)
    with pytest.raises(ValidationError):
        registration_save(activity=late, user=user, answers={})
    assert not Registration.objects.exists()


def test_registration_is_saved_while_open_and_on_the_deadline_day():
    user = UserFactory()
    activity = ActivityFactory(registration_open=True, registration_deadline=timezone.localdate())
    registration = registration_save(activity=activity, user=user, answers={"Allergier": "Ingen"})
    assert registration.answers == {"Allergier": "Ingen"} and registration.status == Registration.Status.REGISTERED


def test_calendar_key_is_made_once_and_replaced_on_request():
    user = UserFactory()
    first = user_calendar_token(user=user)
    assert len(first) >= 40 and user_calendar_token(user=user) == first
    second = user_calendar_token_reset(user=user)
    user.refresh_from_db()
    assert second != first and user.calendar_token == second
