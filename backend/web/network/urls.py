from django.urls import path, re_path

from backend.web.network import periods, views

app_name = "network"
urlpatterns = [
    path("", views.register, name="register"),
    path("<id:entry_id>/", views.entry_detail, name="entry"),
    path("periods/", periods.period_list, name="periods"),
    path("periods/new/", periods.period_create_view, name="period_create"),
    path("periods/roll-over/", periods.roll_over_view, name="roll_over"),
    re_path(r"^export\.(?P<fmt>csv|xlsx|json)$", views.register_export, name="export"),
]
