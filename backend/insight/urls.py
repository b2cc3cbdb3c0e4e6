from django.urls import path

from backend.insight import views

app_name = "insight"
urlpatterns = [
    path("capacity/", views.capacity_dashboard, name="capacity"),
    path("activity-cards/", views.activity_coverage, name="coverage"),
    path("workflow/", views.workflow_diagram, name="workflow"),
]
