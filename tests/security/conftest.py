"""The world of the security tests: one object "at home" (inside every role's scope at once)
and one "away" (outside every role's scope at once), and a user per column of the matrix.

At home: TULIPAN's service (the provider's own) in ORP Liberec (the municipal officer's and
the council secretary's territory), filed into a call of the Liberec Region (the regional
officer's region). Away: another provider's service in ORP Tanvald, filed into a call of
another region, with Tanvald's opinion. So for every role the same pair of objects tells
"in scope" from "out of scope".
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.models import Role, User
from backend.calls.models import Call
from backend.documents.models import Document, DocumentKind
from backend.plans.choices import AttachmentKind
from backend.plans.models import DevelopmentPlan, MunicipalOpinion, PlanAttachment
from backend.registry.models import Municipality, Orp, Region, SocialService
from tests import factories

# The smallest well-formed PDF: uploads are checked by their content.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "rozpocet.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@dataclass
class World:
    """The home and away organisations; objects are made on demand (`plan`, `opinion`…)."""

    region: Region
    other_region: Region
    liberec: Municipality
    tanvald: Municipality
    liberec_orp: Orp
    tanvald_orp: Orp
    services: dict[bool, SocialService]
    calls: dict[bool, Call]
    users: dict[str, User | None]

    def municipality(self, home: bool) -> Municipality:
        return self.liberec if home else self.tanvald

    def region_of(self, home: bool) -> Region:
        return self.region if home else self.other_region

    def plan(self, home: bool, state: str = "draft", **fields: Any) -> DevelopmentPlan:
        fields.setdefault("service", self.services[home])
        fields.setdefault("call", self.calls[home])
        fields.setdefault("orps", [self.liberec_orp if home else self.tanvald_orp])
        return factories.plan_in_state(state, **fields)

    def opinion(
        self,
        home: bool,
        state: str = "requested",
        plan_state: str = "awaiting_opinion",
        **fields: Any,
    ) -> MunicipalOpinion:
        return factories.opinion_in_state(
            state,
            plan=self.plan(home, plan_state),
            municipality=self.municipality(home),
            **fields,
        )

    def call(self, home: bool, **fields: Any) -> Call:
        return factories.CallFactory(region=self.region_of(home), **fields)


@pytest.fixture
def world(
    db: None, liberec_orp: Orp, tanvald_orp: Orp, provider: Any, other_provider: Any
) -> World:
    caches["throttle"].clear()  # throttle counters
    other_region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    region = factories.region_liberec()
    liberec, tanvald = liberec_orp.seat, tanvald_orp.seat
    services = {
        # Names that are not substrings of each other: lists are searched for them.
        True: factories.SocialServiceFactory(
            provider=provider, name="Chráněné bydlení Domov", orps=[liberec_orp]
        ),
        False: factories.SocialServiceFactory(
            provider=other_provider, name="Azylový dům Jinde", orps=[tanvald_orp]
        ),
    }
    calls = {
        True: factories.CallFactory(open=True, region=region, name="Výzva Liberecký kraj"),
        False: factories.CallFactory(open=True, region=other_region, name="Výzva jiný kraj"),
    }
    users: dict[str, User | None] = {
        "anonymous": None,
        "no_role": factories.UserFactory(username="stranger"),
        "provider_user": factories.user_with_role(Role.PROVIDER_USER, provider, username="tulipan"),
        "municipal_officer": factories.user_with_role(
            Role.MUNICIPAL_OFFICER, liberec, username="liberec"
        ),
        "council_secretary": factories.user_with_role(
            Role.COUNCIL_SECRETARY, liberec, username="liberec.rada"
        ),
        "regional_officer": factories.user_with_role(
            Role.REGIONAL_OFFICER, region, username="kraj"
        ),
    }
    return World(
        region=region,
        other_region=other_region,
        liberec=liberec,
        tanvald=tanvald,
        liberec_orp=liberec_orp,
        tanvald_orp=tanvald_orp,
        services=services,
        calls=calls,
        users=users,
    )


@pytest.fixture
def web_as(world: World) -> Callable[[str], Client]:
    """A web client signed in as the role's user ("anonymous": signed out)."""

    def make(role: str, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_as(world: World) -> Callable[[str], APIClient]:
    """An API client authenticated as the role's user (English answers)."""

    def make(role: str) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        user = world.users[role]
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def attachment_of(plan: DevelopmentPlan) -> PlanAttachment:
    return PlanAttachment.objects.create(
        plan=plan,
        kind=AttachmentKind.BUDGET,
        file=ContentFile(PDF, name="rozpocet.pdf"),
        original_name="rozpocet.pdf",
        size=len(PDF),
    )


def document_of(plan: DevelopmentPlan) -> Document:
    """A stored document of the plan, as the rendering would store it (no WeasyPrint)."""
    document = Document(
        plan=plan,
        kind=DocumentKind.PLAN,
        source=f"plan:{plan.pk}",
        version=1,
        filename=f"zamer-{plan.pk}.pdf",
        sha256=hashlib.sha256(PDF).hexdigest(),
        size=len(PDF),
    )
    document.file.save(document.filename, ContentFile(PDF), save=False)
    document.save()
    return document


def new_call_data(period: Any, name: str) -> dict[str, Any]:
    """A complete new call as the regional officer announces it (opens in ten days)."""
    now = timezone.localtime()
    return {
        "name": name,
        "period": period.pk,
        "opens_at": (now + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M:%S"),
        "opinion_deadline_days": 15,
        "council_deadline_days": 10,
        "decision_date_days": 10,
        "completion_days": 10,
        "opinion_routing": "orp_seat",
        "council_for_commitments": "on",
    }
