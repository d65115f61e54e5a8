"""URL × role expectations for the project group's survey pages (merged in
tests/learningnet/test_permission_matrix.py).

Those who read across the network (project group, observers, working group) see the list, the
questions, the preview, the screen, the results and the quotes; only the project group changes
anything, sees the panel, imports or downloads the raw responses. Team members (network:view
only) get 403; people outside the network 404."""

from __future__ import annotations

from surveys.models import PanelMember, Survey
from surveys.services import panel_token, survey_create
from tests.matrix import MANAGER_POST_ONLY, MANAGERS, READERS, by_role, same, statuses


def matrix_survey(c) -> Survey:
    """A draft gathering evaluation of the cast's gathering (made once)."""
    survey = Survey.objects.filter(network=c.network, template_key="samlingsevaluering").first()
    if survey is None:
        survey = survey_create(network=c.network, template_key="samlingsevaluering", gathering=c.gathering, by=None)
    return survey


def _net(c):
    return {"slug": c.network.slug}


def _survey(c):
    return {"slug": c.network.slug, "pk": matrix_survey(c).pk}


def _section(c):
    return {**_survey(c), "section_pk": matrix_survey(c).sections.order_by("order").first().pk}


def _question(c):
    section = matrix_survey(c).sections.order_by("order").first()
    return {**_survey(c), "question_pk": section.questions.order_by("order").first().pk}


def _open_link(c):
    return {"token": matrix_survey(c).open_token}


def _personal_link(c):
    member, _new = PanelMember.objects.get_or_create(
        survey=matrix_survey(c), user=c.team_member, defaults={"approved": True}
    )
    return {"token": panel_token(member)}


def _export(c):
    return {**_survey(c), "fmt": "xlsx"}


SEES = statuses(READERS)
MANAGES = statuses(MANAGERS)

EXPECTATIONS = {
    "surveys:list": (_net, SEES),
    "surveys:create": (_net, MANAGES),
    "surveys:survey": (_survey, SEES),
    "surveys:preview": (_survey, SEES),
    "surveys:section-create": (_survey, MANAGES),
    "surveys:section-edit": (_section, MANAGES),
    "surveys:question-create": (_section, MANAGES),
    "surveys:question-edit": (_question, MANAGES),
    "surveys:builder-move": (_survey, MANAGER_POST_ONLY),
    "surveys:builder-delete": (_survey, MANAGER_POST_ONLY),
    "surveys:schedule": (_survey, MANAGER_POST_ONLY),
    "surveys:extend": (_survey, MANAGER_POST_ONLY),
    "surveys:close": (_survey, MANAGER_POST_ONLY),
    "surveys:panel": (_survey, MANAGES),
    "surveys:panel-build": (_survey, MANAGER_POST_ONLY),
    "surveys:panel-approve": (_survey, MANAGER_POST_ONLY),
    "surveys:panel-invite": (_survey, MANAGER_POST_ONLY),
    "surveys:panel-remind": (_survey, MANAGER_POST_ONLY),
    "surveys:screen": (_survey, SEES),
    "surveys:results": (_survey, SEES),
    "surveys:results-export": (_survey, SEES),
    "surveys:quotes": (_survey, SEES),
    "surveys:quote-pick": (_survey, MANAGER_POST_ONLY),
    "surveys:quote-drop": (_survey, MANAGER_POST_ONLY),
    "surveys:export": (_export, MANAGES),
    "surveys:import": (_survey, MANAGES),
    # The respondents' pages need no login: the link is the key. The matrix survey is a draft,
    # so everyone is told that it is not open yet.
    "answer:open": (_open_link, same(200)),
    "answer:personal": (_personal_link, same(200)),
}


def _post(manager_status: int) -> dict[str, int]:
    return by_role(302, 404, 404, manager_status, 403, 403, 403, 403, 403)


# An empty form is refused (400, the form is shown again); the POST-only actions redirect (302),
# with the refusal as a message (an unknown object to move or delete: 404).
POSTS = {
    "surveys:create": (_net, _post(400)),
    "surveys:section-create": (_survey, _post(400)),
    "surveys:section-edit": (_section, _post(400)),
    "surveys:question-create": (_section, _post(400)),
    "surveys:question-edit": (_question, _post(400)),
    "surveys:builder-move": (_survey, _post(404)),
    "surveys:builder-delete": (_survey, _post(404)),
    "surveys:schedule": (_survey, _post(302)),
    "surveys:extend": (_survey, _post(400)),  # an empty form: the page again, with the error
    "surveys:close": (_survey, _post(302)),
    "surveys:panel-build": (_survey, _post(302)),
    "surveys:panel-approve": (_survey, _post(302)),
    "surveys:panel-invite": (_survey, _post(302)),
    "surveys:panel-remind": (_survey, _post(302)),
    "surveys:quote-pick": (_survey, _post(302)),
    "surveys:quote-drop": (_survey, _post(404)),
    "surveys:import": (_survey, _post(400)),
    # A POST without the page's key: refused (the matrix survey is not open, so that is said).
    "answer:open": (_open_link, same(200)),
    "answer:personal": (_personal_link, same(200)),
}
