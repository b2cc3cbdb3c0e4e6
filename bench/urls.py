"""The production URLs plus the bench-only baseline: a bare DRF view, constant small JSON."""

from django.urls import path

from backend.config.urls import urlpatterns as production
from bench.views import Baseline

urlpatterns = [path("bench/baseline/", Baseline.as_view(), name="bench-baseline"), *production]
