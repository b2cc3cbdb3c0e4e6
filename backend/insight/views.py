"""Planning pages: thin views over `insight.selectors` and `insight.tables`."""

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from backend.accounts.rules import roles_of
from backend.calls.models import Call, NetworkPeriod
from backend.core.exports import CsvDialect, csv_dialect, export_response
from backend.insight.forms import CallFilterForm, CapacityFilterForm
from backend.insight.need import (
    add_need_by_area,
    add_need_by_orp,
    capacity_matrix_by_area,
    need_rows,
)
from backend.insight.selectors import (
    CapacityMatrix,
    activity_card_coverage,
    capacity_matrix,
    orp_population,
    plans_for_capacity,
)
from backend.insight.sla import (
    SLA_TABLES,
    call_get_default_for_sla,
    call_list_for_sla,
    sla_overview,
    sla_stage_bars,
    sla_table,
)
from backend.insight.tables import (
    capacity_groups,
    chart_height,
    need_bars,
    need_chart_height,
    orp_bars,
    orp_tiles,
)
from backend.plans.models import DevelopmentPlan
from backend.registry.choices import CapacityUnit
from backend.web.outcomes import require_regional_office
from workflows.diagram import workflow_models
from workflows.drawing import state_diagram


def capacity_dashboard(request: HttpRequest) -> HttpResponse:
    """ORP × § type capacity: the register for everyone; the need, requested and approved
    increases and the gap for the regional office; by the call's planning areas when the
    chosen call names a planning scheme."""
    region_ids = roles_of(request.user).region_ids
    form = CapacityFilterForm(request.GET or None)
    if region_ids:
        call_field = cast("forms.ModelChoiceField[Call]", form.fields["call"])
        call_field.queryset = Call.objects.filter(region_id__in=region_ids)
    else:
        del form.fields["call"]
    data = form.cleaned_data if form.is_valid() else {}
    period = data.get("period") or NetworkPeriod.objects.order_by("-start_year").first()
    call = data.get("call")
    unit = data.get("unit") or CapacityUnit.BEDS
    context: dict[str, object] = {"form": form, "period": period, "with_plans": bool(region_ids)}
    if period is not None:
        plans = (
            plans_for_capacity(period=period, region_ids=region_ids, call=call)
            if region_ids
            else None
        )
        scheme = call.planning_scheme if call is not None else None
        matrix, by_area, population = _capacity_figures(
            period=period, plans=plans, region_ids=region_ids, scheme_id=scheme and scheme.pk
        )
        bars = orp_bars(matrix=matrix, unit=unit)
        needs = need_bars(matrix=matrix, unit=unit) if region_ids else []
        context |= {
            "scheme": scheme,
            "groups": capacity_groups(
                matrix=by_area or matrix,
                call_id=call.pk if call else None,
                scheme_id=scheme.pk if scheme and by_area else None,
            ),
            "need_bars": needs,
            "need_chart_height": need_chart_height(needs),
            "bars": bars,
            "chart_height": chart_height(bars),
            "unit_label": CapacityUnit(unit).label,
            "tiles": orp_tiles(matrix=matrix, unit=unit, population=population),
            "per_thousand": population is not None,
        }
    return render(request, "insight/capacity.html", context)


def _capacity_figures(
    *,
    period: NetworkPeriod,
    plans: QuerySet[DevelopmentPlan] | None,
    region_ids: frozenset[int],
    scheme_id: int | None,
) -> tuple[CapacityMatrix, CapacityMatrix | None, dict[int, int] | None]:
    """The matrix by ORP (with the need for the regional office), the same by the planning
    scheme's areas when the call names one, and the ORPs' population."""
    matrix = capacity_matrix(period=period, plans=plans)
    by_area = None
    if plans is not None:
        rows = need_rows(region_ids=region_ids, period=period)
        add_need_by_orp(matrix, rows)
        if scheme_id is not None:
            by_area = capacity_matrix_by_area(period=period, plans=plans, scheme_id=scheme_id)
            add_need_by_area(by_area, rows, scheme_id=scheme_id)
    return matrix, by_area, orp_population()


@login_required
def activity_coverage(request: HttpRequest) -> HttpResponse:
    """Which activity cards of the medium-term plan the submitted plans cite, which none."""
    region_ids = roles_of(request.user).region_ids
    if not region_ids:
        raise PermissionDenied
    form = CallFilterForm(request.GET or None)
    call_field = cast("forms.ModelChoiceField[Call]", form.fields["call"])
    call_field.queryset = Call.objects.filter(region_id__in=region_ids)
    call = form.cleaned_data.get("call") if form.is_valid() else None
    cards = activity_card_coverage(region_ids=region_ids, call=call)
    return render(
        request,
        "insight/coverage.html",
        {
            "form": form,
            "cited": [card for card in cards if card.plan_count],
            "uncited": [card for card in cards if not card.plan_count],
        },
    )


@login_required
def workflow_diagram(request: HttpRequest) -> HttpResponse:
    """The state diagrams of every workflow, drawn from the code in the active language (the
    Mermaid text of the same diagrams is docs/workflow.md)."""
    return render(
        request,
        "insight/workflow.html",
        {
            "diagrams": [
                (model._meta.verbose_name, state_diagram(model)) for model in workflow_models()
            ]
        },
    )


def _sla_call(request: HttpRequest) -> tuple[CallFilterForm, Call | None]:
    """The call chooser of the SLA pages and the call chosen (the region's open or latest
    call unless the query names one of its calls)."""
    region_ids = roles_of(request.user).region_ids
    form = CallFilterForm(request.GET or None)
    call_field = cast("forms.ModelChoiceField[Call]", form.fields["call"])
    call_field.queryset = call_list_for_sla(region_ids=region_ids)
    call_field.empty_label = None
    chosen = form.cleaned_data.get("call") if form.is_valid() else None
    return form, chosen or call_get_default_for_sla(region_ids=region_ids)


@login_required
def sla_page(request: HttpRequest) -> HttpResponse:
    """The SLA overview of one call: open and overdue plans per stage and officer, working
    days per stage, opinions open per municipality. The regional office only."""
    require_regional_office(request)
    form, call = _sla_call(request)
    overview = sla_overview(call=call)
    bars = sla_stage_bars(overview)
    return render(
        request,
        "insight/sla.html",
        {
            "form": form,
            "overview": overview,
            "bars": bars,
            "chart_height": chart_height(bars),
            "call_query": f"call={call.pk}" if call else "",
        },
    )


@login_required
def sla_export(request: HttpRequest, table: str) -> HttpResponseBase:
    """One table of the SLA overview as CSV (for Czech Excel unless `?dialect=machine`)."""
    require_regional_office(request)
    if table not in SLA_TABLES:
        raise Http404
    _form, call = _sla_call(request)
    columns, rows = sla_table(sla_overview(call=call), table)
    return export_response(
        fmt="csv",
        filename=f"sla-{table}-{call.pk if call else 'zadna-vyzva'}",
        columns=columns,
        rows=rows,
        dialect=csv_dialect(request.GET.get("dialect"), default=CsvDialect.EXCEL_CS),
    )
