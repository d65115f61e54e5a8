from django.urls import path

from learningnet import network_views as views

# The network's and a team's home pages combine networks, teams and gatherings, so they live on
# top, under the `networks` namespace.
app_name = "networks"

urlpatterns = [
    path("", views.network_detail_view, name="network-detail"),
    path("invite/", views.person_invite_view, name="person-invite"),
    path("import/<str:kind>/", views.import_view, name="data-import"),
    path("export/<str:kind>/", views.export_view, name="data-export"),
    path("teams/<int:pk>/", views.team_detail_view, name="team-detail"),
    path("plan/team/<int:pk>/", views.team_next_view, name="team-next"),
]
