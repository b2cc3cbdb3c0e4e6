"""Health endpoints for load balancers and docker-compose: no login, no personal data,
JSON `{"status": "ok" | "unavailable" | "not configured", "detail": …}` with 200 or 503."""

from collections.abc import Callable

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backend.operations import health


def _respond(check: health.Check, component: str) -> JsonResponse:
    status = "ok" if check.ok else "unavailable"
    if not check.configured:
        status = "not configured"
    body = {"component": component, "status": status, "detail": check.detail}
    return JsonResponse(body, status=200 if check.ok else 503)


def _endpoint(component: str, run: Callable[[], health.Check]) -> Callable[..., JsonResponse]:
    @never_cache
    @require_safe
    def view(request: HttpRequest) -> JsonResponse:
        return _respond(run(), component)

    view.__name__ = f"{component}_health"
    return view


web = _endpoint("web", lambda: health.Check(True, "web answers"))
database = _endpoint("database", health.database_check)
redis = _endpoint("redis", health.redis_check)
celery = _endpoint("celery", health.celery_check)
