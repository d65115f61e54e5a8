"""URL × role expectations for the toolkit's network page and the team's checklist (merged into the
permission matrix, tests/learningnet/test_permission_matrix.py)."""

from tests.matrix import READERS, by_role, statuses

# Team A's members word their own checklist; nobody else does, and another team gets 404.
TEAM_A_WORKERS = {"coordinator", "team_member"}
NOT_TEAM_B = {"other_team_member": 404}


def _net(c):
    return {"slug": c.network.slug}


def _team(c):
    return {"slug": c.network.slug, "pk": c.team_a.pk}


# The eight items a team writes (1 and 9 carry the conversations' averages).
CHECKLIST_TEXTS = {f"item_{n}": f"Punkt {n}: avklart i teamet" for n in (2, 3, 4, 5, 6, 7, 8, 10)}

EXPECTATIONS = {
    # Figures per team, for those who read across the network; team members see their own team's page.
    "toolkit:network": (_net, statuses(READERS)),
    "toolkit:checklist-template": (_team, {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}),
}

POSTS = {
    "toolkit:checklist-template": (_team, by_role(302, 404, 404, 403, 403, 403, 302, 302, 404), CHECKLIST_TEXTS),
}
