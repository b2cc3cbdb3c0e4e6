"""What each document says: its template, its context and its file name; HTML → PDF."""

import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from backend.documents.models import DocumentKind
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

TEMPLATES = {
    DocumentKind.PLAN: "documents/plan.html",
    DocumentKind.OPINION: "documents/opinion.html",
    DocumentKind.DECISION: "documents/decision.html",
}
# Official documents are written in Czech whatever the language of the person acting.
DOCUMENT_LANGUAGE = "cs"
# WeasyPrint logs every layout step at INFO; keep its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def document_filename(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None, version: int
) -> str:
    """rozvojovy-zamer-7.pdf, vyjadreni-obce-12.pdf, rozhodnuti-7.pdf; later versions -v2."""
    stem = {
        DocumentKind.PLAN: f"rozvojovy-zamer-{plan.pk}",
        DocumentKind.OPINION: f"vyjadreni-obce-{opinion.pk if opinion else ''}",
        DocumentKind.DECISION: f"rozhodnuti-{plan.pk}",
    }[DocumentKind(kind)]
    return f"{stem}.pdf" if version == 1 else f"{stem}-v{version}.pdf"


def document_context(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None
) -> dict[str, Any]:
    context: dict[str, Any] = {"plan": plan, "region": plan.call.region}
    if kind == DocumentKind.OPINION and opinion is not None:
        context["opinion"] = opinion
        context["town"] = opinion.municipality.is_town
    if kind == DocumentKind.DECISION:
        context["decision"] = plan.decision
    return context


def render_pdf(*, kind: str, context: dict[str, Any]) -> bytes:
    """The document as PDF (WeasyPrint; DejaVu fonts embedded as subsets)."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(TEMPLATES[DocumentKind(kind)], context)
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
