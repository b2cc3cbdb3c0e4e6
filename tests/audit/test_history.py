"""Field history (django-simple-history): every save of a tracked model is kept, with its
author; the FSM's protected state field does not get in the way."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backend.audit.history import TRACKED, historical_models
from backend.plans.models import DevelopmentPlan
from tests import factories
from tests.helpers import reload
from tests.web.test_editing import _edit_form
from workflows.plan_review.actions import plan_withdraw

pytestmark = pytest.mark.django_db


def test_every_tracked_model_has_its_history_table_in_the_audit_app() -> None:
    models = historical_models()
    assert len(models) == len(TRACKED) == 14
    assert {model._meta.app_label for model in models} == {"audit"}
    assert all(model._meta.db_table.startswith("audit_historical") for model in models)


def test_a_created_and_edited_plan_has_one_version_per_save(
    make_plan: Callable[..., Any],
) -> None:
    plan = make_plan("draft", justification="První verze.")
    plan = reload(plan)
    plan.justification = "Druhá verze."
    plan.save()
    versions = list(plan.history.order_by("history_id"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert [v.justification for v in versions] == ["První verze.", "Druhá verze."]
    delta = versions[1].diff_against(versions[0])
    assert "justification" in delta.changed_fields


def test_each_plans_history_holds_its_own_rows(make_plan: Callable[..., Any]) -> None:
    plan, other = make_plan("draft"), make_plan("draft")
    for _ in range(3):
        plan.save()
    assert plan.history.count() == 4
    assert other.history.count() == 1


def test_a_transition_of_the_protected_state_field_is_recorded(
    make_plan: Callable[..., Any], provider_user: Any
) -> None:
    plan = make_plan("draft")
    plan_withdraw(plan=plan, by=provider_user, comment="")
    latest = reload(plan).history.first()
    assert (latest.state, latest.history_user) == ("withdrawn", provider_user)
    # The historical state is a plain column: it can be loaded, changed in memory and the
    # tracked instance rebuilt from it, none of which a protected FSMField allows twice.
    assert type(latest._meta.get_field("state")).__name__ == "CharField"
    latest.refresh_from_db()
    rebuilt = latest.instance
    assert isinstance(rebuilt, DevelopmentPlan) and rebuilt.state == "withdrawn"
    assert reload(plan).history.earliest().instance.state == "draft"


def test_the_web_edit_records_the_signed_in_user_as_the_author(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any], provider_user: Any
) -> None:
    plan = make_plan("draft")
    response = client_as("provider_user").post(reverse("plans:edit", args=[plan.pk]), _edit_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = reload(plan).history.first()
    assert (latest.capacity_requested, latest.history_user) == (Decimal(12), provider_user)


@pytest.mark.parametrize(
    "make",
    [
        lambda: factories.MunicipalOpinionFactory(),
        lambda: factories.SocialServiceFactory(),
        lambda: factories.ProviderFactory(),
    ],
    ids=["opinion", "service", "provider"],
)
def test_other_tracked_models_keep_history(make: Callable[[], Any]) -> None:
    instance = make()
    assert instance.history.count() == 1
    assert instance.history.get().history_type == "+"


def test_bulk_create_writes_no_history(service: Any, open_call: Any) -> None:
    template = factories.DevelopmentPlanFactory.build(service=service, call=open_call)
    template.provider = service.provider
    DevelopmentPlan.objects.bulk_create([template])
    assert DevelopmentPlan.history.count() == 0
