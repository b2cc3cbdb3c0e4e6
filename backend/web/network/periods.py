"""Network periods for the regional office: each period with its resolution and the size of
its network, a new period, and rolling the network over into the next one."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.calls.forms import PeriodForm
from backend.calls.models import NetworkPeriod
from backend.calls.services import PERIOD_FIELDS, period_create
from backend.network.choices import NetworkLevel
from backend.network.forms import RollOverForm
from backend.network.services import network_roll_over
from backend.web.outcomes import Refused, attempt, require_regional_office


def _page(
    request: HttpRequest,
    *,
    period_form: PeriodForm | None = None,
    roll_over_form: RollOverForm | None = None,
    status: int = 200,
) -> HttpResponse:
    periods = NetworkPeriod.objects.annotate(
        in_network=Count("entries", filter=~Q(entries__level=NetworkLevel.NOT_INCLUDED))
    ).order_by("-start_year")
    context = {
        "periods": periods,
        "period_form": period_form or PeriodForm(),
        "roll_over_form": roll_over_form or RollOverForm(),
    }
    return render(request, "network/periods.html", context, status=status)


@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    require_regional_office(request)
    return _page(request)


@login_required
@require_POST
def period_create_view(request: HttpRequest) -> HttpResponse:
    require_regional_office(request)
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return _page(request, period_form=form, status=400)
    data = {name: form.cleaned_data[name] for name in PERIOD_FIELDS}
    try:
        attempt(
            request,
            lambda: period_create(by=request.user, **data),
            success=_("The period was added."),
            form=form,
        )
    except Refused as refused:
        return _page(request, period_form=form, status=refused.status)
    return redirect("network:periods")


@login_required
@require_POST
def roll_over_view(request: HttpRequest) -> HttpResponse:
    require_regional_office(request)
    form = RollOverForm(request.POST)
    if not form.is_valid():
        return _page(request, roll_over_form=form, status=400)
    source, target = form.cleaned_data["source"], form.cleaned_data["target"]
    try:
        carried = attempt(
            request,
            lambda: network_roll_over(source=source, target=target, by=request.user),
            success=_("The network of %(source)s was rolled over into %(target)s.")
            % {"source": source, "target": target},
            form=form,
        )
    except Refused as refused:
        return _page(request, roll_over_form=form, status=refused.status)
    if not carried:
        return redirect("network:periods")
    return redirect(f"{reverse('network:register')}?period={target.pk}")
