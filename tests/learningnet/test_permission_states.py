"""The URL × role matrix once more, for objects in the states that change who may do what: a draft
package, a submitted response, a program before and after it is published. Every case is requested
as every role in ROLES (the aliased roles as their base role, tests/matrix.py), like the main
matrix (test_permission_matrix.py); each POST is rolled back, so every role meets the same state."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gatherings.services import program_publish
from networks.models import NetworkRole
from packages.models import Package, Question
from packages.services import package_copy_from_library
from teams.models import TeamMembership
from teams.permissions import Permissions
from tests.conftest import ALIASES, BASE_ROLES
from tests.learningnet.test_permission_matrix import as_every_role
from tests.matrix import MANAGERS, NETWORK_MEMBERS, by_role, for_every_role, statuses
from tests.packages.factories import LIBRARY_KEY, first_question, package_for_cast, respond

pytestmark = pytest.mark.django_db


# --- The states ---------------------------------------------------------------------------------
def draft_package(c) -> dict:
    """A package the project group is still building (never published) on the cast's gathering."""
    package = package_copy_from_library(
        gathering=c.gathering, key=LIBRARY_KEY, deadline=timezone.now() + datetime.timedelta(days=14), by=None
    )
    assert package.status == Package.Status.DRAFT
    return {"slug": c.network.slug, "pk": package.pk}


def draft_package_team_a(c) -> dict:
    return {**draft_package(c), "team_pk": c.team_a.pk}


def draft_package_question(c) -> dict:
    kwargs = draft_package(c)
    return {**kwargs, "question_pk": first_question(Package.objects.get(pk=kwargs["pk"])).pk}


def draft_package_team_a_question(c) -> dict:
    kwargs = draft_package_question(c)
    return {**kwargs, "team_pk": c.team_a.pk}


def submitted(c) -> dict:
    """Team A has submitted its response to the published package."""
    package = package_for_cast(c)
    respond(
        package,
        c.team_a,
        {first_question(package): "Vi spør brukerne etter hvert vedtak."},
        submitted_at=timezone.now(),
    )
    return {"slug": c.network.slug, "pk": package.pk, "team_pk": c.team_a.pk}


def submitted_question(c) -> dict:
    kwargs = submitted(c)
    return {**kwargs, "question_pk": first_question(Package.objects.get(pk=kwargs["pk"])).pk}


def submitted_file_question(c) -> dict:
    kwargs = submitted(c)
    task = Package.objects.get(pk=kwargs["pk"]).tasks.first()
    question = task.questions.filter(kind=Question.Kind.FILE).first() or Question.objects.create(
        task=task, order=99, kind=Question.Kind.FILE, text="Last opp handlingsplanen"
    )
    return {**kwargs, "question_pk": question.pk}


def draft_program(c) -> dict:
    """The cast's gathering: its program is not published (the cast leaves it so)."""
    assert not c.gathering.is_published
    return {"slug": c.network.slug, "pk": c.gathering.pk}


def draft_program_material(c) -> dict:
    return {**draft_program(c), "material_pk": c.material.pk}


def published_program(c) -> dict:
    program_publish(gathering=c.gathering, by=c.project_group)
    return {"slug": c.network.slug, "pk": c.gathering.pk}


def published_program_material(c) -> dict:
    return {**published_program(c), "material_pk": c.material.pk}


# --- The expectations ---------------------------------------------------------------------------
# A draft package exists only for those who build it (network:manage: the project group, the process
# supervisor, the programme's project group); everyone else in the network gets 404, as outsiders do.
DRAFT_PACKAGE = statuses(MANAGERS, forbidden=404)

# The program page shows a draft program's sessions only to its makers; everyone else in the network
# gets the page with "not published yet" (the gathering itself is on the activity plan anyway).
# "program": 200 with the sessions; "no program": 200 without them.
DRAFT_PROGRAM_PAGE = statuses(MANAGERS, ok_status="program", forbidden="no program")
PUBLISHED_PROGRAM_PAGE = statuses(NETWORK_MEMBERS, ok_status="program")
# A draft program's PDF and materials: 404 for all but its makers; once published, for everyone in it.
DRAFT_PROGRAM_FILES = statuses(MANAGERS, forbidden=404)
PUBLISHED_PROGRAM_FILES = statuses(NETWORK_MEMBERS)

# A submitted response is read by those who follow the teams (observers, working group) as well, and
# written by nobody: answers, files and "Save all" are refused (403) also to team A's members; the
# project group (network:manage) reopens it (302).
SUBMITTED_READ = by_role(302, 404, 404, 200, 200, 200, 200, 200, 404)
SUBMITTED_WRITE = by_role(302, 404, 404, 403, 403, 403, 403, 403, 404)


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs_for: Callable[[object], dict]
    expected: dict
    method: str = "get"
    data: dict | None = None


CASES = {
    # A draft package: the builder, team A's workspace, its answers and the day-1 compilation.
    "draft package: detail": Case("packages:package-detail", draft_package, DRAFT_PACKAGE),
    "draft package: workspace": Case("packages:workspace", draft_package_team_a, DRAFT_PACKAGE),
    "draft package: answers": Case("packages:question-answers", draft_package_question, DRAFT_PACKAGE),
    "draft package: history": Case("packages:answer-history", draft_package_team_a_question, DRAFT_PACKAGE),
    "draft package: compilation": Case("packages:package-compilation", draft_package, DRAFT_PACKAGE),
    # Team A cannot write into a draft (404: it does not exist for them); the project group reads, 403.
    "draft package: answer-save": Case(
        "packages:answer-save",
        draft_package_team_a_question,
        by_role(401, 404, 404, 403, 404, 404, 404, 404, 404),
        method="post",
        data={"value": "Et svar", "base_version": "0"},
    ),
    # A submitted response: readable across the network, writable by nobody until it is reopened.
    "submitted: workspace": Case("packages:workspace", submitted, SUBMITTED_READ),
    "submitted: save all": Case("packages:workspace", submitted, SUBMITTED_WRITE, method="post"),
    "submitted: answer-save": Case(
        "packages:answer-save",
        submitted_question,
        {**SUBMITTED_WRITE, "anonymous": 401},
        method="post",
        data={"base_version": "1"},
    ),
    "submitted: answer-file": Case("packages:answer-file", submitted_file_question, SUBMITTED_WRITE, method="post"),
    "submitted: submit again": Case("packages:response-submit", submitted, SUBMITTED_WRITE, method="post"),
    "submitted: reopen": Case(
        "packages:response-reopen", submitted, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403), method="post"
    ),
    # A program before and after it is published.
    "draft program: page": Case("gatherings:program", draft_program, DRAFT_PROGRAM_PAGE),
    "draft program: pdf": Case("reports:program-pdf", draft_program, DRAFT_PROGRAM_FILES),
    "draft program: material": Case("gatherings:material-download", draft_program_material, DRAFT_PROGRAM_FILES),
    "published program: page": Case("gatherings:program", published_program, PUBLISHED_PROGRAM_PAGE),
    "published program: pdf": Case("reports:program-pdf", published_program, PUBLISHED_PROGRAM_FILES),
    "published program: material": Case(
        "gatherings:material-download", published_program_material, PUBLISHED_PROGRAM_FILES
    ),
}


def _outcome(case: Case, cast, response):
    """The status, except that a program page says whether it showed the program's sessions."""
    if case.url_name == "gatherings:program" and response.status_code == 200:
        return "program" if cast.session.title in response.content.decode() else "no program"
    return response.status_code


@pytest.mark.parametrize("case_name", list(CASES))
def test_status_in_state_for_every_role(case_name, matrix_cast, client):
    cast = matrix_cast
    case = CASES[case_name]
    url = reverse(case.url_name, kwargs=case.kwargs_for(cast))

    def request():
        with transaction.atomic():
            response = client.post(url, case.data or {}) if case.method == "post" else client.get(url)
            transaction.set_rollback(True)
        return response

    got = {role: _outcome(case, cast, response) for role, response in as_every_role(client, cast, request)}
    assert got == for_every_role(case.expected)


def test_reopened_response_can_be_written_again(matrix_cast, client):
    """After the programme's project group reopens the submitted response, team A's members write again."""
    cast = matrix_cast
    kwargs = submitted_question(cast)
    save = reverse("packages:answer-save", kwargs=kwargs)
    reopen = reverse("packages:response-reopen", kwargs={k: v for k, v in kwargs.items() if k != "question_pk"})
    client.force_login(cast.user_representative)
    assert client.post(save, {"base_version": "1"}).status_code == 403
    client.force_login(cast.programme_project_group)
    assert client.post(reopen).status_code == 302
    client.force_login(cast.user_representative)
    assert client.post(save, {f"q-{kwargs['question_pk']}": "Nytt svar", "base_version": "1"}).status_code == 200


# --- The cast holds the roles its names promise -----------------------------------------------
def test_aliased_roles_hold_what_their_names_say(matrix_cast):
    """Each aliased person is what the name says (not, say, a second project-group member of the
    network itself), and has the same keys as the base role the matrix compares them with."""
    cast = matrix_cast
    assert set(ALIASES.values()) <= set(BASE_ROLES)
    today = timezone.localdate()
    network, team = cast.network, cast.team_a

    def roles(user, on):
        return set(NetworkRole.objects.filter(user=user, network=on).values_list("role", "ends_on"))

    assert roles(cast.process_supervisor, network) == {(NetworkRole.Role.PROCESS_SUPERVISOR, None)}
    assert network.parent == cast.programme
    assert roles(cast.programme_project_group, network) == set()
    assert roles(cast.programme_project_group, cast.programme) == {(NetworkRole.Role.PROJECT_GROUP, None)}
    ((role, ends_on),) = roles(cast.expired_project_group, network)
    assert role == NetworkRole.Role.PROJECT_GROUP and ends_on < today
    memberships = TeamMembership.objects.filter(team=team).values_list("user", "role")
    assert (cast.team_leader.pk, TeamMembership.Role.LEADER) in memberships
    assert (cast.user_representative.pk, TeamMembership.Role.USER_REPRESENTATIVE) in memberships

    for alias, base in ALIASES.items():
        alias_perms, base_perms = Permissions(cast.role(alias)), Permissions(cast.role(base))
        assert alias_perms.for_network(network) == base_perms.for_network(network), alias
        assert alias_perms.for_team(team) == base_perms.for_team(team), alias
        assert alias_perms.for_team(cast.team_b) == base_perms.for_team(cast.team_b), alias
