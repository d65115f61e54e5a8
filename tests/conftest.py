"""Shared fixtures: the language, the role cast, and CI's rule that a skipped integration or
browser test is a failure."""

from __future__ import annotations

import datetime
import os
import shutil
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone, translation

from core.models import User
from gatherings.models import Activity, Gathering, ProgramSession, SessionMaterial
from networks.models import Network, NetworkRole
from teams.models import Team, TeamMembership
from tests.learningnet.factories import UserFactory
from tests.networks.factories import (
    ActivityFactory,
    GatheringFactory,
    NetworkFactory,
    NetworkRoleFactory,
    OrganisationFactory,
    ProgramSessionFactory,
)
from tests.teams.factories import TeamFactory, TeamMembershipFactory, TeamOrganisationFactory

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
PASSWORD = "riktig-passord-123"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached pages are keyed by primary keys, which another
    test may have used)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _norwegian():
    """Activate bokmål so assertions on text are stable."""
    with translation.override("nb"):
        yield


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Cast:
    network: Network
    gathering: Gathering
    session: ProgramSession
    material: SessionMaterial
    activity: Activity
    team_a: Team
    team_b: Team
    project_group: User
    observer: User
    working_group: User
    coordinator: User
    team_member: User
    other_team_member: User
    outsider: User
    superuser: User
    # The people of the aliased roles (ALIASES), added by the `matrix_cast` fixture only.
    programme: Network | None = None  # the national programme the network is part of (`network.parent`)
    process_supervisor: User | None = None
    programme_project_group: User | None = None
    team_leader: User | None = None
    user_representative: User | None = None
    expired_project_group: User | None = None

    def role(self, name: str) -> User | None:
        if name == "anonymous":
            return None
        user = getattr(self, name)
        assert user is not None, f"{name} is in the matrix_cast fixture only"
        return user


# The roles every expectation in tests/<app>/urls_expected.py names (by_role() takes them in this order).
BASE_ROLES = [
    "anonymous",
    "outsider",
    "superuser",
    "project_group",
    "observer",
    "working_group",
    "coordinator",
    "team_member",
    "other_team_member",
]
# Roles that must behave exactly like one of BASE_ROLES: tests/matrix.py fills their expectation in
# from that role's unless an expectation names them.
ALIASES = {
    "process_supervisor": "project_group",  # the same keys as the project group
    "programme_project_group": "project_group",  # project group of the parent programme: covers its networks
    "team_leader": "coordinator",  # team A's leader: works and submits like the coordinator
    "user_representative": "team_member",  # team A's user representative: works like any member
    "expired_project_group": "outsider",  # a project-group role that ended yesterday: no role at all
}
ROLES = BASE_ROLES + list(ALIASES)


@pytest.fixture(scope="module")
def demo_database(django_db_setup, django_db_blocker):
    """The demo, loaded once per module inside a transaction that is rolled back after the
    module's last demo test (loading it takes about six seconds).

    Each test's own `db` transaction is a savepoint inside this one, so whatever a test writes
    (a second `load_demo`, a login) is rolled back before the next test, which sees the demo
    exactly as loaded. `pytest_collection_modifyitems` runs a module's tests that use this
    fixture after its other tests, so no other test ever sees the demo's rows."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", allow_without_debug=True, verbosity=0)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def cast(db) -> Cast:
    """One network with two teams and a person in every role of BASE_ROLES (healthchecks'
    alice/bob/charlie)."""
    network = NetworkFactory(name="Læringsnettverk Trøndelag", slug="trondelag")
    gathering = GatheringFactory(network=network, number=1)
    session = ProgramSessionFactory(gathering=gathering)
    material = SessionMaterial.objects.create(
        session=session, title="Lysark", file=ContentFile(b"%PDF-1.7 lysark", name="lysark.pdf")
    )
    activity = ActivityFactory(network=network, title="Webinar om brukermedvirkning")
    team_a = TeamFactory(network=network, name="Fosen")
    team_b = TeamFactory(network=network, name="Værnes")
    TeamOrganisationFactory(team=team_a, organisation=OrganisationFactory(name="Ørland"))
    TeamOrganisationFactory(team=team_b, organisation=OrganisationFactory(name="Stjørdal"))

    def net(role):
        return NetworkRoleFactory(network=network, role=role, user=UserFactory()).user

    def member(team, role):
        return TeamMembershipFactory(team=team, role=role, user=UserFactory()).user

    return Cast(
        network=network,
        gathering=gathering,
        session=session,
        material=material,
        activity=activity,
        team_a=team_a,
        team_b=team_b,
        project_group=net(NetworkRole.Role.PROJECT_GROUP),
        observer=net(NetworkRole.Role.OBSERVER),
        working_group=net(NetworkRole.Role.WORKING_GROUP),
        coordinator=member(team_a, TeamMembership.Role.COORDINATOR),
        team_member=member(team_a, TeamMembership.Role.STAFF),
        other_team_member=member(team_b, TeamMembership.Role.USER_REPRESENTATIVE),
        outsider=UserFactory(),
        superuser=UserFactory(is_superuser=True, is_staff=True),
    )


@pytest.fixture
def matrix_cast(cast) -> Cast:
    """The cast with a person in every role of ROLES, for the URL × role matrices: the network
    becomes part of a national programme, and team A gets a leader and a user representative. Kept
    apart from `cast` because other tests count the cast's people (e.g. the reminders to Fosen)."""
    cast.programme = NetworkFactory(name="Nasjonalt program for brukermedvirkning", slug="nasjonalt-program")
    cast.network.parent = cast.programme
    cast.network.save(update_fields=["parent"])

    def net(role, on=cast.network, **dates):
        return NetworkRoleFactory(network=on, role=role, user=UserFactory(), **dates).user

    cast.process_supervisor = net(NetworkRole.Role.PROCESS_SUPERVISOR)
    cast.programme_project_group = net(NetworkRole.Role.PROJECT_GROUP, on=cast.programme)
    cast.expired_project_group = net(
        NetworkRole.Role.PROJECT_GROUP,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    for name, role in (
        ("team_leader", TeamMembership.Role.LEADER),
        ("user_representative", TeamMembership.Role.USER_REPRESENTATIVE),
    ):
        setattr(cast, name, TeamMembershipFactory(team=cast.team_a, role=role, user=UserFactory()).user)
    return cast


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Skip integration tests without PostgreSQL/Redis and browser tests without Chromium,
    with the reason shown. In CI those skips are turned into failures (pytest_terminal_summary).

    Runs after pytest-django's ordering (database tests, then transactional, then the rest) and
    keeps it; within each run of one module's tests, those using the shared `demo_database` go
    last, so its transaction is rolled back (module teardown) before any test that did not ask
    for the demo."""
    from tests.integration.services import services_available

    ordered, run = [], []
    for item in items:
        if run and item.module is not run[-1].module:
            ordered += sorted(run, key=lambda i: "demo_database" in i.fixturenames)
            run = []
        run.append(item)
    ordered += sorted(run, key=lambda i: "demo_database" in i.fixturenames)
    items[:] = ordered

    have_browser = shutil.which("chromium") or os.path.exists("/usr/bin/chromium")
    reason_services = services_available()
    for item in items:
        if "integration" in item.keywords and reason_services:
            item.add_marker(pytest.mark.skip(reason=f"integration: {reason_services}"))
        if "browser" in item.keywords and not have_browser:
            item.add_marker(pytest.mark.skip(reason="browser: Chromium is not installed (/usr/bin/chromium)"))


def pytest_sessionfinish(session, exitstatus):
    if not CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    bad = [r for r in skipped if "integration" in r.keywords or "browser" in r.keywords]
    if bad:
        reporter.write_line(
            f"CI: {len(bad)} integration/browser tests were skipped; in CI that is a failure:", red=True
        )
        for r in bad:
            reporter.write_line(f"  {r.nodeid}: {r.longrepr[-1] if r.longrepr else ''}", red=True)
        session.exitstatus = 1
