from django.urls import path

from teams import views

app_name = "teams"

urlpatterns = [
    path("<int:pk>/", views.team_detail_view, name="team-detail"),
]
