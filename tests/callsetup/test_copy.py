"""Copying a call's configuration into a new call of the same region."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.assessment.models import Criterion
from backend.calls.choices import OpinionRouting
from backend.callsetup.models import RequestForm
from backend.callsetup.services import (
    call_setup_copy,
    copied_call_fields,
    request_form_create,
)
from backend.machines.errors import TransitionConflict
from backend.registry.models import Region
from tests import factories
from tests.callsetup.conftest import PROOF
from tests.helpers import reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(db: None) -> Any:
    """Next year's call, announced with its own dates and a fixed opinion deadline."""
    return factories.CallFactory(
        name="Výzva 2027",
        opens_at=factories._now() + dt.timedelta(days=30),
        closes_at=factories._now() + dt.timedelta(days=45),
        opinion_deadline_days=None,
        opinion_deadline_date=(factories._now() + dt.timedelta(days=80)).date(),
        council_deadline_days=5,
        completion_days=10,
    )


@pytest.fixture
def source(form_a: RequestForm) -> Any:
    call = form_a.call
    call.opinion_deadline_days = 20
    call.council_deadline_days = None
    call.council_deadline_date = (factories._now() + dt.timedelta(days=90)).date()
    call.completion_days = 15
    call.decrease_needs_opinion = True
    call.council_for_commitments = False
    call.registration_cutoff = dt.date(2026, 1, 1)
    call.opinion_routing = OpinionRouting.ORP_AND_MUNICIPALITY
    call.assessors_required = 2
    call.save()
    Criterion.objects.create(call=call, name="Potřebnost v komunitním plánu", weight=2)
    call.service_types.set([factories.service_type("51"), factories.service_type("49")])
    return call


def test_the_copy_carries_rules_forms_and_documents(
    source: Any, target: Any, regional_officer: Any
) -> None:
    call_setup_copy(source=source, target=target, by=regional_officer)
    copied = reload(target)
    # The rules and the deadlines counted in working days.
    assert copied.opinion_deadline_days == 20
    assert copied.opinion_deadline_date is None
    assert copied.completion_days == 15
    assert copied.decrease_needs_opinion is True
    assert copied.council_for_commitments is False
    assert copied.opinion_routing == OpinionRouting.ORP_AND_MUNICIPALITY
    assert copied.assessors_required == 2
    assert [(c.name, c.weight) for c in copied.criteria.all()] == [
        ("Potřebnost v komunitním plánu", 2)
    ]
    assert sorted(copied.service_types.values_list("paragraph", flat=True)) == ["49", "51"]
    # What names and dates the call stays its own; a deadline the source fixes by date too.
    assert copied.name == "Výzva 2027"
    assert copied.opens_at == target.opens_at
    assert copied.council_deadline_days == 5
    assert copied.council_deadline_date is None
    assert copied.registration_cutoff is None
    # The forms and their documents, as new rows.
    (form,) = copied.request_forms.all()
    assert (form.code, form.name, form.kinds, form.required_fields, form.description) == (
        "A",
        "Nová služba",
        ["inclusion", "capacity_increase"],
        ["amount_requested", "justification"],
        "Žádost o zařazení nové služby.",
    )
    assert [(d.name, d.file_types, d.required) for d in form.documents.all()] == [
        (PROOF, ["pdf"], True)
    ]
    assert source.request_forms.get().pk != form.pk
    assert RequestForm.objects.count() == 2


def test_the_copied_fields_are_the_calls_rules() -> None:
    assert copied_call_fields() == [
        "opinion_deadline_days",
        "council_deadline_days",
        "decision_date_days",
        "completion_days",
        "opinion_routing",
        "decrease_needs_opinion",
        "council_for_commitments",
        "service_types",
        "assessors_required",
        "score_spread_limit",
        "planning_scheme",
    ]


def test_no_copy_into_an_open_call(source: Any, regional_officer: Any) -> None:
    open_target = factories.CallFactory(open=True)
    with pytest.raises(TransitionConflict) as refused:
        call_setup_copy(source=source, target=open_target, by=regional_officer)
    assert refused.value.reasons == [
        "The configuration can be copied only into a call that has not opened yet."
    ]
    assert not open_target.request_forms.exists()


def test_no_copy_into_a_call_with_forms(source: Any, target: Any, regional_officer: Any) -> None:
    request_form_create(call=target, by=regional_officer, code="X", name="X", kinds=["inclusion"])
    with pytest.raises(TransitionConflict) as refused:
        call_setup_copy(source=source, target=target, by=regional_officer)
    assert refused.value.reasons == [
        "The call already has request forms; delete them to copy another call's."
    ]
    assert list(target.request_forms.values_list("code", flat=True)) == ["X"]
    assert reload(target).completion_days == 10


def test_no_copy_from_itself(target: Any, regional_officer: Any) -> None:
    with pytest.raises(TransitionConflict) as refused:
        call_setup_copy(source=target, target=target, by=regional_officer)
    assert refused.value.reasons == ["Choose another call to copy from."]


def test_no_copy_from_another_region(target: Any, regional_officer: Any) -> None:
    other = factories.CallFactory(
        region=Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    )
    with pytest.raises(ValidationError) as refused:
        call_setup_copy(source=other, target=target, by=regional_officer)
    assert refused.value.message_dict == {"source": ["Choose a call of the same region."]}


@pytest.mark.parametrize("who", ["other_region_officer", "provider_user"])
def test_only_the_regional_office_copies(request: Any, who: str, source: Any, target: Any) -> None:
    with pytest.raises(PermissionDenied):
        call_setup_copy(source=source, target=target, by=request.getfixturevalue(who))
    assert not target.request_forms.exists()
