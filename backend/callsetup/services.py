"""Writes of a call's configuration: its request forms, their required documents, and the
copy of a whole configuration from another call (docs/call-setup.md).

Who: the regional officers of the call's region (`callsetup.configure_call`). When: a call
that has closed keeps its configuration; an open call's form changes only while no
submitted plan uses it (a plan is judged by the rules it was submitted under), so the
office can still add a form or fix a draft-only one after opening."""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from backend.assessment.services import criteria_copy
from backend.calls.models import DEADLINE_FIELD_PAIRS, Call
from backend.calls.services import CALL_FIELDS
from backend.callsetup.models import RequestForm, RequiredDocument
from backend.machines.call_lifecycle.states import CallState
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.states import PlanState

FORM_FIELDS = ("code", "name", "description", "kinds", "required_fields")
DOCUMENT_FIELDS = ("name", "description", "file_types", "required", "position")


def _require_configurer(by: Any, call: Call) -> None:
    if not by.has_perm("callsetup.configure_call", call):
        raise PermissionDenied(_("Only the regional office of the call's region configures it."))


def setup_edit_refusals(*, call: Call, form: RequestForm | None = None) -> list[str]:
    """Why the call's configuration (or `form` of it) cannot change now ([] when it can)."""
    if call.state in (CallState.CLOSED, CallState.FINISHED):
        return [_("The call has closed; its forms and documents cannot change any more.")]
    if (
        form is not None
        and form.pk is not None
        and call.state != CallState.PLANNED
        and form.plans.exclude(state=PlanState.DRAFT).exists()
    ):
        return [
            _(
                "Plans already submitted use the form “%(form)s”; it can change only before "
                "the call opens."
            )
            % {"form": form}
        ]
    return []


def _locked_call(call: Call, form: RequestForm | None = None) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    refusals = setup_edit_refusals(call=call, form=form)
    if refusals:
        raise TransitionConflict(refusals)
    return call


def request_form_create(
    *,
    call: Call,
    by: Any,
    code: str,
    name: str,
    kinds: Iterable[str],
    required_fields: Iterable[str] = (),
    description: str = "",
) -> RequestForm:
    """Add a request form to the call, e.g. `code="A", name="Nová služba",
    kinds=["inclusion"], required_fields=["justification"]`."""
    _require_configurer(by, call)
    with transaction.atomic():
        call = _locked_call(call)
        form = RequestForm(
            call=call,
            code=code,
            name=name,
            description=description,
            kinds=list(kinds),
            required_fields=list(required_fields),
        )
        form.full_clean()
        form.save()
    return form


def request_form_update(*, form: RequestForm, by: Any, **fields: Any) -> RequestForm:
    """Change a form's code, name, description, kinds or required fields."""
    _require_configurer(by, form.call)
    unknown = set(fields) - set(FORM_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        _locked_call(form.call, form)
        for name, value in fields.items():
            setattr(form, name, list(value) if name in ("kinds", "required_fields") else value)
        form.full_clean()
        form.save()
    return form


def request_form_delete_refusals(*, form: RequestForm) -> list[str]:
    """Why the form cannot be deleted ([] when it can): no plan may lose its form."""
    refusals = setup_edit_refusals(call=form.call, form=form)
    count = form.plans.count()
    if count:
        refusals.append(
            _("The form “%(form)s” is used by %(count)d plan(s); it cannot be deleted.")
            % {"form": form, "count": count}
        )
    return refusals


def request_form_delete(*, form: RequestForm, by: Any) -> None:
    """Delete a form that no plan uses, with its documents."""
    _require_configurer(by, form.call)
    with transaction.atomic():
        _locked_call(form.call)
        refusals = request_form_delete_refusals(form=form)
        if refusals:
            raise TransitionConflict(refusals)
        form.delete()


def required_document_create(
    *,
    form: RequestForm,
    by: Any,
    name: str,
    file_types: Iterable[str],
    description: str = "",
    required: bool = True,
    position: int | None = None,
) -> RequiredDocument:
    """Add a document the form requires, e.g. `name="Doklad o potřebnosti",
    file_types=["pdf"]`; it goes last unless `position` is given."""
    _require_configurer(by, form.call)
    with transaction.atomic():
        _locked_call(form.call, form)
        if position is None:
            last = form.documents.aggregate(last=models.Max("position"))["last"]
            position = 0 if last is None else last + 1
        document = RequiredDocument(
            form=form,
            name=name,
            description=description,
            file_types=list(file_types),
            required=required,
            position=position,
        )
        document.full_clean()
        document.save()
    return document


def required_document_update(
    *, document: RequiredDocument, by: Any, **fields: Any
) -> RequiredDocument:
    """Change a required document's name, description, file types, flag or order."""
    _require_configurer(by, document.form.call)
    unknown = set(fields) - set(DOCUMENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        _locked_call(document.form.call, document.form)
        if fields.get("position", 0) is None:  # left empty: the order stays
            del fields["position"]
        for name, value in fields.items():
            setattr(document, name, list(value) if name == "file_types" else value)
        document.full_clean()
        document.save()
    return document


def required_document_delete(*, document: RequiredDocument, by: Any) -> None:
    """Remove a required document; files that fulfilled it stay with their plans."""
    _require_configurer(by, document.form.call)
    with transaction.atomic():
        _locked_call(document.form.call, document.form)
        document.delete()


# --- copying a configuration ------------------------------------------------------------

# The call's own fields that are not its configuration: what names and dates this call.
_NOT_CONFIGURATION = frozenset({"name", "period"})
_DAYS_OF = {days: date for date, days in DEADLINE_FIELD_PAIRS}
_DATES = frozenset(date for date, _days in DEADLINE_FIELD_PAIRS)


def copied_call_fields() -> list[str]:
    """The call's editable fields a copy carries over: its rules (routing, working-day
    deadlines, completion days, service types); not its name, period or any date."""
    return [
        name
        for name in CALL_FIELDS
        if name not in _NOT_CONFIGURATION
        and not isinstance(Call._meta.get_field(name), models.DateField)
    ]


def call_fields_copy(*, source: Call, target: Call) -> None:
    """Copy the call's rules. A deadline the source gives as a fixed date stays the target's
    own (dates belong to a call); one it gives in working days replaces the target's."""
    changed = []
    for name in copied_call_fields():
        field = Call._meta.get_field(name)
        if field.many_to_many:
            getattr(target, name).set(getattr(source, name).all())
            continue
        value = getattr(source, name)
        if name in _DAYS_OF:
            if value is None:
                continue
            setattr(target, _DAYS_OF[name], None)
            changed.append(_DAYS_OF[name])
        setattr(target, name, value)
        changed.append(name)
    target.full_clean(exclude=["state"])
    target.save(update_fields=changed)


def request_forms_copy(*, source: Call, target: Call) -> None:
    """Copy the forms with their documents."""
    for form in source.request_forms.prefetch_related("documents"):
        copy = RequestForm.objects.create(
            call=target,
            code=form.code,
            name=form.name,
            description=form.description,
            kinds=list(form.kinds),
            required_fields=list(form.required_fields),
        )
        RequiredDocument.objects.bulk_create(
            RequiredDocument(
                form=copy,
                name=document.name,
                description=document.description,
                file_types=list(document.file_types),
                required=document.required,
                position=document.position,
            )
            for document in form.documents.all()
        )


# What a copy carries, in order: a new kind of configuration adds its copier here.
SETUP_COPIERS: tuple[Callable[..., object], ...] = (
    call_fields_copy,
    request_forms_copy,
    criteria_copy,
)


def call_setup_copy_refusals(*, source: Call, target: Call) -> list[str]:
    """Why `source`'s configuration cannot be copied into `target` ([] when it can)."""
    refusals = []
    if source.pk == target.pk:
        refusals.append(_("Choose another call to copy from."))
    if target.state != CallState.PLANNED:
        refusals.append(
            _("The configuration can be copied only into a call that has not opened yet.")
        )
    if target.request_forms.exists():
        refusals.append(
            _("The call already has request forms; delete them to copy another call's.")
        )
    return refusals


def call_setup_copy(*, source: Call, target: Call, by: Any) -> Call:
    """Copy `source`'s configuration (its rules, forms, documents and assessment criteria)
    into `target`, a call of the same region that has not opened and has no forms yet."""
    _require_configurer(by, target)
    if source.region_id != target.region_id:
        raise ValidationError({"source": _("Choose a call of the same region.")})
    with transaction.atomic():
        target = Call.objects.select_for_update().get(pk=target.pk)
        refusals = call_setup_copy_refusals(source=source, target=target)
        if refusals:
            raise TransitionConflict(refusals)
        for copy in SETUP_COPIERS:
            copy(source=source, target=target)
    return target
