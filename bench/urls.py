"""The production URLs plus the bench-only endpoints (bench/views.py): the baseline and the
two transition floors."""

from django.urls import path

from backend.config.urls import urlpatterns as production
from bench.views import Baseline, FloorRecords, FloorState

urlpatterns = [
    path("bench/baseline/", Baseline.as_view(), name="bench-baseline"),
    path("bench/floor/records/plans/<int:pk>/submit/", FloorRecords.as_view()),
    path("bench/floor/state/plans/<int:pk>/submit/", FloorState.as_view()),
    *production,
]
