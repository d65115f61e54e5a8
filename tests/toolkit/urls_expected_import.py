"""The import page of the toolkit (toolkit:import) in the URL × role permission matrix.

Only the members of team A (perm.TEAM_WORK) may import paper forms into their team; the project
group, observers and the working group read aggregates elsewhere and get 403 here; a member of
another team, outsiders and superusers (no role) get 404; anonymous users are sent to log in."""

from tests.matrix import by_role, statuses

TEAM_A_WORKERS = {"coordinator", "team_member"}


def _team(c):
    return {"slug": c.network.slug, "pk": c.team_a.pk}


# A member of another team gets 404: a team never sees another team's records.
NOT_TEAM_B = {"other_team_member": 404}

EXPECTATIONS = {
    "toolkit:import": (_team, {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}),
}

# An empty form (no file): team A's members get the form back with an error (400); the rest are
# refused before the form is read. Nothing is written either way (the preview never writes).
POSTS = {
    "toolkit:import": (_team, by_role(302, 404, 404, 403, 403, 403, 400, 400, 404)),
}
