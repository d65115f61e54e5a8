import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.models import AuditLogEntry, Organisation, User
from gatherings.models import Gathering
from learningnet.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from networks.models import Network
from teams.models import Team, TeamMembership, TeamOrganisation

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count()
        for m in (Network, Organisation, Team, TeamMembership, TeamOrganisation, Gathering, User, AuditLogEntry)
    ]


@pytest.fixture
def demo(db):
    call_command("load_demo", allow_without_debug=True, verbosity=0)


def test_demo_is_idempotent_and_matches_the_source_reports(demo):
    first = counts()
    call_command("load_demo", allow_without_debug=True, verbosity=0)
    assert counts() == first
    trondelag = Network.objects.get(slug="trondelag-2019")
    assert trondelag.teams.count() == 6
    assert Gathering.objects.filter(network=trondelag).count() == 4
    assert trondelag.extensions.count() == 1
    national = Network.objects.get(slug="nasjonalt-2014")
    assert national.subnetworks.count() == 5
    # 59 distinct names are listed in Vedlegg 1 of the documentation of the national network 2014–2015
    # (Kunnskapssenteret, NAPHA and KS); Horten has two groups and SIBYN is one team.
    assert Team.objects.filter(network__parent=national).count() == 12 + 1 + 14 + 15 + 4 + 11
    assert Gathering.objects.filter(network__parent=national).count() == 15
    snasa = TeamOrganisation.objects.get(team__name="Inn-Trøndelag", organisation__name="Snåsa")
    assert str(snasa.ends_on) == "2020-12-31"


def test_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("email", [e for e, _ in DEMO_LOGINS if not e.startswith("admin")])
def test_every_demo_login_reaches_a_dashboard_with_demo_networks(demo, client, email):
    response = client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Trøndelag 2019–2021" in response.content.decode()


def test_english_switch_and_norwegian_formats(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("networks:network-detail", kwargs={"slug": cast.network.slug})
    assert "Samlinger" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    page = client.get(url).content.decode()
    assert "Gatherings" in page and '<html lang="en">' in page


def test_norwegian_number_format():
    from django.utils import formats, translation

    with translation.override("nb"):
        assert formats.number_format(4.69, 2) == "4,69"
        assert formats.number_format(1234567, use_l10n=True, force_grouping=True) in {"1 234 567", "1\xa0234\xa0567"}


def test_friendly_404_in_norwegian(client, cast):
    client.force_login(cast.outsider)
    response = client.get(reverse("networks:network-detail", kwargs={"slug": "finnes-ikke"}))
    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.content.decode()


def test_healthz_eager_default(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "not configured", "workers": "eager", "status": "ok"}


def test_healthz_503_when_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("down")
