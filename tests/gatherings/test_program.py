"""Gathering programs: validation, conflicts, reordering, slots, copying, publishing, PDF."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from gatherings.models import ProgramSession, Registration, SessionMaterial
from gatherings.selectors import program_for, program_warnings
from gatherings.services import program_copy, program_generate_presentations, program_session_move
from tests.networks.factories import GatheringFactory, ProgramSessionFactory
from tests.teams.factories import TeamFactory

pytestmark = pytest.mark.django_db
T = datetime.time


def session_url(cast, name="gatherings:session-create", **extra):
    return reverse(name, kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, **extra})


def form(cast, **overrides):
    data = {
        "day": cast.gathering.starts_on.isoformat(),
        "start_time": "10:00",
        "end_time": "10:45",
        "kind": "plenum",
        "title": "Innlegg om samhandling",
        "room": "",
    }
    data.update(overrides)
    return data


def test_create_session_with_speakers(cast, client):
    client.force_login(cast.project_group)
    response = client.post(
        session_url(cast),
        form(
            cast,
            speaker_users=[cast.coordinator.pk],
            external_speakers="Kari Lie, NAPHA\nOla Dahl",
            themes=["samhandling"],
        ),
    )
    assert response.status_code == 302
    session = ProgramSession.objects.get(title="Innlegg om samhandling")
    assert sorted(s.display_name for s in session.speakers.all()) == sorted(
        [cast.coordinator.full_name, "Kari Lie", "Ola Dahl"]
    )
    assert session.themes == ["samhandling"]


def test_session_outside_gathering_days_keeps_input(cast, client):
    client.force_login(cast.project_group)
    response = client.post(session_url(cast), form(cast, day="2026-09-20", title="Feil dag"))
    assert response.status_code == 400
    assert 'value="Feil dag"' in response.content.decode()
    assert not ProgramSession.objects.filter(title="Feil dag").exists()


def test_session_ending_before_it_starts(cast, client):
    client.force_login(cast.project_group)
    response = client.post(session_url(cast), form(cast, start_time="11:00", end_time="10:00", title="Baklengs"))
    assert response.status_code == 400
    assert not ProgramSession.objects.filter(title="Baklengs").exists()


def test_upload_checked_by_content_not_name(cast, client):
    client.force_login(cast.project_group)
    fake_pdf = SimpleUploadedFile("program.pdf", b"just some text, not a PDF", content_type="application/pdf")
    response = client.post(
        session_url(cast), form(cast, title="Med fil", material_file=fake_pdf, material_title="Lysark")
    )
    assert response.status_code == 400
    assert 'value="Med fil"' in response.content.decode()
    real_pdf = SimpleUploadedFile(
        "lysark.bin", b"%PDF-1.7\n%fake but starts right\n", content_type="application/octet-stream"
    )
    response = client.post(
        session_url(cast), form(cast, title="Med fil", material_file=real_pdf, material_title="Lysark")
    )
    assert response.status_code == 302
    assert SessionMaterial.objects.get(title="Lysark", session__title="Med fil").file.read().startswith(b"%PDF")


def test_upload_too_large_is_refused(cast, client, settings):
    client.force_login(cast.project_group)
    big = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(session_url(cast), form(cast, title="Stor fil", material_file=big, material_title="Stor"))
    assert response.status_code == 400
    assert not ProgramSession.objects.filter(title="Stor fil").exists()


def test_warnings_for_room_overlap_and_double_booked_speaker(cast):
    g = cast.gathering
    a = ProgramSessionFactory(gathering=g, start_time=T(10), end_time=T(11), room="Sal A", title="A")
    b = ProgramSessionFactory(gathering=g, start_time=T(10, 30), end_time=T(11, 30), room="Sal A", title="B")
    c = ProgramSessionFactory(gathering=g, start_time=T(10, 30), end_time=T(11, 30), room="Sal B", title="C")
    a.speakers.create(name="Kari Lie")
    c.speakers.create(name="kari lie ")
    warnings = program_warnings(ProgramSession.objects.filter(pk__in=[a.pk, b.pk, c.pk]).prefetch_related("speakers"))
    assert any("B" in w for w in warnings[a.pk]) and any("A" in w for w in warnings[b.pk])
    assert any("Kari Lie" in w for w in warnings[c.pk])
    # In Norwegian (the conftest's language), as every other message.
    assert "Overlapper «B» i Sal A." in warnings[a.pk]
    assert "Kari Lie snakker også i «A» samtidig." in warnings[c.pk]
    assert not any("Sal B" in w for w in warnings.get(c.pk, []))  # C is in its own room


def test_move_swaps_time_slots_keeping_lengths(cast):
    g = cast.gathering
    g.sessions.all().delete()
    first = ProgramSessionFactory(gathering=g, start_time=T(9), end_time=T(9, 45), title="Først")
    second = ProgramSessionFactory(gathering=g, start_time=T(10), end_time=T(10, 15), title="Pause")
    program_session_move(session=second, direction="up", by=None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.start_time, second.end_time) == (T(9), T(9, 15))
    assert (first.start_time, first.end_time) == (T(9, 30), T(10, 15))


def test_move_by_keyboard_button(cast, client):
    g = cast.gathering
    later = ProgramSessionFactory(gathering=g, start_time=T(10), end_time=T(10, 30), title="Senere")
    client.force_login(cast.project_group)
    client.post(session_url(cast, "gatherings:session-move", session_pk=later.pk), {"direction": "up"})
    later.refresh_from_db()
    assert later.start_time == T(9)


def test_presentation_slots_for_every_team_over_rooms(cast):
    TeamFactory(network=cast.network, name="Trondheim")
    created = program_generate_presentations(
        gathering=cast.gathering, start_time=T(13), minutes_per_team=20, rooms=["Sal A", "Sal B"], by=None
    )
    assert sorted(s.team.name for s in created) == ["Fosen", "Trondheim", "Værnes"]
    assert {(s.start_time, s.room) for s in created} == {(T(13), "Sal A"), (T(13), "Sal B"), (T(13, 20), "Sal A")}
    assert all(s.day == cast.gathering.starts_on for s in created)
    again = program_generate_presentations(
        gathering=cast.gathering, start_time=T(13), minutes_per_team=20, rooms=[], by=None
    )
    assert again == []


def test_copy_program_from_earlier_gathering(cast):
    earlier = GatheringFactory(
        network=cast.network, number=2, starts_on=datetime.date(2026, 1, 14), ends_on=datetime.date(2026, 1, 15)
    )
    ProgramSessionFactory(gathering=earlier, day=earlier.starts_on, title="Dag 1-innlegg").speakers.create(
        name="Kari Lie"
    )
    ProgramSessionFactory(gathering=earlier, day=earlier.ends_on, title="Dag 2-innlegg")
    target = GatheringFactory(
        network=cast.network, number=3, starts_on=datetime.date(2027, 3, 3), ends_on=datetime.date(2027, 3, 4)
    )
    assert program_copy(source=earlier, target=target, by=None) == 2
    days = dict(target.sessions.values_list("title", "day"))
    assert days == {"Dag 1-innlegg": datetime.date(2027, 3, 3), "Dag 2-innlegg": datetime.date(2027, 3, 4)}
    assert target.sessions.get(title="Dag 1-innlegg").speakers.get().name == "Kari Lie"


def test_draft_hidden_until_published_then_changes_marked_and_mailed(cast, client, django_capture_on_commit_callbacks):
    program = reverse("gatherings:program", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk})
    client.force_login(cast.team_member)
    assert cast.session.title not in client.get(program).content.decode()
    Registration.objects.create(activity=cast.gathering, user=cast.team_member, team=cast.team_a)

    client.force_login(cast.project_group)
    client.post(reverse("gatherings:program-publish", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))
    client.force_login(cast.team_member)
    assert cast.session.title in client.get(program).content.decode()

    client.force_login(cast.project_group)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            session_url(cast, "gatherings:session-edit", session_pk=cast.session.pk),
            form(cast, title="Nytt tidspunkt", start_time="11:00", end_time="11:45"),
        )
    cast.session.refresh_from_db()
    assert cast.session.changed_after_publishing
    assert [m.to for m in mail.outbox] == [[cast.team_member.email]]
    assert cast.gathering.title in mail.outbox[0].subject


def test_program_pdf_has_the_sessions(cast, client, caplog):
    caplog.set_level("ERROR", logger="weasyprint")
    ProgramSessionFactory(gathering=cast.gathering, day=cast.gathering.ends_on, title="Avslutning", room="Sal B")
    client.force_login(cast.project_group)
    response = client.get(reverse("reports:program-pdf", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert cast.session.title in text and "Avslutning" in text and "Sal B" in text
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


def test_program_data_is_grouped_per_day(cast):
    ProgramSessionFactory(gathering=cast.gathering, day=cast.gathering.ends_on, room="Sal B")
    days = program_for(gathering=cast.gathering)["days"]
    assert [len(d.sessions) for d in days] == [1, 1]
    assert days[1].rooms == ["Sal B"]


def test_material_is_served_only_through_the_permission_check(cast, client):
    url = reverse(
        "gatherings:material-download",
        kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "material_pk": cast.material.pk},
    )
    client.force_login(cast.team_member)
    assert client.get(url).status_code == 404  # draft
    cast.gathering.program_published_at = datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    cast.gathering.save()
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404


def test_the_program_pdf_address_before_the_move_redirects(cast, client):
    client.force_login(cast.project_group)
    old = f"/n/{cast.network.slug}/gatherings/{cast.gathering.pk}/program.pdf"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == reverse(
        "reports:program-pdf", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}
    )


def test_publishing_is_confirmed_naming_the_conflicts_and_only_changes_are_offered_again(cast, client):
    g = cast.gathering
    ProgramSessionFactory(gathering=g, day=cast.session.day, start_time=T(10), end_time=T(11), room="Sal A", title="A")
    ProgramSessionFactory(
        gathering=g, day=cast.session.day, start_time=T(10, 30), end_time=T(11), room="Sal A", title="B"
    )
    publish = reverse("gatherings:program-publish", kwargs={"slug": cast.network.slug, "pk": g.pk})
    program = reverse("gatherings:program", kwargs={"slug": cast.network.slug, "pk": g.pk})
    client.force_login(cast.project_group)
    assert f'href="{publish}"' in client.get(program).content.decode()
    page = client.get(publish).content.decode()
    assert "Publisere programmet?" in page and "Publiser likevel" in page
    assert "<strong>A</strong>: Overlapper «B» i Sal A." in page
    g.refresh_from_db()
    assert not g.is_published  # looking at the confirmation publishes nothing

    client.post(publish)
    assert f'href="{publish}"' not in client.get(program).content.decode()  # nothing to publish right after
    client.post(
        reverse(
            "gatherings:session-delete", kwargs={"slug": cast.network.slug, "pk": g.pk, "session_pk": cast.session.pk}
        )
    )
    assert "Publiser endringen…" in client.get(program).content.decode()
    assert "1 programpost ble lagt til, endret eller slettet" in client.get(publish).content.decode()


def test_deleting_a_session_is_confirmed(cast, client):
    url = reverse(
        "gatherings:session-delete",
        kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "session_pk": cast.session.pk},
    )
    client.force_login(cast.project_group)
    page = client.get(url).content.decode()
    assert "Slette programposten?" in page and cast.session.title in page
    assert ProgramSession.objects.filter(pk=cast.session.pk).exists()
    client.post(url)
    assert not ProgramSession.objects.filter(pk=cast.session.pk).exists()


def _program_url(cast):
    return reverse("gatherings:program", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk})


def _published(cast, client):
    client.force_login(cast.project_group)
    client.post(reverse("gatherings:program-publish", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))


def test_the_cached_program_is_never_stale_in_either_language(cast, client, django_assert_max_num_queries):
    _published(cast, client)
    client.force_login(cast.team_member)
    assert cast.session.title in client.get(_program_url(cast)).content.decode()
    with django_assert_max_num_queries(12):  # the days come from the cache: no session rows are read
        client.get(_program_url(cast))

    client.force_login(cast.project_group)
    client.post(
        session_url(cast, "gatherings:session-edit", session_pk=cast.session.pk),
        form(cast, title="Flyttet innlegg", start_time="13:00", end_time="13:45", room="Sal B"),
    )
    client.force_login(cast.team_member)
    page = client.get(_program_url(cast)).content.decode()
    assert "Flyttet innlegg" in page and "13:00–13:45" in page and "Sal B" in page
    client.cookies["django_language"] = "en"
    english = client.get(_program_url(cast)).content.decode()
    assert "Flyttet innlegg" in english and "Day 1" in english
    del client.cookies["django_language"]
    assert "Dag 1" in client.get(_program_url(cast)).content.decode()

    # A new session, a move, a deletion and publishing again each show at once.
    client.force_login(cast.project_group)
    client.post(session_url(cast), form(cast, title="Nytt innlegg", start_time="15:00", end_time="15:30"))
    client.force_login(cast.team_member)
    assert "Nytt innlegg" in client.get(_program_url(cast)).content.decode()
    program_session_move(session=ProgramSession.objects.get(title="Nytt innlegg"), direction="up", by=None)
    from gatherings.services import program_session_delete

    program_session_delete(session=ProgramSession.objects.get(title="Nytt innlegg"), by=None)
    page = client.get(_program_url(cast)).content.decode()
    assert "Nytt innlegg" not in page


def test_the_cached_program_never_shows_one_persons_page_to_another(cast, client):
    _published(cast, client)
    client.force_login(cast.team_member)
    member_page = client.get(_program_url(cast)).content.decode()
    client.force_login(cast.project_group)
    manager_page = client.get(_program_url(cast)).content.decode()
    edit = reverse(
        "gatherings:session-edit",
        kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk, "session_pk": cast.session.pk},
    )
    assert edit in manager_page and "csrfmiddlewaretoken" in manager_page
    assert edit not in member_page
    client.force_login(cast.team_member)
    again = client.get(_program_url(cast)).content.decode()
    assert edit not in again and cast.session.title in again


def _pdf_text(client, cast) -> tuple[str, str]:
    response = client.get(reverse("reports:program-pdf", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(p.extract_text() for p in reader.pages), str(reader.trailer["/Root"]["/Lang"])


def _ics(client, cast) -> str:
    url = reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().replace("\r\n ", "")  # unfolded


def test_a_program_change_is_seen_at_once_in_the_page_the_pdf_and_the_calendar(cast, client, caplog):
    """With the program page cached for participants, a change of a session (its room), of the
    gathering itself and publishing again are seen at once in the page, the PDF and the .ics, in
    both languages."""
    from gatherings.models import Gathering
    from gatherings.services import activity_save

    caplog.set_level("ERROR", logger="weasyprint")
    _published(cast, client)
    client.force_login(cast.team_member)
    client.get(_program_url(cast))  # fills the cache
    sequence_before = int(_ics(client, cast).split("SEQUENCE:")[1].split("\r\n")[0])

    client.force_login(cast.project_group)
    client.post(
        session_url(cast, "gatherings:session-edit", session_pk=cast.session.pk),
        form(cast, title="Flyttet innlegg", start_time="13:00", end_time="13:45", room="Sal B"),
    )
    gathering = Gathering.objects.get(pk=cast.gathering.pk)
    gathering.title, gathering.venue = "Samling Hell", "Scandic Hell"
    gathering.kind = gathering.kind or "nettverkssamling"
    activity_save(activity=gathering, by=cast.project_group)
    client.post(reverse("gatherings:program-publish", kwargs={"slug": cast.network.slug, "pk": cast.gathering.pk}))

    client.force_login(cast.team_member)
    for language, day in (("nb", "Dag 1"), ("en", "Day 1")):
        client.cookies["django_language"] = language
        page = client.get(_program_url(cast)).content.decode()
        assert "Flyttet innlegg" in page and "Sal B" in page and "Samling Hell" in page and day in page
        text, lang = _pdf_text(client, cast)
        assert "Flyttet innlegg" in text and "Sal B" in text and lang == language
        ics = _ics(client, cast)
        assert "SUMMARY:Samling Hell" in ics and "LOCATION:Scandic Hell" in ics
        assert int(ics.split("SEQUENCE:")[1].split("\r\n")[0]) > sequence_before
    del client.cookies["django_language"]
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
