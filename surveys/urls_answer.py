from django.urls import path  # noqa: F401 - the respondents' pages are added here

app_name = "answer"

urlpatterns: list = []
