"""/api/v1/: every app's API, the token endpoints, the schema and the interactive docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from backend.api import views

app_name = "api"

router = SimpleRouter()
router.register("auth/tokens", views.TokenViewSet, basename="token")

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token-obtain"),
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
    path("", include("backend.registry.api.urls")),
    path("", include("backend.calls.api.urls")),
    path("", include("backend.plans.api.urls")),
    path("", include("backend.network.api.urls")),
    path("", include("backend.documents.api.urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Last: every other path ending in "/" is a JSON 404 (without the slash, Django's
    # APPEND_SLASH redirects here first).
    re_path(r"^.*/$", views.not_found, name="not-found"),
]
