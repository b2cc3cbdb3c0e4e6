"""What a call's configuration asks of a plan: the form's fit to the plan's kind, the
fields and documents missing before submission, the file type of a document.

The plan is read by its attributes (this app sits below the plans and does not import
them): `call`, `kind`, `request_form`, the fields named by `PlanField`, `attachments`."""

from typing import Any

from django.utils.translation import gettext as _

from backend.callsetup.models import MANY_FIELDS, PlanField, RequestForm, RequiredDocument
from backend.machines.plan_review.kinds import PlanKind


def form_refusal(*, form: RequestForm | None, call_id: int | None, kind: str) -> str | None:
    """Why the plan cannot file under `form` (None when it can, or when no form is chosen)."""
    if form is None:
        return None
    if form.call_id != call_id:
        return _("The form “%(form)s” belongs to another call.") % {"form": form}
    if kind and not form.accepts_kind(kind):
        return _(
            "The form “%(form)s” is not for a plan of the kind “%(kind)s”; it is for: %(kinds)s."
        ) % {
            "form": form,
            "kind": PlanKind(kind).label if kind in PlanKind.values else kind,
            "kinds": ", ".join(form.kind_labels),
        }
    return None


def file_type_refusal(*, document: RequiredDocument, file_type: str | None) -> str | None:
    """Why a file of `file_type` cannot fulfil `document` (None when it can)."""
    if document.allows(file_type):
        return None
    return _("The document “%(name)s” must be a file of type: %(types)s.") % {
        "name": document.name,
        "types": document.file_type_labels,
    }


def fulfilled_document_ids(plan: Any) -> set[int]:
    if plan.pk is None:
        return set()
    return {
        pk for pk in plan.attachments.values_list("requirement_id", flat=True) if pk is not None
    }


def document_status(plan: Any) -> list[tuple[RequiredDocument, bool]]:
    """The documents the plan's form asks for, each with whether the plan carries it."""
    form = plan.request_form
    if form is None:
        return []
    fulfilled = fulfilled_document_ids(plan)
    return [(document, document.pk in fulfilled) for document in form.documents.all()]


def _field_present(plan: Any, name: str) -> bool:
    if name in MANY_FIELDS:
        return plan.pk is not None and getattr(plan, name).exists()
    value = getattr(plan, name)
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def missing_items(plan: Any, *, already: list[str]) -> list[str]:
    """What the call's configuration still misses in the plan: the form when the call has
    forms, the fields the form makes required, its required documents by name. `already`
    holds the labels listed by the plan itself, so none is named twice."""
    form = plan.request_form
    if form is None:
        if plan.call_id and plan.call.request_forms.exists():
            return [_("request form")]
        return []
    missing = [
        str(PlanField(name).label)
        for name in form.required_fields
        if name in PlanField.values and not _field_present(plan, name)
    ]
    missing = [label for label in missing if label not in already]
    missing += [
        _("document “%(name)s”") % {"name": document.name}
        for document, present in document_status(plan)
        if document.required and not present
    ]
    return missing
