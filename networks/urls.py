from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("", views.network_detail_view, name="network-detail"),
    path("invite/", views.person_invite_view, name="person-invite"),
    path("import/<str:kind>/", views.import_view, name="data-import"),
    path("export/<str:kind>/", views.export_view, name="data-export"),
]
