from tests.matrix import MANAGERS, NETWORK_MEMBERS, POST_ONLY, READERS, TEAM_A, same, statuses


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
    "networks:network-detail": (net, statuses(NETWORK_MEMBERS)),
    "networks:person-invite": (net, statuses(MANAGERS)),
    "networks:data-import": (lambda c: {**net(c), "kind": "teams"}, statuses(MANAGERS)),
    "networks:data-export": (lambda c: {**net(c), "kind": "teams"}, statuses(READERS)),
    "networks:plan": (net, statuses(NETWORK_MEMBERS)),
    "networks:plan-month": (lambda c: {**net(c), "year": 2026, "month": 9}, statuses(NETWORK_MEMBERS)),
    "networks:plan-export": (net, statuses(READERS)),
    "networks:team-next": (
        lambda c: {**net(c), "team_pk": c.team_a.pk},
        {**statuses(TEAM_A), "other_team_member": 404},
    ),
    "networks:activity-create": (net, statuses(MANAGERS)),
    "networks:activity-detail": (act, statuses(NETWORK_MEMBERS)),
    "networks:activity-edit": (act, statuses(MANAGERS)),
    "networks:activity-ics": (act, statuses(NETWORK_MEMBERS)),
    "networks:activity-register": (act, POST_ONLY),
    "networks:activity-registrations": (act, statuses(MANAGERS)),
    "networks:gathering-create": (net, statuses(MANAGERS)),
    "networks:program": (gath, statuses(NETWORK_MEMBERS)),
    "networks:program-pdf": (gath, DRAFT_ONLY_MANAGERS),
    "networks:session-create": (gath, statuses(MANAGERS)),
    "networks:session-edit": (sess, statuses(MANAGERS)),
    "networks:session-delete": (sess, POST_ONLY),
    "networks:session-move": (sess, POST_ONLY),
    "networks:program-presentations": (gath, POST_ONLY),
    # A material of the draft program: hidden like the program itself.
    "networks:material-download": (lambda c: {**gath(c), "material_pk": c.material.pk}, DRAFT_ONLY_MANAGERS),
    "networks:program-copy": (gath, POST_ONLY),
    "networks:program-publish": (gath, POST_ONLY),
}

# Calendar pages (mounted at /calendar/, outside a network).
EXPECTATIONS |= {
    "calendar-settings": (lambda c: {}, same(200, anonymous=302)),
    "calendar-token-reset": (lambda c: {}, same(405, anonymous=302)),
    "calendar-feed": (lambda c: {"token": "no-such-token-000000000000"}, same(404)),
    "calendar-network-feed": (lambda c: {"token": "no-such-token-000000000000", "slug": c.network.slug}, same(404)),
}
