"""The API's side of the exports: its CSV is the machine dialect unless the client asks for
Czech Excel's (`?dialect=excel-cs`)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request

from backend.core.exports import CsvDialect, csv_dialect

CSV_DIALECT_PARAMETER = OpenApiParameter(
    "dialect",
    OpenApiTypes.STR,
    enum=[dialect.value for dialect in CsvDialect],
    default=CsvDialect.MACHINE.value,
    description=(
        "CSV only. `machine` (default): comma-separated, decimal points, ISO 8601 times in "
        "UTC. `excel-cs`: what Excel in a Czech locale opens as columns — semicolons, "
        "decimal commas, Prague local times as `02.12.2026 14:05:00`. Both UTF-8 with a BOM."
    ),
)


def api_csv_dialect(request: Request) -> CsvDialect:
    """The dialect the API client asks for (400 for an unknown one)."""
    return csv_dialect(request.query_params.get("dialect"), default=CsvDialect.MACHINE)
