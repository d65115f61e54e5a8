"""The final report's written parts: the save service (versions, conflicts, revisions, refusals)
and the project group's page (autosave, the save without JavaScript, history and restore), and
who may write them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import FinalReportText
from reports.services import TextConflict, final_report_text_save

pytestmark = pytest.mark.django_db


def save(cast, text, version=0, key="foreword", by=None):
    return final_report_text_save(network=cast.network, key=key, text=text, base_version=version, by=by)


def test_each_save_is_a_version_with_a_revision_and_a_stale_save_is_a_conflict(cast):
    part = save(cast, "Første utkast", by=cast.project_group)
    assert part.version == 1 and part.revisions.count() == 1
    part = save(cast, "Andre utkast", version=1)
    assert part.version == 2
    assert save(cast, "Andre utkast", version=2).version == 2  # the same text again: no new version
    with pytest.raises(TextConflict) as conflict:
        save(cast, "Mitt eget utkast", version=1)
    assert conflict.value.text == "Andre utkast" and conflict.value.version == 2
    # Sending what you started from (you changed nothing) keeps the newer text.
    assert save(cast, "Første utkast", version=1).text == "Andre utkast"
    assert list(
        FinalReportText.objects.get(network=cast.network, key="foreword").revisions.values_list("version", flat=True)
    ) == [2, 1]


def test_unknown_parts_and_nul_bytes_are_refused(cast):
    with pytest.raises(ValidationError):
        save(cast, "tekst", key="appendix")
    with pytest.raises(ValidationError):
        save(cast, "tekst\x00")
    assert not FinalReportText.objects.exists()


def edit_url(cast):
    return reverse("reports:final-edit", kwargs={"slug": cast.network.slug})


def test_autosave_answers_the_new_version_and_a_conflict_with_the_other_text(cast, client):
    client.force_login(cast.project_group)
    url = reverse("reports:final-save", kwargs={"slug": cast.network.slug, "key": "summary"})
    first = client.post(url, {"text": "Sammendrag v1", "base_version": 0})
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = client.post(url, {"text": "Mitt sammendrag", "base_version": 0})
    assert stale.status_code == 409 and stale.json()["text"] == "Sammendrag v1"
    client.logout()
    expired = client.post(url, {"text": "Etter utlogging", "base_version": 1})
    assert expired.status_code == 401  # JSON, not a login page: the browser keeps the text


def test_the_save_without_javascript_keeps_the_text_on_a_conflict(cast, client):
    save(cast, "Noen andres forord")
    client.force_login(cast.project_group)
    response = client.post(edit_url(cast), {"text-foreword": "Mitt forord", "v-foreword": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mitt forord" in page and "Noen andres forord" in page
    assert FinalReportText.objects.get(network=cast.network, key="foreword").text == "Noen andres forord"
    saved = client.post(edit_url(cast), {"text-foreword": "Mitt forord", "v-foreword": 1})
    assert saved.status_code == 302
    assert FinalReportText.objects.get(network=cast.network, key="foreword").text == "Mitt forord"


def test_history_restores_an_old_text_as_a_new_version(cast, client):
    part = save(cast, "Gammel tekst")
    save(cast, "Ny tekst", version=1)
    client.force_login(cast.project_group)
    url = reverse("reports:final-history", kwargs={"slug": cast.network.slug, "key": "foreword"})
    page = client.get(url).content.decode()
    assert "Gammel tekst" in page and "Ny tekst" in page
    old = part.revisions.get(version=1)
    assert client.post(url, {"revision": old.pk}).status_code == 302
    part.refresh_from_db()
    assert part.text == "Gammel tekst" and part.version == 3
    missing = reverse("reports:final-history", kwargs={"slug": cast.network.slug, "key": "appendix"})
    assert client.get(missing).status_code == 404


def test_team_members_may_not_write_and_readers_may_not_save(cast, client):
    client.force_login(cast.team_member)
    assert client.get(edit_url(cast)).status_code == 403
    client.force_login(cast.observer)
    url = reverse("reports:final-save", kwargs={"slug": cast.network.slug, "key": "summary"})
    assert client.post(url, {"text": "x", "base_version": 0}).status_code == 403
    assert not FinalReportText.objects.exists()
