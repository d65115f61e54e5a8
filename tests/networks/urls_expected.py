"""URL × role expectations for the network's own pages."""

from tests.matrix import MANAGERS, NETWORK_MEMBERS, READERS, by_role, statuses


def net(c):
    return {"slug": c.network.slug}


EXPECTATIONS = {
    "networks:network-detail": (net, statuses(NETWORK_MEMBERS)),
    "networks:person-invite": (net, statuses(MANAGERS)),
    "networks:data-import": (lambda c: {**net(c), "kind": "teams"}, statuses(MANAGERS)),
    "networks:data-export": (lambda c: {**net(c), "kind": "teams"}, statuses(READERS)),
}

POSTS = {
    "networks:data-import": (
        lambda c: {**net(c), "kind": "teams"},
        by_role(302, 404, 404, 400, 403, 403, 403, 403, 403),
    ),
    "networks:person-invite": (net, by_role(302, 404, 404, 400, 403, 403, 403, 403, 403)),
}
