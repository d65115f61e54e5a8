from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from core.forms import EmailAuthenticationForm
from gatherings import views as gatherings_views
from learningnet import views

handler400 = "learningnet.views.error_400_view"
handler403 = "learningnet.views.error_403_view"
handler404 = "learningnet.views.error_404_view"
handler500 = "learningnet.views.error_500_view"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", views.healthz_view, name="healthz"),
    path("robots.txt", views.robots_txt_view, name="robots-txt"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/invitation/<str:token>/", views.invitation_accept_view, name="invitation-accept"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/", gatherings_views.calendar_settings_view, name="calendar-settings"),
    path("calendar/new-links/", gatherings_views.calendar_token_reset_view, name="calendar-token-reset"),
    path("calendar/<str:token>.ics", gatherings_views.calendar_feed_view, name="calendar-feed"),
    path(
        "calendar/<str:token>/<slug:slug>.ics",
        gatherings_views.calendar_network_feed_view,
        name="calendar-network-feed",
    ),
    # The PDFs' addresses before every PDF view moved to reports: links in old e-mails keep working.
    path(
        "n/<slug:slug>/gatherings/<int:pk>/program.pdf",
        RedirectView.as_view(pattern_name="reports:program-pdf", permanent=True),
    ),
    path(
        "n/<slug:slug>/packages/<int:pk>/compilation.pdf",
        RedirectView.as_view(pattern_name="reports:package-compilation-pdf", permanent=True),
    ),
    path("n/<slug:slug>/", include("learningnet.network_urls")),
    path("n/<slug:slug>/", include("gatherings.urls")),
    path("n/<slug:slug>/teams/", include("teams.urls")),
    path("n/<slug:slug>/packages/", include("packages.urls")),
    path("n/<slug:slug>/toolkit/", include("toolkit.urls")),
    path("n/<slug:slug>/improvement/", include("improvement.urls")),
    path("n/<slug:slug>/surveys/", include("surveys.urls")),
    path("s/", include("surveys.urls_answer")),
    path("n/<slug:slug>/reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
