"""What each document says: its template, its context and its file name; HTML → PDF."""

import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.safestring import SafeString

from backend.documents.models import DocumentKind
from backend.documents.typography import czech_text
from backend.letters.defaults import LetterText
from backend.letters.models import LetterVersion
from backend.letters.services import letter_render
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.records.models import ReferenceNumber

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


# The documents whose body text the call's office may edit (`backend/letters`).
LETTER_KINDS = frozenset({DocumentKind.OPINION, DocumentKind.DECISION})


def letter_body(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None,
    draft: LetterText | None = None,
) -> tuple[SafeString, LetterVersion | None]:
    """The letter's editable body as HTML paragraphs (escaped, Czech no-break spaces) and
    the version it was made from (None: the shipped text)."""
    rendered = letter_render(kind=kind, plan=plan, opinion=opinion, draft=draft)
    return SafeString(linebreaks(czech_text(rendered.text), autoescape=True)), rendered.version


def document_context(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None,
    draft: LetterText | None = None,
    reference_number: ReferenceNumber | None = None,
) -> dict[str, Any]:
    """What the document's template is rendered with; `letter_version` is the edited text
    its body came from (None: the shipped one). `draft`: an unsaved text (the preview).
    `reference_number`: printed in the header (none: a preview, an unnumbered old one)."""
    context: dict[str, Any] = {
        "plan": plan,
        "region": plan.call.region,
        "letter_version": None,
        "reference_number": reference_number.value if reference_number else "",
    }
    if kind in LETTER_KINDS:
        context["letter_body"], context["letter_version"] = letter_body(
            kind=kind, plan=plan, opinion=opinion, draft=draft
        )
    if kind == DocumentKind.OPINION and opinion is not None:
        context["opinion"] = opinion
        context["town"] = opinion.municipality.is_town
    if kind == DocumentKind.DECISION:
        context["decision"] = plan.decision
    return context


def render_html(*, kind: str, context: dict[str, Any]) -> str:
    """The document as HTML, in Czech (what the PDF is made of; the letters' preview)."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string(TEMPLATES[DocumentKind(kind)], context)


def render_pdf(*, kind: str, context: dict[str, Any]) -> bytes:
    """The document as PDF (WeasyPrint; DejaVu fonts embedded as subsets)."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_html(kind=kind, context=context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
