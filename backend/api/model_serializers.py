"""The base of every model serializer: DRF's, with the fields built once per class.

DRF's ModelSerializer derives its fields from the model (field mapping, validators, choices)
each time a serializer is instantiated — for a plan's detail half of the time it takes to
represent it. The fields depend only on the class, so they are built on first use and each
instance gets its own deep copy (as DRF copies the declared fields), which it binds and may
change (e.g. narrow a queryset) without touching the next one.

DRF has no public way to share them; this relies on its `get_fields` reading the class
alone, which tests/core/test_library_internals.py pins. Worth 12–17 % of a plan detail's CPU
(bench/README.md "Private internals (issue 18)").
"""

import copy
from typing import Any, ClassVar

from rest_framework import serializers


class ModelSerializer(serializers.ModelSerializer):
    _built_fields: ClassVar[dict[type, dict[str, Any]]] = {}

    def get_fields(self) -> dict[str, Any]:
        built = self._built_fields.get(type(self))
        if built is None:
            built = self._built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)
