from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the API's own routes, whose last one answers every other path with a 404.
    path("api/v1/insight/", include("backend.insight.api_urls")),
    path("api/v1/", include("backend.api.urls")),
    path("health/", include("backend.operations.urls")),
    # Browsers ask for /favicon.ico whatever the page links; the icon is an SVG in static.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("web/favicon.svg"), permanent=True),
    ),
]
urlpatterns += i18n_patterns(
    path("", include("backend.web.urls")),
    path("accounts/", include("backend.accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("plans/", include("backend.web.plans.urls")),
    path("plans/", include("backend.web.clarifications.urls")),
    path("calls/", include("backend.web.calls.urls")),
    path("calls/<id:call_id>/letters/", include("backend.web.letters.urls")),
    path("calls/<id:call_id>/setup/", include("backend.web.callsetup.urls")),
    path("register/", include("backend.web.network.urls")),
    path("reservations/", include("backend.web.remedies.urls")),
    path("assessment/", include("backend.web.assessment.urls")),
    path("planning/", include("backend.insight.urls")),
    path("inbox/", include("backend.web.inbox.urls")),
    path("imports/", include("backend.web.imports.urls")),
    path("casework/", include("backend.web.casework.urls")),
    path("demand/", include("backend.web.demand.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
