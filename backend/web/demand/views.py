"""Demand tables: the list of the region's tables, a table's page with its entries, and the
form recording a table with its lines (municipal officers for their ORP, the regional office
on behalf of any territory)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.accounts.rules import roles_of
from backend.core.paging import StablePaginator
from backend.demand.forms import DemandEntryForm, DemandEntryFormSet, DemandTableForm, entries_of
from backend.demand.models import DemandTable
from backend.demand.rules import may_edit_table, may_record_demand
from backend.demand.selectors import demand_table_get_for_user, demand_table_list_for_user
from backend.demand.services import demand_table_create, demand_table_update
from backend.plans.uploads import download_response, form_with_refused_upload
from backend.registry.models import Municipality
from backend.web.outcomes import Refused, attempt


def _table(request: HttpRequest, table_id: int) -> DemandTable:
    try:
        return demand_table_get_for_user(user=request.user, table_id=table_id)
    except DemandTable.DoesNotExist as error:
        raise Http404 from error


@login_required
def table_list(request: HttpRequest) -> HttpResponse:
    """The demand tables of the user's region (regional and municipal officers)."""
    tables = demand_table_list_for_user(user=request.user)
    page = StablePaginator(tables, 50).get_page(request.GET.get("page"))
    context = {"page": page, "may_record": may_record_demand(request.user)}
    return render(request, "demand/table_list.html", context)


@login_required
def table_detail(request: HttpRequest, table_id: int) -> HttpResponse:
    table = _table(request, table_id)
    context = {"table": table, "may_edit": may_edit_table(request.user, table)}
    return render(request, "demand/table_detail.html", context)


@login_required
def table_source(request: HttpRequest, table_id: int) -> FileResponse:
    """The table's uploaded source document, for whoever reads the table."""
    table = _table(request, table_id)
    if not table.source_file:
        raise Http404
    return download_response(table.source_file.open("rb"), filename=table.source_name)


def _municipalities(request: HttpRequest, region_id: int | None) -> QuerySet[Municipality]:
    """Whom the table may be stated by: any municipality of the region for its officers,
    the municipal officer's own otherwise."""
    roles = roles_of(request.user)
    if roles.region_ids and (region_id is None or region_id in roles.region_ids):
        return Municipality.objects.filter(
            orp__region_id=region_id or min(roles.region_ids)
        ).select_related("orp")
    return Municipality.objects.filter(pk__in=roles.officer_municipality_ids)


def _region_id(request: HttpRequest, table: DemandTable | None) -> int:
    if table is not None:
        return table.region_id
    roles = roles_of(request.user)
    if roles.region_ids:
        return min(roles.region_ids)
    municipality = Municipality.objects.filter(pk__in=roles.officer_municipality_ids).first()
    if municipality is None:
        raise PermissionDenied
    return municipality.orp.region_id


@login_required
def table_form(request: AuthenticatedHttpRequest, table_id: int | None = None) -> HttpResponse:
    """Record a new table with its lines, or change one (its lines are replaced by those
    in the form)."""
    # A table the user may not see is 404 (as if missing), before any refusal.
    table = _table(request, table_id) if table_id is not None else None
    if table is not None and not may_edit_table(request.user, table):
        raise PermissionDenied
    if table is None and not may_record_demand(request.user):
        raise PermissionDenied
    region_id = _region_id(request, table)
    municipalities = _municipalities(request, region_id)
    kwargs: dict[str, Any] = {"form_kwargs": {"region_id": region_id}, "prefix": "entries"}
    if request.method == "POST":
        form = form_with_refused_upload(
            DemandTableForm(request.POST, request.FILES, municipalities=municipalities),
            request,
            "source_file",
        )
        formset = DemandEntryFormSet(request.POST, **kwargs)
        if form.is_valid() and formset.is_valid():
            try:
                table = attempt(
                    request,
                    lambda: _save(request, table, form, formset),
                    success=_("The demand table was saved."),
                    form=form,
                )
            except Refused as refused:
                return _form_page(request, table, form, formset, refused.status)
            assert table is not None
            return redirect("demand:detail", table.pk)
        return _form_page(request, table, form, formset, 400)
    initial = DemandTableForm.initial_of(table) if table else {}
    form = DemandTableForm(initial=initial, municipalities=municipalities)
    lines = [DemandEntryForm.initial_of(entry) for entry in table.entries.all()] if table else []
    formset = DemandEntryFormSet(initial=lines, **kwargs)
    return _form_page(request, table, form, formset, 200)


def _save(request: AuthenticatedHttpRequest, table: Any, form: Any, formset: Any) -> DemandTable:
    data, entries = form.table_input(), entries_of(formset)
    source = form.cleaned_data.get("source_file")
    if table is None:
        return demand_table_create(by=request.user, data=data, entries=entries, source_file=source)
    return demand_table_update(
        table=table, by=request.user, data=data, entries=entries, source_file=source
    )


def _form_page(
    request: HttpRequest, table: DemandTable | None, form: Any, formset: Any, status: int
) -> HttpResponse:
    context = {"table": table, "form": form, "formset": formset}
    return render(request, "demand/table_form.html", context, status=status)
