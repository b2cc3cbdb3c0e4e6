"""Cached responses of the API's busiest lists and cached token look-ups, keyed by a
version of the data.

A list's response depends on the data of the domain apps, on who asks (their scope), the
language, the day (deadlines are counted from it), the media type and the URL. Every
committed write to a model of the domain apps raises one counter, `DataVersion`, once per
transaction and after its commit; a cached response carries the counter in its key, so the
first write makes every cached list unreachable at once. The counter is read before the
list's data and raised only after the commit, so a response computed from data older than
a write can only be stored under a counter older than that write's. Entries also expire
after `API_CACHE_SECONDS` (0 turns the cache off): a process killed between a commit
and the raise cannot leave a stale list for longer.

The token look-up of `Authorization: Token …` is cached the same way (the tokens and the
users are versioned models: a revoked token or a deactivated user raises the version), so a
cached list costs one query, the read of the counter, made once per request.

The cache is each process's memory (`CACHES["api"]`): a hit costs no network round trip.
"""

import functools
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import get_language
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.api.models import DataVersion

CACHE_ALIAS = "api"
VERSION_NAME = "domain"
VERSION_SQL = f"SELECT number FROM {DataVersion._meta.db_table} WHERE name = %s"
# The apps whose data the cached lists show (with their many-to-many tables); a write to
# any of their models raises the version.
VERSIONED_APPS = ("accounts", "registry", "calls", "plans", "network", "documents", "workflows")
VERSIONED_MODELS = ("api.ApiToken",)

ListMethod = Callable[..., HttpResponseBase]


def data_version() -> int:
    """The current version of the domain data (0 before the first write)."""
    # Read on every cached request: plain SQL, a third of the ORM's cost for one value.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [VERSION_NAME])
        row = cursor.fetchone()
    return row[0] if row else 0


def data_version_of(request: Any) -> int:
    """The data version, read once per request (the token look-up and the list share it)."""
    http_request = getattr(request, "_request", request)
    version = getattr(http_request, "_data_version", None)
    if version is None:
        version = http_request._data_version = data_version()
    return version


def cache_enabled() -> bool:
    return bool(settings.API_CACHE_SECONDS)


def versioned_get(request: Any, key: str) -> Any:
    """What `versioned_set` stored under `key` at the request's data version, or None."""
    return caches[CACHE_ALIAS].get(f"{key}:{data_version_of(request)}")


def versioned_set(request: Any, key: str, value: Any) -> None:
    caches[CACHE_ALIAS].set(f"{key}:{data_version_of(request)}", value, settings.API_CACHE_SECONDS)


def _raise_now() -> None:
    if not DataVersion.objects.filter(pk=VERSION_NAME).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=VERSION_NAME, defaults={"number": 1})


def data_version_raise() -> None:
    """Raise the version once the current transaction commits (at once outside one).

    A transaction that writes fifty rows raises it once: the callback is registered only
    when it is not pending yet. Django drops the callbacks of a savepoint that rolls back,
    so a later write in the same transaction registers it again."""
    current = transaction.get_connection()
    if current.in_atomic_block and any(entry[1] is _raise_now for entry in current.run_on_commit):
        return
    transaction.on_commit(_raise_now)


def _changed(**kwargs: Any) -> None:
    data_version_raise()


def _versioned_models() -> Iterator[type[models.Model]]:
    for label in VERSIONED_APPS:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)
    for name in VERSIONED_MODELS:
        yield apps.get_model(name)


def connect_invalidation() -> None:
    """Raise the version on every save, delete and many-to-many change of the versioned
    models (connected per model, so other models keep Django's fast bulk deletes)."""
    for model in _versioned_models():
        uid = f"api-list-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-m2m")


def _key(view: APIView, request: Request, *, public: bool) -> str:
    scope = "public" if public else f"user:{request.user.pk}"
    parts = (
        type(view).__qualname__,
        scope,
        get_language() or "",
        timezone.localdate().isoformat(),
        request.accepted_media_type or "",
        request.build_absolute_uri(),
    )
    return "list:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached_list(*, public: bool = False) -> Callable[[ListMethod], ListMethod]:
    """Serve a GET list from the cache, or compute it and store its rendered bytes.

    `public=True`: the list is the same for every caller (the register); otherwise each
    user has entries of their own, since the lists show only the caller's scope."""

    def decorate(method: ListMethod) -> ListMethod:
        @functools.wraps(method)
        def wrapper(view: APIView, request: Request, *args: Any, **kwargs: Any) -> Any:
            if not cache_enabled():
                return method(view, request, *args, **kwargs)
            key = _key(view, request, public=public)
            hit = versioned_get(request, key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = method(view, request, *args, **kwargs)
            if isinstance(response, Response) and response.status_code == 200:
                # Rendered here, as finalize_response would, to store the bytes.
                response.accepted_renderer = request.accepted_renderer
                response.accepted_media_type = request.accepted_media_type
                response.renderer_context = view.get_renderer_context()
                response.render()
                versioned_set(request, key, (response.content, response["Content-Type"]))
            return response

        return wrapper

    return decorate
