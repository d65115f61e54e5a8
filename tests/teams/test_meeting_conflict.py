"""Two people editing the same meeting: the second save does not overwrite the first; what the
second typed comes back next to the meeting as saved, and saving again keeps it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teams.models import MeetingTask
from teams.services import meeting_task_toggle
from tests.teams.factories import MeetingTaskFactory, TeamMeetingFactory

pytestmark = pytest.mark.django_db


def form_data(page_form, **changes):
    data = {
        "held_on": "2026-11-02",
        "title": "Teammøte i november",
        "minutes": "",
        "next_meeting_on": "",
        "version": page_form.initial["version"],
        "tasks-TOTAL_FORMS": "0",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_a_second_save_on_an_old_version_is_refused_and_keeps_what_was_typed(cast, client):
    meeting = TeamMeetingFactory(team=cast.team_a, title="Teammøte i november", minutes="Første utkast")
    task = MeetingTaskFactory(meeting=meeting, description="Invitere brukerrådet")
    url = reverse(
        "teams:meeting-edit", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk, "meeting_pk": meeting.pk}
    )
    client.force_login(cast.coordinator)
    opened = client.get(url).context["form"]  # the coordinator opens the form...
    meeting_task_toggle(task=task, done=True, by=cast.team_member)  # ...a colleague ticks a task meanwhile

    typed = "Vi ble enige om å invitere brukerrådet til neste møte."
    response = client.post(url, form_data(opened, minutes=typed))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Noen andre i teamet lagret dette møtet" in page and typed in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Første utkast"
    assert MeetingTask.objects.get(pk=task.pk).done  # the colleague's tick survives

    # Saving again, on the version the conflict page carries, keeps the coordinator's text.
    again = response.context["form"]
    response = client.post(url, form_data(again, minutes=typed))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == typed
