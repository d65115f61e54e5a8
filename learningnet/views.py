"""Views of the core: home, accounts (invitation), health, error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from core.forms import InvitationAcceptForm
from core.http import BadParameter
from learningnet.selectors import team_package_steps
from networks.models import Invitation
from networks.services import invitation_accept
from teams.permissions import networks_visible_to, teams_visible_to


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    networks = list(networks_visible_to(request.user).order_by("-starts_on", "name"))
    my_teams = list(
        teams_visible_to(request.user)
        .filter(memberships__user=request.user)
        .distinct()
        .order_by("network__name", "name")
    )
    # What each of my teams must do next: the packages not yet submitted, nearest deadline first
    # (two queries a team; a person is in one or two teams).
    for team in my_teams:
        team.open_steps = [s for s in team_package_steps(team=team) if not s.is_submitted][:3]
    return render(request, "learningnet/home.html", {"networks": networks, "my_teams": my_teams})


@never_cache
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.find(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "registration/invitation_invalid.html", status=410)
    form = InvitationAcceptForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(invitation=invitation, password=form.cleaned_data["new_password1"])
        except ValidationError:
            return render(request, "registration/invitation_invalid.html", status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password is set and you are logged in."))
        return redirect("home")
    return render(request, "registration/invitation_accept.html", {"form": form, "invitation": invitation})


@require_GET
def robots_txt_view(request: HttpRequest) -> HttpResponse:
    """Keep search engines out: workspaces are private. Also the benchmarks' trivial view."""
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_broker_and_workers() -> tuple[str, str]:
    from learningnet.celery import app

    if not settings.CELERY_BROKER_URL:
        return "not configured", "eager"
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    replies = app.control.inspect(timeout=1.0).ping() or {}
    return "ok", (f"{len(replies)} responding" if replies else "none responding")


@require_GET
@never_cache
def healthz_view(request: HttpRequest) -> JsonResponse:
    """State of the database, the broker and the workers; 503 when a configured part is down."""
    result: dict[str, str] = {}
    healthy = True
    try:
        result["database"] = _check_database()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        result["database"] = f"down: {type(exc).__name__}"
        healthy = False
    try:
        result["broker"], result["workers"] = _check_broker_and_workers()
        if result["workers"] == "none responding":
            healthy = False
    except Exception as exc:  # noqa: BLE001
        result["broker"], result["workers"] = f"down: {type(exc).__name__}", "unknown"
        healthy = False
    result["status"] = "ok" if healthy else "degraded"
    return JsonResponse(result, status=200 if healthy else 503)


def error_404_view(request, exception=None):
    return render(request, "404.html", status=404)


def error_400_view(request, exception=None):
    """400: a parameter the page did not send (BadParameter) is named; other bad requests are not explained."""
    message = str(exception) if isinstance(exception, BadParameter) else _("The request could not be understood.")
    wants_json = "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json"
    if wants_json or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return JsonResponse({"error": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def error_500_view(request):
    return render(request, "500.html", status=500)


def error_403_view(request, exception=None):
    return render(request, "403.html", status=403)
