from django.urls import path

from backend.api.assessment import views

urlpatterns = [
    path(
        "plans/<id:plan_id>/assessment/",
        views.PlanAssessmentViewSet.as_view({"get": "retrieve", "post": "submit"}),
        name="plan-assessment",
    ),
    path(
        "calls/<id:call_id>/criteria/",
        views.CriterionViewSet.as_view({"get": "list", "post": "create"}),
        name="call-criteria",
    ),
    path(
        "criteria/<id:pk>/",
        views.CriterionViewSet.as_view({"patch": "partial_update", "delete": "destroy"}),
        name="criterion-detail",
    ),
    path(
        "reference-values/",
        views.ReferenceValueViewSet.as_view({"get": "list", "post": "create"}),
        name="reference-value-list",
    ),
    path(
        "reference-values/<id:pk>/",
        views.ReferenceValueViewSet.as_view({"patch": "partial_update"}),
        name="reference-value-detail",
    ),
]
