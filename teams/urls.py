from django.urls import path

from teams import views

app_name = "teams"

urlpatterns = [
    path("<int:pk>/meetings/", views.meeting_list_view, name="meeting-list"),
    path("<int:pk>/meetings/new/", views.meeting_create_view, name="meeting-create"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.meeting_detail_view, name="meeting-detail"),
    path("<int:pk>/meetings/<int:meeting_pk>/edit/", views.meeting_edit_view, name="meeting-edit"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/tasks/<int:task_pk>/done/",
        views.meeting_task_toggle_view,
        name="meeting-task-toggle",
    ),
    path("<int:pk>/supervision/", views.supervision_view, name="supervision"),
]
