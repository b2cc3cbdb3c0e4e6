"""The published network register: public, no login."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from backend.network.filters import NetworkEntryFilter
from backend.network.models import NetworkEntry
from backend.network.selectors import entry_get_public, entry_list_public


def register(request: HttpRequest) -> HttpResponse:
    filterset = NetworkEntryFilter(request.GET, queryset=entry_list_public())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    template = "network/_entry_table.html" if request.htmx else "network/register.html"
    return render(request, template, {"filter": filterset, "page": page})


def entry_detail(request: HttpRequest, entry_id: int) -> HttpResponse:
    try:
        entry = entry_get_public(entry_id=entry_id)
    except NetworkEntry.DoesNotExist as error:
        raise Http404 from error
    return render(request, "network/entry_detail.html", {"entry": entry})
