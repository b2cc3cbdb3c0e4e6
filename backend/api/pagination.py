"""Page-number pagination: `?page=2&page_size=50` (at most 100 per page).

`count` is exact up to `EXACT_COUNT_UP_TO` rows; above it, on PostgreSQL, the planner's
estimate, and `count_exact` is false (backend/core/paging.py: an exact count read every
row the caller may see on every page). `next` is exact either way.
"""

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from backend.core.paging import EXACT_COUNT_UP_TO, EstimatingPaginator


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = EstimatingPaginator

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        paginator = self.page.paginator
        assert isinstance(paginator, EstimatingPaginator)
        return Response(
            {
                "count": paginator.count,
                "count_exact": not paginator.count_estimated,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Exact up to {EXACT_COUNT_UP_TO:,}".replace(",", " ")
            + "; above, an estimate (count_exact is false)."
        )
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_exact": {"type": "boolean", "example": True},
            **{k: v for k, v in response["properties"].items() if k != "count"},
        }
        response["required"] = [*response["required"][:1], "count_exact", *response["required"][1:]]
        return response
