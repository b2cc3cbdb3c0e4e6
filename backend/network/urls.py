from django.urls import path

from backend.network import views

app_name = "network"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:entry_id>/", views.entry_detail, name="entry"),
]
