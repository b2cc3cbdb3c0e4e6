"""The published network register: public, no login."""

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from backend.core.exports import CsvDialect, csv_dialect, export_response
from backend.core.paging import EstimatingPaginator
from backend.core.requests import HtmxHttpRequest
from backend.network.exports import REGISTER_COLUMNS, register_rows
from backend.network.filters import NetworkEntryFilter
from backend.network.models import NetworkEntry
from backend.network.selectors import entry_list_public
from backend.plans.selectors import entry_get_public
from backend.web.remedies.views import followup_context

EXPORT_FORMATS = ["csv", "xlsx", "json"]


def register(request: HtmxHttpRequest) -> HttpResponse:
    filterset = NetworkEntryFilter(request.GET, queryset=entry_list_public())
    page = EstimatingPaginator(filterset.qs, 50).get_page(request.GET.get("page"))
    template = "network/_entry_table.html" if request.htmx else "network/register.html"
    context = {"filter": filterset, "page": page, "export_formats": EXPORT_FORMATS}
    return render(request, template, context)


def register_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The register with the page's filters as CSV (for Czech Excel unless
    `?dialect=machine`), XLSX or JSON, streamed."""
    filterset = NetworkEntryFilter(request.GET, queryset=entry_list_public())
    return export_response(
        fmt=fmt,
        filename="zakladni-sit",
        columns=REGISTER_COLUMNS,
        rows=register_rows(filterset.qs),
        dialect=csv_dialect(request.GET.get("dialect"), default=CsvDialect.EXCEL_CS),
    )


def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        entry = entry_get_public(entry_id=entry_id)
    except NetworkEntry.DoesNotExist as error:
        raise Http404 from error
    context = {"entry": entry, **followup_context(request, entry)}
    return render(request, "network/entry_detail.html", context)
