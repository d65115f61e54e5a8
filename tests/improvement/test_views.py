"""The improvement pages as people use them: forms that keep what was typed, values with a decimal
comma, drafts hidden from the network, the export of aggregates."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from improvement.models import ImprovementArea, Measure, MeasureValue
from improvement.services import improvement_object_save, measure_value_save, measure_values_submit

pytestmark = pytest.mark.django_db


def last_month() -> datetime.date:
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def url(cast, name, **kwargs):
    return reverse(f"improvement:{name}", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk, **kwargs})


def test_a_refused_form_keeps_everything_typed(cast, client):
    client.force_login(cast.team_member)
    typed = {"kind": "eget", "title": "Pasient 01019010046", "background": "Lang tekst som ikke skal forsvinne"}
    response = client.post(url(cast, "area-create"), typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lang tekst som ikke skal forsvinne" in page and "Pasient 01019010046" in page
    assert not ImprovementArea.objects.exists()


def test_a_value_with_a_decimal_comma_and_a_refused_one(cast, client):
    measure = improvement_object_save(
        obj=Measure(), data={"title": "Ventetid", "kind": "tall", "unit": "dager"}, by=None, team=cast.team_a
    )
    client.force_login(cast.coordinator)
    month = last_month().strftime("%Y-%m")
    response = client.post(url(cast, "measure", obj_pk=measure.pk), {"period": month, "value": "12,5"})
    assert response.status_code == 302
    assert MeasureValue.objects.get().value == Decimal("12.5")
    response = client.post(url(cast, "measure", obj_pk=measure.pk), {"period": month, "value": "1E+999999999"})
    assert response.status_code == 400 and "1E+999999999" in response.content.decode()
    response = client.post(url(cast, "measure", obj_pk=measure.pk), {"period": "2099-01", "value": "3"})
    assert response.status_code == 400
    assert MeasureValue.objects.get().value == Decimal("12.5")


def test_the_project_group_sees_no_drafts_and_no_forms(cast, client):
    measure = improvement_object_save(obj=Measure(), data={"title": "Brukerpanelmøter"}, by=None, team=cast.team_a)
    measure_value_save(measure=measure, period=last_month(), value=Decimal(4), by=None)
    client.force_login(cast.project_group)
    page = client.get(url(cast, "measure", obj_pk=measure.pk)).content.decode()
    assert 'id="value-form"' not in page and 'id="data-table"' not in page
    assert client.get(url(cast, "measure-edit", obj_pk=measure.pk)).status_code == 403
    client.force_login(cast.team_member)
    page = client.get(url(cast, "measure", obj_pk=measure.pk)).content.decode()
    assert 'id="value-form"' in page and 'id="data-table"' in page


def test_the_export_has_submitted_aggregates_only(cast, client):
    measure = improvement_object_save(obj=Measure(), data={"title": "Henvisninger"}, by=None, team=cast.team_a)
    measure_value_save(measure=measure, period=last_month(), value=Decimal(7), by=None)
    measure_values_submit(measure=measure, by=None)
    other = improvement_object_save(obj=Measure(), data={"title": "Utkastmåling"}, by=None, team=cast.team_b)
    measure_value_save(measure=other, period=last_month(), value=Decimal(99), by=None)
    client.force_login(cast.observer)
    response = client.get(reverse("improvement:network-export", kwargs={"slug": cast.network.slug}))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Team", "Måling")
    assert [(r[0], r[1], r[6]) for r in rows[1:]] == [(cast.team_a.name, "Henvisninger", 7)]
    disposition = response["Content-Disposition"]
    assert disposition.endswith('.xlsx"') and "forbedringsarbeid" in disposition
