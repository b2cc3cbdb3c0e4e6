"""/api/v1/: every app's API, the token endpoints, the schema and the interactive docs."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from backend.api import views

app_name = "api"

router = SimpleRouter()
router.register("auth/tokens", views.TokenViewSet, basename="token")

urlpatterns = [
    path("auth/token/", views.TokenObtainView.as_view(), name="token-obtain"),
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
    path("", include("backend.api.registry.urls")),
    path("", include("backend.api.calls.urls")),
    path("", include("backend.api.callsetup.urls")),
    path("", include("backend.api.casework.urls")),
    path("", include("backend.api.letters.urls")),
    path("", include("backend.api.plans.urls")),
    path("", include("backend.api.clarifications.urls")),
    path("", include("backend.api.network.urls")),
    path("", include("backend.api.remedies.urls")),
    path("", include("backend.api.assessment.urls")),
    path("", include("backend.api.demand.urls")),
    path("", include("backend.api.documents.urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    # Swagger UI loads its start-up script as a file (no inline script); its page and React
    # components set inline styles, which the CSP allows on this page only.
    path(
        "docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    # Last: every other path ending in "/" is a JSON 404 (without the slash, Django's
    # APPEND_SLASH redirects here first). `[\s\S]`, not ".": also a path with a newline in it
    # (Django's HTML 404 answered it; the fuzzer found it).
    re_path(r"^[\s\S]*/$", views.not_found, name="not-found"),
]
