from django.urls import path

from backend.web.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.call_list, name="list"),
    path("new/", views.call_form, name="create"),
    path("<int:call_id>/", views.call_detail, name="detail"),
    path("<int:call_id>/edit/", views.call_form, name="edit"),
]
