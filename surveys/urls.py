from django.urls import path

from surveys import views

app_name = "surveys"

survey = "<int:pk>/"

urlpatterns = [
    path("", views.survey_list_view, name="list"),
    path("new/", views.survey_create_view, name="create"),
    # The survey and its builder
    path(survey, views.survey_view, name="survey"),
    path(survey + "preview/", views.preview_view, name="preview"),
    path(survey + "sections/new/", views.section_form_view, name="section-create"),
    path(survey + "sections/<int:section_pk>/", views.section_form_view, name="section-edit"),
    path(survey + "sections/<int:section_pk>/questions/new/", views.question_form_view, name="question-create"),
    path(survey + "questions/<int:question_pk>/", views.question_form_view, name="question-edit"),
    path(survey + "move/", views.builder_move_view, name="builder-move"),
    path(survey + "delete/", views.builder_delete_view, name="builder-delete"),
    # Opening, closing, extending
    path(survey + "schedule/", views.schedule_view, name="schedule"),
    path(survey + "extend/", views.extend_view, name="extend"),
    path(survey + "close/", views.close_view, name="close"),
    # The panel and the open link
    path(survey + "panel/", views.panel_view, name="panel"),
    path(survey + "panel/build/", views.panel_build_view, name="panel-build"),
    path(survey + "panel/approve/", views.panel_approve_view, name="panel-approve"),
    path(survey + "panel/invite/", views.panel_invite_view, name="panel-invite"),
    path(survey + "panel/remind/", views.panel_remind_view, name="panel-remind"),
    path(survey + "screen/", views.screen_view, name="screen"),
    # Results and quotes
    path(survey + "results/", views.results_view, name="results"),
    path(survey + "results.xlsx", views.results_export_view, name="results-export"),
    path(survey + "quotes/", views.quotes_view, name="quotes"),
    path(survey + "quotes/pick/", views.quote_pick_view, name="quote-pick"),
    path(survey + "quotes/drop/", views.quote_drop_view, name="quote-drop"),
    # Out and in
    path(survey + "responses.<str:fmt>", views.export_view, name="export"),
    path(survey + "import/", views.import_view, name="import"),
]
