"""The submitted plan as a PDF the provider can keep."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from backend.plans.views import visible_plan


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    plan = visible_plan(request.user, plan_id)
    if plan.submitted_at is None:
        raise Http404
    html = render_to_string("plans/plan_pdf.html", {"plan": plan}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rozvojovy-zamer-{plan.pk}.pdf"'
    return response
