"""URL × role expectations for preparation packages (merged in tests/learningnet/test_permission_matrix.py)."""

from packages.models import Question
from packages.services import answer_file_add, response_for
from tests.matrix import (
    MANAGER_POST_ONLY,
    MANAGERS,
    NETWORK_MEMBERS,
    POST_ONLY,
    READERS,
    TEAM_A,
    by_role,
    same,
    statuses,
)
from tests.packages.factories import first_question, package_for_cast, upload


def _package(c):
    return {"slug": c.network.slug, "pk": package_for_cast(c).pk}


def _question(c):
    package = package_for_cast(c)
    return {"slug": c.network.slug, "pk": package.pk, "question_pk": first_question(package).pk}


def _team_a(c):
    return {**_package(c), "team_pk": c.team_a.pk}


EXPECTATIONS = {
    # Following the teams: those who read across the network (project group, observers, working group).
    "packages:package-matrix": (lambda c: {"slug": c.network.slug}, statuses(READERS)),
    # Everyone in the network may open it; each sees only the answers packages.access lets through.
    "packages:question-answers": (_question, statuses(NETWORK_MEMBERS)),
    "packages:package-export": (_package, statuses(READERS)),
    "packages:response-remind": (_team_a, POST_ONLY),
    # The teams get the compilation only when the package shares answers after the deadline.
    "packages:package-compilation": (_package, statuses(READERS)),
}


# --- The builder and the team workspace ---------------------------------------------------------


def _task(c):
    package = package_for_cast(c)
    return {**_package(c), "task_pk": package.tasks.first().pk}


def _team_question(c):
    return {**_team_a(c), "question_pk": first_question(package_for_cast(c)).pk}


def _team_file_question(c):
    package = package_for_cast(c)
    task = package.tasks.first()
    question = task.questions.filter(kind=Question.Kind.FILE).first() or Question.objects.create(
        task=task, order=99, kind=Question.Kind.FILE, text="Last opp handlingsplanen"
    )
    return {**_team_a(c), "question_pk": question.pk}


def _team_a_file(c):
    """A file team A has uploaded to its (unsubmitted) response."""
    kwargs = _team_file_question(c)
    question = Question.objects.get(pk=kwargs.pop("question_pk"))
    answer = answer_file_add(
        response=response_for(package=question.task.package, team=c.team_a),
        question=question,
        upload=upload(),
        by=None,
    )
    return {**kwargs, "file_pk": answer.files.get().pk}


# Team A's drafts: the team and the project group only; everyone else in the network gets 404.
TEAM_A_DRAFTS = {**statuses(TEAM_A), "observer": 404, "working_group": 404, "other_team_member": 404}
# A member of exactly one team is sent on from the package to that team's workspace.
DETAIL = {**statuses(NETWORK_MEMBERS), "coordinator": 302, "team_member": 302, "other_team_member": 302}

EXPECTATIONS |= {
    "packages:package-list": (lambda c: {"slug": c.network.slug}, statuses(NETWORK_MEMBERS)),
    "packages:package-create": (lambda c: {"slug": c.network.slug}, statuses(MANAGERS)),
    "packages:package-detail": (_package, DETAIL),
    "packages:package-edit": (_package, statuses(MANAGERS)),
    "packages:package-preview": (_package, statuses(MANAGERS)),
    "packages:package-publish": (_package, MANAGER_POST_ONLY),
    "packages:task-create": (_package, statuses(MANAGERS)),
    "packages:task-edit": (_task, statuses(MANAGERS)),
    "packages:task-move": (_task, MANAGER_POST_ONLY),
    "packages:question-create": (_task, statuses(MANAGERS)),
    "packages:question-edit": (_question, statuses(MANAGERS)),
    "packages:question-move": (_question, MANAGER_POST_ONLY),
    "packages:question-delete": (_question, MANAGER_POST_ONLY),
    "packages:workspace": (_team_a, TEAM_A_DRAFTS),
    # JSON endpoint: an expired session gets 401 (the browser keeps the text), not a login redirect.
    "packages:answer-save": (_team_question, {**POST_ONLY, "anonymous": 401}),
    "packages:answer-history": (_team_question, TEAM_A_DRAFTS),
    "packages:answer-file": (_team_question, POST_ONLY),
    "packages:answer-file-download": (lambda c: {**_team_a(c), "file_pk": 999999}, same(404, anonymous=302)),
    "packages:answer-file-delete": (_team_a_file, POST_ONLY),
    "packages:response-submit": (_team_a, POST_ONLY),
    "packages:response-reopen": (_team_a, MANAGER_POST_ONLY),
}

# The workspace is written by team A's members only; the project group reads it but may not write
# (403); submitting is the coordinator's. No response is submitted in the cast, so reopening it
# finds nothing (404) for the project group. An upload without a file sends team A's members back
# to the workspace with a message (302).
POSTS = {
    "packages:answer-file": (_team_file_question, by_role(302, 404, 404, 403, 404, 404, 302, 302, 404)),
    # Team A's file: its members delete it (302 back to the workspace); the project group reads but may not.
    "packages:answer-file-delete": (_team_a_file, by_role(302, 404, 404, 403, 404, 404, 302, 302, 404)),
    "packages:answer-history": (_team_question, by_role(302, 404, 404, 403, 404, 404, 404, 404, 404)),
    "packages:answer-save": (_team_question, by_role(401, 404, 404, 403, 404, 404, 200, 200, 404)),
    "packages:package-create": (
        lambda c: {"slug": c.network.slug},
        by_role(302, 404, 404, 400, 403, 403, 403, 403, 403),
    ),
    "packages:package-edit": (_package, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "packages:package-publish": (_package, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "packages:question-create": (_task, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "packages:question-delete": (_question, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "packages:question-edit": (_question, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "packages:question-move": (_question, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "packages:response-remind": (_team_a, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "packages:response-reopen": (_team_a, by_role(302, 404, 404, 404, 403, 403, 403, 403, 403)),
    "packages:response-submit": (_team_a, by_role(302, 404, 404, 403, 404, 404, 302, 403, 404)),
    "packages:task-create": (_package, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "packages:task-edit": (_task, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "packages:task-move": (_task, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "packages:workspace": (_team_a, by_role(302, 404, 404, 403, 404, 404, 302, 302, 404)),
}
