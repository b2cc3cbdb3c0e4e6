"""The municipalities a plan concerns, kept in `PlanConcern` (backend/plans/concerns.py): a
municipality sees a submitted plan only through it, so every way its three sources are
written must keep it equal to what they say."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from backend.plans.concerns import concerned_pairs, plan_concerns_refresh
from backend.plans.models import DevelopmentPlan, PlanConcern
from backend.plans.selectors import plan_list_for_user
from backend.registry.models import Municipality
from tests import factories
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db


def kept() -> set[tuple[int, int]]:
    return set(PlanConcern.objects.values_list("plan_id", "municipality_id"))


def derived() -> set[tuple[int, int]]:
    return set(concerned_pairs())


def sees(user: Any, plan: DevelopmentPlan) -> bool:
    return plan_list_for_user(user=user).filter(pk=plan.pk).exists()


def test_each_relation_written_keeps_the_concerns(
    service: Any, open_call: Any, liberec: Any, tanvald: Any, municipal_officer: Any
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    assert kept() == derived() == {(plan.pk, liberec.pk)}  # the seat of its ORP
    plan.municipalities.add(tanvald)
    assert kept() == derived() == {(plan.pk, liberec.pk), (plan.pk, tanvald.pk)}
    plan.municipalities.remove(tanvald)
    assert kept() == {(plan.pk, liberec.pk)}
    plan.orps.clear()
    assert kept() == set() and not sees(municipal_officer, plan)
    factories.opinion_in_state("issued", plan=plan, municipality=liberec)
    assert kept() == derived() == {(plan.pk, liberec.pk)}
    assert sees(municipal_officer, plan)


def test_written_from_the_municipality_side(
    service: Any, open_call: Any, liberec: Any, tanvald: Any
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    tanvald.plans.add(plan)
    assert kept() == derived() == {(plan.pk, liberec.pk), (plan.pk, tanvald.pk)}
    tanvald.plans.clear()
    assert kept() == derived() == {(plan.pk, liberec.pk)}


def test_an_orp_with_a_new_seat_takes_its_plans_along(
    service: Any, open_call: Any, liberec_orp: Any, liberec: Any, municipal_officer: Any
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    assert sees(municipal_officer, plan)
    seat = Municipality.objects.create(orp=liberec_orp, name="Nová obec", code="999999")
    liberec_orp.seat = seat
    liberec_orp.save(update_fields=["seat"])
    assert kept() == derived() == {(plan.pk, seat.pk)}
    assert not sees(municipal_officer, plan)


def test_links_written_in_bulk_count_once_refreshed(
    service: Any, open_call: Any, liberec: Any, tanvald: Any
) -> None:
    """`bulk_create` sends no signals: the seeders refresh the plans they wrote."""
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    officer = factories.user_with_role("municipal_officer", tanvald, username="tanvald")
    through = DevelopmentPlan.municipalities.through
    through.objects.bulk_create([through(developmentplan_id=plan.pk, municipality_id=tanvald.pk)])
    assert not sees(officer, plan)
    assert plan_concerns_refresh(plan_ids=[plan.pk]) == 2
    assert sees(officer, plan)
    PlanConcern.objects.all().delete()
    assert plan_concerns_refresh() == 2
    assert kept() == derived()


def test_a_submission_concerns_each_municipality_asked(
    service: Any, open_call: Any, provider_user: Any, liberec: Any
) -> None:
    plan = factories.plan_in_state("draft", service=service, call=open_call)
    PlanConcern.objects.all().delete()  # as if the ORP's seat were not concerned before
    plan_submit(plan=plan, by=provider_user)
    assert kept() == {(plan.pk, liberec.pk)}


def test_the_demo_keeps_its_concerns() -> None:
    call_command("load_demo", stdout=io.StringIO())
    assert PlanConcern.objects.exists()
    assert kept() == derived()


def test_the_command_finds_and_mends_a_difference(
    service: Any, open_call: Any, liberec: Any
) -> None:
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    out = io.StringIO()
    call_command("plan_concerns", stdout=out)
    assert "1 concerns, as the relations say." in out.getvalue()
    PlanConcern.objects.all().delete()  # as a write by hand past the ORM would leave it
    with pytest.raises(CommandError, match="1 concerns missing, 0 stale"):
        call_command("plan_concerns", stdout=io.StringIO())
    call_command("plan_concerns", "--rebuild", stdout=io.StringIO())
    assert kept() == {(plan.pk, liberec.pk)}
    call_command("plan_concerns", stdout=io.StringIO())
