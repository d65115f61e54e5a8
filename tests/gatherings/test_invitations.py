"""Invited teams and people hear of an activity, and a team's own activity is shown to the teams
it invites."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from gatherings.models import Activity, Registration
from gatherings.services import activity_save
from tests.networks.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_newly_invited_teams_and_people_get_one_email_each(cast, django_capture_on_commit_callbacks):
    activity = ActivityFactory(network=cast.network, title="Veiledning for Fosen", team=cast.team_a)
    Registration.objects.create(activity=activity, user=cast.coordinator, team=cast.team_a)  # told already
    with django_capture_on_commit_callbacks(execute=True):
        activity_save(
            activity=activity,
            by=cast.project_group,
            invited_teams=[cast.team_a, cast.team_b],
            invited_people=[cast.observer],
        )
    received = sorted(m.to[0] for m in mail.outbox)
    assert received == sorted([cast.team_member.email, cast.other_team_member.email, cast.observer.email])
    assert "Du er invitert: Veiledning for Fosen" in mail.outbox[0].subject
    assert (
        reverse("gatherings:activity-detail", kwargs={"slug": cast.network.slug, "pk": activity.pk})
        in mail.outbox[0].body
    )

    # Saving again with the same invitations tells nobody again.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        activity_save(activity=activity, by=cast.project_group, invited_teams=[cast.team_a, cast.team_b])
    assert mail.outbox == []


def test_a_cancelled_activity_sends_no_invitations(cast, django_capture_on_commit_callbacks):
    activity = ActivityFactory(network=cast.network, status=Activity.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        activity_save(activity=activity, by=cast.project_group, invited_teams=[cast.team_b])
    assert mail.outbox == []


def test_a_teams_own_activity_is_shown_to_the_teams_it_invites(cast, client):
    activity = ActivityFactory(network=cast.network, title="Felles veiledning", team=cast.team_a)
    detail = reverse("gatherings:activity-detail", kwargs={"slug": cast.network.slug, "pk": activity.pk})
    plan = reverse("gatherings:plan", kwargs={"slug": cast.network.slug})
    client.force_login(cast.other_team_member)
    assert client.get(detail).status_code == 404
    assert "Felles veiledning" not in client.get(plan).content.decode()
    activity.invited_teams.add(cast.team_b)
    assert client.get(detail).status_code == 200
    assert "Felles veiledning" in client.get(plan).content.decode()
