"""A team measures an improvement: it adds a measure, enters twelve months, sees the shift
signalled once the sixth point lies on one side of the median, records a PDSA cycle and sees its
marker on the run chart; the chart's data is a table a screen reader finds by its name. axe-core
checks every page; the project group sees the team on the network's page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from improvement.models import Measure, MeasureValue
from tests.browser.conftest import AccessiblePage, login
from tests.learningnet.factories import DEFAULT_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Six months around 2–3, then six around 8–9: the sixth high month makes the shift.
VALUES = [3, 2, 3, 2, 3, 2, 8, 9, 8, 9, 8, 9]


def months_back(n: int) -> list[datetime.date]:
    month = timezone.localdate().replace(day=1)
    months = []
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def enter(ui, month: datetime.date, value: int) -> None:
    ui.locator("#id_period").fill(month.strftime("%Y-%m"))
    ui.locator("#id_value").fill(str(value))
    ui.locator("#value-form button[type=submit]").click()
    ui.wait_for_url(re.compile(r"#values$"))


def test_team_sees_a_shift_and_its_pdsa_marker(ui, live_server, cast, browser):
    login(ui, live_server, cast.coordinator.email, DEFAULT_PASSWORD)
    ui.goto(f"{live_server.url}/n/{cast.network.slug}/improvement/teams/{cast.team_a.pk}/")
    ui.get_by_role("link", name="Legg til en måling").first.click()
    ui.locator("#id_title").fill("Tid til første samtale")
    ui.locator("#id_direction").select_option("down")
    ui.locator("#improvement-form button[type=submit]").click()
    measure = Measure.objects.get(team=cast.team_a)
    ui.wait_for_url(re.compile(rf"/measures/{measure.pk}/$"))

    months = months_back(12)
    for month, value in zip(months[:11], VALUES[:11], strict=True):
        enter(ui, month, value)
    # Five points above the median are no shift yet.
    expect(ui.locator("#signal-summary")).not_to_contain_text("Skift")
    enter(ui, months[11], VALUES[11])
    expect(ui.locator("#signal-summary")).to_contain_text("Skift")
    assert MeasureValue.objects.filter(measure=measure, status="draft").count() == 12

    # The data behind the chart, by its accessible name; the shift is named on its rows.
    table = ui.get_by_role("table", name=re.compile("Tid til første samtale"))
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(table.locator("tbody tr").first).to_contain_text("Skift")
    chart = ui.locator("figure.ln-runchart svg[role=img]")
    expect(chart).to_be_visible()
    expect(ui.locator("figure.ln-runchart")).to_contain_text("IHI")

    # A PDSA cycle from the month the change began: a numbered marker on the chart.
    ui.get_by_role("link", name="Registrer en PDSA-sirkel").click()
    ui.locator("#id_title").fill("Felles henvisningsmøte")
    ui.locator("#id_starts_on").fill(months[6].strftime("%d.%m.%Y"))
    ui.locator("#id_prediction").fill("Ventetiden går ned innen tre måneder")
    ui.locator("#improvement-form button[type=submit]").click()
    ui.wait_for_url(re.compile(rf"/measures/{measure.pk}/$"))
    expect(ui.locator("figure.ln-runchart [data-pdsa]")).to_have_count(1)
    expect(ui.locator("main")).to_contain_text("Felles henvisningsmøte")

    # Submitted, the network sees it.
    ui.get_by_role("button", name=re.compile("Send inn 12")).click()
    assert MeasureValue.objects.filter(measure=measure, status="submitted").count() == 12
    ui.screenshot("improvement-measure")

    lead = AccessiblePage(browser.new_context(locale="nb-NO").new_page())
    login(lead, live_server, cast.project_group.email, DEFAULT_PASSWORD)
    lead.goto(f"{live_server.url}/n/{cast.network.slug}/improvement/")
    section = lead.locator(f"#team-{cast.team_a.pk}").locator("xpath=..")
    expect(section).to_contain_text("Signal")
    expect(section.locator("svg[role=img]")).to_have_count(1)
    lead.screenshot("improvement-network")
    lead.check()
    assert not lead.violations, lead.violations
