"""Versions of the data, and a cache of what is computed from it.

Every committed write to a versioned model raises a counter, `DataVersion`, once per
transaction and after its commit. There are two: **access** (users, their memberships, API
tokens: who may do what) and **domain** (everything else the application shows). What is
cached carries the counters it depends on in its key, so the first write makes every entry
computed from older data unreachable at once, in every process. The counters are read before
the data and raised only after the commit, so a value computed from data older than a write
can only be stored under a counter older than that write's. Entries also expire after
`VERSIONED_CACHE_SECONDS` (0 turns the cache off): a process killed between a commit and the
raise cannot leave a stale value for longer.

An API token's look-up depends on the access version alone, so a busy stream of domain writes
(the transitions of a call's last days) does not make every request read its token again;
the lists depend on both, as what a user sees depends on their memberships.

The cache is each process's memory (`CACHES["versioned"]`): a hit costs no network round
trip, only the read of the counters, once per request. Writes through `QuerySet.update()` or
`bulk_create()` send no signal and raise nothing: none of the application's writes to the
versioned models takes that path except the bench seed, the register's sort keys, which
follow a save that raised the version already, and a case's assignee, whose change writes an
`Assignment` row in the same transaction (casework is versioned for that).
"""

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, models
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from backend.core.commit_hooks import on_commit_once
from backend.core.models import DataVersion

CACHE_ALIAS = "versioned"
ACCESS = "access"
DOMAIN = "domain"
# Each version, the apps whose models (with their many-to-many tables) raise it, and single
# models more.
VERSIONED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    ACCESS: (("accounts",), ("api.ApiToken",)),
    DOMAIN: (
        (
            "registry",
            "calls",
            "plans",
            "assessment",
            "network",
            "documents",
            "workflows",
            "casework",
            "demand",
        ),
        (),
    ),
}
BOTH = (ACCESS, DOMAIN)
VERSIONS_SQL = f"SELECT name, number FROM {DataVersion._meta.db_table}"

T = TypeVar("T")


def data_versions() -> dict[str, int]:
    """The current number of each version (0 before its first write), in one query."""
    # Read on every cached request: plain SQL, a third of the ORM's cost.
    with connection.cursor() as cursor:
        cursor.execute(VERSIONS_SQL)
        numbers = dict(cursor.fetchall())
    return {name: numbers.get(name, 0) for name in VERSIONED}


def data_version(name: str = DOMAIN) -> int:
    """The current number of one version."""
    return data_versions()[name]


def data_versions_of(request: Any) -> dict[str, int]:
    """The versions, read once per request (a request's cached values share them: a DRF
    view's authentication and its list see the same `Request`)."""
    versions = getattr(request, "zsss_data_versions", None)
    if versions is None:
        versions = request.zsss_data_versions = data_versions()
    return versions


def _versioned_key(request: Any, key: str, depends_on: tuple[str, ...]) -> str:
    versions = data_versions_of(request)
    return ":".join([key, *(f"{versions[name]}" for name in depends_on)])


def cache_enabled() -> bool:
    return bool(settings.VERSIONED_CACHE_SECONDS)


def versioned_get(request: Any, key: str, *, depends_on: tuple[str, ...] = BOTH) -> Any:
    """What `versioned_set` stored under `key` at the request's versions `depends_on`;
    None when nothing is, or the cache is off."""
    if not cache_enabled():
        return None
    return caches[CACHE_ALIAS].get(_versioned_key(request, key, depends_on))


def versioned_set(
    request: Any, key: str, value: Any, *, depends_on: tuple[str, ...] = BOTH
) -> None:
    """Keep `value` under `key` at the request's versions `depends_on` (in this process;
    nothing when the cache is off)."""
    if cache_enabled():
        caches[CACHE_ALIAS].set(
            _versioned_key(request, key, depends_on), value, settings.VERSIONED_CACHE_SECONDS
        )


def versioned_cached(
    request: Any, key: str, compute: Callable[[], T], *, depends_on: tuple[str, ...] = BOTH
) -> T:
    """`compute()`, kept in this process under `key` at the request's versions
    `depends_on`. None is not kept (it is what a miss reads), so unknown keys do not fill
    the cache."""
    value = versioned_get(request, key, depends_on=depends_on)
    if value is None:
        value = compute()
        if value is not None:
            versioned_set(request, key, value, depends_on=depends_on)
    return value


def _raise_now(name: str) -> None:
    if not DataVersion.objects.filter(pk=name).update(number=F("number") + 1):
        DataVersion.objects.get_or_create(pk=name, defaults={"number": 1})


_RAISERS = {name: functools.partial(_raise_now, name) for name in VERSIONED}


def data_version_raise(name: str = DOMAIN) -> None:
    """Raise the version `name` once the current transaction commits (at once outside one).

    A transaction that writes fifty rows raises it once; a write in a savepoint that rolls
    back raises nothing, unless another write of the transaction survives."""
    on_commit_once(("data-version", name), _RAISERS[name])


def _receiver(name: str) -> Callable[..., None]:
    def changed(**kwargs: Any) -> None:
        data_version_raise(name)

    return changed


_RECEIVERS = {name: _receiver(name) for name in VERSIONED}


def _versioned_models(name: str) -> Iterator[type[models.Model]]:
    app_labels, model_labels = VERSIONED[name]
    for label in app_labels:
        yield from apps.get_app_config(label).get_models(include_auto_created=True)
    for label in model_labels:
        yield apps.get_model(label)


def connect_invalidation() -> None:
    """Raise a version on every save, delete and many-to-many change of its models
    (connected per model, so other models keep Django's fast bulk deletes)."""
    for name, receiver in _RECEIVERS.items():
        for model in _versioned_models(name):
            uid = f"data-version-{model._meta.label_lower}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
            m2m_changed.connect(receiver, sender=model, dispatch_uid=f"{uid}-m2m")
