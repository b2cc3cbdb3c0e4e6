"""The region's planning schemes and their areas: listed for the region's officers, managed
by the regional office."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.accounts.rules import roles_of
from backend.registry.forms import PlanningAreaForm, PlanningSchemeForm
from backend.registry.models import PlanningArea, PlanningScheme, Region
from backend.registry.selectors import (
    planning_scheme_get_for_user,
    planning_scheme_list_for_user,
)
from backend.registry.services import (
    planning_area_save,
    planning_scheme_create,
    planning_scheme_update,
)
from backend.web.outcomes import Refused, attempt, require_regional_office


def _scheme(request: HttpRequest, scheme_id: int) -> PlanningScheme:
    try:
        return planning_scheme_get_for_user(user=request.user, scheme_id=scheme_id)
    except PlanningScheme.DoesNotExist as error:
        raise Http404 from error


@login_required
def scheme_list(request: HttpRequest) -> HttpResponse:
    """The planning schemes of the user's region with their areas."""
    schemes = planning_scheme_list_for_user(user=request.user)
    context = {"schemes": schemes, "may_manage": bool(roles_of(request.user).region_ids)}
    return render(request, "demand/scheme_list.html", context)


@login_required
def scheme_detail(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = _scheme(request, scheme_id)
    may_manage = scheme.region_id in roles_of(request.user).region_ids
    return render(
        request, "demand/scheme_detail.html", {"scheme": scheme, "may_manage": may_manage}
    )


@login_required
def scheme_form(request: AuthenticatedHttpRequest, scheme_id: int | None = None) -> HttpResponse:
    """Add a planning scheme of the region, or rename one (a scheme the user may not see is
    404 before the refusal)."""
    scheme = _scheme(request, scheme_id) if scheme_id is not None else None
    require_regional_office(request)
    if request.method != "POST":
        form = PlanningSchemeForm.for_scheme(scheme) if scheme else PlanningSchemeForm()
        return render(request, "demand/scheme_form.html", {"form": form, "scheme": scheme})
    form = PlanningSchemeForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if scheme is None:
                region = Region.objects.get(pk=min(roles_of(request.user).region_ids))
                saved = attempt(
                    request,
                    lambda: planning_scheme_create(by=request.user, region=region, **data),
                    success=_("The planning scheme was saved."),
                    form=form,
                )
            else:
                saved = attempt(
                    request,
                    lambda: planning_scheme_update(scheme=scheme, by=request.user, **data),
                    success=_("The planning scheme was saved."),
                    form=form,
                )
            return redirect("demand:scheme", saved.pk)
        except Refused as refused:
            status = refused.status
    return render(
        request, "demand/scheme_form.html", {"form": form, "scheme": scheme}, status=status
    )


@login_required
def area_form(
    request: AuthenticatedHttpRequest, scheme_id: int, area_id: int | None = None
) -> HttpResponse:
    """Add an area to a scheme, or change its name and municipalities."""
    scheme = _scheme(request, scheme_id)
    require_regional_office(request)
    area = get_object_or_404(PlanningArea, pk=area_id, scheme=scheme) if area_id else None
    context = {"scheme": scheme, "area": area}
    if request.method != "POST":
        initial = (
            {"name": area.name, "municipalities": list(area.municipalities.all())} if area else {}
        )
        form = PlanningAreaForm(initial=initial, region_id=scheme.region_id)
        return render(request, "demand/area_form.html", {**context, "form": form})
    form = PlanningAreaForm(request.POST, region_id=scheme.region_id)
    status = 400
    if form.is_valid():
        try:
            attempt(
                request,
                lambda: planning_area_save(
                    by=request.user, scheme=scheme, area=area, **form.cleaned_data
                ),
                success=_("The planning area was saved."),
                form=form,
            )
            return redirect("demand:scheme", scheme.pk)
        except Refused as refused:
            status = refused.status
    return render(request, "demand/area_form.html", {**context, "form": form}, status=status)
