"""Filter building blocks shared by the apps' API filters."""

from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import QuerySet

from backend.core.folding import search_word

# Ids are positive 64-bit integers: anything else is a 400, never a database error.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """Filter by the id of a related object (`?plan=12`)."""

    field_class = IdField


class FoldedFilter(django_filters.CharFilter):
    """Part of a name, accents and case ignored (`?name=ceska` finds "Česká Lípa"): the
    folded value against a folded column (backend/core/folding.py), `field_name="…_folded"`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("lookup_expr", "contains")
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value: str | None) -> QuerySet:
        return super().filter(qs, search_word(value) if value else value)


class FormBuiltOnce(django_filters.FilterSet):
    """A filter set whose form class is built once per filter set class, not per request.

    django-filter builds a form class of every filter's field on each request (a tenth
    of an uncached list's CPU with its model choice fields, issue 23). A form copies its
    class's fields when instantiated, so one class serves every request — for filter sets
    whose fields do not depend on the request (no callable querysets)."""

    _form_classes: ClassVar[dict[type, type[forms.Form]]] = {}

    def get_form_class(self) -> type[forms.Form]:
        form_class = self._form_classes.get(type(self))
        if form_class is None:
            form_class = self._form_classes[type(self)] = super().get_form_class()
        return form_class
