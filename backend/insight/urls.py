from django.urls import path

from backend.insight import views

app_name = "insight"
urlpatterns = [
    path("capacity/", views.capacity_dashboard, name="capacity"),
    path("activity-cards/", views.activity_coverage, name="coverage"),
    path("sla/", views.sla_page, name="sla"),
    path("sla/export/<str:table>/", views.sla_export, name="sla_export"),
    path("workflow/", views.workflow_diagram, name="workflow"),
]
