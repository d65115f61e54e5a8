from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.run_list_view, name="run-list"),
    path("new/", views.run_create_view, name="run-create"),
    path("monthly/", views.monthly_toggle_view, name="monthly-toggle"),
    # The final report's written parts
    path("final/", views.final_edit_view, name="final-edit"),
    path("final/<slug:key>/save/", views.final_save_view, name="final-save"),
    path("final/<slug:key>/history/", views.final_history_view, name="final-history"),
    path("<int:pk>/", views.run_detail_view, name="run-detail"),
    path("<int:pk>/status/", views.run_status_view, name="run-status"),
    path("<int:pk>/download/", views.run_download_view, name="run-download"),
    path("<int:pk>/retry/", views.run_retry_view, name="run-retry"),
    # PDFs small enough to render in the request
    path("program/<int:pk>.pdf", views.program_pdf_view, name="program-pdf"),
    path("packages/<int:pk>/compilation.pdf", views.package_compilation_pdf_view, name="package-compilation-pdf"),
    path(
        "toolkit/teams/<int:pk>/people/<int:person_pk>/plan.pdf", views.toolkit_plan_pdf_view, name="toolkit-plan-pdf"
    ),
]
