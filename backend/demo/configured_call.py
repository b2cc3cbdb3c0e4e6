"""A closed call set up like the Liberec Region's real ones: request forms A/B/C with their
required documents, two assessment criteria and two independent assessors, its plans in
ORP Tanvald scored by both officers beside the Tanvaldsko action plan's recorded need."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backend.assessment.models import Criterion
from backend.assessment.services import assessment_submit, criterion_create, reference_value_set
from backend.calls.models import Call, NetworkPeriod
from backend.callsetup.models import RequestForm
from backend.callsetup.services import request_form_create, required_document_create
from backend.core.deadlines import end_of_day
from backend.demand.seed import family_services_schemes_load, tanvaldsko_demand_load
from backend.demo.remedy import PDF
from backend.demo.replay import at, prague
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import AttachmentKind, DecidingBody, ResolutionOutcome
from backend.plans.models import DevelopmentPlan
from backend.plans.services import attachment_add, plan_create
from backend.registry.choices import CapacityUnit, ServiceForm
from backend.registry.models import Orp, Region, ServiceType, SocialService
from workflows.call_lifecycle.actions import call_close, call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_decide, plan_submit

CALL_NAME = "Výzva k předkládání žádostí o zařazení do ZSSS LK – formuláře A, B, C"
PROOF, BUDGET, OPINION = "Doklad o potřebnosti", "Rozpočet služby", "Vyjádření obce"
# (code, name, kinds, required plan fields, documents: (name, file types))
FORMS = [
    (
        "A",
        "Žádost o zařazení nové sociální služby",
        [PlanKind.INCLUSION],
        ["amount_requested", "planned_start"],
        [(PROOF, ["pdf"]), (BUDGET, ["pdf", "xlsx"]), (OPINION, ["pdf"])],
    ),
    (
        "B",
        "Aktualizace plánované služby (úroveň P/Z2v)",
        [PlanKind.OTHER_CHANGE],
        [],
        [(PROOF, ["pdf"])],
    ),
    (
        "C",
        "Rozvojový záměr (podstatná změna služby)",
        [PlanKind.CAPACITY_INCREASE, PlanKind.CAPACITY_DECREASE, PlanKind.OTHER_CHANGE],
        ["amount_requested"],
        [(PROOF, ["pdf"]), (BUDGET, ["pdf", "xlsx"]), (OPINION, ["pdf"])],
    ),
]
CRITERIA = [
    (
        "Potřebnost doložená komunitním plánem",
        Decimal(2),
        "Je potřeba služby v území doložena komunitním nebo akčním plánem obcí?",
    ),
    (
        "Náklady na jednotku kapacity vůči referenční hodnotě",
        Decimal(1),
        "Požadavek na kraj na jednotku navýšení ve srovnání s referenční hodnotou kraje.",
    ),
]
# Per-year cost per unit the region published for the demo's types (CZK).
REFERENCE_VALUES = [("51", CapacityUnit.BEDS, 310_000), ("46", "", 120_000), ("65", "", 690_000)]
WHY = "Potřeba vyplývá z Akčního plánu rozvoje sociálních služeb Mikroregionu Tanvaldsko 2024."


def load_configured_call(users: dict[str, Any], services: dict[str, SocialService]) -> Call:
    """The call (closed two weeks ago), its configuration and its three plans in ORP Tanvald:
    two awaiting the decision with both assessments in (one with the difference flagged),
    one decided, so its provider sees the score."""
    today = timezone.localdate()

    def day(offset: int, hour: int = 9) -> dt.datetime:
        moment = today + dt.timedelta(days=offset)
        return prague(moment.year, moment.month, moment.day, hour)

    kraj, kraj2 = users["kraj"], users["kraj2"]
    region = Region.objects.get(code="CZ051")
    period = NetworkPeriod.objects.get(start_year=today.year + 1)
    with at(day(-60)):
        call = Call.objects.create(
            region=region,
            period=period,
            name=CALL_NAME,
            opens_at=day(-45, 0),
            closes_at=end_of_day(today - dt.timedelta(days=30)),
            opinion_deadline_days=10,
            council_deadline_days=10,
            decision_date_days=20,
            assessors_required=2,
        )
        forms = _configure(call, by=kraj)
        _reference_values(region, period.start_year, by=kraj)
        tanvaldsko_demand_load(region=region, orp_tanvald=Orp.objects.get(code="5108"), by=kraj)
        family_services_schemes_load(region=region, by=kraj)
    with at(day(-45, 1)):
        call_open(call=call)
    plans = _file_plans(call, forms, users, services, at_moment=day(-40))
    with at(day(-30, 23)):
        call_close(call=call)
    with at(day(-25)):
        for plan in plans.values():
            opinion = opinion_draft(
                opinion=plan.opinions.get(), by=users["tanvald"], verdict=Verdict.SUPPORTS
            )
            if opinion.needs_council:  # the increase commits the town: its council approves
                opinion_send_to_council(opinion=opinion, by=users["tanvald"])
            else:
                opinion_issue(opinion=opinion, by=users["tanvald"])
    with at(day(-22)):
        opinion_record_resolution(
            opinion=plans["sas"].opinions.get(),
            by=users["tanvald.rada"],
            number=f"212/{today.year}",
            meeting_date=day(-22).date(),
            outcome=ResolutionOutcome.APPROVED,
        )
    criteria = list(Criterion.objects.filter(call=call).order_by("order"))
    with at(day(-20)):
        for key, (first, second) in {
            "shelter": ((5, 4), (4, 4)),
            "daycare": ((4, 3), (4, 4)),
            "sas": ((4, 1), (2, 1)),  # the officers disagree on the need: flagged
        }.items():
            _score(plans[key], kraj, criteria, first)
            _score(plans[key], kraj2, criteria, second)
    with at(day(-18)):
        plan_decide(
            plan=plans["daycare"],
            by=kraj,
            outcome=PlanState.INCLUDED,
            body=DecidingBody.REGIONAL_COUNCIL,
            resolution_number=f"1310/{today.year % 100}/RK",
            resolution_date=day(-18).date(),
        )
    return call


def _configure(call: Call, *, by: Any) -> dict[str, RequestForm]:
    forms = {}
    for code, name, kinds, fields, documents in FORMS:
        form = request_form_create(
            call=call, by=by, code=code, name=name, kinds=kinds, required_fields=fields
        )
        for document, types in documents:
            required_document_create(form=form, by=by, name=document, file_types=types)
        forms[code] = form
    for name, weight, guidance in CRITERIA:
        criterion_create(
            call=call, by=by, name=name, weight=weight, max_points=5, guidance=guidance
        )
    return forms


def _reference_values(region: Region, year: int, *, by: Any) -> None:
    for paragraph, unit, amount in REFERENCE_VALUES:
        service_type = ServiceType.objects.get(paragraph=paragraph)
        reference_value_set(
            region=region,
            by=by,
            service_type=service_type,
            unit=unit or service_type.default_unit,
            valid_from_year=year,
            amount=Decimal(amount),
            note="Postup a systém hodnocení parametrů – referenční hodnoty (demo)",
        )


def _new_service(provider: Any, name: str, paragraph: str, form: str) -> SocialService:
    service_type = ServiceType.objects.get(paragraph=paragraph)
    service = SocialService(
        provider=provider,
        name=name,
        service_type=service_type,
        form=form,
        capacity_unit=service_type.unit_for_form(form),
    )
    service.full_clean()
    service.save()
    service.orps.set(Orp.objects.filter(code="5108"))
    return service


def _file_plans(
    call: Call,
    forms: dict[str, RequestForm],
    users: dict[str, Any],
    services: dict[str, SocialService],
    *,
    at_moment: dt.datetime,
) -> dict[str, DevelopmentPlan]:
    tulipan, czsp = services["tulipan_ch"].provider, services["czsp_ds"].provider
    specs = {
        "shelter": (
            "tulipan",
            _new_service(tulipan, "Chráněné bydlení Tanvald", "51", ServiceForm.RESIDENTIAL),
            forms["A"],
            PlanKind.INCLUSION,
            ("0", "6", "1500000"),
        ),
        "daycare": (
            "czsp",
            _new_service(czsp, "Denní stacionář Tanvaldsko", "46", ServiceForm.OUTPATIENT),
            forms["A"],
            PlanKind.INCLUSION,
            ("0", "10", "1100000"),
        ),
        "sas": (
            "cvt",
            services["cvt_sas"],
            forms["C"],
            PlanKind.CAPACITY_INCREASE,
            ("1", "3", "1600000"),
        ),
    }
    plans = {}
    with at(at_moment):
        for key, (who, service, form, kind, (current, requested, amount)) in specs.items():
            plan = plan_create(
                by=users[who],
                call=call,
                service=service,
                request_form=form,
                kind=kind,
                capacity_current=Decimal(current),
                capacity_requested=Decimal(requested),
                amount_requested=Decimal(amount),
                planned_start=dt.date(call.period.start_year, 1, 1),
                justification=WHY,
                orps=list(Orp.objects.filter(code="5108")),
            )
            for document in form.documents.all():
                attachment_add(
                    plan=plan,
                    by=users[who],
                    kind=AttachmentKind.PROOF_OF_NEED
                    if document.name == PROOF
                    else AttachmentKind.OTHER,
                    file=SimpleUploadedFile(f"{document.name}.pdf", PDF, "application/pdf"),
                    requirement=document,
                )
            plans[key] = plan_submit(plan=plan, by=users[who])
    return plans


def _score(
    plan: DevelopmentPlan, by: Any, criteria: list[Criterion], points: tuple[int, int]
) -> None:
    reasons = (
        "Potřeba je uvedena v akčním plánu Mikroregionu Tanvaldsko 2024 (OP3.2, OP3.3).",
        "Náklad na jednotku odpovídá referenční hodnotě kraje.",
    )
    assessment_submit(
        plan=plan,
        by=by,
        scores={
            criterion.pk: (value, reason)
            for criterion, value, reason in zip(criteria, points, reasons, strict=True)
        },
    )
