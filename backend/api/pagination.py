"""Page-number pagination: `?page=2&page_size=50` (at most 100 per page)."""

from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
