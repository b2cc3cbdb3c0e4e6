"""The published network register: entries with their capacity history."""

from collections.abc import Sequence
from typing import Any

from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.api.registry.serializers import ProviderSummarySerializer, ServiceSummarySerializer
from backend.api.rows import RowFormat
from backend.calls.models import NetworkPeriod
from backend.network.models import CapacityChange, NetworkEntry
from backend.network.selectors import entry_orp_codes
from backend.registry.models import Orp


class CapacityChangeSerializer(ModelSerializer):
    class Meta:
        model = CapacityChange
        fields = ["plan", "capacity_before", "capacity_after", "unit", "reason", "recorded_at"]


class NetworkEntrySerializer(ModelSerializer):
    service = ServiceSummarySerializer(read_only=True)
    provider = ProviderSummarySerializer(source="service.provider", read_only=True)
    period_label = serializers.CharField(source="period.__str__", read_only=True)
    orps: "serializers.SlugRelatedField[Orp]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = NetworkEntry
        fields = [
            "id",
            "service",
            "provider",
            "period",
            "period_label",
            "form",
            "capacity",
            "unit",
            "orps",
            "status",
            "level",
            "conditions",
            "remedy_due",
            "resolution_number",
            "resolution_date",
            "predecessor",
            "included_at",
            "updated_at",
        ]


# The register's page as rows (backend/api/rows.py): each entry's ORP codes and its
# period's label are put in the row under the names the serializer reads them by.
ENTRY_ROW = RowFormat(NetworkEntrySerializer, given=("orps", "period.__str__"))
_PERIOD_YEARS = ("period__start_year", "period__end_year")


def entry_row_paths() -> list[str]:
    """The columns of a register row: `ENTRY_ROW`'s and the period's years."""
    return [*ENTRY_ROW.paths, *_PERIOD_YEARS]


def entry_rows_represent(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """NetworkEntrySerializer's representation of a page of `values(*entry_row_paths())`
    rows."""
    codes = entry_orp_codes([row["id"] for row in rows])
    labels: dict[tuple[int, int], str] = {}
    for row in rows:
        years = (row["period__start_year"], row["period__end_year"])
        if years not in labels:  # the period's own label, as `period.__str__` gives it
            labels[years] = str(NetworkPeriod(start_year=years[0], end_year=years[1]))
        row["period.__str__"] = labels[years]
        row["orps"] = codes[row["id"]]
    return ENTRY_ROW.represent_all(rows)


class NetworkEntryDetailSerializer(NetworkEntrySerializer):
    changes = CapacityChangeSerializer(many=True, read_only=True)

    class Meta(NetworkEntrySerializer.Meta):
        fields = [*NetworkEntrySerializer.Meta.fields, "changes"]
