"""Field history (django-simple-history) of the records people decide on, kept in this app.

Every save of a tracked model writes a historical row (all fields, who, when, + ~ -) into
`audit_historical<model>`; the history models and their migrations live here, not in the
domain apps. `bulk_create` (the bench seed) writes no history, by design.

`simple_history.register(model, app=...)` takes the app's *module* path ("backend.audit":
its models module receives the history classes; the app label "audit" follows from it).
"""

import functools
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField
from simple_history import register
from simple_history.manager import HistoricalQuerySet, HistoryManager
from simple_history.models import HistoricalRecords

from backend.audit.guards import AppendOnlyModel, AppendOnlyQuerySet
from backend.core.bulk_inserts import insert_or_defer

TRACKED = [
    "plans.DevelopmentPlan",
    "plans.MunicipalOpinion",
    "plans.CouncilResolution",
    "plans.RegionalDecision",
    "calls.Call",
    "registry.Provider",
    "registry.SocialService",
    "network.NetworkEntry",
    "assessment.Criterion",
    "assessment.ReferenceValue",
    "assessment.Assessment",
    "assessment.Score",
    "demand.DemandTable",
    "demand.DemandEntry",
]


# Fields kept out of the history: who owns a case is written without a save and logged by
# casework's own Assignment records; the folded search columns (backend/core/folding.py) are
# the database's copies of fields the history already holds.
NOT_TRACKED = {
    "plans.DevelopmentPlan": ["assignee", "justification_folded"],
    "plans.MunicipalOpinion": ["assignee"],
    "registry.Provider": ["name_folded"],
    "registry.SocialService": ["name_folded"],
}


class AppendOnlyHistoricalQuerySet(AppendOnlyQuerySet, HistoricalQuerySet):
    """`instance.history` querysets: readable, never updated or deleted in bulk."""


class HistoricalRow(AppendOnlyModel):
    """Base of the history models: an append-only row that a sweep's group of transitions
    inserts together with the others (`backend/core/bulk_inserts.py`); simple-history saves
    each new row with `save(using=None)` and reads nothing back."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        plain = not args and kwargs.keys() <= {"using"} and kwargs.get("using") is None
        if self._state.adding and plain and insert_or_defer(self):
            return
        super().save(*args, **kwargs)


class AuditHistoryManager(HistoryManager):
    """simple-history's manager, whose class for a queryset class is built once.

    simple-history's descriptor (`instance.history`, read by every save to find the history
    model) builds a new manager class with `from_queryset` on each access — ~0.3 ms of
    `inspect` per save, a tenth of a sweep's transition (issue 23). The class it builds
    depends only on the two classes, so one is kept per pair."""

    @classmethod
    @functools.cache
    def from_queryset(
        cls, queryset_class: type[models.QuerySet[Any]], class_name: str | None = None
    ) -> Any:
        return super().from_queryset(queryset_class, class_name)


class AuditHistoricalRecords(HistoricalRecords):
    """Historical records whose copy of an FSM state field is a plain CharField.

    `FSMField(protected=True)` refuses assignment once a value is set; the history must
    still build rows, load them, diff them and rebuild the tracked instance, and a past state
    is a plain value, not a state machine."""

    def copy_fields(self, model: type[models.Model]) -> dict[str, models.Field]:
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, FSMField):
                _name, _path, args, kwargs = field.deconstruct()
                kwargs.pop("protected", None)
                fields[name] = models.CharField(*args, **kwargs)
        return fields


def register_history() -> None:
    """Register every tracked model (called while this app's models module loads)."""
    for label in TRACKED:
        model = apps.get_model(label, require_ready=False)
        register(
            model,
            app="backend.audit",
            verbose_name=format_lazy(_("history: {}"), model._meta.verbose_name),
            verbose_name_plural=format_lazy(_("history: {}"), model._meta.verbose_name_plural),
            records_class=AuditHistoricalRecords,
            bases=[HistoricalRow],
            historical_queryset=AppendOnlyHistoricalQuerySet,
            history_manager=AuditHistoryManager,
            excluded_fields=NOT_TRACKED.get(label, []),
        )


def historical_models() -> list[type[models.Model]]:
    return [apps.get_model(label).history.model for label in TRACKED]


def append_only_models() -> list[type[models.Model]]:
    """Every model whose rows are never changed or deleted: django-fsm-log's transition log
    and every concrete model built on `AppendOnlyModel` (the audit records, the field history,
    the workflows' moved deadlines), found by their base so no app below has to name them."""
    from django_fsm_log.models import StateLog

    own = [
        model
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    ]
    return [StateLog, *own]


def author_from_transition(
    sender: Any, instance: Any, method_kwargs: Any = None, **kw: Any
) -> None:
    """A transition's actor (`by=`, also outside a request: Celery, commands) is the author of
    the historical row the following save writes; `by=None` is the system itself."""
    if method_kwargs is not None and "by" in method_kwargs:
        author_set(instance, by=method_kwargs["by"])


def author_set(instance: models.Model, *, by: Any) -> None:
    """`by` is the author of the historical row the next save of `instance` writes, also
    outside a request (simple-history reads the instance's `_history_user`)."""
    instance._history_user = by  # type: ignore[attr-defined]  # simple-history's attribute, read on save
