from tests.matrix import same

EXPECTATIONS = {
    "home": (lambda c: {}, same(200, anonymous=302)),
    "healthz": (lambda c: {}, same(200)),
    "robots-txt": (lambda c: {}, same(200)),
    "login": (lambda c: {}, same(302, anonymous=200)),
    "logout": (lambda c: {}, same(405)),  # POST only
    "password_change": (lambda c: {}, same(200, anonymous=302)),
    "password_change_done": (lambda c: {}, same(200, anonymous=302)),
    "password_reset": (lambda c: {}, same(200)),
    "password_reset_done": (lambda c: {}, same(200)),
    "password_reset_confirm": (lambda c: {"uidb64": "MQ", "token": "bad-token"}, same(200)),
    "password_reset_complete": (lambda c: {}, same(200)),
    "invitation-accept": (lambda c: {"token": "no-such-token"}, same(410)),
    "set_language": (lambda c: {}, same(302)),
}

# An unknown or used invitation link is gone (410) for everybody, also when POSTed.
POSTS = {
    "invitation-accept": (lambda c: {"token": "no-such-token"}, same(410)),
}
