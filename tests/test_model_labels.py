"""Every field of our own models has a translated label.

A field without `verbose_name` is labelled with its name ("created by", "content type") in
English whatever the language: in the Czech admin, in forms, filters and exports built from
the models. The field history (simple-history's models in backend/audit) copies the labels
of the tracked models; its own `history_*` fields are simple-history's and are not checked.

The admin adds labels of its own (columns and read-only fields computed by the admin or the
model, filters, actions): each of our model admins and inlines must show them translated.
"""

from collections.abc import Callable, Iterator

from django.apps import apps
from django.contrib import admin
from django.contrib.admin import site
from django.contrib.admin.utils import get_fields_from_path, label_for_field
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

OUR_APPS = ("backend.", "workflows", "notifications")

Label = Callable[[], object]


def _is_auto_pk(field: models.Field) -> bool:
    return bool(field.primary_key and field.auto_created)


def _checked_fields(model: type[models.Model]) -> Iterator[models.Field]:
    opts = model._meta
    tracked = getattr(model, "instance_type", None)  # a simple-history model's tracked model
    copied = None
    if tracked is not None:
        copied = {f.name for f in tracked._meta.concrete_fields if not _is_auto_pk(f)}
    for field in [*opts.concrete_fields, *opts.many_to_many]:
        if _is_auto_pk(field):
            continue
        if field.is_relation and getattr(field.remote_field, "parent_link", False):
            continue
        if copied is not None and field.name not in copied:
            continue
        yield field


def _our_models() -> list[type[models.Model]]:
    return [
        model
        for app in apps.get_app_configs()
        if app.name.startswith(OUR_APPS)
        for model in app.get_models()
        if not model._meta.proxy
    ]


def _is_translated(label: object) -> bool:
    if not isinstance(label, Promise):
        return False
    with translation.override("cs"):
        czech = str(label)
    with translation.override("en"):
        english = str(label)
    return czech != english or english in trans_real.translation("cs")._catalog


def test_the_walk_reaches_every_app_and_the_field_history() -> None:
    labels = {model._meta.label for model in _our_models()}
    assert {
        "plans.DevelopmentPlan",
        "notifications.Notification",
        "workflows.DeadlineChange",
    } <= labels
    assert "audit.HistoricalDevelopmentPlan" in labels
    history = apps.get_model("audit", "HistoricalDevelopmentPlan")
    names = {field.name for field in _checked_fields(history)}
    assert "created_by" in names and "state" in names
    assert not any(name.startswith("history_") for name in names)


def test_every_field_of_our_models_has_a_translated_label() -> None:
    unlabelled = [
        f"{model._meta.label}.{field.name} ({field.verbose_name!r})"
        for model in _our_models()
        for field in _checked_fields(model)
        if not _is_translated(field.verbose_name)
    ]
    assert unlabelled == [], f"{len(unlabelled)} fields without a translated label"


# Labels our admin shows that come from elsewhere and are left as they are: the `history_*`
# fields are simple-history's; "ID" is written the same in both languages. (The transition
# log's model is django-fsm-log's, shown through our columns: workflows/admin/records.py.)
NOT_OURS: set[str] = set()


def _our_admins() -> list[admin.ModelAdmin]:
    """Our model admins and the inlines they show, each bound to its model."""
    found = []
    for model, model_admin in site._registry.items():
        if not type(model_admin).__module__.startswith(OUR_APPS):
            continue
        if model._meta.label not in NOT_OURS:
            found.append(model_admin)
        for inline in model_admin.inlines:
            if inline.model._meta.label not in NOT_OURS:
                found.append(inline(model, site))
    return found


def _admin_labels(model_admin: admin.options.BaseModelAdmin) -> Iterator[tuple[str, Label]]:
    """(where, a function returning the label) for each column, shown field, filter and
    action of one model admin or inline."""
    model = model_admin.model
    names = [
        *getattr(model_admin, "list_display", []),
        *(model_admin.fields or []),
        *model_admin.readonly_fields,
    ]
    for name in names:
        if isinstance(name, str) and (name == "id" or name.startswith("history_")):
            continue
        yield str(name), lambda name=name: label_for_field(name, model, model_admin)
    for entry in getattr(model_admin, "list_filter", []):
        path = entry[0] if isinstance(entry, tuple) else entry
        fixed = getattr(entry[1], "fixed_title", None) if isinstance(entry, tuple) else None
        if fixed is not None:
            yield path, lambda fixed=fixed: fixed
        elif isinstance(path, str):
            if path.startswith("history_"):
                continue
            yield path, lambda path=path: get_fields_from_path(model, path)[-1].verbose_name
        else:
            yield path.__name__, lambda path=path: path.title
    for action in getattr(model_admin, "actions", None) or []:
        function = getattr(model_admin, action) if isinstance(action, str) else action
        yield str(action), lambda function=function: function.short_description


def test_the_admin_walk_reaches_columns_inlines_filters_and_actions() -> None:
    where = {
        f"{type(model_admin).__name__}.{name}"
        for model_admin in _our_admins()
        for name, _label in _admin_labels(model_admin)
    }
    assert {
        "CallAdmin.open_calls",
        "CallAdmin.period",
        "AttachmentInline.uploaded_by",
        "DevelopmentPlanAdmin.service__service_type",
        "SweepStatusAdmin.schedule",
    } <= where


def test_every_label_of_our_admin_is_translated() -> None:
    untranslated = []
    for model_admin in _our_admins():
        for where, label in _admin_labels(model_admin):
            with translation.override("cs"):
                czech = str(label())
            with translation.override("en"):
                shown = label()
                english = str(shown)
            if czech == english and not (
                isinstance(shown, Promise) and english in trans_real.translation("cs")._catalog
            ):
                untranslated.append(f"{type(model_admin).__name__}.{where} ({english!r})")
    assert untranslated == []
