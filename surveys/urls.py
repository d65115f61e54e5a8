from django.urls import path  # noqa: F401 - the project group's pages are added here

app_name = "surveys"

urlpatterns: list = []
