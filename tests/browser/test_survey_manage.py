"""The project group reads a survey's results: the figures in Norwegian format, a breakdown by
B3 in which groups under five are not shown, and a table beside every chart; axe-core checks
each page it visits."""

import pytest
from playwright.sync_api import expect

from learningnet.demo.surveys import INVITED
from surveys.services import responses_import, survey_create
from tests.browser.conftest import login
from tests.learningnet.factories import DEFAULT_PASSWORD
from tests.surveys.test_results import responses_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_group_reads_the_results(ui, live_server, cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=INVITED, by=None)
    responses_import(survey=survey, rows=responses_for(survey), by=None)
    login(ui, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/surveys/")
    expect(ui.get_by_text("35 av 110 (31,8 %)")).to_be_visible()
    ui.get_by_role("link", name="Resultater").first.click()
    expect(ui.get_by_role("table", name="Fordeling for O1")).to_be_visible()
    ui.get_by_label("Bryt ned etter").select_option("B3")
    ui.get_by_role("button", name="Vis").click()
    expect(ui.get_by_text("færre enn fem svar – vises ikke").first).to_be_visible()
