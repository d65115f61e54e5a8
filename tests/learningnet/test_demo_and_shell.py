import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.models import AuditLogEntry, Organisation, User
from gatherings.models import Activity, Gathering
from learningnet.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from networks.models import Network
from packages.models import Package
from reports.snapshots import network_status_snapshot
from teams.models import SupervisionSession, Team, TeamMembership, TeamOrganisation

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def counts():
    return [
        m.objects.count()
        for m in (Network, Organisation, Team, TeamMembership, TeamOrganisation, Gathering, User, AuditLogEntry)
    ]


@pytest.fixture
def demo(db, demo_database):
    """The demo, loaded once for this module (tests/conftest.py::demo_database)."""


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
    # (Kunnskapssenteret, NAPHA and KS); Horten has two groups, Time og Klepp and SIBYN are one team each.
    assert Team.objects.filter(network__parent=national).count() == 12 + 1 + 13 + 15 + 4 + 11
    assert Gathering.objects.filter(network__parent=national).count() == 15
    snasa = TeamOrganisation.objects.get(team__name="Inn-Trøndelag", organisation__name="Snåsa")
    assert str(snasa.ends_on) == "2020-12-31"


def test_demo_matches_the_trondelag_final_report_and_the_national_documentation(demo):
    """The facts a tester checked against the final report of the Trøndelag learning network
    2019–2021 (Sluttrapport, Statsforvalteren i Trøndelag and KS) and the documentation of the
    national network 2014–2015 (Kunnskapssenteret, NAPHA and KS)."""
    trondelag = Network.objects.get(slug="trondelag-2019")
    # Tabell 1: «two physical, one half-day digital and the last fully digital».
    modes = dict(Gathering.objects.filter(network=trondelag).values_list("number", "mode"))
    assert modes == {1: "fysisk", 2: "fysisk", 3: "digital", 4: "digital"}
    third = Gathering.objects.get(network=trondelag, number=3)
    assert third.starts_on == third.ends_on == datetime.date(2020, 11, 3)
    hours = datetime.datetime.combine(third.starts_on, third.end_time) - datetime.datetime.combine(
        third.starts_on, third.start_time
    )
    assert hours <= datetime.timedelta(hours=4)
    fourth = Gathering.objects.get(network=trondelag, number=4)
    assert (fourth.ends_on - fourth.starts_on).days == 1  # two days

    # Inn-Trøndelag had no representative from the health trust (5 of 6 teams had one): the
    # composition check of the status report says so, and no one is in the health-trust role.
    inn = trondelag.teams.get(name="Inn-Trøndelag")
    assert not inn.memberships.filter(role=TeamMembership.Role.HEALTH_TRUST).exists()
    snapshot = network_status_snapshot(network=trondelag, today=datetime.date(2021, 6, 5))
    health_trust = {t["name"]: t["composition"]["health_trust"] for t in snapshot["teams"]}
    assert health_trust == {
        "Fosen": True,
        "Inn-Trøndelag": False,
        "Orkland/Fjellregionen": True,
        "Trondheim": True,
        "Værnes": True,
        "Ytre Namdal": True,
    }

    # Orkland/Fjellregionen: no one from Hitra and Frøya took part (they stay in the region).
    orkland = trondelag.teams.get(name="Orkland/Fjellregionen")
    names = set(orkland.organisations.values_list("name", flat=True))
    assert {"Oppdal", "Rennebu", "Orkland", "Røros", "Holtålen"} <= names
    assert not names & {"Hitra", "Frøya"}
    assert {"Hitra", "Frøya"} <= set(
        Organisation.objects.filter(region_memberships__region__name="Orkdalsregionen").values_list("name", flat=True)
    )
    # Trondheim: no «NAV Trondheim» in the report.
    assert not Organisation.objects.filter(name="NAV Trondheim").exists()

    # Ytre Namdal went from three to two municipalities with the merger into Nærøysund (1.1.2020).
    ytre = trondelag.teams.get(name="Ytre Namdal")

    def municipalities_on(day):
        rows = TeamOrganisation.objects.active_on(day).filter(team=ytre, organisation__kind="kommune")
        return sorted(rows.values_list("organisation__name", flat=True))

    assert municipalities_on(datetime.date(2019, 10, 1)) == ["Leka", "Nærøy", "Vikna"]
    assert municipalities_on(datetime.date(2021, 6, 5)) == ["Leka", "Nærøysund"]

    # Værnes used the offered supervision once; every other team used both sessions.
    used = {
        team.name: SupervisionSession.objects.filter(offer__team=team, used=True).count()
        for team in trondelag.teams.all()
    }
    assert used == {
        "Fosen": 2,
        "Inn-Trøndelag": 2,
        "Orkland/Fjellregionen": 2,
        "Trondheim": 2,
        "Værnes": 1,
        "Ytre Namdal": 2,
    }
    unused = Activity.objects.get(network=trondelag, title="Veiledning: Værnes (2 av 2)")
    assert unused.status == Activity.Status.PLANNED

    # The self-evaluation form ran in weeks 23–24 of 2021: written, submitted and due in those weeks.
    package = Package.objects.get(gathering__network=trondelag)
    assert package.deadline.astimezone(OSLO).isocalendar()[:2] == (2021, 24)
    fosen_response = package.responses.get(team__name="Fosen")
    assert fosen_response.submitted_at.astimezone(OSLO).isocalendar()[:2] in {(2021, 23), (2021, 24)}

    # The extension's date is when the adjusted plan was presented to KS, and the page says so.
    extension = trondelag.extensions.get()
    assert extension.decided_on == datetime.date(2020, 4, 7)
    assert "presentert for KS" in extension.reason

    # National: 59 distinct municipalities and city districts; Time og Klepp is one joint team.
    national = Network.objects.get(slug="nasjonalt-2014")
    rows = TeamOrganisation.objects.filter(team__network__parent=national, organisation__kind__in=["kommune", "bydel"])
    assert rows.values("organisation").distinct().count() == 59
    joint = Team.objects.get(network__parent=national, name="Time og Klepp")
    assert sorted(joint.organisations.values_list("name", flat=True)) == ["Klepp", "Time"]
    assert not Team.objects.filter(network__parent=national, name__in=["Time", "Klepp"]).exists()
    assert "59" in national.description and "61" in national.description


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
