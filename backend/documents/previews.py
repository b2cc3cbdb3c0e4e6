"""A call's letter previewed against a real plan: what the office sees before (and after)
saving a text — the whole document's HTML or PDF for the PDF letters, the subject and text
for the e-mails. Nothing is stored."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils.html import linebreaks

from backend.calls.models import Call
from backend.documents.rendering import document_context, render_html, render_pdf
from backend.letters.defaults import LetterText
from backend.letters.kinds import PDF_KINDS, LetterKind
from backend.letters.services import letter_render
from backend.plans.models import DevelopmentPlan, MunicipalOpinion


@dataclass(frozen=True)
class LetterPreview:
    kind: str
    subject: str
    text: str
    html: str  # the whole document (PDF letters) or the message as paragraphs (e-mails)


def letter_preview_plans(*, call: Call) -> QuerySet[DevelopmentPlan]:
    """The call's plans a letter may be previewed against (drafts have no letters)."""
    return (
        call.plans.exclude(state="draft")
        .select_related("provider", "service")
        .order_by("-decided_at", "-pk")
    )


def _opinion_of(plan: DevelopmentPlan) -> MunicipalOpinion | None:
    return (
        plan.opinions.select_related("municipality", "resolution", "issued_by")
        .order_by(F("issued_at").desc(nulls_last=True), "pk")
        .first()
    )


def letter_preview(
    *, kind: str, plan: DevelopmentPlan, draft: LetterText | None = None
) -> LetterPreview:
    """The letter of `kind` for the plan, from `draft` or the call's text in force."""
    opinion = (
        _opinion_of(plan) if kind in (LetterKind.OPINION, LetterKind.OPINION_REQUESTED) else None
    )
    url = f"{settings.SITE_URL.rstrip('/')}/plans/{plan.pk}/"
    extra = {"url": url, "due": plan.completion_due, "comment": plan.return_reason}
    rendered = letter_render(kind=kind, plan=plan, opinion=opinion, extra=extra, draft=draft)
    if kind in PDF_KINDS:
        context = document_context(kind=kind, plan=plan, opinion=opinion, draft=draft)
        return LetterPreview(kind, "", rendered.text, render_html(kind=kind, context=context))
    html = linebreaks(rendered.text, autoescape=True)
    return LetterPreview(kind, rendered.subject, rendered.text, html)


def letter_preview_pdf(
    *, kind: str, plan: DevelopmentPlan, draft: LetterText | None = None
) -> bytes:
    """The PDF letter of `kind` for the plan as it would be made now (not stored)."""
    opinion = _opinion_of(plan) if kind == LetterKind.OPINION else None
    context = document_context(kind=kind, plan=plan, opinion=opinion, draft=draft)
    return render_pdf(kind=kind, context=context)
