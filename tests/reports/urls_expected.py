"""URL × role expectations for reports (merged in tests/learningnet/test_permission_matrix.py)."""

from reports.models import ReportRun
from tests.gatherings.urls_expected import DRAFT_ONLY_MANAGERS, gath
from tests.matrix import NETWORK_MEMBERS, POST_ONLY, READERS, by_role, statuses
from tests.packages.urls_expected import _package
from toolkit.models import ServiceUser


def _net(c):
    return {"slug": c.network.slug}


def _run(c):
    run = ReportRun.objects.filter(network=c.network, kind="network").first() or ReportRun.objects.create(
        network=c.network, kind="network", requested_by=c.project_group, snapshot={}
    )
    return {"slug": c.network.slug, "pk": run.pk}


def _final(c):
    return {"slug": c.network.slug, "key": "summary"}


def _toolkit_plan(c):
    person, _created = ServiceUser.objects.get_or_create(team=c.team_a, code="B-01")
    return {"slug": c.network.slug, "pk": c.team_a.pk, "person_pk": person.pk}


TEAM_A_WORKERS = {"coordinator", "team_member"}
# The coordinator (team A) may make the own team's report, so the reports page opens for them.
LIST = {**statuses(READERS | {"coordinator"})}
# A network report belongs to those who read across the network; a coordinator gets 404 for it.
RUN = {**statuses(READERS), **dict.fromkeys(NETWORK_MEMBERS - READERS, 404)}

EXPECTATIONS = {
    "reports:run-list": (_net, LIST),
    "reports:run-create": (_net, POST_ONLY),
    "reports:monthly-toggle": (_net, POST_ONLY),
    "reports:run-detail": (_run, RUN),
    "reports:run-status": (_run, RUN),
    "reports:run-download": (_run, {**RUN, **dict.fromkeys(READERS, 302)}),  # pending: back to the status page
    "reports:run-retry": (_run, POST_ONLY),
    # The final report's written parts: readers (reports:create) read them, team members get 403.
    "reports:final-edit": (_net, statuses(READERS)),
    "reports:final-history": (lambda c: {**_net(c), "key": "summary"}, statuses(READERS)),
    # JSON autosave (POST behind network:manage, see POSTS); an expired session gets 401 (the browser keeps the text).
    "reports:final-save": (_final, {**POST_ONLY, "anonymous": 401}),
    # PDFs rendered in the request: a draft program only for its makers; the compilation for
    # those who follow the teams (the package does not share answers with the teams here).
    "reports:program-pdf": (gath, DRAFT_ONLY_MANAGERS),
    "reports:package-compilation-pdf": (_package, statuses(READERS)),
    # A person's plan: only the members of the person's team; the project group and those who read
    # across the network get 403 (figures per team only), another team's member 404.
    "reports:toolkit-plan-pdf": (_toolkit_plan, {**statuses(TEAM_A_WORKERS), "other_team_member": 404}),
}

POSTS = {
    # Only observers get the monthly report, so only they can switch it off.
    "reports:monthly-toggle": (_net, by_role(302, 404, 404, 403, 302, 403, 403, 403, 403)),
    # A network report: for those who read across the network; the coordinator may only make the team's.
    "reports:run-create": (_net, by_role(302, 404, 404, 302, 302, 302, 403, 403, 403), {"kind": "network"}),
    "reports:run-retry": (_run, by_role(302, 404, 404, 302, 302, 302, 404, 404, 404)),
    # Only those who manage the network write the final report's parts; readers see them (403 here).
    "reports:final-edit": (_net, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403), {"text-summary": "Tekst."}),
    "reports:final-save": (
        _final,
        by_role(401, 404, 404, 200, 403, 403, 403, 403, 403),
        {"text": "Tekst.", "base_version": "0"},
    ),
    # Restoring: the manager is let through to the revision, which does not exist here (404);
    # tests/reports/test_final_texts.py restores a real one.
    "reports:final-history": (_final, by_role(302, 404, 404, 404, 403, 403, 403, 403, 403), {"revision": "0"}),
}
