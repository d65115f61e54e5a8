"""The project group builds a two-day program with parallel sessions and publishes it;
a team member sees it on a phone and downloads the .ics."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OSLO = ZoneInfo("Europe/Oslo")


def add_session(ui, day_label, start, end, kind, title, room=""):
    ui.get_by_role("link", name="Legg til programpost").click()
    ui.locator("#id_day").select_option(label=day_label)
    ui.locator("#id_start_time").fill(start)
    ui.locator("#id_end_time").fill(end)
    ui.locator("#id_kind").select_option(kind)
    ui.locator("#id_title").fill(title)
    ui.locator("#id_room").fill(room)
    ui.get_by_role("button", name="Lagre").click()
    expect(ui.get_by_text(f"Lagret: {title}.")).to_be_visible()


def test_build_publish_and_read_on_a_phone(ui, live_server, cast):
    gathering = cast.gathering
    gathering.start_time, gathering.end_time = datetime.time(9, 0), datetime.time(16, 0)
    gathering.save()
    cast.session.delete()
    program_url = f"{live_server.url}{gathering.get_program_url()}"

    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(program_url)
    expect(ui.get_by_text("Utkast – bare prosjektgruppen ser det")).to_be_visible()
    add_session(ui, "17.09.2026", "09:00", "09:45", "plenum", "Åpning og velkommen")
    add_session(ui, "18.09.2026", "10:00", "11:00", "parallell", "Samhandling med DPS", "Sal A")
    add_session(ui, "18.09.2026", "10:00", "11:00", "parallell", "Brukerpanel i praksis", "Sal B")
    # A bad time keeps what was typed and says what is wrong.
    ui.get_by_role("link", name="Legg til programpost").click()
    ui.locator("#id_title").fill("Feil tid")
    ui.locator("#id_start_time").fill("12:00")
    ui.locator("#id_end_time").fill("11:00")
    ui.get_by_role("button", name="Lagre").click()
    expect(ui.get_by_text("Programposten må slutte etter at den starter.")).to_be_visible()
    expect(ui.locator("#id_title")).to_have_value("Feil tid")
    ui.goto(program_url)
    expect(ui.get_by_text("Parallelle rom: Sal A, Sal B")).to_be_visible()
    ui.screenshot("program-editor")
    # Publishing is confirmed on a page of its own that says what it means.
    ui.get_by_role("link", name="Publiser programmet…").click()
    expect(ui.get_by_role("heading", name="Publisere programmet?")).to_be_visible()
    ui.screenshot("program-publish-confirm")
    ui.get_by_role("button", name="Publiser programmet").click()
    expect(ui.get_by_text("Programmet er publisert")).to_be_visible()
    # Nothing has changed since: no button to publish changes.
    expect(ui.get_by_role("link", name="Publiser endring")).to_have_count(0)

    ui.context.clear_cookies()
    ui.set_viewport_size({"width": 390, "height": 844})
    login(ui, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    ui.goto(program_url)
    expect(ui.get_by_text("Samhandling med DPS")).to_be_visible()
    expect(ui.get_by_text("Brukerpanel i praksis")).to_be_visible()
    expect(ui.get_by_role("link", name="Publiser programmet…")).to_have_count(0)
    ui.screenshot("program-phone")
    with ui.expect_download() as download_info:
        ui.get_by_role("link", name="Legg til i kalenderen (.ics)").click()
    calendar = Calendar.from_ical(download_info.value.path().read_bytes())
    first, second = calendar.walk("VEVENT")  # one event per day of the two-day gathering
    event = first
    assert event.decoded("dtstart") == datetime.datetime(2026, 9, 17, 9, 0, tzinfo=OSLO)
    assert event.decoded("dtend") == datetime.datetime(2026, 9, 17, 16, 0, tzinfo=OSLO)
    assert second.decoded("dtend") == datetime.datetime(2026, 9, 18, 16, 0, tzinfo=OSLO)
    assert event.decoded("dtstart").utcoffset() == datetime.timedelta(hours=2)
