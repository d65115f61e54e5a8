import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Organisation, Region, RegionMembership
from networks.models import NetworkRole
from tests.learningnet.factories import UserFactory
from tests.networks.factories import GatheringFactory, NetworkFactory, NetworkRoleFactory, OrganisationFactory
from tests.pages import page_html
from tests.teams.factories import TeamFactory, TeamMembershipFactory, TeamOrganisationFactory

pytestmark = pytest.mark.django_db


def _network_with_teams(n_teams: int):
    network = NetworkFactory()
    viewer = NetworkRoleFactory(network=network).user
    for g in range(4):
        GatheringFactory(network=network, number=g + 1)
    for i in range(n_teams):
        team = TeamFactory(network=network, name=f"Team {i}")
        TeamOrganisationFactory(team=team, organisation=OrganisationFactory(name=f"Kommune {i}"))
        for _ in range(3):
            TeamMembershipFactory(team=team)
    return network, viewer


def _dashboard_queries(client, n_teams: int) -> int:
    network, viewer = _network_with_teams(n_teams)
    client.force_login(viewer)
    url = reverse("networks:network-detail", kwargs={"slug": network.slug})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="card h-100"') == n_teams
    return len(ctx.captured_queries)


def test_dashboard_query_count_is_constant_in_the_number_of_teams(client):
    few = _dashboard_queries(client, 5)
    many = _dashboard_queries(client, 50)
    assert few == many, (few, many)
    assert many <= 20


def test_dashboard_shows_gatherings_teams_and_people(cast, client):
    client.force_login(cast.coordinator)
    page = client.get(reverse("networks:network-detail", kwargs={"slug": cast.network.slug})).content.decode()
    assert "Samling 1" in page and "17.–18. september 2026" in page
    assert "Fosen" in page and "Værnes" in page and "Ørland" in page
    assert cast.coordinator.full_name in page
    # Only the coordinator's own team links to its workspace.
    assert cast.team_a.get_absolute_url() in page
    assert cast.team_b.get_absolute_url() not in page


def test_home_lists_only_my_networks(cast, client):
    other = NetworkFactory(name="Et annet nettverk")
    client.force_login(cast.team_member)
    page = client.get(reverse("home")).content.decode()
    assert cast.network.name in page and other.name not in page


def test_role_that_ended_gives_no_access(cast, client):
    role = cast.observer.network_roles.get()
    role.ends_on = datetime.date(2020, 1, 1)
    role.starts_on = datetime.date(2019, 1, 1)
    role.save()
    client.force_login(cast.observer)
    assert client.get(reverse("networks:network-detail", kwargs={"slug": cast.network.slug})).status_code == 404


def test_national_programme_role_covers_regional_networks(client):
    programme = NetworkFactory(slug="nasjonalt")
    regional = NetworkFactory(slug="regionalt", parent=programme)
    leader = NetworkRoleFactory(network=programme).user
    client.force_login(leader)
    assert client.get(reverse("networks:network-detail", kwargs={"slug": regional.slug})).status_code == 200


def test_municipality_number_only_for_municipalities_and_unique():
    OrganisationFactory(name="Trondheim", municipality_number="5001")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Et HF", kind=Organisation.Kind.HEALTH_TRUST, municipality_number="1234")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(name="Trondheim kopi", municipality_number="5001")


def test_region_membership_is_dated():
    region = Region.objects.create(name="Fosen")
    RegionMembership.objects.create(
        region=region, municipality=OrganisationFactory(name="Bjugn"), ends_on=datetime.date(2019, 12, 31)
    )
    RegionMembership.objects.create(region=region, municipality=OrganisationFactory(name="Ørland"))
    names_2019 = set(
        region.memberships.active_on(datetime.date(2019, 6, 1)).values_list("municipality__name", flat=True)
    )
    names_2021 = set(
        region.memberships.active_on(datetime.date(2021, 6, 1)).values_list("municipality__name", flat=True)
    )
    assert names_2019 == {"Bjugn", "Ørland"} and names_2021 == {"Ørland"}
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionMembership.objects.create(
            region=region,
            municipality=OrganisationFactory(name="X"),
            starts_on=datetime.date(2020, 1, 2),
            ends_on=datetime.date(2020, 1, 1),
        )


def test_invite_form_errors_keep_what_was_typed(cast, client):
    client.force_login(cast.project_group)
    url = reverse("networks:person-invite", kwargs={"slug": cast.network.slug})
    response = client.post(url, {"email": "ny@eksempel.no", "full_name": "Nina Nilsen"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Velg en rolle i nettverket" in page
    assert 'value="ny@eksempel.no"' in page and 'value="Nina Nilsen"' in page


def test_invite_creates_person_role_and_sends_mail(cast, client, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(cast.project_group)
    url = reverse("networks:person-invite", kwargs={"slug": cast.network.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "email": "Ny@Eksempel.no",
                "full_name": "Nina Nilsen",
                "team": cast.team_a.pk,
                "team_role": "brukerrepresentant",
            },
        )
    assert response.status_code == 302
    assert cast.team_a.memberships.filter(user__email="ny@eksempel.no", role="brukerrepresentant").exists()
    assert mailoutbox[-1].to == ["ny@eksempel.no"]
    assert cast.project_group.full_name in mailoutbox[-1].body


def test_user_without_key_cannot_invite_by_post(cast, client):
    client.force_login(cast.observer)
    url = reverse("networks:person-invite", kwargs={"slug": cast.network.slug})
    response = client.post(url, {"email": "x@eksempel.no", "full_name": "X", "network_role": "prosjektgruppe"})
    assert response.status_code == 403
    assert not UserFactory._meta.model.objects.filter(email="x@eksempel.no").exists()


def test_person_invite_gives_roles_and_links_only_to_people_who_cannot_log_in(
    cast, django_capture_on_commit_callbacks
):
    from networks.models import Invitation
    from teams.services import person_invite

    with django_capture_on_commit_callbacks(execute=True):
        user, invited = person_invite(
            network=cast.network,
            email="Ola@Eksempel.no",
            full_name="Ola Nordmann",
            network_role=NetworkRole.Role.OBSERVER,
            team=cast.team_a,
            team_role="ansatt",
            by=cast.project_group,
            base_url="http://testserver/",
        )
    assert invited and user.email == "ola@eksempel.no"
    assert cast.network.roles.filter(user=user, role=NetworkRole.Role.OBSERVER).exists()
    assert cast.team_a.memberships.filter(user=user, role="ansatt").exists()
    assert Invitation.objects.filter(user=user, network=cast.network).count() == 1
    # Someone who already logs in gets the role, and no link.
    _, invited = person_invite(
        network=cast.network,
        email=cast.coordinator.email,
        network_role="",
        team=cast.team_b,
        team_role="ansatt",
        by=cast.project_group,
        base_url="http://testserver/",
    )
    assert not invited and not Invitation.objects.filter(user=cast.coordinator).exists()


def test_team_page_reads_the_network_and_the_team_once(cast, client):
    client.force_login(cast.team_member)
    url = reverse("networks:team-detail", kwargs={"slug": cast.network.slug, "pk": cast.team_a.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if s.startswith("SELECT") and 'FROM "networks_network"' in s]) == 1
    assert len([s for s in sql if s.startswith("SELECT") and 'FROM "teams_team"' in s.split("WHERE")[0]]) == 1


def test_member_lists_are_read_when_opened(client):
    """The cards give the number of members; the names come when a list is opened: alone for the
    page's script (X-Fragment), or as the whole page with that list open (without script)."""
    network, viewer = _network_with_teams(3)
    team = network.teams.order_by("name").first()
    member = team.memberships.select_related("user").first().user
    client.force_login(viewer)
    url = reverse("networks:network-detail", kwargs={"slug": network.slug})
    page = client.get(url).content.decode()
    assert "3 members" in page or "3 medlemmer" in page
    assert member.get_full_name() not in page
    assert f'data-fragment-link href="?members={team.pk}#team-{team.pk}"' in page
    fragment = client.get(url, {"members": team.pk}, HTTP_X_FRAGMENT="1")
    assert fragment.status_code == 200
    assert member.get_full_name() in fragment.content.decode()
    assert "<main" not in fragment.content.decode()
    assert "X-Fragment" in fragment["Vary"]
    whole = client.get(url, {"members": team.pk}).content.decode()
    assert "<main" in whole and member.get_full_name() in whole
    assert whole.count("<details data-fragment open>") == 1
    # Another network's team, or no team at all: 404.
    other = TeamFactory()
    assert client.get(url, {"members": other.pk}, HTTP_X_FRAGMENT="1").status_code == 404
    assert client.get(url, {"members": "x"}).status_code == 404


def test_a_member_list_is_one_query_whatever_the_team_size(client):
    network, viewer = _network_with_teams(1)
    team = network.teams.get()
    client.force_login(viewer)
    url = reverse("networks:network-detail", kwargs={"slug": network.slug})

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"members": team.pk}, HTTP_X_FRAGMENT="1").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for _ in range(10):
        TeamMembershipFactory(team=team)
    assert queries() == few


def _dashboard(client, network, language=None) -> str:
    return page_html(client, reverse("networks:network-detail", kwargs={"slug": network.slug}), language)


def test_the_cached_team_cards_are_never_stale_in_either_language(cast, client):
    """The team cards are rendered once per state of the teams (core.fragments); every change a
    card shows is seen at once."""
    from core.models import Organisation
    from teams.models import Team, TeamMembership, TeamOrganisation

    client.force_login(cast.project_group)
    assert "Fosen" in _dashboard(client, cast.network) and "Fosen" in _dashboard(client, cast.network, "en")

    team = Team.objects.get(pk=cast.team_a.pk)
    team.name = "Fosen og Ørland"
    team.save()
    assert "Fosen og Ørland" in _dashboard(client, cast.network)
    assert "Fosen og Ørland" in _dashboard(client, cast.network, "en")

    before = _dashboard(client, cast.network)
    assert "2 medlemmer" in before  # the coordinator and a staff member
    TeamMembershipFactory(team=cast.team_a)
    assert "3 medlemmer" in _dashboard(client, cast.network)
    assert "3 members" in _dashboard(client, cast.network, "en")
    TeamMembership.objects.filter(team=cast.team_a).order_by("-pk").first().delete()
    assert "2 medlemmer" in _dashboard(client, cast.network)

    organisation = Organisation.objects.get(name="Ørland")
    organisation.name = "Ørland kommune"
    organisation.save()
    assert "Ørland kommune" in _dashboard(client, cast.network)
    link = TeamOrganisation.objects.get(team=cast.team_a)
    link.ends_on = datetime.date(2020, 1, 31)
    link.save()
    assert "(gikk ut 31.1.2020)" in _dashboard(client, cast.network)
    assert "(left 31.1.2020)" in _dashboard(client, cast.network, "en")

    TeamFactory(network=cast.network, name="Inn-Trøndelag")
    assert "3 forbedringsteam" in _dashboard(client, cast.network)
    assert "3 improvement teams" in _dashboard(client, cast.network, "en")
    Team.objects.get(name="Inn-Trøndelag").delete()
    page = _dashboard(client, cast.network)
    assert "Inn-Trøndelag" not in page and "2 forbedringsteam" in page


def test_the_cached_gatherings_and_phases_are_never_stale(cast, client):
    from gatherings.models import Gathering
    from networks.models import Network, Phase

    client.force_login(cast.project_group)
    assert "Samling 1" in _dashboard(client, cast.network)
    gathering = Gathering.objects.get(pk=cast.gathering.pk)
    gathering.title = "Oppstartssamling"
    gathering.venue = "Scandic Lerkendal"
    gathering.save()
    page = _dashboard(client, cast.network)
    assert "Oppstartssamling" in page and "Scandic Lerkendal" in page
    GatheringFactory(network=cast.network, number=2, title="Samling 2 på Stjørdal")
    assert "Samling 2 på Stjørdal" in _dashboard(client, cast.network)

    today = datetime.date.today()
    phase = Phase.objects.create(network=cast.network, kind=Phase.Kind.EXECUTION, starts_on=today)
    assert "Fase: Gjennomføring" in _dashboard(client, cast.network)
    assert "Phase: Execution" in _dashboard(client, cast.network, "en")
    phase.delete()
    assert "Fase:" not in _dashboard(client, cast.network)
    Network.objects.create(
        name="Læringsnettverk Namdal",
        slug="namdal",
        parent=cast.network,
        owner=cast.network.owner,
        starts_on=cast.network.starts_on,
        ends_on=cast.network.ends_on,
    )
    assert "Læringsnettverk Namdal" in _dashboard(client, cast.network)
    network = Network.objects.get(pk=cast.network.pk)
    network.slug = "trondelag-2026"
    network.save()
    page = _dashboard(client, network)
    new = reverse("networks:team-detail", kwargs={"slug": "trondelag-2026", "pk": cast.team_a.pk})
    old = reverse("networks:team-detail", kwargs={"slug": "trondelag", "pk": cast.team_a.pk})
    assert new in page and old not in page


def test_the_cached_team_cards_never_link_a_team_a_person_may_not_open(cast, client):
    """People with different rights get different copies: the project group opens every team, a
    team's coordinator only their own, whoever fills the cache first."""
    for first, second in ((cast.project_group, cast.coordinator), (cast.coordinator, cast.project_group)):
        from django.core.cache import cache

        cache.clear()
        pages = {}
        for user in (first, second):
            client.force_login(user)
            pages[user] = _dashboard(client, cast.network)
        manager, coordinator = pages[cast.project_group], pages[cast.coordinator]
        assert cast.team_a.get_absolute_url() in manager and cast.team_b.get_absolute_url() in manager
        assert cast.team_a.get_absolute_url() in coordinator
        assert cast.team_b.get_absolute_url() not in coordinator
    # The other team's member shares nothing with the coordinator's copy.
    client.force_login(cast.other_team_member)
    other = _dashboard(client, cast.network)
    assert cast.team_b.get_absolute_url() in other and cast.team_a.get_absolute_url() not in other


def test_the_cached_people_with_roles_are_never_stale(cast, client):
    from core.models import User

    client.force_login(cast.project_group)
    assert cast.observer.full_name in _dashboard(client, cast.network)
    observer = User.objects.get(pk=cast.observer.pk)
    observer.full_name = "Randi Gundersen"
    observer.save()
    assert "Randi Gundersen" in _dashboard(client, cast.network)
    role = NetworkRole.objects.get(user=observer, network=cast.network)
    role.ends_on = datetime.date.today() - datetime.timedelta(days=1)
    role.save()
    assert "Randi Gundersen" not in _dashboard(client, cast.network)
    newcomer = NetworkRoleFactory(network=cast.network, user=UserFactory(full_name="Petter Haugen")).user
    assert newcomer.full_name in _dashboard(client, cast.network)


def test_the_cached_dashboard_cost_one_query(client):
    """On a cache hit the gatherings, phases, team cards and people are one query (the stamp),
    whatever the number of teams."""
    network, viewer = _network_with_teams(20)
    client.force_login(viewer)
    url = reverse("networks:network-detail", kwargs={"slug": network.slug})
    with CaptureQueriesContext(connection) as miss:
        client.get(url)
    with CaptureQueriesContext(connection) as hit:
        page = client.get(url).content.decode()
    assert page.count('class="card h-100"') == 20
    reads_teams = [
        q["sql"]
        for q in hit.captured_queries
        if 'FROM "teams_team"' in q["sql"].split("WHERE")[0] and "stamp_value" not in q["sql"]
    ]
    assert reads_teams == [], reads_teams
    assert len(hit.captured_queries) == len(miss.captured_queries) - 8  # the stamp, without the eight reads
