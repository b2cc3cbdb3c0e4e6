"""The plan pages' selects are rendered in Python (`LongSelect`): the markup stays Django's,
byte for byte, in every form the plan list and the plan page show."""

from typing import Any

import pytest
from django import forms

from backend.callsetup.models import RequestForm, RequiredDocument
from backend.casework.forms import AssignForm
from backend.core.long_choices import LongSelect
from backend.plans.filters import PlanFilter
from backend.plans.forms import AttachmentForm, DecisionForm
from backend.plans.models import DevelopmentPlan
from tests import factories


def _as_django(form: forms.Form, name: str) -> str:
    """The field group as it renders with Django's own Select in place of LongSelect."""
    ours = form.fields[name].widget
    plain = forms.Select(attrs=ours.attrs)
    plain.choices = ours.choices
    plain.is_required = ours.is_required
    form.fields[name].widget = plain
    try:
        return str(form[name].as_field_group())
    finally:
        form.fields[name].widget = ours


def _long_selects(form: forms.Form) -> list[str]:
    return [name for name, field in form.fields.items() if isinstance(field.widget, LongSelect)]


def _assert_as_django(form: forms.Form, expected: set[str]) -> None:
    names = _long_selects(form)
    assert set(names) == expected
    for name in names:
        ours = str(form[name].as_field_group())
        assert ours == _as_django(form, name), name
        assert 'class="gov-form-select"' in ours


@pytest.mark.django_db
@pytest.mark.parametrize("filled", ["nothing", "every filter", "wrong values"])
def test_the_plan_list_filters_render_as_django(
    liberec_orp: Any, open_call: Any, regional_officer: Any, filled: str
) -> None:
    paragraph = factories.service_type("51")
    data = {
        "nothing": {},
        "every filter": {
            "state": "draft",
            "orp": str(liberec_orp.pk),
            "owner": "mine",
            "call": str(open_call.pk),
            "service_type": str(paragraph.pk),
        },
        "wrong values": {"state": "no such state", "orp": "999999"},  # with their errors
    }[filled]
    form = PlanFilter(data, queryset=DevelopmentPlan.objects.all()).form
    assert form.is_valid() == (filled != "wrong values")
    _assert_as_django(form, {"call", "state", "service_type", "orp", "owner"})
    if filled == "every filter":
        assert '<option value="draft" selected>' in str(form["state"])
        assert f'<option value="{liberec_orp.pk}" selected>' in str(form["orp"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {"outcome": "included", "body": "regional_council"}, {"outcome": "x", "level": "y"}],
)
def test_the_decision_form_renders_as_django(data: dict[str, str] | None) -> None:
    form = DecisionForm(data)
    if data is not None:
        form.is_valid()
    _assert_as_django(form, {"outcome", "level", "body"})


@pytest.mark.django_db
def test_the_attachment_form_renders_as_django(open_call: Any) -> None:
    request_form = RequestForm.objects.create(
        call=open_call, code="A", name="Nová služba", kinds=["inclusion"]
    )
    RequiredDocument.objects.create(form=request_form, name="Rozpočet & plán", file_types=["pdf"])
    form = AttachmentForm(request_form_id=request_form.pk)
    _assert_as_django(form, {"kind", "requirement"})
    assert "Rozpočet &amp; plán" in str(form["requirement"])


@pytest.mark.django_db
def test_the_assign_form_renders_as_django(regional_officer: Any, region: Any) -> None:
    colleague = factories.user_with_role(
        "regional_officer", region, first_name="Anna", last_name="O'Brien <Nová>"
    )
    candidates = type(regional_officer).objects.filter(pk__in=[regional_officer.pk, colleague.pk])
    for initial in (None, colleague.pk):
        form = AssignForm(candidates=candidates, initial={"assignee": initial})
        _assert_as_django(form, {"assignee"})
    assert f'<option value="{colleague.pk}" selected>' in str(form["assignee"])
