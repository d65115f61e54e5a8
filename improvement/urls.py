from django.urls import path

from improvement import views, views_network

app_name = "improvement"

team = "teams/<int:pk>/"

urlpatterns = [
    # Every team's measures, for those who read across the network (views_network.py)
    path("", views_network.network_improvement_view, name="network"),
    path("export.xlsx", views_network.network_export_view, name="network-export"),
    # The team's own pages (views.py)
    path(team, views.team_improvement_view, name="team"),
    path(team + "areas/new/", views.area_create_view, name="area-create"),
    path(team + "areas/<int:obj_pk>/", views.area_edit_view, name="area-edit"),
    path(team + "areas/<int:area_pk>/goals/new/", views.goal_create_view, name="goal-create"),
    path(team + "goals/<int:obj_pk>/", views.goal_edit_view, name="goal-edit"),
    path(team + "areas/<int:area_pk>/tiltak/new/", views.action_create_view, name="action-create"),
    path(team + "tiltak/<int:obj_pk>/", views.action_edit_view, name="action-edit"),
    path(team + "measures/new/", views.measure_create_view, name="measure-create"),
    path(team + "measures/<int:obj_pk>/", views.measure_view, name="measure"),
    path(team + "measures/<int:obj_pk>/edit/", views.measure_edit_view, name="measure-edit"),
    path(team + "measures/<int:obj_pk>/submit/", views.measure_submit_view, name="measure-submit"),
    path(team + "measures/<int:obj_pk>/values/<int:value_pk>/delete/", views.value_delete_view, name="value-delete"),
    path(team + "pdsa/new/", views.pdsa_create_view, name="pdsa-create"),
    path(team + "pdsa/<int:obj_pk>/", views.pdsa_edit_view, name="pdsa-edit"),
    path(team + "actors/new/", views.actor_map_create_view, name="actor-map-create"),
    path(team + "actors/<int:obj_pk>/", views.actor_map_view, name="actor-map"),
    path(team + "actors/<int:obj_pk>/edit/", views.actor_map_edit_view, name="actor-map-edit"),
    path(team + "actors/<int:obj_pk>/<int:actor_pk>/delete/", views.actor_delete_view, name="actor-delete"),
    path(team + "<str:kind>/<int:obj_pk>/delete/", views.object_delete_view, name="delete"),
]
