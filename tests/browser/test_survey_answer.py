"""A participant answers the final survey on a phone (390 px): through the open link, page by
page, with JavaScript (answers saved as they are given, conditional questions appear) and
without it (every button saves the page). axe-core checks every page visited."""

import pytest
from playwright.sync_api import expect

from surveys.models import Response
from surveys.services import survey_create, survey_open
from tests.browser.conftest import AccessiblePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def final(cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=110, by=None)
    return survey_open(survey=survey, by=None)


def phone(browser, *, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, locale="nb-NO", java_script_enabled=javascript, is_mobile=True)
    page = context.new_page()
    # axe-core is a script: it cannot run where scripts are off (the page itself works there).
    return AccessiblePage(page) if javascript else page


def no_sideways_scroll(ui) -> None:
    assert ui.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def finish(ui) -> None:
    ui.check()
    assert not ui.violations, ui.violations


def test_answering_on_a_phone_with_javascript(browser, live_server, final):
    ui = phone(browser, javascript=True)
    url = f"{live_server.url}/s/{final.open_token}/"
    ui.goto(url)
    expect(ui.get_by_text("Side 1 av 3")).to_be_visible()
    ui.get_by_label("Hele perioden", exact=True).check()
    expect(ui.locator("#ln-save-status")).to_have_text("Lagret")
    # B5 is asked of improvement teams only: hidden until B2 says so.
    b5 = ui.locator("#f-B5")
    expect(b5).to_be_hidden()
    ui.get_by_label("Forbedringsteam", exact=True).check()
    expect(b5).to_be_visible()
    with ui.page.expect_response(lambda r: r.request.method == "POST") as saved:
        ui.get_by_label("Kommune", exact=True).check()
    assert saved.value.json()["saved"]
    expect(ui.locator("#ln-save-status")).to_have_text("Lagret")
    ui.screenshot("survey-answer-phone-1")
    no_sideways_scroll(ui)

    # The phone locks, the link is opened again: the answers are there.
    ui.goto(url)
    expect(ui.get_by_label("Hele perioden")).to_be_checked()
    ui.get_by_role("button", name="Neste").click()

    expect(ui.get_by_text("Side 2 av 3")).to_be_visible()
    ui.locator("#f-O1").get_by_text("5", exact=True).click()
    o3a = ui.locator("#f-O3a")
    expect(o3a).to_be_hidden()
    ui.locator("#f-O3").get_by_label("Ja").check()
    expect(o3a).to_be_visible()
    o3a.locator("textarea").fill("Vi lærte av de andre teamene.")
    ui.screenshot("survey-answer-phone-2")
    no_sideways_scroll(ui)
    ui.get_by_role("button", name="Neste").click()

    expect(ui.get_by_text("Side 3 av 3")).to_be_visible()
    ui.locator("#f-E5").get_by_text("4", exact=True).click()
    ui.get_by_role("button", name="Send svarene").dblclick()
    expect(ui.get_by_role("heading", name="Takk for svarene!")).to_be_visible()
    ui.screenshot("survey-answer-phone-sent")
    finish(ui)

    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.answers["O3a"] == "Vi lærte av de andre teamene." and response.answers["E5"] == 4


def test_answering_on_a_phone_without_javascript(browser, live_server, final):
    ui = phone(browser, javascript=False)
    url = f"{live_server.url}/s/{final.open_token}/"
    ui.goto(url)
    # Without the script the conditional question is shown with its condition.
    expect(ui.get_by_text("Svar bare hvis du valgte Forbedringsteam ovenfor.")).to_be_visible()
    ui.get_by_role("button", name="Neste").click()
    # B1 and B3 are required: the page comes back with the errors listed and linked.
    expect(ui.get_by_role("alert")).to_contain_text("2 svar må ses på")
    ui.get_by_label("Første del").check()
    ui.get_by_label("Kommune", exact=True).check()
    ui.get_by_role("button", name="Neste").click()
    expect(ui.get_by_text("Side 2 av 3")).to_be_visible()
    ui.locator("#f-O5").get_by_text("3", exact=True).click()
    ui.get_by_role("button", name="Neste").click()
    ui.get_by_role("button", name="Forrige").click()
    expect(ui.locator("#f-O5").get_by_label("3")).to_be_checked()
    ui.get_by_role("button", name="Neste").click()
    ui.get_by_role("button", name="Send svarene").click()
    expect(ui.get_by_role("heading", name="Takk for svarene!")).to_be_visible()

    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.answers == {"B1": "Første del", "B3": "Kommune", "O5": 3}


def test_the_pages_as_drawn_without_our_script_pass_axe(browser, live_server, final):
    """What a browser without JavaScript gets (conditions shown with their hint, the errors
    listed), checked by axe-core in a browser that runs axe but not survey.js."""
    ui = phone(browser)
    ui.page.context.route("**/js/survey.js", lambda route: route.abort())
    ui.goto(f"{live_server.url}/s/{final.open_token}/")
    expect(ui.get_by_text("Svar bare hvis du valgte Forbedringsteam ovenfor.")).to_be_visible()
    ui.get_by_role("button", name="Neste").click()
    expect(ui.get_by_role("alert")).to_contain_text("2 svar må ses på")
    ui.screenshot("survey-answer-phone-errors")
    no_sideways_scroll(ui)
    finish(ui)
