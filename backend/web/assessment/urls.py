from django.urls import path

from backend.web.assessment import views

app_name = "assessment"
urlpatterns = [
    path("plans/<id:plan_id>/", views.plan_assess, name="assess"),
    path("calls/<id:call_id>/criteria/", views.criteria, name="criteria"),
    path("criteria/<id:criterion_id>/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<id:criterion_id>/delete/", views.criterion_remove, name="criterion_delete"),
    path("reference-values/", views.reference_values, name="reference_values"),
    path(
        "reference-values/<id:value_id>/",
        views.reference_value_edit,
        name="reference_value_edit",
    ),
]
