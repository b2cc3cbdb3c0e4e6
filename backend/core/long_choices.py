"""Choices of thousands of options (a region's providers) shown as Django shows them, at a
fraction of the cost: read as (key, name) pairs, not model instances, and rendered without
a template per option (issue 23: 2 000 providers made the register page cost ≈ 400 ms of
CPU)."""

import html
from collections.abc import Iterator
from typing import Any

import django_filters
from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_filters.fields import ModelChoiceField, ModelChoiceIterator


def _attributes(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html: False leaves a name out, True writes it alone."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _escaped(text: Any) -> str:
    """`conditional_escape` without its per-call overhead for the common plain `str`."""
    return html.escape(text) if type(text) is str else conditional_escape(text)


class LongSelect(forms.Select):
    """A select rendered in Python: Django renders each option through two templates,
    ≈ 0.1 ms each. The markup is Django's own, byte for byte (tests/core/test_long_choices.py
    compares the two)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        # Django's optgroups() without a dictionary and a copy of the attributes per option.
        chosen = set(self.format_value(value))
        has_selected = False
        parts = [
            format_html('<select name="{}"', name),
            _attributes(self.build_attrs(self.attrs, attrs)),
            ">",
        ]
        for option_value, option_label in self.choices:
            grouped = isinstance(option_label, list | tuple)
            if grouped:
                parts.append(format_html('\n  <optgroup label="{}">', option_value))
            for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
                sub_value = "" if sub_value is None else sub_value
                selected = not has_selected and str(sub_value) in chosen
                has_selected |= selected
                # Thousands of options: escaped directly, not through `format_html`.
                parts.append(
                    f'\n  <option value="{_escaped(str(sub_value))}"'
                    f"{' selected' if selected else ''}>{_escaped(sub_label)}</option>\n"
                )
            if grouped:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every part is escaped above


class LabelChoiceIterator(ModelChoiceIterator):
    """The choices as (primary key, label) pairs from one `values_list` query of the model's
    `LABEL_FIELDS`, labelled by its `label_of(*values)` (what its `str()` shows)."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        model = self.queryset.model
        for pk, *values in self.queryset.values_list("pk", *model.LABEL_FIELDS):
            yield (pk, model.label_of(*values))


class LabelChoiceField(ModelChoiceField):
    iterator = LabelChoiceIterator


class LongChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice filter over thousands of objects: the choices read as labels and
    rendered by `LongSelect`; the chosen value is checked and filtered as Django's."""

    field_class = LabelChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LongSelect)
        super().__init__(*args, **kwargs)
