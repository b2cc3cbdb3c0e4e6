"""A list's page represented from `values()` rows, exactly as its serializer represents
model instances.

A page of plans read as model instances (five per row with their joined relations) and
represented field by field by DRF spent most of an uncached list's CPU (issue 23). The
serializer stays the source of truth: `RowFormat` reads its fields once, maps each to the
column path `values()` reads (`call.name` → `call__name`) and formats each value with the
field's own `to_representation`, so the JSON is the serializer's
(tests/api/test_rows.py compares them). A field whose source is not a column — a property,
or keys read in a separate query — is put in the row by the caller under its source name
(`given`) and formatted by its field all the same.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rest_framework import serializers
from rest_framework.relations import PrimaryKeyRelatedField, RelatedField, SlugRelatedField

Row = Mapping[str, Any]


class _Column:
    """One output key: a column of the row, formatted by the serializer's field."""

    __slots__ = ("format", "key", "path")

    def __init__(self, key: str, path: str, format: Callable[[Any], Any] | None) -> None:
        self.key, self.path, self.format = key, path, format

    def value(self, row: Row) -> Any:
        value = row[self.path]
        # DRF represents a missing value as null without calling the field.
        if value is None or self.format is None:
            return value
        return self.format(value)


class _Nested:
    """A nested serializer's object (null when its key is null, as DRF's)."""

    __slots__ = ("format", "key", "key_path")

    def __init__(self, key: str, format: "RowFormat", key_path: str) -> None:
        self.key, self.format, self.key_path = key, format, key_path

    def value(self, row: Row) -> Any:
        if row[self.key_path] is None:
            return None
        return self.format.represent(row)


class RowFormat:
    """The representation of `serializer_class` from a row of `values(*format.paths)`.

    `given`: the sources that are not columns, which the caller puts in each row under
    their names; any other field must be a column, a foreign key or a nested serializer of
    columns, else the format refuses to be built (a new field cannot go unnoticed)."""

    def __init__(
        self,
        serializer_class: type[serializers.Serializer],
        *,
        given: Iterable[str] = (),
        prefix: str = "",
    ) -> None:
        self.serializer_class = serializer_class
        self.given = frozenset(given)
        self.prefix = prefix
        self._outputs: list[Any] | None = None
        self._paths: list[str] = []

    @property
    def paths(self) -> list[str]:
        """The columns to read with `values()`."""
        self._build()
        return list(dict.fromkeys(self._paths))

    def represent(self, row: Row) -> dict[str, Any]:
        """The serializer's representation of the row's object."""
        outputs = self._build()
        return {output.key: output.value(row) for output in outputs}

    def represent_all(self, rows: Iterable[Row]) -> list[dict[str, Any]]:
        """`represent` of each row."""
        return [self.represent(row) for row in rows]

    def _build(self) -> list[Any]:
        if self._outputs is None:
            serializer = self.serializer_class()
            outputs = [self._output(name, field) for name, field in serializer.fields.items()]
            self._outputs = [output for output in outputs if output is not None]
        return self._outputs

    def _output(self, name: str, field: serializers.Field) -> Any:
        if field.write_only:
            return None
        source = field.source
        if source in self.given:
            # A many-relation is given as the list of its slugs, already represented.
            many = isinstance(field, serializers.ManyRelatedField)
            return _Column(name, source, None if many else field.to_representation)
        if source == "*" or not field.source_attrs:
            raise TypeError(f"{self.serializer_class.__name__}.{name}: not a column")
        path = self.prefix + "__".join(field.source_attrs)
        if isinstance(field, serializers.BaseSerializer):
            if not isinstance(field, serializers.Serializer):  # many=True: a list
                raise TypeError(f"{self.serializer_class.__name__}.{name}: a list of objects")
            nested = RowFormat(type(field), prefix=path + "__")
            self._paths.extend(nested.paths)
            self._paths.append(path)  # the foreign key: null, the object is null
            return _Nested(name, nested, path)
        if isinstance(field, PrimaryKeyRelatedField) and field.pk_field is None:
            self._paths.append(path)
            return _Column(name, path, None)  # values() reads the foreign key itself
        if isinstance(field, SlugRelatedField):
            path = f"{path}__{field.slug_field.replace('.', '__')}"
            self._paths.append(path)
            return _Column(name, path, None)
        if isinstance(field, RelatedField | serializers.ManyRelatedField):
            raise TypeError(f"{self.serializer_class.__name__}.{name}: an unsupported relation")
        if isinstance(field, serializers.ListField | serializers.DictField):
            raise TypeError(f"{self.serializer_class.__name__}.{name}: not a column")
        self._paths.append(path)
        return _Column(name, path, field.to_representation)
