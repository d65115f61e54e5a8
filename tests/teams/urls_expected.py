from tests.matrix import TEAM_A, by_role, statuses
from tests.teams.factories import MeetingTaskFactory, TeamMeetingFactory

# Team members write in their own team; the project group, observers and the working group read.
TEAM_A_WORKERS = {"coordinator", "team_member"}


def _team(c):
    return {"slug": c.network.slug, "pk": c.team_a.pk}


def _meeting(c):
    return {**_team(c), "meeting_pk": TeamMeetingFactory(team=c.team_a).pk}


def _task(c):
    task = MeetingTaskFactory(meeting=TeamMeetingFactory(team=c.team_a))
    return {**_team(c), "meeting_pk": task.meeting_id, "task_pk": task.pk}


# A member of another team gets 404: a team never sees another team's workspace.
NOT_TEAM_B = {"other_team_member": 404}

EXPECTATIONS = {
    "networks:team-detail": (_team, {**statuses(TEAM_A), **NOT_TEAM_B}),
    "networks:team-next": (_team, {**statuses(TEAM_A), **NOT_TEAM_B}),
    "teams:meeting-list": (_team, {**statuses(TEAM_A), **NOT_TEAM_B}),
    "teams:meeting-detail": (_meeting, {**statuses(TEAM_A), **NOT_TEAM_B}),
    "teams:meeting-create": (_team, {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}),
    "teams:meeting-edit": (_meeting, {**statuses(TEAM_A_WORKERS), **NOT_TEAM_B}),
    # POST only: those allowed to write get 405 on GET.
    "teams:meeting-task-toggle": (_task, {**statuses(TEAM_A_WORKERS, ok_status=405), **NOT_TEAM_B}),
    # Everyone who reads the team sees the page; only the project group gets the forms (POST).
    "teams:supervision": (_team, {**statuses(TEAM_A), **NOT_TEAM_B}),
}

# Team A's members write meetings; the project group reads them (403 on write) and offers supervision.
POSTS = {
    "teams:meeting-create": (_team, by_role(302, 404, 404, 403, 403, 403, 400, 400, 404)),
    "teams:meeting-edit": (_meeting, by_role(302, 404, 404, 403, 403, 403, 400, 400, 404)),
    "teams:meeting-task-toggle": (_task, by_role(302, 404, 404, 403, 403, 403, 302, 302, 404)),
    "teams:supervision": (_team, by_role(302, 404, 404, 400, 403, 403, 403, 403, 404)),
}
