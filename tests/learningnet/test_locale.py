"""Every Norwegian spelling a browser sends gets bokmål; English stays English."""

from __future__ import annotations

import pytest

from core.locale import norwegian_as_bokmal


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["no-NO,en;q=0.8", "nn-NO,nn;q=0.9,en;q=0.8", "no", "nb-NO", "NN", "en-GB;q=0.5,nn;q=0.9"],
)
def test_norwegian_tags_get_the_login_page_in_bokmal(client, header):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=header)
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "nb"
    assert 'lang="nb"' in page.content.decode()


@pytest.mark.django_db
def test_english_first_stays_english(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,nn;q=0.5")
    assert page.headers["Content-Language"] == "en"


def test_the_rewrite_keeps_qualities_and_leaves_other_tags_alone():
    assert norwegian_as_bokmal("nn-NO,nn;q=0.9,en;q=0.8") == "nb,nb;q=0.9,en;q=0.8"
    assert norwegian_as_bokmal("nl-NL,de;q=0.5") == "nl-NL,de;q=0.5"
    assert norwegian_as_bokmal("enn, no-bok") == "enn, nb"
