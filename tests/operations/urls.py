"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from backend.config.urls import urlpatterns as site


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret detail of the crash: /srv/zsss/settings password=hunter2")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("tampered input")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


urlpatterns = [
    path("api/v1/crash/", crash),
    *i18n_patterns(
        path("crash/", crash),
        path("suspicious/", suspicious),
        path("forbidden/", forbidden),
        prefix_default_language=False,
    ),
    *site,
]
