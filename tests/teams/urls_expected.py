from tests.matrix import TEAM_A, statuses

EXPECTATIONS = {
    "teams:team-detail": (
        lambda c: {"slug": c.network.slug, "pk": c.team_a.pk},
        # A member of another team gets 404: a team never sees another team's workspace.
        {**statuses(TEAM_A), "other_team_member": 404},
    ),
}
