"""A version of the domain data, and a cache of what is computed from it.

Every committed write to a model of the domain apps raises one counter, `DataVersion`, once
per transaction and after its commit. What is cached from the data carries the counter in its
key, so the first write makes every cached entry unreachable at once, in every process. The
counter is read before the data and raised only after the commit, so a value computed from
data older than a write can only be stored under a counter older than that write's. Entries
also expire after `VERSIONED_CACHE_SECONDS` (0 turns the cache off): a process killed between
a commit and the raise cannot leave a stale value for longer.

The cache is each process's memory (`CACHES["versioned"]`): a hit costs no network round
trip, only the read of the counter, once per request. Writes through `QuerySet.update()` or
`bulk_create()` send no signal and raise nothing: none of the application's writes to the
versioned models takes that path except the bench seed and the register's sort keys, which
follow a save that raised the version already.
"""

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from backend.core.models import DataVersion

CACHE_ALIAS = "versioned"
VERSION_NAME = "domain"
VERSION_SQL = f"SELECT number FROM {DataVersion._meta.db_table} WHERE name = %s"
# The apps whose data is cached (with their many-to-many tables), and single models more;
# a write to any of their models raises the version.
VERSIONED_APPS = ("accounts", "registry", "calls", "plans", "network", "documents", "workflows")
VERSIONED_MODELS = ("api.ApiToken",)

T = TypeVar("T")


def data_version() -> int:
    """The current version of the domain data (0 before the first write)."""
    # Read on every cached request: plain SQL, a third of the ORM's cost for one value.
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL, [VERSION_NAME])
        row = cursor.fetchone()
    return row[0] if row else 0


def data_version_of(request: Any) -> int:
    """The data version, read once per request (a request's cached values share it)."""
    http_request = getattr(request, "_request", request)
    version = getattr(http_request, "_data_version", None)
    if version is None:
        version = http_request._data_version = data_version()
    return version


def cache_enabled() -> bool:
    return bool(settings.VERSIONED_CACHE_SECONDS)


def versioned_get(request: Any, key: str) -> Any:
    """What `versioned_set` stored under `key` at the request's data version; None when
    nothing is, or the cache is off."""
    if not cache_enabled():
        return None
    return caches[CACHE_ALIAS].get(f"{key}:{data_version_of(request)}")


def versioned_set(request: Any, key: str, value: Any) -> None:
    """Keep `value` under `key` at the request's data version (in this process; nothing
    when the cache is off)."""
    if cache_enabled():
        caches[CACHE_ALIAS].set(
            f"{key}:{data_version_of(request)}", value, settings.VERSIONED_CACHE_SECONDS
        )


def versioned_cached(request: Any, key: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept in this process under `key` at the request's data version. None
    is not kept (it is what a miss reads), so unknown keys do not fill the cache."""
    value = versioned_get(request, key)
    if value is None:
        value = compute()
        if value is not None:
            versioned_set(request, key, value)
    return value


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
        uid = f"data-version-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        m2m_changed.connect(_changed, sender=model, dispatch_uid=f"{uid}-m2m")
