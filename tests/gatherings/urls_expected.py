"""URL × role expectations for gatherings: the activity plan, programs, calendars."""

from tests.matrix import MANAGERS, NETWORK_MEMBERS, POST_ONLY, READERS, by_role, same, statuses


def net(c):
    return {"slug": c.network.slug}


def act(c):
    return {"slug": c.network.slug, "pk": c.activity.pk}


def gath(c):
    return {"slug": c.network.slug, "pk": c.gathering.pk}


def sess(c):
    return {"slug": c.network.slug, "pk": c.gathering.pk, "session_pk": c.session.pk}


# A draft program's PDF is hidden (404) from everyone but the project group.
DRAFT_ONLY_MANAGERS = {**statuses(MANAGERS), **dict.fromkeys(NETWORK_MEMBERS - MANAGERS, 404)}

EXPECTATIONS = {
    "gatherings:plan": (net, statuses(NETWORK_MEMBERS)),
    "gatherings:plan-month": (lambda c: {**net(c), "year": 2026, "month": 9}, statuses(NETWORK_MEMBERS)),
    "gatherings:plan-export": (net, statuses(READERS)),
    "gatherings:activity-create": (net, statuses(MANAGERS)),
    "gatherings:activity-detail": (act, statuses(NETWORK_MEMBERS)),
    "gatherings:activity-edit": (act, statuses(MANAGERS)),
    "gatherings:activity-ics": (act, statuses(NETWORK_MEMBERS)),
    "gatherings:activity-register": (act, POST_ONLY),
    "gatherings:activity-registrations": (act, statuses(MANAGERS)),
    "gatherings:gathering-create": (net, statuses(MANAGERS)),
    "gatherings:program": (gath, statuses(NETWORK_MEMBERS)),
    "gatherings:session-create": (gath, statuses(MANAGERS)),
    "gatherings:session-edit": (sess, statuses(MANAGERS)),
    "gatherings:session-delete": (sess, statuses(MANAGERS)),  # GET: the confirmation
    "gatherings:session-move": (sess, POST_ONLY),
    "gatherings:program-presentations": (gath, POST_ONLY),
    # A material of the draft program: hidden like the program itself.
    "gatherings:material-download": (lambda c: {**gath(c), "material_pk": c.material.pk}, DRAFT_ONLY_MANAGERS),
    "gatherings:program-copy": (gath, POST_ONLY),
    "gatherings:program-publish": (gath, statuses(MANAGERS)),  # GET: the confirmation
}

# Calendar pages (mounted at /calendar/, outside a network).
EXPECTATIONS |= {
    "calendar-settings": (lambda c: {}, same(200, anonymous=302)),
    "calendar-token-reset": (lambda c: {}, same(405, anonymous=302)),
    "calendar-feed": (lambda c: {"token": "no-such-token-000000000000"}, same(404)),
    "calendar-network-feed": (lambda c: {"token": "no-such-token-000000000000", "slug": c.network.slug}, same(404)),
}

# POSTed by every role (test_permission_matrix_post.py). With an empty form the project group
# gets 400 (the form is refused) or 302 (done); everybody else is refused before anything happens.
POSTS = {
    "calendar-token-reset": (lambda c: {}, by_role(302, 302, 302, 302, 302, 302, 302, 302, 302)),  # own key
    "gatherings:activity-create": (net, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "gatherings:activity-edit": (act, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    # Every member may register (here: closed, so back to the activity with a message).
    "gatherings:activity-register": (act, by_role(302, 404, 404, 302, 302, 302, 302, 302, 302)),
    "gatherings:activity-registrations": (act, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "gatherings:gathering-create": (net, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "gatherings:program-copy": (gath, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "gatherings:program-presentations": (gath, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "gatherings:program-publish": (gath, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "gatherings:session-create": (gath, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "gatherings:session-delete": (sess, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
    "gatherings:session-edit": (sess, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
    "gatherings:session-move": (sess, by_role(302, 404, 404, 302, 403, 403, 403, 403, 403)),
}
