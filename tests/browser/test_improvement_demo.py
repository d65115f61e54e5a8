"""The Trøndelag demo's improvement work in the browser, on a desktop and on a 390 px phone: Fosen's
page as its coordinator sees it, and every team's measures as the project group sees them. axe-core
checks every page, nothing overflows the phone's width, and the screenshots are the ones in docs/."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from learningnet.demo.data import DEMO_PASSWORD
from networks.models import Network
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def page_width(ui) -> int:
    return ui.evaluate("document.documentElement.scrollWidth")


def test_the_demos_improvement_pages_on_a_desktop_and_a_phone(ui, live_server):
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    network = Network.objects.get(slug="trondelag-2019")
    fosen = network.teams.get(name="Fosen")

    login(ui, live_server, "koordinator@demo.laeringsnett.no", DEMO_PASSWORD)
    ui.set_viewport_size(DESKTOP)
    ui.goto(f"{live_server.url}/n/{network.slug}/improvement/teams/{fosen.pk}/")
    expect(ui.locator("#plan")).to_contain_text("Sømløs henvisningsteam/møte")
    expect(ui.locator("#measures svg[role=img]")).to_have_count(2)
    expect(ui.locator("#measures .badge").first).to_contain_text("signal")
    expect(ui.locator("#pdsa tbody tr")).to_have_count(3)
    ui.screenshot("improvement-team-desktop")
    ui.set_viewport_size(PHONE)
    assert page_width(ui) <= PHONE["width"]
    ui.screenshot("improvement-team-phone")

    ui.context.clear_cookies()
    login(ui, live_server, "prosjektgruppe@demo.laeringsnett.no", DEMO_PASSWORD)
    ui.set_viewport_size(DESKTOP)
    ui.goto(f"{live_server.url}/n/{network.slug}/improvement/")
    expect(ui.locator("main svg[role=img]")).to_have_count(8)  # every team's measures
    ui.screenshot("improvement-network-desktop")
    ui.set_viewport_size(PHONE)
    assert page_width(ui) <= PHONE["width"]
    ui.screenshot("improvement-network-phone")
