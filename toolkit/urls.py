from django.urls import path

from toolkit import views, views_import, views_network

app_name = "toolkit"

team = "teams/<int:pk>/"
person = team + "people/<int:person_pk>/"

urlpatterns = [
    # The project group: figures per team, never a person's row (views_network.py)
    path("", views_network.network_toolkit_view, name="network"),
    path(team + "checklist/", views_network.checklist_template_view, name="checklist-template"),
    # Paper forms in (views_import.py)
    path(team + "import/", views_import.toolkit_import_view, name="import"),
    # The team's records (views.py)
    path(team, views.team_toolkit_view, name="team"),
    path(team + "new/", views.person_create_view, name="person-create"),
    path(person, views.person_view, name="person"),
    path(person + "areas/", views.area_add_view, name="area-add"),
    path(person + "conversations/new/", views.conversation_create_view, name="conversation-create"),
    path(person + "conversations/<int:number>/", views.conversation_edit_view, name="conversation-edit"),
    path(person + "plan/new/", views.plan_item_create_view, name="plan-create"),
    path(person + "plan/<int:item_pk>/", views.plan_item_edit_view, name="plan-edit"),
    path(person + "plan/<int:item_pk>/delete/", views.plan_item_delete_view, name="plan-delete"),
    path(person + "checklist/new/", views.checklist_create_view, name="checklist-create"),
    path(person + "close/", views.person_close_view, name="person-close"),
    path(person + "reopen/", views.person_reopen_view, name="person-reopen"),
    path(person + "delete/", views.person_delete_view, name="person-delete"),
]
