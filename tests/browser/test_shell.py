"""The UI shell in real Chromium: log in, dashboard in Norwegian, switch to English."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_group_dashboard_in_norwegian_then_english(ui, live_server, cast):
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    expect(ui.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    ui.get_by_role("link", name=cast.network.name).first.click()
    expect(ui.get_by_role("heading", level=1)).to_have_text(cast.network.name)
    expect(ui.get_by_role("heading", name="Samlinger")).to_be_visible()
    expect(ui.locator("html")).to_have_attribute("lang", "nb")
    ui.screenshot("dashboard-nb")

    ui.get_by_role("button", name="English").click()
    expect(ui.get_by_role("heading", name="Gatherings")).to_be_visible()
    expect(ui.locator("html")).to_have_attribute("lang", "en")
    ui.screenshot("dashboard-en")


def test_login_error_keeps_email_and_speaks_norwegian(ui, live_server, cast):
    ui.goto(f"{live_server.url}/accounts/login/")
    ui.get_by_label("E-post").fill(cast.coordinator.email)
    ui.get_by_label("Passord").fill("feil-passord")
    ui.get_by_role("button", name="Logg inn").click()
    expect(ui.get_by_text("Feil e-post eller passord")).to_be_visible()
    expect(ui.get_by_label("E-post")).to_have_value(cast.coordinator.email)
    ui.screenshot("login-error")


def test_team_member_sees_team_on_a_phone(ui, live_server, cast):
    ui.set_viewport_size({"width": 390, "height": 844})
    login(ui, live_server, cast.team_member.email, DEFAULT_PASSWORD)
    ui.get_by_role("link", name="Fosen").first.click()
    expect(ui.get_by_role("heading", level=1)).to_have_text("Fosen")
    ui.screenshot("team-phone")


def test_project_group_invites_a_person(ui, live_server, cast, mailoutbox):
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/invite/")
    ui.get_by_label("E-post").fill("ny.koordinator@eksempel.no")
    ui.get_by_label("Navn").fill("Nora Nygård")
    ui.get_by_role("button", name="Send invitasjon").click()
    # No role chosen: a clear message, and what was typed is still there.
    expect(ui.get_by_text("Velg en rolle i nettverket")).to_be_visible()
    expect(ui.get_by_label("Navn")).to_have_value("Nora Nygård")
    ui.screenshot("invite-error")
    ui.get_by_label("Team", exact=True).select_option(label="Fosen")
    ui.get_by_label("Rolle i teamet").select_option(label="Koordinator")
    ui.get_by_role("button", name="Send invitasjon").click()
    expect(ui.get_by_text("Invitasjonen er sendt til ny.koordinator@eksempel.no")).to_be_visible()
