"""The project group's survey pages: who sees what, the builder's refusal once responses exist,
the breakdown's five-respondent rule on the page and in the export, an import that refuses and
writes nothing, and a double click on «Remind» that sends once."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from core.models import OutboxMessage
from gatherings.models import Registration
from learningnet.demo.surveys import INVITED
from surveys.models import PanelMember, Question, Response, Survey
from surveys.services import panel_build, questions_of, responses_import, survey_create, survey_open
from tests.learningnet.factories import UserFactory
from tests.networks.factories import NetworkFactory, NetworkRoleFactory
from tests.surveys.test_results import responses_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=INVITED, by=None)
    responses_import(survey=survey, rows=responses_for(survey), by=None)
    return survey


@pytest.fixture
def draft(cast):
    return survey_create(network=cast.network, template_key="samlingsevaluering", gathering=cast.gathering, by=None)


def url(name, survey, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"slug": survey.network.slug, "pk": survey.pk, **kwargs})


def other_network_manager():
    other = NetworkFactory(name="Læringsnettverk Vestland", slug="vestland")
    return NetworkRoleFactory(network=other, role="project_group", user=UserFactory()).user


@pytest.mark.parametrize("name", ["survey", "preview", "results", "quotes", "screen", "panel", "import"])
def test_who_sees_each_page(name, final, cast, client):
    readable = name not in ("panel", "import")
    expected = {
        cast.project_group: 200,
        cast.observer: 200 if readable else 403,
        cast.team_member: 403,
        other_network_manager(): 404,
    }
    got = {}
    for user in expected:
        client.force_login(user)
        got[user] = client.get(url(name, final)).status_code
    assert got == expected


def test_the_list_shows_the_response_rate_in_norwegian(final, cast, client):
    client.force_login(cast.observer)
    page = client.get(reverse("surveys:list", kwargs={"slug": cast.network.slug})).content.decode()
    assert "35 av 110 (31,8 %)" in page
    assert "Ny undersøkelse" not in page  # read-only
    client.force_login(cast.project_group)
    page = client.get(reverse("surveys:list", kwargs={"slug": cast.network.slug})).content.decode()
    assert "Ny undersøkelse" in page


def test_a_gathering_evaluation_needs_its_gathering(cast, client):
    client.force_login(cast.project_group)
    new = reverse("surveys:create", kwargs={"slug": cast.network.slug})
    response = client.post(new, {"template": "samlingsevaluering", "title": "Min tittel"})
    assert response.status_code == 400
    assert "Velg samlingen" in response.content.decode()
    assert 'value="Min tittel"' in response.content.decode()  # nothing typed is lost
    response = client.post(new, {"template": "samlingsevaluering", "gathering": cast.gathering.pk})
    survey = Survey.objects.get(network=cast.network)
    assert response.status_code == 302 and survey.gathering == cast.gathering


def test_the_builder_adds_a_question_and_refuses_once_responses_exist(draft, cast, client):
    client.force_login(cast.project_group)
    section = draft.sections.order_by("order").last()
    data = {"code": "S4", "kind": "scale", "text": "Vil du anbefale samlingen?", "scale_min": 1, "scale_max": 5}
    response = client.post(url("question-create", draft, section_pk=section.pk), data)
    assert response.status_code == 302
    assert Question.objects.filter(section=section, code="S4").exists()
    # The same code again is refused with a message, and the text stays.
    response = client.post(url("question-create", draft, section_pk=section.pk), data)
    assert response.status_code == 400 and "allerede brukt" in response.content.decode()

    survey_open(survey=draft, by=None)
    Response.objects.create(survey=draft, status=Response.Status.SUBMITTED, answers={"S4": 5})
    response = client.post(url("question-create", draft, section_pk=section.pk), {**data, "code": "S5"})
    assert response.status_code == 400
    assert not Question.objects.filter(code="S5").exists()
    question = Question.objects.get(section=section, code="S4")
    response = client.post(url("builder-delete", draft), {"kind": "question", "obj_pk": question.pk})
    assert response.status_code == 302 and Question.objects.filter(pk=question.pk).exists()
    page = client.get(url("survey", draft)).content.decode()
    assert "kan ikke lenger endres" in page


def test_breakdown_hides_groups_under_five_on_the_page_and_in_the_export(final, cast, client):
    client.force_login(cast.observer)
    page = client.get(url("results", final), {"by": "B3"}).content.decode()
    # Brukerorganisasjon has 3 and Annet 4 respondents: their means are not shown.
    assert page.count("færre enn fem svar – vises ikke") >= 2
    assert "N = 3" in page and "4,69" in page

    export = client.get(url("results-export", final), {"by": "B3"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    small = [r for r in rows if r[0] == "B3: Brukerorganisasjon"]
    assert len(small) == 1 and small[0][1] in ("", None) and "vises ikke" in small[0][2]
    assert any(r[0] == "B3: Kommune" and r[1] == "E5" for r in rows)


def test_raw_export_is_for_the_project_group_and_guarded(final, cast, client):
    client.force_login(cast.observer)
    assert client.get(url("export", final, fmt="xlsx")).status_code == 403
    client.force_login(cast.project_group)
    export = client.get(url("export", final, fmt="xlsx"))
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 36 and "O1" in rows[0]
    csv = client.get(url("export", final, fmt="csv")).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("B1,")


def test_the_import_shows_row_numbered_errors_and_writes_nothing(draft, cast, client):
    client.force_login(cast.project_group)
    bad = b"S1.a;S1.b;S3\n4;5;Fint\n9;4;\n"
    upload = io.BytesIO(bad)
    upload.name = "questback.csv"
    response = client.post(url("import", draft), {"file": upload})
    assert response.status_code == 400
    assert "rad 3" in response.content.decode()
    assert not Response.objects.filter(survey=draft).exists()

    good = io.BytesIO(b"S1.a;S1.b;S3\n4;5;Fint\n3;4;\n")
    good.name = "questback.csv"
    response = client.post(url("import", draft), {"file": good})
    assert response.status_code == 200
    assert "2 svar er klare" in response.content.decode()
    assert not Response.objects.filter(survey=draft).exists()  # a preview writes nothing
    response = client.post(url("import", draft), {"confirm": "1"})
    assert response.status_code == 302
    assert Response.objects.filter(survey=draft, channel=Response.Channel.IMPORTED).count() == 2


def test_a_double_click_on_remind_sends_once(draft, cast, client):
    for user in (cast.coordinator, cast.team_member):
        Registration.objects.create(activity=cast.gathering, user=user, attended=True)
    panel_build(survey=draft, by=None)
    survey_open(survey=draft, by=None)
    client.force_login(cast.project_group)
    ids = list(PanelMember.objects.filter(survey=draft).values_list("pk", flat=True))
    client.post(url("panel-approve", draft), {"approved": ids})
    client.post(url("panel-invite", draft))
    client.post(url("panel-invite", draft))
    assert OutboxMessage.objects.filter(task="surveys.tasks.panel_mail_task").count() == 1
    client.post(url("panel-remind", draft))
    client.post(url("panel-remind", draft))
    assert OutboxMessage.objects.filter(task="surveys.tasks.panel_mail_task").count() == 2
    page = client.get(url("panel", draft)).content.decode()
    assert "2 invitert, 0 har svart" in page


def test_a_quote_keeps_its_original(final, cast, client):
    question = next(q for q in questions_of(final) if q.code == "E4f")
    rid, text = next((r.pk, r.answers["E4f"]) for r in final.responses.all() if "E4f" in r.answers)
    client.force_login(cast.project_group)
    client.post(url("quote-pick", final), {"response": rid, "code": question.code, "text": text[:10]})
    page = client.get(url("quotes", final)).content.decode()
    assert f"«{text[:10]}»" in page and f"«{text}»" in page


def test_the_qr_code_is_an_svg_data_uri():
    from surveys.views import qr_data_uri

    uri = qr_data_uri("https://laeringsnett.example/s/abc/")
    assert uri.startswith("data:image/svg+xml")


def test_times_typed_wrong_come_back_with_the_error_and_what_was_typed(draft, cast, client):
    client.force_login(cast.project_group)
    data = {"opens_at_0": "1.3.2027", "opens_at_1": "09:00", "closes_at_0": "03/15/2027", "closes_at_1": "12:00"}
    response = client.post(url("schedule", draft), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv datoen som dd.mm.åååå, for eksempel 07.12.2026." in page
    assert 'value="03/15/2027"' in page and 'value="1.3.2027"' in page
    # A deadline before the opening: the service's refusal at the field, the times still there.
    response = client.post(url("schedule", draft), {**data, "closes_at_0": "28.02.2027"})
    assert response.status_code == 400
    assert "Fristen må" in response.content.decode() and 'value="28.02.2027"' in response.content.decode()
    response = client.post(url("schedule", draft), {**data, "closes_at_0": "15.3.2027"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert f"{draft.opens_at.astimezone():%d.%m.%Y}" == "01.03.2027"
    assert (draft.closes_at - draft.opens_at).days == 14

    survey_open(survey=draft, by=None)
    extend = {"closes_at_0": "1.4.2027", "closes_at_1": "25:00", "reason": "Påske"}
    response = client.post(url("extend", draft), extend)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv klokkeslettet som tt:mm" in page and 'value="Påske"' in page
    assert page.count('id="id_closes_at_0"') == 1 and page.count('id="id_extend_closes_at_0"') == 1
    response = client.post(url("extend", draft), {**extend, "closes_at_1": "12:00"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.extensions.get().reason == "Påske"
