from django.urls import path

from packages import views, views_followup

app_name = "packages"

team = "<int:pk>/teams/<int:team_pk>/"

urlpatterns = [
    path("", views.package_list_view, name="package-list"),
    path("new/", views.package_create_view, name="package-create"),
    path("<int:pk>/", views.package_detail_view, name="package-detail"),
    path("<int:pk>/edit/", views.package_edit_view, name="package-edit"),
    path("<int:pk>/preview/", views.package_preview_view, name="package-preview"),
    path("<int:pk>/publish/", views.package_publish_view, name="package-publish"),
    path("<int:pk>/tasks/new/", views.task_create_view, name="task-create"),
    path("<int:pk>/tasks/<int:task_pk>/", views.task_edit_view, name="task-edit"),
    path("<int:pk>/tasks/<int:task_pk>/move/", views.task_move_view, name="task-move"),
    path("<int:pk>/tasks/<int:task_pk>/questions/new/", views.question_create_view, name="question-create"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit_view, name="question-edit"),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move_view, name="question-move"),
    path("<int:pk>/questions/<int:question_pk>/delete/", views.question_delete_view, name="question-delete"),
    # The team's workspace
    path(team, views.workspace_view, name="workspace"),
    path(team + "answers/<int:question_pk>/", views.answer_save_view, name="answer-save"),
    path(team + "answers/<int:question_pk>/history/", views.answer_history_view, name="answer-history"),
    path(team + "answers/<int:question_pk>/file/", views.answer_file_view, name="answer-file"),
    path(team + "files/<int:file_pk>/", views.answer_file_download_view, name="answer-file-download"),
    path(team + "files/<int:file_pk>/delete/", views.answer_file_delete_view, name="answer-file-delete"),
    path(team + "submit/", views.response_submit_view, name="response-submit"),
    path(team + "reopen/", views.response_reopen_view, name="response-reopen"),
    # Following the teams (views_followup.py)
    path("matrix/", views_followup.package_matrix_view, name="package-matrix"),
    path(
        "<int:pk>/questions/<int:question_pk>/answers/", views_followup.question_answers_view, name="question-answers"
    ),
    path("<int:pk>/export/", views_followup.package_export_view, name="package-export"),
    path(team + "remind/", views_followup.response_remind_view, name="response-remind"),
    path("<int:pk>/compilation/", views_followup.package_compilation_view, name="package-compilation"),
]
