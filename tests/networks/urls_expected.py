from tests.matrix import MANAGERS, NETWORK_MEMBERS, READERS, statuses

EXPECTATIONS = {
    "networks:network-detail": (lambda c: {"slug": c.network.slug}, statuses(NETWORK_MEMBERS)),
    "networks:person-invite": (lambda c: {"slug": c.network.slug}, statuses(MANAGERS)),
    "networks:data-import": (lambda c: {"slug": c.network.slug, "kind": "teams"}, statuses(MANAGERS)),
    "networks:data-export": (lambda c: {"slug": c.network.slug, "kind": "teams"}, statuses(READERS)),
}
