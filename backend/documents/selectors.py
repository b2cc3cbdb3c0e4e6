"""Who may read which document (whoever may see the plan it belongs to), and the records
metadata of each document kind."""

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from backend.documents.models import Document, DocumentFiling
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user


def document_list_for_user(*, user: Any) -> QuerySet[Document]:
    """Every version of the documents of the plans the user may see."""
    return Document.objects.filter(
        plan_id__in=plan_list_for_user(user=user).values("pk")
    ).select_related("opinion__municipality", "letter_version", "reference_number")


def document_get_for_user(*, user: Any, document_id: int) -> Document:
    """The document, or DoesNotExist when its plan is outside the user's scope."""
    return document_list_for_user(user=user).get(pk=document_id)


def plan_documents_prefetch() -> Prefetch:
    """Every version of the plan's documents with what the page and the timeline show of
    each (the opinion's municipality, the letter's version, the reference number, the
    author), so that both read them once."""
    return Prefetch(
        "documents",
        Document.objects.select_related(
            "opinion__municipality", "letter_version", "reference_number", "created_by"
        ),
    )


def document_list_latest_for_plan(*, plan: DevelopmentPlan) -> list[Document]:
    """The newest version of each of the plan's documents (the plan, each opinion, the
    decision), in that order. Reads them unless the plan carries them already
    (`plan_documents_prefetch`)."""
    prefetch_related_objects([plan], plan_documents_prefetch())
    latest: dict[str, Document] = {}
    for document in plan.documents.all():
        newest = latest.get(document.source)
        if newest is None or document.version > newest.version:
            latest[document.source] = document
    order = {"plan": 0, "opinion": 1, "decision": 2}
    return sorted(latest.values(), key=lambda d: (order[d.kind], d.source))


def document_filing_of(*, kind: str) -> DocumentFiling | None:
    """The filing code and retention of a document kind; None when the region has no row
    for it (the records export then leaves those columns empty)."""
    return DocumentFiling.objects.filter(kind=kind).first()


def document_filings_by_kind() -> dict[str, DocumentFiling]:
    """Every kind's filing in one query, for an export that files many documents."""
    return {filing.kind: filing for filing in DocumentFiling.objects.all()}
