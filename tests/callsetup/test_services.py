"""The call's forms and documents: what they require of a plan, who configures them, when."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.callsetup.models import RequestForm, RequiredDocument
from backend.callsetup.services import (
    request_form_create,
    request_form_delete,
    request_form_update,
    required_document_create,
    required_document_delete,
    required_document_update,
)
from backend.core.file_types import KIND_OF_EXTENSION, FileType
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.states import PlanState
from backend.plans.models import PlanAttachment
from backend.plans.services import attachment_add, plan_create, plan_update_draft
from tests import factories
from tests.callsetup.conftest import PROOF, pdf, png
from tests.helpers import reload
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db


def test_the_file_types_are_the_uploads_types() -> None:
    assert set(FileType.values) == set(KIND_OF_EXTENSION.values())


def test_a_call_without_forms_asks_for_nothing_more(service: Any, provider_user: Any) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    assert plan.missing_fields() == []
    plan_submit(plan=plan, by=provider_user)
    assert reload(plan).state == PlanState.AWAITING_OPINION


def test_a_call_with_forms_needs_one_chosen(
    form_a: RequestForm, service: Any, provider_user: Any
) -> None:
    plan = factories.DevelopmentPlanFactory(call=form_a.call, service=service)
    with pytest.raises(TransitionConflict) as refused:
        plan_submit(plan=plan, by=provider_user)
    assert refused.value.reasons == ["The plan is incomplete: request form."]
    assert reload(plan).state == PlanState.DRAFT


def test_submission_lists_the_missing_field_and_document(plan_a: Any, provider_user: Any) -> None:
    with pytest.raises(TransitionConflict) as refused:
        plan_submit(plan=plan_a, by=provider_user)
    assert refused.value.reasons == [
        f"The plan is incomplete: amount requested from the region, document “{PROOF}”."
    ]
    assert reload(plan_a).state == PlanState.DRAFT


def test_a_required_field_is_named_once(plan_a: Any) -> None:
    plan_a.justification = ""
    assert [str(label) for label in plan_a.missing_fields()] == [
        "justification",
        "amount requested from the region",
        f"document “{PROOF}”",
    ]


def test_submission_is_accepted_once_the_document_is_there(
    plan_a: Any, proof: RequiredDocument, provider_user: Any
) -> None:
    plan_update_draft(plan=plan_a, by=provider_user, amount_requested=Decimal(250_000))
    attachment = attachment_add(
        plan=plan_a, by=provider_user, kind="proof_of_need", file=pdf(), requirement=proof
    )
    assert attachment.requirement == proof
    assert reload(plan_a).required_documents() == [(proof, True)]
    plan_submit(plan=reload(plan_a), by=provider_user)
    assert reload(plan_a).state == PlanState.AWAITING_OPINION


def test_a_document_of_the_wrong_type_is_refused(
    plan_a: Any, proof: RequiredDocument, provider_user: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        attachment_add(
            plan=plan_a, by=provider_user, kind="proof_of_need", file=png(), requirement=proof
        )
    assert refused.value.message_dict == {
        "file": [f"The document “{PROOF}” must be a file of type: PDF."]
    }
    assert not PlanAttachment.objects.exists()
    # The same file as an attachment of no requirement is fine.
    attachment_add(plan=plan_a, by=provider_user, kind="other", file=png())
    assert reload(plan_a).required_documents() == [(proof, False)]


def test_a_document_of_another_form_is_refused(
    plan_a: Any, open_call: Any, regional_officer: Any, provider_user: Any
) -> None:
    form_b = request_form_create(
        call=open_call, by=regional_officer, code="B", name="Aktualizace", kinds=["other_change"]
    )
    foreign = required_document_create(
        form=form_b, by=regional_officer, name="Registrace", file_types=["pdf"]
    )
    with pytest.raises(ValidationError) as refused:
        attachment_add(plan=plan_a, by=provider_user, kind="other", file=pdf(), requirement=foreign)
    assert "requirement" in refused.value.message_dict


def test_an_optional_document_does_not_block(
    plan_a: Any, form_a: RequestForm, regional_officer: Any
) -> None:
    required_document_create(
        form=form_a, by=regional_officer, name="Fotografie", file_types=["jpg"], required=False
    )
    plan_a.amount_requested = Decimal(1)
    assert [str(label) for label in plan_a.missing_fields()] == [f"document “{PROOF}”"]


def test_a_form_not_for_the_plans_kind_is_refused(
    form_a: RequestForm, service: Any, provider_user: Any, liberec_orp: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_create(
            by=provider_user,
            call=form_a.call,
            service=service,
            kind="capacity_decrease",
            capacity_current=Decimal(0),
            capacity_requested=Decimal(0),
            request_form=form_a,
        )
    assert refused.value.message_dict["request_form"] == [
        "The form “A: Nová služba” is not for a plan of the kind “capacity decrease”; it is "
        "for: inclusion of a new service, capacity increase."
    ]


def test_changing_the_kind_away_from_the_form_is_refused(plan_a: Any, provider_user: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_update_draft(plan=plan_a, by=provider_user, kind="other_change")
    assert "request_form" in refused.value.message_dict
    assert reload(plan_a).kind == "capacity_increase"


def test_a_form_of_another_call_is_refused(
    form_a: RequestForm, service: Any, provider_user: Any
) -> None:
    other_call = factories.CallFactory(open=True)
    with pytest.raises(ValidationError) as refused:
        plan_create(
            by=provider_user,
            call=other_call,
            service=service,
            kind="capacity_increase",
            capacity_current=Decimal(0),
            capacity_requested=Decimal(5),
            request_form=form_a,
        )
    assert refused.value.message_dict["request_form"] == [
        "The form “A: Nová služba” belongs to another call."
    ]


@pytest.mark.parametrize("who", ["other_region_officer", "provider_user", "municipal_officer"])
def test_only_the_calls_regional_office_configures_it(
    request: Any, who: str, form_a: RequestForm, open_call: Any
) -> None:
    user = request.getfixturevalue(who)
    document = form_a.documents.get()
    attempts = [
        lambda: request_form_create(
            call=open_call, by=user, code="B", name="B", kinds=["inclusion"]
        ),
        lambda: request_form_update(form=form_a, by=user, name="Jiná"),
        lambda: request_form_delete(form=form_a, by=user),
        lambda: required_document_create(form=form_a, by=user, name="X", file_types=["pdf"]),
        lambda: required_document_update(document=document, by=user, name="Y"),
        lambda: required_document_delete(document=document, by=user),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert list(open_call.request_forms.values_list("code", "name")) == [("A", "Nová služba")]
    assert list(form_a.documents.values_list("name", flat=True)) == [PROOF]


def test_a_form_in_use_cannot_be_deleted(
    plan_a: Any, form_a: RequestForm, regional_officer: Any
) -> None:
    with pytest.raises(TransitionConflict) as refused:
        request_form_delete(form=form_a, by=regional_officer)
    assert refused.value.reasons == [
        "The form “A: Nová služba” is used by 1 plan(s); it cannot be deleted."
    ]
    assert RequestForm.objects.filter(pk=form_a.pk).exists()
    plan_a.delete()
    request_form_delete(form=form_a, by=regional_officer)
    assert not RequestForm.objects.exists()
    assert not RequiredDocument.objects.exists()


def test_a_form_submitted_plans_use_is_frozen_once_the_call_is_open(
    form_a: RequestForm, service: Any, regional_officer: Any
) -> None:
    # A draft does not freeze the form: the office may still fix it.
    draft = factories.DevelopmentPlanFactory(call=form_a.call, service=service, request_form=form_a)
    request_form_update(form=form_a, by=regional_officer, name="Nová sociální služba")
    draft.delete()
    factories.plan_in_state(
        "awaiting_opinion", call=form_a.call, service=service, request_form=form_a
    )
    with pytest.raises(TransitionConflict) as refused:
        request_form_update(form=form_a, by=regional_officer, required_fields=[])
    assert refused.value.reasons == [
        "Plans already submitted use the form “A: Nová sociální služba”; it can change only "
        "before the call opens."
    ]
    with pytest.raises(TransitionConflict):
        required_document_create(form=form_a, by=regional_officer, name="X", file_types=["pdf"])
    assert reload(form_a).required_fields == ["amount_requested", "justification"]
    # Another form of the open call can still be added.
    request_form_create(
        call=form_a.call, by=regional_officer, code="B", name="Aktualizace", kinds=["other_change"]
    )


def test_a_closed_calls_configuration_does_not_change(regional_officer: Any) -> None:
    call = factories.CallFactory(closed=True)
    with pytest.raises(TransitionConflict) as refused:
        request_form_create(call=call, by=regional_officer, code="A", name="A", kinds=["inclusion"])
    assert refused.value.reasons == [
        "The call has closed; its forms and documents cannot change any more."
    ]


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"code": "a", "kinds": ["inclusion"]}, "code"),  # codes are unique, in any case
        ({"code": "D", "kinds": []}, "kinds"),
        ({"code": "D", "kinds": ["merger"]}, "kinds"),
        (
            {"code": "D", "kinds": ["inclusion"], "required_fields": ["capacity_unit"]},
            "required_fields",
        ),
    ],
)
def test_bad_form_input_is_refused(
    form_a: RequestForm, regional_officer: Any, fields: dict[str, Any], error_field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        request_form_create(call=form_a.call, by=regional_officer, name="Nový", **fields)
    assert error_field in refused.value.message_dict
    assert form_a.call.request_forms.count() == 1


def test_bad_document_input_is_refused(form_a: RequestForm, regional_officer: Any) -> None:
    for file_types in ([], ["exe"]):
        with pytest.raises(ValidationError) as refused:
            required_document_create(
                form=form_a, by=regional_officer, name="X", file_types=file_types
            )
        assert "file_types" in refused.value.message_dict
    assert form_a.documents.count() == 1


def test_documents_are_ordered_as_added(form_a: RequestForm, regional_officer: Any) -> None:
    second = required_document_create(
        form=form_a, by=regional_officer, name="Rozpočet", file_types=["xlsx", "ods"]
    )
    assert second.position == 1
    assert [d.name for d in form_a.documents.all()] == [PROOF, "Rozpočet"]
    required_document_update(document=second, by=regional_officer, position=0, name="Rozpočet")
    assert second.file_type_labels == "XLSX (Excel), ODS (spreadsheet)"


def test_the_demo_can_build_forms_a_b_c(regional_officer: Any) -> None:
    call = factories.CallFactory(opens_at=factories._now() + dt.timedelta(days=3))
    for code, kinds in (
        ("A", ["inclusion"]),
        ("B", ["other_change"]),
        ("C", ["capacity_increase", "inclusion"]),
    ):
        form = request_form_create(
            call=call, by=regional_officer, code=code, name=f"Formulář {code}", kinds=kinds
        )
        if code in "AC":
            required_document_create(
                form=form, by=regional_officer, name="Vyjádření obce", file_types=["pdf"]
            )
    assert [(f.code, f.documents.count()) for f in call.request_forms.all()] == [
        ("A", 1),
        ("B", 0),
        ("C", 1),
    ]
