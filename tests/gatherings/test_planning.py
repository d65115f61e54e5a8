"""The activity plan, registration, attendance and calendars."""

import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from gatherings.models import Activity, Registration
from gatherings.selectors import activity_counts_by_kind, activity_plan_by_month
from tests.networks.factories import ActivityFactory, GatheringFactory, NetworkFactory, NetworkRoleFactory
from tests.pages import page_html
from tests.teams.factories import TeamFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def test_demo_plan_reproduces_tabell_1(demo_database):
    activities = Activity.objects.filter(network__slug="trondelag-2019")
    counts = {str(label): n for label, n in activity_counts_by_kind(activities)}
    labels = {kind: str(label) for kind, label in Activity.COUNT_LABELS.items()}
    expected = {
        "informasjonsmote": 1,
        "arbeidsgruppemote": 9,
        "arbeidsutvalgsmote": 30,
        "koordinatorsamling": 7,
        "forbedringsteamsamling": 3,
        "nettverkssamling": 4,
        "webinar": 4,
        "veiledning_team": 12,
        "veiledning_brukerrep": 2,
        "teammote": 0,
    }
    assert {k: counts[labels[k]] for k in expected} == expected
    assert sum(counts.values()) == 72
    with translation.override("nb"):  # the arenas as Tabell 1 spells them, in its order
        assert [str(label) for label, _n in activity_counts_by_kind(activities)] == [
            "Informasjonsmøte",
            "Arbeidsgruppe møter",
            "Arbeidsutvalg møter",
            "Koordinator- og brukerrepresentant samlinger",
            "Felles forbedringsteam samlinger",
            "Felles nettverkssamlinger",
            "Webinarer",
            "Veiledning i forbedringsteamene",
            "Veiledning av brukerrepresentantene",
            "Møter i de ulike forbedringsteamene",
        ]


def test_cancelled_activities_are_not_counted(cast):
    ActivityFactory(network=cast.network, status=Activity.Status.CANCELLED)
    counts = {str(label): n for label, n in activity_counts_by_kind(Activity.objects.filter(network=cast.network))}
    assert counts[str(Activity.COUNT_LABELS[Activity.Kind.WEBINAR])] == 1  # the cast's webinar only


def test_the_plan_opens_at_today_with_past_months_folded(cast, client):
    def on(day):
        return ActivityFactory(network=cast.network, starts_on=day, ends_on=day, title=f"Aktivitet {day:%Y-%m}")

    today = datetime.date(2026, 12, 7)
    past, this, later = on(datetime.date(2026, 10, 1)), on(datetime.date(2026, 12, 20)), on(datetime.date(2027, 2, 1))
    months = activity_plan_by_month([past, this, later], today=today)
    assert [(m.first, m.open) for m in months] == [
        (datetime.date(2026, 10, 1), False),
        (datetime.date(2026, 12, 1), True),
        (datetime.date(2027, 2, 1), True),
    ]
    # A plan that has ended opens at its last month.
    ended = activity_plan_by_month([past], today=datetime.date(2030, 1, 1))
    assert [m.open for m in ended] == [True]

    client.force_login(cast.team_member)
    page = client.get(reverse("gatherings:plan", kwargs={"slug": cast.network.slug})).content.decode()
    heading = page.split('<h2 class="h5">', 1)[1].split("</h2>", 1)[0]
    assert heading.startswith("Fremdriftsplan") and "aktivitetsplan" in heading  # both words are findable
    assert "<title>Fremdriftsplan (aktivitetsplan)" in page
    folded = page.split('id="month-2026-10"')[0].rsplit("<details", 1)[1]
    assert " open" not in folded


def test_team_only_activity_is_hidden_from_other_teams(cast, client):
    supervision = ActivityFactory(
        network=cast.network, kind="veiledning_team", title="Veiledning Fosen", team=cast.team_a
    )
    plan = reverse("gatherings:plan", kwargs={"slug": cast.network.slug})
    client.force_login(cast.team_member)
    assert "Veiledning Fosen" in client.get(plan).content.decode()
    client.force_login(cast.other_team_member)
    assert "Veiledning Fosen" not in client.get(plan).content.decode()
    url = reverse("gatherings:activity-detail", kwargs={"slug": cast.network.slug, "pk": supervision.pk})
    assert client.get(url).status_code == 404


def test_end_before_start_keeps_what_was_typed(cast, client):
    client.force_login(cast.project_group)
    url = reverse("gatherings:activity-create", kwargs={"slug": cast.network.slug})
    response = client.post(
        url,
        {
            "kind": "webinar",
            "title": "Webinar om ansvarsgrupper",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-09",
            "mode": "digital",
            "status": "planlagt",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Webinar om ansvarsgrupper"' in page
    assert "Siste dag kan ikke være før første dag" in page or "last day cannot be before" in page
    assert not Activity.objects.filter(title="Webinar om ansvarsgrupper").exists()


def test_same_day_end_time_before_start_time_is_refused(cast, client):
    client.force_login(cast.project_group)
    url = reverse("gatherings:activity-create", kwargs={"slug": cast.network.slug})
    response = client.post(
        url,
        {
            "kind": "webinar",
            "title": "Kort webinar",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-10",
            "start_time": "12:00",
            "end_time": "11:00",
            "mode": "digital",
            "status": "planlagt",
        },
    )
    assert response.status_code == 400
    assert not Activity.objects.filter(title="Kort webinar").exists()


def test_create_activity_with_registration_questions(cast, client):
    client.force_login(cast.project_group)
    url = reverse("gatherings:activity-create", kwargs={"slug": cast.network.slug})
    response = client.post(
        url,
        {
            "kind": "koordinatorsamling",
            "title": "Koordinatorsamling",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-10",
            "start_time": "10:00",
            "end_time": "13:00",
            "mode": "fysisk",
            "venue": "Stjørdal",
            "status": "bekreftet",
            "registration_open": "on",
            "registration_questions_text": "Matbehov\nDeltar du på middag?",
            "responsible": [cast.project_group.pk],
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Koordinatorsamling")
    assert activity.registration_questions == ["Matbehov", "Deltar du på middag?"]
    assert list(activity.responsible.all()) == [cast.project_group]


def _open_registration(cast):
    cast.activity.registration_open = True
    cast.activity.registration_questions = ["Matbehov"]
    cast.activity.save()
    return reverse("gatherings:activity-register", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})


def test_register_count_export_and_attendance(cast, client):
    url = _open_registration(cast)
    for user, team in [
        (cast.coordinator, cast.team_a),
        (cast.team_member, cast.team_a),
        (cast.other_team_member, cast.team_b),
    ]:
        client.force_login(user)
        assert client.post(url, {"team": team.pk, "q0": "Vegetar"}).status_code == 302
    assert Registration.objects.filter(activity=cast.activity).count() == 3
    assert Registration.objects.get(user=cast.coordinator).answers == {"Matbehov": "Vegetar"}

    client.force_login(cast.project_group)
    regs_url = reverse("gatherings:activity-registrations", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    page = client.get(regs_url).content.decode()
    assert "Fosen: 2" in page and "Værnes: 1" in page
    client.post(regs_url, {"present": [cast.coordinator.pk, cast.other_team_member.pk]})
    attended = dict(Registration.objects.values_list("user_id", "attended"))
    assert attended == {cast.coordinator.pk: True, cast.team_member.pk: False, cast.other_team_member.pk: True}
    xlsx = client.get(regs_url + "?format=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert len(rows) == 4 and "Matbehov" in rows[0]


def test_registration_export_never_turns_a_question_into_a_formula(cast, client):
    cast.activity.registration_open = True
    cast.activity.registration_questions = ["=1+1", "Matbehov"]
    cast.activity.save()
    client.force_login(cast.coordinator)
    register = reverse("gatherings:activity-register", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    assert client.post(register, {"team": cast.team_a.pk, "q0": "=2+2", "q1": "Vegetar"}).status_code == 302

    client.force_login(cast.project_group)
    regs_url = reverse("gatherings:activity-registrations", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(regs_url + "?format=xlsx").content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[4:6] == ["'=1+1", "Matbehov"] and row[4:6] == ["'=2+2", "Vegetar"]
    assert not [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"]


def test_registration_closed_after_deadline(cast, client):
    url = _open_registration(cast)
    cast.activity.registration_deadline = datetime.date(2020, 1, 1)
    cast.activity.save()
    client.force_login(cast.coordinator)
    client.post(url, {"q0": "x"})
    assert not Registration.objects.exists()


def test_ics_has_oslo_times(cast, client):
    client.force_login(cast.team_member)
    response = client.get(
        reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    )
    event = next(c for c in Calendar.from_ical(response.content).walk("VEVENT"))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime.datetime(2026, 10, 6, 10, 0, tzinfo=OSLO)
    assert end == datetime.datetime(2026, 10, 6, 11, 30, tzinfo=OSLO)
    assert start.utcoffset() == datetime.timedelta(hours=2)  # summer time in October before the change
    assert str(event["summary"]) == "Webinar om brukermedvirkning"


def test_a_two_day_gathering_is_one_event_per_day_with_that_days_times(cast, client):
    gathering = cast.gathering
    gathering.starts_on, gathering.ends_on = datetime.date(2026, 11, 4), datetime.date(2026, 11, 5)
    gathering.start_time, gathering.end_time = datetime.time(10, 0), datetime.time(16, 0)
    gathering.save()
    client.force_login(cast.team_member)
    ics = client.get(reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": gathering.pk}))
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in events] == [
        (datetime.datetime(2026, 11, 4, 10, 0, tzinfo=OSLO), datetime.datetime(2026, 11, 4, 16, 0, tzinfo=OSLO)),
        (datetime.datetime(2026, 11, 5, 10, 0, tzinfo=OSLO), datetime.datetime(2026, 11, 5, 16, 0, tzinfo=OSLO)),
    ]
    assert len({str(e["uid"]) for e in events}) == 2
    assert [str(e["summary"]) for e in events] == [f"{gathering.title} (1/2)", f"{gathering.title} (2/2)"]


def test_an_activity_known_by_month_only_offers_no_calendar_link(cast, client):
    activity = cast.activity
    activity.date_precision = Activity.Precision.MONTH
    activity.save()
    client.force_login(cast.team_member)
    page = client.get(activity.get_absolute_url()).content.decode()
    ics_url = reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": activity.pk})
    assert ics_url not in page
    activity.date_precision = Activity.Precision.DAY
    activity.save()
    assert ics_url in client.get(activity.get_absolute_url()).content.decode()


def test_calendar_addresses_use_the_configured_site_address(cast, client, settings):
    settings.SITE_URL = "https://laeringsnett.example.no"
    client.force_login(cast.team_member)
    page = client.get(reverse("calendar-settings"), HTTP_HOST="127.0.0.1:8000").content.decode()
    assert 'value="https://laeringsnett.example.no/calendar/' in page and "127.0.0.1:8000" not in page
    ics = client.get(reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk}))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert str(event["url"]).startswith("https://laeringsnett.example.no/n/")


def test_personal_feed_by_secret_url_and_new_links(cast, client):
    client.force_login(cast.team_member)
    client.get(reverse("calendar-settings"))
    cast.team_member.refresh_from_db()
    token = cast.team_member.calendar_token
    assert len(token) > 30
    client.logout()
    feed = client.get(reverse("calendar-feed", kwargs={"token": token}))
    titles = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert "Webinar om brukermedvirkning" in titles and "Samling 1" in titles
    network_feed = client.get(reverse("calendar-network-feed", kwargs={"token": token, "slug": cast.network.slug}))
    assert network_feed.status_code == 200
    client.force_login(cast.team_member)
    client.post(reverse("calendar-token-reset"))
    client.logout()
    assert client.get(reverse("calendar-feed", kwargs={"token": token})).status_code == 404


def test_feed_changes_when_the_plan_changes(cast, client):
    client.force_login(cast.project_group)
    url = reverse("gatherings:activity-edit", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk})
    data = {
        "kind": "webinar",
        "title": "Webinar (flyttet)",
        "starts_on": "2026-10-07",
        "ends_on": "2026-10-07",
        "start_time": "13:00",
        "end_time": "14:00",
        "mode": "digital",
        "status": "bekreftet",
    }
    assert client.post(url, data).status_code == 302
    ics = client.get(reverse("gatherings:activity-ics", kwargs={"slug": cast.network.slug, "pk": cast.activity.pk}))
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime.datetime(2026, 10, 7, 13, 0, tzinfo=OSLO)
    assert int(event["sequence"]) == 1 and str(event["status"]) == "CONFIRMED"


def test_plan_export_has_the_progress_plan_columns(cast, client):
    client.force_login(cast.observer)
    response = client.get(reverse("gatherings:plan-export", kwargs={"slug": cast.network.slug}))
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("Når", "Uke", "Aktivitet", "Arenatype", "Målgruppe", "Hovedansvar", "Status")
    assert len(rows) == 3  # the gathering and the webinar


def _plan_queries(client, n_teams: int, path_name: str) -> int:
    network = NetworkFactory()
    viewer = NetworkRoleFactory(network=network).user
    gathering = GatheringFactory(network=network)
    for i in range(n_teams):
        team = TeamFactory(network=network, name=f"Team {i}")
        TeamMembershipFactory(team=team)
        ActivityFactory(network=network, kind="veiledning_team", team=team).responsible.add(viewer)
        Registration.objects.create(activity=gathering, user=TeamMembershipFactory(team=team).user, team=team)
    client.force_login(viewer)
    kwargs = {"slug": network.slug} if path_name == "gatherings:plan" else {"slug": network.slug, "pk": gathering.pk}
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(path_name, kwargs=kwargs)).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path_name", ["gatherings:plan", "gatherings:program"])
def test_plan_and_program_queries_constant_in_teams(client, path_name):
    assert _plan_queries(client, 5, path_name) == _plan_queries(client, 50, path_name)


def test_a_folded_month_is_read_when_opened(cast, client):
    """A past month comes folded with its count and without its activities; opened, the month
    alone comes to the page's script (X-Fragment), or the whole plan with that month open."""
    ActivityFactory(
        network=cast.network,
        starts_on=datetime.date(2020, 3, 2),
        ends_on=datetime.date(2020, 3, 2),
        title="Gammel samling",
        kind="arbeidsgruppemote",
    )
    ActivityFactory(
        network=cast.network,
        starts_on=datetime.date(2020, 3, 9),
        ends_on=datetime.date(2020, 3, 9),
        title="Gammelt webinar",
        kind="webinar",
    )
    url = reverse("gatherings:plan", kwargs={"slug": cast.network.slug})
    client.force_login(cast.team_member)
    page = client.get(url).content.decode()
    folded = page.split('id="month-2020-03"', 1)[1].split("</details>", 1)[0]
    assert "Gammel samling" not in page and "(2 aktiviteter)" in folded
    assert 'data-fragment-link href="?month=2020-03#month-2020-03"' in folded
    fragment = client.get(url, {"month": "2020-03"}, HTTP_X_FRAGMENT="1")
    body = fragment.content.decode()
    assert "Gammel samling" in body and "Gammelt webinar" in body and "<main" not in body
    assert "X-Fragment" in fragment["Vary"]
    # The arena type chosen is kept.
    body = client.get(url, {"month": "2020-03", "kind": "webinar"}, HTTP_X_FRAGMENT="1").content.decode()
    assert "Gammelt webinar" in body and "Gammel samling" not in body
    whole = client.get(url, {"month": "2020-03"}).content.decode()
    opened = whole.split('id="month-2020-03"', 1)[0].rsplit("<details", 1)[1]
    assert " open" in opened and "Gammel samling" in whole and "<main" in whole
    assert client.get(url, {"month": "mars"}).status_code == 404


def test_a_folded_month_never_shows_another_teams_activity(cast, client):
    day = datetime.date(2020, 3, 2)
    ActivityFactory(
        network=cast.network,
        starts_on=day,
        ends_on=day,
        kind="veiledning_team",
        title="Veiledning Fosen",
        team=cast.team_a,
    )
    url = reverse("gatherings:plan", kwargs={"slug": cast.network.slug})
    client.force_login(cast.other_team_member)
    assert "Veiledning Fosen" not in client.get(url, {"month": "2020-03"}, HTTP_X_FRAGMENT="1").content.decode()
    client.force_login(cast.team_member)
    assert "Veiledning Fosen" in client.get(url, {"month": "2020-03"}, HTTP_X_FRAGMENT="1").content.decode()


def _plan(client, cast, language=None) -> str:
    return page_html(client, reverse("gatherings:plan", kwargs={"slug": cast.network.slug}), language)


def test_the_cached_plan_is_never_stale_in_either_language(cast, client):
    """The plan is rendered once per state of the activities (core.fragments); each change is
    seen at once: a new activity, a new title, a cancellation, a responsible person and their name."""
    from core.models import User
    from gatherings.models import Activity

    today = datetime.date.today()
    client.force_login(cast.project_group)
    assert "Dialogmøte" not in _plan(client, cast)
    activity = ActivityFactory(network=cast.network, starts_on=today, title="Dialogmøte med NAV")
    assert "Dialogmøte med NAV" in _plan(client, cast)
    assert "Dialogmøte med NAV" in _plan(client, cast, "en")
    activity = Activity.objects.get(pk=activity.pk)
    activity.title, activity.status = "Dialogmøte med NAV og DPS", Activity.Status.CANCELLED
    activity.save()
    page = _plan(client, cast)
    assert "Dialogmøte med NAV og DPS" in page and "Avlyst" in page
    assert "Cancelled" in _plan(client, cast, "en")
    activity.responsible.add(cast.coordinator)
    assert cast.coordinator.full_name in _plan(client, cast)
    coordinator = User.objects.get(pk=cast.coordinator.pk)
    coordinator.full_name = "Sigrid Aune"
    coordinator.save()
    assert "Sigrid Aune" in _plan(client, cast)


def test_the_cached_plan_never_shows_a_teams_activity_to_another_team(cast, client):
    today = datetime.date.today()
    supervision = ActivityFactory(
        network=cast.network, kind="veiledning_team", title="Veiledning Fosen", team=cast.team_a, starts_on=today
    )
    for first, second in ((cast.team_member, cast.other_team_member), (cast.other_team_member, cast.team_member)):
        from django.core.cache import cache

        cache.clear()
        pages = {}
        for user in (first, second, cast.project_group):
            client.force_login(user)
            pages[user] = _plan(client, cast)
        assert "Veiledning Fosen" in pages[cast.team_member] and "Veiledning Fosen" in pages[cast.project_group]
        assert "Veiledning Fosen" not in pages[cast.other_team_member]
    # Invited, the other team sees it at once.
    supervision.invited_teams.add(cast.team_b)
    client.force_login(cast.other_team_member)
    assert "Veiledning Fosen" in _plan(client, cast)
