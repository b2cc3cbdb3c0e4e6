"""The demo's configured call: forms A/B/C with required documents, two criteria, plans
scored by two assessors (one difference flagged), the Tanvaldsko need on the dashboard."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from backend.accounts.models import User
from backend.assessment.selectors import plan_assessment_for_user
from backend.calls.models import Call
from backend.demo.configured_call import CALL_NAME
from backend.machines.plan_review.states import PlanState

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_configured_call_with_scored_plans() -> None:
    call_command("load_demo", stdout=io.StringIO())
    call = Call.objects.get(name=CALL_NAME)
    forms = {form.code: [d.name for d in form.documents.all()] for form in call.request_forms.all()}
    assert set(forms) == {"A", "B", "C"}
    assert "Doklad o potřebnosti" in forms["A"]
    assert call.criteria.count() == 2 and call.assessors_required == 2
    kraj = User.objects.get(username="kraj")
    plans = {plan.service.name: plan for plan in call.plans.select_related("service")}
    assert len(plans) == 3
    for plan in plans.values():
        assert plan.missing_fields() == []  # every required document is attached
        seen = plan_assessment_for_user(plan=plan, user=kraj)
        assert seen is not None and seen.complete and len(seen.results) == 2
    sas = plan_assessment_for_user(
        plan=plans["Sociálně aktivizační služby pro rodiny Tanvaldsko"], user=kraj
    )
    assert sas is not None and sas.flagged
    # The decided plan's provider sees its score; the undecided one's does not yet.
    daycare = plans["Denní stacionář Tanvaldsko"]
    assert daycare.state == PlanState.INCLUDED
    czsp = User.objects.get(username="czsp")
    provider_view = plan_assessment_for_user(plan=daycare, user=czsp)
    assert provider_view is not None and provider_view.score is not None
    tulipan = User.objects.get(username="tulipan")
    assert plan_assessment_for_user(plan=plans["Chráněné bydlení Tanvald"], user=tulipan) is None
    # The Tanvaldsko action plan's need is on the capacity dashboard.
    client = Client()
    client.force_login(kraj)
    page = client.get(reverse("insight:capacity") + "?unit=fte")
    assert page.status_code == 200
    # The seed's 11,5 + 6 FTE of social rehabilitation in ORP Tanvald.
    assert "§ 70 – need: 17.5" in page.content.decode()
