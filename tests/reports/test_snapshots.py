"""The data snapshots the report PDFs are rendered from (reports/snapshots.py)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from core.models import Organisation
from gatherings.models import Activity, Registration
from packages.models import Package, Question
from packages.selectors import INTERVIEW_LABELS
from reports.snapshots import (
    CHECK_LATE_PACKAGES,
    CHECK_NO_HEALTH_TRUST_MEMBER,
    CHECK_NO_USER_REPRESENTATIVE,
    CHECK_SIGNAL,
    CHECKS,
    FLAG_NO_RECENT_MEETING,
    FLAG_NO_USER_REPRESENTATIVE,
    FLAG_PACKAGE_LATE,
    FLAG_PACKAGE_MISSING,
    TEMPLATES,
    network_status_snapshot,
    package_compilation_snapshot,
    team_status_snapshot,
)
from teams.models import TeamMembership
from tests.learningnet.factories import UserFactory
from tests.networks.factories import ActivityFactory, GatheringFactory, NetworkFactory, OrganisationFactory
from tests.packages.factories import package_with_questions, respond
from tests.reports.conftest import DEMO_TODAY, SHIFT_VALUES, TODAY, build_network, measure_with_values
from tests.teams.factories import (
    MeetingTaskFactory,
    SupervisionOfferFactory,
    SupervisionSessionFactory,
    TeamFactory,
    TeamMeetingFactory,
    TeamMembershipFactory,
    TeamOrganisationFactory,
)

pytestmark = pytest.mark.django_db

DEMO_TEAMS = ["Fosen", "Inn-Trøndelag", "Orkland/Fjellregionen", "Trondheim", "Værnes", "Ytre Namdal"]


def _json(snapshot: dict) -> str:
    """The snapshot survives a JSON round trip unchanged (only plain types inside)."""
    text = json.dumps(snapshot, ensure_ascii=False)
    assert json.loads(text) == snapshot
    return text


def _team(snapshot: dict, name: str) -> dict:
    return next(t for t in snapshot["teams"] if t["name"] == name)


def _flag_codes(team: dict) -> list[str]:
    return [f["code"] for f in team["flags"]]


# --- Network status -------------------------------------------------------------------------------
def test_network_snapshot_of_the_demo_network(demo):
    snapshot = network_status_snapshot(network=demo, today=DEMO_TODAY)
    text = _json(snapshot)
    assert "@" not in text

    assert snapshot["kind"] == "network_status" and snapshot["kind"] in TEMPLATES
    assert snapshot["locale"] == "nb"
    assert snapshot["subtitle"] == demo.name
    assert snapshot["network"]["owner"] == "KS Trøndelag"
    assert snapshot["period"]["start"] == "2019-01-01" and snapshot["period"]["end"] == "2021-06-30"
    assert snapshot["period"]["text"] == "1. januar 2019 – 30. juni 2021"
    assert snapshot["period"]["running"] is True
    assert snapshot["phase"]["kind"] == "gjennomforing" and snapshot["phase"]["label"] == "Gjennomføring"

    # Tabell 1 of the final report of the Trøndelag learning network 2019–2021 (Sluttrapport,
    # Statsforvalteren i Trøndelag and KS): 72 activities, every arena type in the report's order.
    activities = snapshot["activities"]
    assert [row["kind"] for row in activities["by_kind"]] == list(Activity.Kind.values)
    assert activities["totals"]["total"] == 72
    assert sum(row["total"] for row in activities["by_kind"]) == 72
    counts = {row["kind"]: row["total"] for row in activities["by_kind"]}
    assert counts["arbeidsutvalgsmote"] == 30 and counts["veiledning_team"] == 12 and counts["nettverkssamling"] == 4
    assert activities["totals"]["done"] == 72  # the demo marks the whole plan done

    # One row per team, in Norwegian order.
    assert snapshot["team_count"] == 6
    assert [t["name"] for t in snapshot["teams"]] == DEMO_TEAMS

    fosen, inn, varnes = _team(snapshot, "Fosen"), _team(snapshot, "Inn-Trøndelag"), _team(snapshot, "Værnes")
    assert [p["status"] for p in fosen["packages"]] == ["submitted"]
    assert [p["status"] for p in varnes["packages"]] == ["in_progress"]
    assert [p["status"] for p in inn["packages"]] == ["not_started"]
    assert fosen["municipalities"] == ["Indre Fosen", "Ørland", "Åfjord"]
    assert inn["municipalities"] == ["Steinkjer"]  # Snåsa left on 1 January 2021
    assert len(fosen["coordinators"]) == 2 and all(fosen["coordinators"])
    # The self-evaluation was written in weeks 23–24 (from 7 June), after this day: the meeting of 18 May.
    assert fosen["last_activity"] == "2021-05-18"

    # Composition: Inn-Trøndelag had no representative from the health trust (the final report),
    # so neither a health-trust organisation nor a member in that role: the check says no.
    assert fosen["composition"] == {
        "municipal_services": True,
        "health_trust": True,
        "health_trust_via": "organisation",
        "user_representative": True,
    }
    assert inn["composition"]["health_trust"] is False and inn["composition"]["health_trust_via"] is None
    assert all(t["composition"]["user_representative"] for t in snapshot["teams"])

    # Attention: Fosen met on 18 May; the five others logged no meeting in the last 60 days. The
    # self-evaluation's deadline (Friday of week 24, 18 June) is still ahead: nothing missing yet.
    assert fosen["flags"] == []
    assert _flag_codes(inn) == [FLAG_NO_RECENT_MEETING]
    flags = {f["code"]: f for f in snapshot["flags"]}
    assert flags[FLAG_NO_USER_REPRESENTATIVE]["count"] == 0
    assert flags[FLAG_PACKAGE_LATE]["count"] == 0
    assert flags[FLAG_PACKAGE_MISSING]["count"] == 0
    assert flags[FLAG_NO_RECENT_MEETING]["count"] == 5
    assert snapshot["flag_count"] == 5
    # After the deadline the five teams that did not submit have missed it; Fosen submitted in time.
    after = {f["code"]: f for f in network_status_snapshot(network=demo, today=datetime.date(2021, 6, 21))["flags"]}
    assert after[FLAG_PACKAGE_MISSING]["teams"] == [t for t in DEMO_TEAMS if t != "Fosen"]
    assert after[FLAG_PACKAGE_LATE]["count"] == 0


def test_a_finished_network_says_nothing_about_meetings(demo):
    snapshot = network_status_snapshot(network=demo, today=datetime.date(2026, 11, 25))
    assert snapshot["period"]["finished"] and not snapshot["meetings_checked"]
    assert FLAG_NO_RECENT_MEETING not in [f["code"] for f in snapshot["flags"]]
    assert not any(FLAG_NO_RECENT_MEETING in _flag_codes(t) for t in snapshot["teams"])
    assert snapshot["phase"]["kind"] == "videreforing"


def test_network_snapshot_counts_done_and_coming_and_flags_what_needs_attention():
    network = NetworkFactory()
    ActivityFactory(network=network, kind=Activity.Kind.WEBINAR, starts_on=datetime.date(2026, 10, 6))
    ActivityFactory(
        network=network, kind=Activity.Kind.WEBINAR, starts_on=datetime.date(2026, 12, 6), status="gjennomfort"
    )
    ActivityFactory(network=network, kind=Activity.Kind.WEBINAR, starts_on=datetime.date(2026, 12, 7), title="Neste")
    ActivityFactory(network=network, kind=Activity.Kind.WEBINAR, starts_on=datetime.date(2026, 12, 8), status="avlyst")
    gathering = GatheringFactory(
        network=network,
        kind=Activity.Kind.NETWORK_GATHERING,
        starts_on=datetime.date(2027, 1, 5),
        ends_on=datetime.date(2027, 1, 6),
    )
    late = package_with_questions(gathering=gathering, deadline=timezone.make_aware(datetime.datetime(2026, 9, 1)))
    team = TeamFactory(network=network, name="Lonely")
    TeamOrganisationFactory(team=team, organisation=OrganisationFactory(name="Frosta"))
    respond(late, team, submitted_at=timezone.make_aware(datetime.datetime(2026, 9, 2)))
    TeamMembershipFactory(team=team, role=TeamMembership.Role.USER_REPRESENTATIVE, ends_on=datetime.date(2026, 1, 1))

    snapshot = network_status_snapshot(network=network, today=TODAY)
    webinars = next(r for r in snapshot["activities"]["by_kind"] if r["kind"] == Activity.Kind.WEBINAR)
    assert (webinars["done"], webinars["coming"], webinars["total"]) == (2, 1, 3)  # cancelled not counted
    gatherings = next(r for r in snapshot["activities"]["by_kind"] if r["kind"] == Activity.Kind.NETWORK_GATHERING)
    assert gatherings["coming"] == 1
    coming = snapshot["activities"]["coming"]
    assert [a["title"] for a in coming] == ["Neste", gathering.title]
    assert coming[0]["date"] == "2026-12-07" and coming[0]["date_text"].startswith("7. desember 2026")
    assert coming[0]["kind_label"] == "Webinar"

    row = snapshot["teams"][0]
    assert row["composition"] == {
        "municipal_services": True,
        "health_trust": False,
        "health_trust_via": None,
        "user_representative": False,  # the representative's role has ended
    }
    assert row["packages"][0]["status"] == "late" and row["packages"][0]["label"] == "Levert for sent"
    assert _flag_codes(row) == [FLAG_NO_USER_REPRESENTATIVE, FLAG_PACKAGE_LATE, FLAG_NO_RECENT_MEETING]
    assert snapshot["packages"][0]["submitted"] == 1


def _checks(snapshot: dict, name: str) -> dict[str, bool]:
    return {code: check["flag"] for code, check in _team(snapshot, name)["checks"].items()}


def test_network_snapshot_flags_signals_user_representatives_health_trust_and_late_packages():
    network = NetworkFactory()
    gathering = GatheringFactory(network=network, number=1)
    package = package_with_questions(
        gathering=gathering, deadline=timezone.make_aware(datetime.datetime(2026, 10, 1)), title="Egenevaluering"
    )
    health_trust = OrganisationFactory(name="Nidaros DPS", kind=Organisation.Kind.HEALTH_TRUST_UNIT)
    on_time = timezone.make_aware(datetime.datetime(2026, 9, 20))

    shifted = TeamFactory(network=network, name="Skift")  # a shift in a key measure, nothing else
    TeamMembershipFactory(team=shifted, role=TeamMembership.Role.USER_REPRESENTATIVE)
    TeamMembershipFactory(team=shifted, organisation=health_trust)
    respond(package, shifted, submitted_at=on_time)
    measure_with_values(shifted)
    measure_with_values(shifted, [5] * 12, title="Flat måling")

    no_voice = TeamFactory(network=network, name="Uten bruker")  # a shift, but not in a key measure
    TeamMembershipFactory(team=no_voice, role=TeamMembership.Role.HEALTH_TRUST)
    TeamMembershipFactory(
        team=no_voice, role=TeamMembership.Role.USER_REPRESENTATIVE, ends_on=datetime.date(2026, 6, 1)
    )
    respond(package, no_voice, submitted_at=on_time)
    measure_with_values(no_voice, goal=False)

    late = TeamFactory(network=network, name="Sen")  # a health trust among its organisations, none in the team
    TeamOrganisationFactory(team=late, organisation=health_trust)
    TeamMembershipFactory(team=late, role=TeamMembership.Role.PEER_WORKER)
    respond(package, late)  # still a draft after the deadline

    lonely = TeamFactory(network=network, name="Ingen helseforetak")
    TeamMembershipFactory(team=lonely, role=TeamMembership.Role.USER_REPRESENTATIVE)
    respond(package, lonely, submitted_at=on_time)

    snapshot = network_status_snapshot(network=network, today=TODAY)
    _json(snapshot)
    no = dict.fromkeys(CHECKS, False)
    assert _checks(snapshot, "Skift") == {**no, CHECK_SIGNAL: True}
    # The measure and the kinds of its signals in words (the clean shift also makes too few runs).
    signal_text = _team(snapshot, "Skift")["checks"][CHECK_SIGNAL]["text"]
    assert signal_text == "Dager fra henvisning til første samtale (skift, for få løp)", signal_text
    assert _checks(snapshot, "Uten bruker") == {**no, CHECK_NO_USER_REPRESENTATIVE: True}
    assert _checks(snapshot, "Sen") == {**no, CHECK_NO_HEALTH_TRUST_MEMBER: True, CHECK_LATE_PACKAGES: True}
    assert _team(snapshot, "Sen")["checks"][CHECK_LATE_PACKAGES]["text"] == "Egenevaluering"
    assert _team(snapshot, "Sen")["checks"][CHECK_NO_HEALTH_TRUST_MEMBER]["text"] == gettext(
        "No member from the team's health trust"
    )
    assert _checks(snapshot, "Ingen helseforetak") == {**no, CHECK_NO_HEALTH_TRUST_MEMBER: True}
    assert _team(snapshot, "Ingen helseforetak")["checks"][CHECK_NO_HEALTH_TRUST_MEMBER]["text"] == gettext(
        "The team has no health-trust organisation"
    )
    assert snapshot["check_counts"] == {
        CHECK_SIGNAL: 1,
        CHECK_NO_USER_REPRESENTATIVE: 1,
        CHECK_NO_HEALTH_TRUST_MEMBER: 2,
        CHECK_LATE_PACKAGES: 1,
    }


def test_the_network_reads_submitted_values_only_and_quiet_teams_get_no_checks():
    network = NetworkFactory()
    drafted = TeamFactory(network=network, name="Utkast")
    measure_with_values(drafted, draft=range(6, 12))  # the high half is still a draft: no shift yet
    TeamFactory(network=network, name="Avsluttet", status="avsluttet")
    snapshot = network_status_snapshot(network=network, today=TODAY)
    assert not _team(snapshot, "Utkast")["checks"][CHECK_SIGNAL]["flag"]
    assert _team(snapshot, "Avsluttet")["checks"] is None


def test_network_snapshot_is_a_constant_number_of_queries():
    small = build_network(6, name="Lite nettverk", measures=1)
    large = build_network(60, name="Stort nettverk", measures=3)
    network_status_snapshot(network=small, today=TODAY)  # warm up anything cached per process
    with CaptureQueriesContext(connection) as few:
        snapshot_small = network_status_snapshot(network=small, today=TODAY)
    with CaptureQueriesContext(connection) as many:
        snapshot_large = network_status_snapshot(network=large, today=TODAY)
    assert snapshot_small["team_count"] == 6 and snapshot_large["team_count"] == 60
    assert len(few) == len(many), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 18, [q["sql"][:120] for q in many.captured_queries]
    assert all(t["composition"]["health_trust_via"] == "organisation" for t in snapshot_large["teams"])
    # The synthetic measures rise by design: every team has a signal in a key measure.
    assert snapshot_large["check_counts"][CHECK_SIGNAL] == 60
    assert all(t["coordinators"] for t in snapshot_large["teams"])


# --- Team status ----------------------------------------------------------------------------------
@pytest.fixture
def team_with_history():
    network = NetworkFactory(name="Læringsnettverk Trøndelag")
    team = TeamFactory(network=network, name="Fosen", improvement_area="Riktig hjelp til riktig tid.")
    TeamOrganisationFactory(team=team, organisation=OrganisationFactory(name="Ørland"))
    TeamOrganisationFactory(
        team=team, organisation=OrganisationFactory(name="Bjugn"), ends_on=datetime.date(2025, 12, 31)
    )
    coordinator = UserFactory(full_name="Kari Nordmann", email="kari@eksempel.no")
    TeamMembershipFactory(
        team=team, user=coordinator, role=TeamMembership.Role.COORDINATOR, starts_on=datetime.date(2025, 9, 1)
    )
    TeamMembershipFactory(
        team=team,
        user=UserFactory(full_name="Ola Nordmann"),
        role=TeamMembership.Role.LEADER,
        ends_on=datetime.date(2026, 3, 31),
    )
    TeamMembershipFactory(team=team, user=UserFactory(full_name=""), role=TeamMembership.Role.USER_REPRESENTATIVE)
    gathering = GatheringFactory(network=network, number=1)
    package = package_with_questions(gathering=gathering, deadline=timezone.make_aware(datetime.datetime(2026, 9, 1)))
    text, number, table, interview = Question.objects.filter(task__package=package).order_by("order")
    respond(
        package,
        team,
        {
            text: "Vi spør brukerne. Kontakt: kari@eksempel.no",
            number: "4.5",
            table: [["Rask psykisk helsehjelp", "Lavterskel", "Voksne"]],
            interview: [{"service": "Boligtjenesten", "what_matters": "Å bli sett."}],
        },
        submitted_at=timezone.make_aware(datetime.datetime(2026, 8, 30, 10, 0)),
    )
    draft = package_with_questions(gathering=gathering, deadline=timezone.make_aware(datetime.datetime(2026, 12, 1)))
    respond(draft, team, {Question.objects.filter(task__package=draft).first(): "Hemmelig utkast"})
    meeting = TeamMeetingFactory(team=team, held_on=datetime.date(2026, 10, 6), title="Teammøte oktober")
    MeetingTaskFactory(meeting=meeting, done=True)
    MeetingTaskFactory(meeting=meeting)
    offer = SupervisionOfferFactory(team=team)
    SupervisionSessionFactory(offer=offer, used=True, held_on=datetime.date(2026, 10, 1), hours="1.5")
    SupervisionSessionFactory(offer=offer)
    webinar = ActivityFactory(network=network, title="Webinar om brukermedvirkning")
    Registration.objects.create(activity=webinar, user=coordinator, attended=True)
    Registration.objects.create(activity=webinar, user=UserFactory(), team=team, attended=True)
    Registration.objects.create(activity=webinar, user=UserFactory(), team=TeamFactory(network=network), attended=True)
    absent = ActivityFactory(network=network, title="Koordinatorsamling", kind=Activity.Kind.COORDINATOR_GATHERING)
    Registration.objects.create(activity=absent, user=coordinator, attended=False)
    return team


def test_team_snapshot_has_members_packages_activities_meetings_and_no_email_addresses(team_with_history):
    snapshot = team_status_snapshot(team=team_with_history, today=TODAY)
    text = _json(snapshot)
    assert "@" not in text

    assert snapshot["kind"] == "team_status" and snapshot["team"]["name"] == "Fosen"
    assert snapshot["network"]["name"] == "Læringsnettverk Trøndelag"
    assert snapshot["team"]["improvement_area"] == "Riktig hjelp til riktig tid."

    members = {m["name"]: m for m in snapshot["members"]}
    assert [m["role"] for m in snapshot["members"]] == ["leder", "koordinator", "brukerrepresentant"]
    assert members["Kari Nordmann"]["role_label"] == "Koordinator"
    assert members["Kari Nordmann"]["from"] == "2025-09-01" and members["Kari Nordmann"]["current"]
    assert members["Ola Nordmann"]["to"] == "2026-03-31" and not members["Ola Nordmann"]["current"]
    assert gettext("(name not given)") in members  # never the e-mail address as a fallback
    assert snapshot["member_count"] == 2
    assert {o["name"]: o["current"] for o in snapshot["organisations"]} == {"Ørland": True, "Bjugn": False}

    submitted, draft = snapshot["packages"]
    assert submitted["submitted"] and submitted["submitted_on"] == "2026-08-30" and not submitted["late"]
    answers = {a["number"]: a for a in submitted["answers"]}
    assert answers["1.1"]["text"].startswith("Vi spør brukerne.")
    assert answers["1.2"]["text"] == "4,5"
    assert answers["1.3"]["text"] == "Tjeneste: Rask psykisk helsehjelp; Type: Lavterskel; Målgruppe: Voksne"
    assert "Å bli sett." in answers["1.4"]["text"]
    assert draft["status"] == "in_progress" and draft["answers"] == []
    assert "Hemmelig utkast" not in text

    (webinar,) = snapshot["activities"]
    assert webinar["title"] == "Webinar om brukermedvirkning" and webinar["attendees"] == 2

    (meeting,) = snapshot["meetings"]
    assert (meeting["title"], meeting["tasks"], meeting["open_tasks"]) == ("Teammøte oktober", 2, 1)
    supervision = snapshot["supervision"]
    assert (supervision["sessions_offered"], supervision["hours_offered"]) == (2, 4)
    assert (supervision["sessions_used"], supervision["hours_used"]) == (1, 1.5)


def test_team_snapshot_has_the_improvement_work_with_run_charts_and_signals(team_with_history):
    measure_with_values(team_with_history, [*SHIFT_VALUES, 99], draft=[12])
    snapshot = team_status_snapshot(team=team_with_history, today=TODAY)
    _json(snapshot)
    work = snapshot["improvement"]

    (area,) = work["areas"]
    (goal,) = area["goals"]
    assert (goal["what"], goal["how_much"], goal["by_when"]) == (
        "Raskere første samtale",
        "Under 14 dager",
        "2027-06-30",
    )
    assert goal["by_when_text"] == "30. juni 2027"
    assert goal["measures"] == ["Dager fra henvisning til første samtale"]
    (action,) = area["actions"]
    assert (action["title"], action["status_label"], action["responsible"]) == (
        "Felles henvisningsmøte",
        "Pågående",
        "Koordinator",
    )

    (measure,) = work["measures"]
    assert measure["values"] == 12  # the draft in the last month stays with the team
    assert measure["last_text"] == "aug 2026"
    assert [s["kind"] for s in measure["signals"]] == ["shift", "shift", "too_few_runs"]
    # Lower is better: the low half is the improvement side, the high half the concern.
    assert [s["side"] for s in measure["signals"] if s["kind"] == "shift"] == ["improvement", "concern"]
    assert measure["summary"].startswith("Skift: 6 punkter under medianen fra sep 2025 til feb 2026")
    assert measure["rule_set_label"] == gettext("IHI run-chart rules")
    assert measure["chart"].startswith('<figure class="ln-runchart" data-rule-set="ihi">')
    assert "<svg" in measure["chart"] and measure["pdsa_markers"][0]["period_text"] == "mar 2026"

    (cycle,) = work["cycles"]
    assert cycle["prediction"] == "Ventetiden går under 14 dager." and cycle["act"] == "Vi fortsetter."
    assert cycle["dates_text"] == "3. mars 2026 – 30. april 2026"
    assert cycle["measure"] == "Dager fra henvisning til første samtale"


def test_team_snapshot_is_a_constant_number_of_queries(team_with_history):
    measure_with_values(team_with_history)
    team_status_snapshot(team=team_with_history, today=TODAY)
    with CaptureQueriesContext(connection) as few:
        team_status_snapshot(team=team_with_history, today=TODAY)
    for m in range(3):
        measure_with_values(team_with_history, title=f"Måling {m}")
    for _ in range(10):
        TeamMembershipFactory(team=team_with_history, role=TeamMembership.Role.STAFF, user=UserFactory())
        MeetingTaskFactory(meeting=TeamMeetingFactory(team=team_with_history))
        TeamOrganisationFactory(
            team=team_with_history, organisation=OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
        )
    with CaptureQueriesContext(connection) as many:
        snapshot = team_status_snapshot(team=team_with_history, today=TODAY)
    assert len(snapshot["members"]) == 13 and len(snapshot["meetings"]) == 11
    assert len(snapshot["improvement"]["measures"]) == 4 and len(snapshot["improvement"]["cycles"]) == 4
    assert len(few) == len(many), [q["sql"][:120] for q in many.captured_queries]


# --- The day-1 compilation ------------------------------------------------------------------------
def test_compilation_snapshot_of_the_demo_package(demo):
    package = Package.objects.get(gathering__network=demo)
    snapshot = package_compilation_snapshot(package=package)
    _json(snapshot)
    assert snapshot["kind"] == "package_compilation"
    assert snapshot["title"] == f"Notater fra læringsnettverkene – {package.title}"
    assert (snapshot["team_count"], snapshot["submitted_count"]) == (6, 1)
    (fosen,) = snapshot["teams"]  # Værnes has only a draft
    assert fosen["name"] == "Fosen" and fosen["submitted_on"] == "2021-06-08" and not fosen["late"]
    items = [item for task in fosen["tasks"] for item in task["items"]]
    assert items[0]["number"] == "1.1" and items[0]["text"] == "Fosen forbedringsteam"
    assert len(items) == sum(task["questions"] for task in snapshot["tasks"])


def test_compilation_snapshot_keeps_tables_and_interviews_as_structure(team_with_history):
    package = Package.objects.filter(gathering__network=team_with_history.network).order_by("deadline").first()
    snapshot = package_compilation_snapshot(package=package)
    assert "@" not in _json(snapshot)
    items = {i["number"]: i for i in snapshot["teams"][0]["tasks"][0]["items"]}
    assert items["1.3"]["table"] == {
        "columns": ["Tjeneste", "Type", "Målgruppe"],
        "rows": [["Rask psykisk helsehjelp", "Lavterskel", "Voksne"]],
    }
    assert items["1.4"]["interviews"] == [
        [
            {"label": str(INTERVIEW_LABELS["service"]), "text": "Boligtjenesten"},
            {"label": str(INTERVIEW_LABELS["what_matters"]), "text": "Å bli sett."},
        ]
    ]
    assert items["1.2"]["text"] == "4,5" and "table" not in items["1.1"]
