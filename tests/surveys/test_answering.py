"""The respondents' pages: the open link and a personal link, page by page without JavaScript,
autosave, conditions, and bad input (a closed survey, a used link, a value outside the scale, a
forged question, a double tap on «Send»): a clear message, nothing stored twice, nothing lost."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import PanelMember, Response, Survey
from surveys.services import panel_token, survey_close, survey_create, survey_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=110, by=None)
    return survey_open(survey=survey, by=None)


def open_url(survey: Survey) -> str:
    return reverse("answer:open", kwargs={"token": survey.open_token})


def form_of(page) -> dict:
    html = page.content.decode()
    return {
        "key": re.search(r'name="key" value="([^"]+)"', html).group(1),
        "side": re.search(r'name="side" value="(\d+)"', html).group(1),
    }


FIRST_PAGE = {"q-B1": "Hele perioden", "q-B2": "Forbedringsteam", "q-B3": "Kommune", "q-B5": "Annet"}


def answer_first_page(client, survey, **extra):
    page = client.get(open_url(survey))
    return client.post(open_url(survey), {**form_of(page), **FIRST_PAGE, **extra, "action": "next"})


def test_the_open_link_needs_no_login_and_shows_the_first_page_with_its_progress(client, final):
    page = client.get(open_url(final))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Om deg" in html and "Side 1 av 3" in html
    assert 'name="q-B1"' in html and 'value="Første del"' in html
    assert "private" in page["Cache-Control"] and "no-store" in page["Cache-Control"]
    assert not Response.objects.exists(), "showing a page writes nothing"


def test_page_by_page_without_javascript_then_send_counts_one_response(client, final):
    moved = answer_first_page(client, final)
    assert moved.status_code == 302 and moved["Location"].endswith("?side=2")
    draft = Response.objects.get()
    assert draft.status == Response.Status.DRAFT and draft.answers["B1"] == "Hele perioden"

    page2 = client.get(moved["Location"])
    html = page2.content.decode()
    assert "Side 2 av 3" in html and 'name="q-O2.a"' in html, "O2 is shown: B2 was Forbedringsteam"
    assert 'value="Hele perioden" checked' not in html
    fields = {**form_of(page2), "q-O1": "5", "q-O3": "Ja", "q-O3a": "Mer samarbeid på tvers.", "q-O4.a": "vet ikke"}
    moved = client.post(moved["Location"], {**fields, "action": "next"})
    assert moved["Location"].endswith("?side=3")

    page3 = client.get(moved["Location"])
    assert "Send svarene" in page3.content.decode()
    sent = client.post(moved["Location"], {**form_of(page3), "q-E5": "4", "action": "send"})
    assert sent.status_code == 302
    thanks = client.get(sent["Location"])
    assert "Takk for svarene" in thanks.content.decode()

    response = Response.objects.get()
    assert response.status == Response.Status.SUBMITTED and response.channel == Response.Channel.OPEN
    assert response.answers == {
        "B1": "Hele perioden",
        "B2": "Forbedringsteam",
        "B3": "Kommune",
        "B5": "Annet",
        "O1": 5,
        "O3": "Ja",
        "O3a": "Mer samarbeid på tvers.",
        "O4.a": "vet ikke",
        "E5": 4,
    }


def test_going_back_shows_what_was_saved_and_a_required_question_stops_next_but_not_back(client, final):
    moved = answer_first_page(client, final)
    page2 = client.get(moved["Location"])
    back = client.post(moved["Location"], {**form_of(page2), "q-O1": "3", "action": "prev"})
    assert back["Location"].endswith("?side=1")
    page1 = client.get(back["Location"]).content.decode()
    assert 'value="Hele perioden" checked' in page1
    assert Response.objects.get().answers["O1"] == 3, "the page left by «Forrige» was saved too"

    again = client.post(
        back["Location"], {**form_of(client.get(back["Location"])), **FIRST_PAGE, "q-B1": "", "action": "next"}
    )
    assert again.status_code == 200
    html = again.content.decode()
    assert "Svar på dette spørsmålet for å gå videre." in html and 'href="#f-B1"' in html
    assert 'value="Kommune" checked' in html, "the other answers are shown again"


def test_a_value_outside_the_scale_is_refused_next_to_the_question_and_the_rest_is_kept(client, final):
    moved = answer_first_page(client, final)
    page2 = client.get(moved["Location"])
    refused = client.post(moved["Location"], {**form_of(page2), "q-O1": "9", "q-O5": "2", "action": "next"})
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Velg en verdi fra 1 til 6." in html
    assert Response.objects.get().answers["O5"] == 2 and "O1" not in Response.objects.get().answers


def test_a_forged_question_is_not_stored_and_says_so(client, final):
    page = client.get(open_url(final))
    forged = client.post(open_url(final), {**form_of(page), **FIRST_PAGE, "q-X99": "1", "action": "next"})
    assert forged.status_code == 400
    assert "ikke finnes i denne undersøkelsen" in forged.content.decode()
    answers = Response.objects.get().answers
    assert "X99" not in answers and answers["B1"] == "Hele perioden"


def test_a_double_tap_on_send_stores_one_response(client, final):
    page = client.get(open_url(final))
    fields = {**form_of(page), **FIRST_PAGE}
    client.post(open_url(final), {**fields, "action": "next"})
    # Both taps carry the same key (the page's); the second finds the response sent.
    for _tap in range(2):
        sent = client.post(open_url(final), {**fields, "side": "3", "q-E5": "6", "action": "send"})
        assert sent.status_code == 302
    assert Response.objects.filter(status=Response.Status.SUBMITTED).count() == 1
    assert Response.objects.count() == 1


def test_two_taps_of_a_new_respondent_make_one_draft_even_without_a_cookie(client, final):
    key = form_of(client.get(open_url(final)))["key"]
    client.cookies.clear()
    for _tap in range(2):
        client.post(open_url(final), {"key": key, "side": "1", **FIRST_PAGE, "action": "next"})
    assert Response.objects.count() == 1


def test_autosave_keeps_each_answer_as_it_is_given(client, final):
    page = client.get(open_url(final))
    saved = client.post(open_url(final), {**form_of(page), "q-B1": "Andre del", "action": "autosave"})
    assert saved.status_code == 200 and saved.json() == {"saved": True, "errors": {}}
    refused = client.post(open_url(final), {**form_of(page), "q-B1": "Tredje del", "action": "autosave"})
    assert refused.status_code == 400 and "B1" in refused.json()["errors"]
    assert Response.objects.get().answers == {"B1": "Andre del"}
    # The phone locked; the link is opened again: the answer is there.
    assert 'value="Andre del" checked' in client.get(open_url(final)).content.decode()


def test_a_condition_on_an_earlier_page_hides_its_question(client, final):
    moved = answer_first_page(client, final, **{"q-B2": "Arbeidsgruppe", "q-B5": ""})
    html = client.get(moved["Location"]).content.decode()
    assert 'name="q-O2.a"' not in html, "O2 is for improvement teams only"
    # On the same page, O3a/O3b are shown with their condition for a browser without JavaScript.
    assert 'data-show-if-code="O3"' in html and "Svar bare hvis du valgte Ja ovenfor." in html


def test_a_closed_survey_says_so_and_stores_nothing(client, final):
    page = client.get(open_url(final))
    survey_close(survey=final, by=None)
    refused = client.post(open_url(final), {**form_of(page), **FIRST_PAGE, "action": "next"})
    assert refused.status_code == 410 and "Undersøkelsen er stengt" in refused.content.decode()
    assert client.get(open_url(final)).status_code == 410
    assert not Response.objects.exists()


def test_a_survey_not_opened_yet_says_when(client, cast):
    survey = survey_create(network=cast.network, template_key="sluttevaluering", invited=110, by=None)
    later = timezone.now() + datetime.timedelta(days=2)
    survey_open(survey=survey, by=None, opens_at=later)
    page = client.get(open_url(survey))
    assert page.status_code == 200 and "Undersøkelsen er ikke åpnet ennå" in page.content.decode()
    assert client.get(reverse("answer:open", kwargs={"token": "no-such-token"})).status_code == 404


def test_a_personal_link_marks_its_member_and_cannot_be_used_twice(client, final, cast):
    member = PanelMember.objects.create(survey=final, user=cast.team_member, approved=True)
    url = reverse("answer:personal", kwargs={"token": panel_token(member)})
    page = client.get(url)
    assert page.status_code == 200
    sent = client.post(url, {**form_of(page), **FIRST_PAGE, "side": "3", "action": "send"})
    assert sent.status_code == 302
    member.refresh_from_db()
    assert member.answered
    response = Response.objects.get()
    assert response.channel == Response.Channel.PERSONAL and response.status == Response.Status.SUBMITTED

    other_phone = client.__class__()
    used = other_phone.get(url)
    assert "Denne personlige lenken er brukt" in used.content.decode()
    again = other_phone.post(url, {**form_of(other_phone.get(open_url(final))), **FIRST_PAGE, "action": "send"})
    assert again.status_code == 200 and Response.objects.count() == 1
    assert client.get(reverse("answer:personal", kwargs={"token": "forged"})).status_code == 404


def test_after_sending_on_a_shared_phone_a_new_response_can_be_started(client, final):
    page = client.get(open_url(final))
    client.post(open_url(final), {**form_of(page), **FIRST_PAGE, "side": "3", "action": "send"})
    restart = client.post(open_url(final), {"action": "restart"})
    assert restart.status_code == 302
    assert "Side 1 av 3" in client.get(open_url(final)).content.decode()


def test_answering_a_page_uses_a_constant_number_of_queries(client, final, django_assert_max_num_queries):
    """The same for one question or forty (all read at once), and for the 300th respondent."""
    page = client.get(open_url(final))
    with django_assert_max_num_queries(18):
        client.post(open_url(final), {**form_of(page), **FIRST_PAGE, "action": "next"})
    with django_assert_max_num_queries(18):
        client.post(open_url(final), {**form_of(page), "side": "3", "action": "send"})
