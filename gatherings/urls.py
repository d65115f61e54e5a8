from django.urls import path

from gatherings import views

app_name = "gatherings"

urlpatterns = [
    # The activity plan
    path("plan/", views.activity_plan_view, name="plan"),
    path("plan/<int:year>/<int:month>/", views.activity_month_view, name="plan-month"),
    path("plan/export/", views.activity_plan_export_view, name="plan-export"),
    path("activities/new/", views.activity_create_view, name="activity-create"),
    path("activities/<int:pk>/", views.activity_detail_view, name="activity-detail"),
    path("activities/<int:pk>/edit/", views.activity_edit_view, name="activity-edit"),
    path("activities/<int:pk>/calendar.ics", views.activity_ics_view, name="activity-ics"),
    path("activities/<int:pk>/register/", views.activity_register_view, name="activity-register"),
    path("activities/<int:pk>/registrations/", views.activity_registrations_view, name="activity-registrations"),
    # Gatherings and their programs
    path("gatherings/new/", views.gathering_create_view, name="gathering-create"),
    path("gatherings/<int:pk>/program/", views.program_view, name="program"),
    path("gatherings/<int:pk>/program/sessions/new/", views.session_create_view, name="session-create"),
    path("gatherings/<int:pk>/program/sessions/<int:session_pk>/", views.session_edit_view, name="session-edit"),
    path(
        "gatherings/<int:pk>/program/sessions/<int:session_pk>/delete/",
        views.session_delete_view,
        name="session-delete",
    ),
    path("gatherings/<int:pk>/program/sessions/<int:session_pk>/move/", views.session_move_view, name="session-move"),
    path(
        "gatherings/<int:pk>/program/materials/<int:material_pk>/",
        views.material_download_view,
        name="material-download",
    ),
    path("gatherings/<int:pk>/program/presentations/", views.program_presentations_view, name="program-presentations"),
    path("gatherings/<int:pk>/program/copy/", views.program_copy_view, name="program-copy"),
    path("gatherings/<int:pk>/program/publish/", views.program_publish_view, name="program-publish"),
]
