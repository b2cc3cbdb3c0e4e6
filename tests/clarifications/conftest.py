"""A submitted plan of TULIPAN in ORP Liberec with a thread in every audience."""

from dataclasses import dataclass
from typing import Any

import pytest

from backend.accounts.models import Role
from backend.clarifications.models import Audience, Message
from backend.clarifications.services import message_post
from backend.plans.models import DevelopmentPlan
from tests import factories

SECRET = "TAJNA-INTERNI-POZNAMKA-7741"
TO_PROVIDER = "Doplnte prosim rozpocet na rok 2027."
TO_MUNICIPALITY = "Potvrdte prosim spolufinancovani obce."


@dataclass
class Thread:
    plan: DevelopmentPlan
    internal: Message
    to_provider: Message
    to_municipality: Message


@pytest.fixture
def plan(service: Any, region: Any) -> DevelopmentPlan:
    call = factories.CallFactory(open=True, region=region)
    return factories.plan_in_state("awaiting_opinion", service=service, call=call)


@pytest.fixture
def colleague_officer(region: Any) -> Any:
    return factories.user_with_role(Role.REGIONAL_OFFICER, region, username="kraj2")


@pytest.fixture
def thread(plan: DevelopmentPlan, regional_officer: Any) -> Thread:
    def post(audience: str, body: str) -> Message:
        return message_post(plan=plan, by=regional_officer, audience=audience, body=body)

    return Thread(
        plan=plan,
        internal=post(Audience.INTERNAL, SECRET),
        to_provider=post(Audience.PROVIDER, TO_PROVIDER),
        to_municipality=post(Audience.MUNICIPALITY, TO_MUNICIPALITY),
    )
