"""/api/v1/insight/: the planning figures' API (see backend/insight/api.py)."""

from django.urls import path

from backend.insight import api

app_name = "insight-api"
urlpatterns = [
    path("sla/", api.SlaOverviewView.as_view(), name="sla"),
]
