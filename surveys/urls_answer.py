"""The respondents' pages (mounted at /s/): no login; the link is the key."""

from django.urls import path

from surveys import views_answer

app_name = "answer"

urlpatterns = [
    path("p/<str:token>/", views_answer.PersonalAnswerView.as_view(), name="personal"),
    path("<str:token>/", views_answer.OpenAnswerView.as_view(), name="open"),
]
