"""Date fields in a browser asking for Norwegian: typed as dd.mm.åååå and saved, and the calendar
button (static/js/dateinput.js) writes the chosen day back as dd.mm.åååå, which autosave notices.

showPicker() opens nothing in headless Chromium, so the tests choose a day the way the browser's
calendar does: they set the hidden native date input's value and dispatch `change`."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from packages.models import Answer, Package, Question
from packages.services import package_copy_from_library
from teams.models import TeamMeeting
from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHOOSE = """([selector, iso]) => {
    const picker = document.querySelector(selector).closest(".ln-date").querySelector(".ln-date-picker");
    picker.value = iso;
    picker.dispatchEvent(new Event("input", {bubbles: true}));
    picker.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def test_a_meeting_date_typed_as_norwegian_is_saved(ui, live_server, cast):
    errors = []
    ui.page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/teams/{cast.team_a.pk}/meetings/new/")

    held_on = ui.get_by_label("Dato for møtet")
    expect(held_on).to_have_attribute("type", "text")
    expect(held_on).to_have_attribute("placeholder", "dd.mm.åååå")
    # The calendar button sits next to every date field, the tasks' due dates too.
    buttons = ui.get_by_role("button", name="Velg dato")
    expect(buttons).to_have_count(ui.locator("input[data-date-input]").count())
    buttons.first.click()  # opens the browser's calendar where there is one; never an error

    # A day chosen in the calendar comes back as dd.mm.åååå, with input and change events.
    ui.evaluate("""() => {
        window.dateEvents = [];
        const field = document.getElementById("id_held_on");
        ["input", "change"].forEach(t => field.addEventListener(t, () => window.dateEvents.push(t)));
    }""")
    ui.evaluate(CHOOSE, ["#id_held_on", "2026-03-05"])
    expect(held_on).to_have_value("05.03.2026")
    assert ui.evaluate("() => window.dateEvents") == ["input", "change"]

    # Typed by hand, the Norwegian way, without leading zeros.
    held_on.fill("7.12.2026")
    ui.get_by_label("Tittel").fill("Teammøte i desember")
    ui.get_by_role("button", name="Lagre møtet").click()
    ui.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting = TeamMeeting.objects.get(team=cast.team_a)
    assert meeting.held_on == datetime.date(2026, 12, 7)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/teams/{cast.team_a.pk}/meetings/{meeting.pk}/edit/")
    expect(ui.get_by_label("Dato for møtet")).to_have_value("07.12.2026")
    ui.screenshot("date-input-meeting")
    assert errors == []


def test_a_date_chosen_in_the_calendar_is_autosaved_in_the_workspace(ui, live_server, cast):
    package = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    Package.objects.filter(pk=package.pk).update(status=Package.Status.PUBLISHED)
    question = Question.objects.create(task=package.tasks.first(), kind="dato", text="Når startet teamet?", order=9)
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/packages/{package.pk}/teams/{cast.team_a.pk}/")

    field = ui.locator(f"#q-{question.pk}")
    expect(field).to_have_attribute("placeholder", "dd.mm.åååå")
    ui.evaluate(CHOOSE, [f"#q-{question.pk}", "2026-09-01"])
    expect(field).to_have_value("01.09.2026")
    block = ui.locator(f".ln-question[data-question='{question.pk}']")
    expect(block.locator(".ln-save-status")).to_contain_text("Lagret")
    assert Answer.objects.get(question=question).value == "2026-09-01"

    # A wrong spelling is refused by the server with the message; the text stays.
    field.fill("09/01/2026")
    field.blur()
    expect(block.locator(".ln-save-status")).to_contain_text("Skriv datoen som dd.mm.åååå")
    expect(field).to_have_value("09/01/2026")
    assert Answer.objects.get(question=question).value == "2026-09-01"

    # An interview row added in the page (a copy of the last, its calendar button included) works too.
    interview = Question.objects.get(task__package=package, kind="intervju")
    ui.get_by_role("button", name="Legg til et intervju").click()
    second = ui.locator(f"#q-{interview.pk}-e1-date")
    expect(second.locator("xpath=..").get_by_role("button", name="Velg dato")).to_have_count(1)
    ui.evaluate(CHOOSE, [f"#q-{interview.pk}-e1-date", "2026-10-15"])
    expect(second).to_have_value("15.10.2026")
    expect(ui.locator(f"#q-{interview.pk}-e0-date")).to_have_value("")
    iblock = ui.locator(f".ln-question[data-question='{interview.pk}']")
    expect(iblock.locator(".ln-save-status")).to_contain_text("Lagret")
    assert Answer.objects.get(question=interview).value[0]["date"] == "2026-10-15"
    ui.screenshot("date-input-workspace")


def test_a_package_deadline_is_typed_as_a_date_and_a_time(ui, live_server, cast):
    package = package_copy_from_library(
        gathering=cast.gathering, key="fp1-2014", deadline=timezone.now() + datetime.timedelta(days=7), by=None
    )
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/packages/{package.pk}/edit/")
    deadline = ui.get_by_role("group", name="Frist")
    deadline.get_by_role("textbox", name="Dato").fill("7.12.2026")
    deadline.get_by_role("textbox", name="Tid").fill("9.30")
    expect(deadline.get_by_role("button", name="Velg dato")).to_be_visible()
    ui.screenshot("date-input-deadline")
    ui.locator("#id_deadline_0").evaluate("field => field.form.requestSubmit()")
    ui.wait_for_url(re.compile(rf"/packages/{package.pk}/$"))
    package.refresh_from_db()
    assert timezone.localtime(package.deadline).replace(tzinfo=None) == datetime.datetime(2026, 12, 7, 9, 30)
