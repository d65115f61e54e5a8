import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import User
from networks.models import Invitation
from networks.services import invitation_create
from tests.learningnet.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "riktig-passord-123"


def test_login_with_email_reaches_dashboard(client):
    UserFactory(email="kari@eksempel.no")
    response = client.post(reverse("login"), {"username": "Kari@Eksempel.no", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Velkommen" in response.content.decode()


def test_wrong_password_ten_times_locks_out_with_norwegian_message(client):
    user = UserFactory(email="ola@eksempel.no")
    password_before = user.password
    responses = [client.post(reverse("login"), {"username": "ola@eksempel.no", "password": "feil"}) for _ in range(10)]
    assert "Feil e-post eller passord" in responses[0].content.decode()
    assert responses[-1].status_code == 429
    assert "For mange mislykkede" in responses[-1].content.decode()
    # Even the right password is refused while locked out, and nothing about the user changed.
    locked = client.post(reverse("login"), {"username": "ola@eksempel.no", "password": PASSWORD})
    assert locked.status_code == 429
    user.refresh_from_db()
    assert user.password == password_before and user.last_login is None


def _invite(email="ny@eksempel.no"):
    inviter = UserFactory(full_name="Kari Nordmann")
    invited = UserFactory(email=email, password="")
    invitation = invitation_create(user=invited, by=inviter, base_url="http://testserver/")
    return invited, invitation


def _token_from_mail() -> str:
    body = mail.outbox[-1].body
    return body.split("/accounts/invitation/")[1].split("/")[0]


def test_invitation_link_sets_password_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, _ = _invite()
    assert mail.outbox[-1].subject == "Invitasjon til Læringsnett"
    url = reverse("invitation-accept", kwargs={"token": _token_from_mail()})
    response = client.post(url, {"new_password1": "Fjordtur-2026!", "new_password2": "Fjordtur-2026!"})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.check_password("Fjordtur-2026!")
    client.logout()
    again = client.get(url)
    assert again.status_code == 410
    assert "Lenken er ikke lenger gyldig" in again.content.decode()


def test_expired_invitation_gives_clear_message_and_changes_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, invitation = _invite()
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("invitation-accept", kwargs={"token": _token_from_mail()})
    response = client.post(url, {"new_password1": "Fjordtur-2026!", "new_password2": "Fjordtur-2026!"})
    assert response.status_code == 410
    assert "utløpt" in response.content.decode()
    invited.refresh_from_db()
    assert not invited.has_usable_password()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_invitation_password_errors_keep_link_usable(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, invitation = _invite()
    url = reverse("invitation-accept", kwargs={"token": _token_from_mail()})
    response = client.post(url, {"new_password1": "Fjordtur-2026!", "new_password2": "annet"})
    assert response.status_code == 200
    assert "De to passordfeltene" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).is_usable


def test_only_the_token_hash_is_stored(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite()
    token = _token_from_mail()
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert Invitation.find(token) is not None


def test_password_reset_sends_mail(client):
    UserFactory(email="per@eksempel.no")
    client.post(reverse("password_reset"), {"email": "per@eksempel.no"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_session_expires(settings):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 * 12
    assert settings.SESSION_COOKIE_HTTPONLY


def test_user_emails_are_unique_case_insensitively():
    from core.services import user_get_or_create

    a, created_a = user_get_or_create(email="Lise@Eksempel.no")
    b, created_b = user_get_or_create(email="lise@eksempel.no")
    assert created_a and not created_b and a == b
    assert User.objects.count() == 1


def test_expired_invitations_are_purged_and_schedule_is_in_code(django_capture_on_commit_callbacks):
    from django.core.management import call_command
    from django_celery_beat.models import PeriodicTask

    from networks.tasks import invitations_purge_expired

    with django_capture_on_commit_callbacks(execute=True):
        _, old = _invite("gammel@eksempel.no")
        _, fresh = _invite("fersk@eksempel.no")
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(days=31))
    assert invitations_purge_expired() == 1
    assert list(Invitation.objects.values_list("pk", flat=True)) == [fresh.pk]
    call_command("setup_periodic_tasks", verbosity=0)
    call_command("setup_periodic_tasks", verbosity=0)
    assert PeriodicTask.objects.filter(task="networks.tasks.invitations_purge_expired").count() == 1


def test_accepting_one_invitation_voids_the_older_links(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, first = _invite()
    old_token = _token_from_mail()
    inviter = first.invited_by
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(user=invited, by=inviter, base_url="http://testserver/")
    new_token = _token_from_mail()
    client.post(
        reverse("invitation-accept", kwargs={"token": new_token}),
        {"new_password1": "Fjordtur-2026!", "new_password2": "Fjordtur-2026!"},
    )
    client.logout()
    assert client.get(reverse("invitation-accept", kwargs={"token": old_token})).status_code == 410


def test_deactivated_person_cannot_come_back_through_an_old_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invited, _ = _invite()
    User.objects.filter(pk=invited.pk).update(is_active=False)
    url = reverse("invitation-accept", kwargs={"token": _token_from_mail()})
    response = client.post(url, {"new_password1": "Fjordtur-2026!", "new_password2": "Fjordtur-2026!"})
    assert response.status_code == 410
    invited.refresh_from_db()
    assert not invited.is_active and not invited.has_usable_password()


# Login throttling counts one address, however it is spelt (a tester changed the case to get around it).
LOCKED_EMAIL = "brukerrepresentant@demo.laeringsnett.no"
CASE_VARIANTS = [
    "brukerrepresentant@demo.laeringsnett.no",
    "brukerrepresentant@DEMO.laeringsnett.no",
    "Brukerrepresentant@Demo.Laeringsnett.No",
    "BRUKERREPRESENTANT@DEMO.LAERINGSNETT.NO",
    " brukerRepresentant@demo.laeringsnett.no ",
]


def _login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_failures_in_mixed_case_lock_every_spelling_of_the_address(client):
    user = UserFactory(email=LOCKED_EMAIL)
    failures = [_login(client, CASE_VARIANTS[i], "feil") for i in range(5)]
    assert [r.status_code for r in failures[:4]] == [200] * 4
    assert failures[-1].status_code == 429
    for variant in CASE_VARIANTS:
        assert _login(client, variant, "feil").status_code == 429, variant
    user.refresh_from_db()
    assert user.last_login is None


def test_right_password_in_another_case_does_not_get_past_a_lockout(client):
    user = UserFactory(email=LOCKED_EMAIL)
    for _ in range(5):
        _login(client, LOCKED_EMAIL, "feil")
    for variant in CASE_VARIANTS[1:]:
        response = _login(client, variant, PASSWORD)
        assert response.status_code == 429, variant
        assert "For mange mislykkede" in response.content.decode()
        assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.last_login is None


def test_upper_case_login_works_when_not_locked_and_clears_the_failures(client):
    user = UserFactory(email=LOCKED_EMAIL)
    for _ in range(4):
        assert _login(client, CASE_VARIANTS[2], "feil").status_code == 200
    response = _login(client, " " + LOCKED_EMAIL.upper() + " ", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    # The success cleared the four failures of every spelling: one more mistake does not lock.
    assert _login(client, CASE_VARIANTS[2], "feil").status_code == 200
    assert _login(client, LOCKED_EMAIL, PASSWORD).status_code == 302


def test_axes_counts_the_posted_address_trimmed_and_in_lower_case(rf):
    from axes.helpers import get_client_username

    request = rf.post(reverse("login"), {"username": "  Kari@EKSEMPEL.no "})
    assert get_client_username(request) == "kari@eksempel.no"
    assert get_client_username(request, {"username": "KARI@eksempel.NO"}) == "kari@eksempel.no"


def test_password_reset_with_upper_case_email_mails_the_stored_address(client):
    UserFactory(email="per@eksempel.no")
    response = client.post(reverse("password_reset"), {"email": " PER@Eksempel.NO "})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["per@eksempel.no"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_an_address_typed_in_the_back_office_is_stored_lower_case(client):
    from core.models import User

    User.objects.create_user("kari@eksempel.no", password="x-y-z-123")
    admin = User.objects.create_superuser("sjef@eksempel.no", password="x-y-z-123")
    client.force_login(admin)
    response = client.post(
        "/admin/learningnet/user/add/",
        {"email": " Kari@Eksempel.NO ", "full_name": "", "password1": "", "password2": "", "usable_password": "false"},
    )
    assert User.objects.filter(email__iexact="kari@eksempel.no").count() == 1
    assert response.status_code == 200  # the form again: that person exists already
    client.post(
        "/admin/learningnet/user/add/",
        {"email": " Per@Eksempel.NO ", "full_name": "", "password1": "", "password2": "", "usable_password": "false"},
    )
    assert User.objects.filter(email="per@eksempel.no").exists()


def _session_writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]]


def test_session_expiry_slides_with_activity_but_is_written_at_most_every_few_minutes(client, settings):
    """An idle session ends SESSION_COOKIE_AGE after the last request; a busy one is written once
    per SESSION_REFRESH_SECONDS, not on every page (a hundred phones open the program at once)."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.sessions import REFRESHED_KEY

    client.force_login(UserFactory(email="aktiv@eksempel.no"))  # stamps the session
    with CaptureQueriesContext(connection) as quiet:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert _session_writes(quiet.captured_queries) == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # the cookie's expiry is not renewed either

    # Later than the refresh interval: the session is written and its expiry moved forward.
    session = client.session
    session[REFRESHED_KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(seconds=60)  # about to expire
    )
    with CaptureQueriesContext(connection) as refreshed:
        response = client.get(reverse("home"))
    assert len(_session_writes(refreshed.captured_queries)) == 1
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    stored = Session.objects.get(session_key=client.session.session_key)
    assert stored.expire_date > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_an_anonymous_visitor_gets_no_session(client):
    from django.contrib.sessions.models import Session

    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_a_request_that_does_not_use_the_session_does_not_read_it(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(email="robot@eksempel.no"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/robots.txt").status_code == 200
    assert [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]] == []
