"""How each row of the permission matrix is exercised: the object it acts on (made at home or
away), the request through the web page and through the API, and how to tell it worked.

`tests/security/test_matrix.py` takes the expected answer of every cell from the matrix
(`backend/core/permissions_matrix.py`); this module only knows how to ask.
"""

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Absence, Role
from backend.assessment.models import Assessment, Criterion, ReferenceValue, Score
from backend.calls.models import Call, NetworkPeriod
from backend.clarifications.models import ThreadRead
from backend.demand.models import DemandEntry, DemandTable
from backend.documents.models import DocumentKind
from backend.documents.services import document_create, document_read
from backend.plans.models import DevelopmentPlan
from backend.registry.models import Orp, PlanningArea, PlanningScheme
from tests import factories
from tests.helpers import reload
from tests.security.conftest import (
    PDF,
    World,
    attachment_of,
    document_of,
    new_call_data,
    pdf_upload,
)

Request = Callable[[Any, Any], HttpResponse]

DECISION = {
    "outcome": "included",
    "body": "regional_council",
    "resolution_number": "402/17/ZK",
    "resolution_date": "2026-06-23",
}
RESOLUTION = {"number": "827/2017", "meeting_date": "2017-08-29", "outcome": "approved"}


@dataclass(frozen=True)
class Case:
    """`kind`: "object" (one object, at home or away), "list" (both objects made, one
    request; the answer lists the home or away one or not), "objectless" (no object)."""

    kind: str
    make: Callable[[World, bool], Any]
    web: Request | None = None
    api: Request | None = None
    # After a write: whether it happened. After a read: the response shows the object.
    done: Callable[[Any], bool] | None = None
    shows: Callable[[HttpResponse, Any], bool] | None = None
    # Lists: whether the body (text) lists the object.
    listed: Callable[[str, Any], bool] | None = None


def _state(obj: Any, state: str) -> bool:
    return reload(obj).state == state


def _json_id(response: HttpResponse, obj: Any) -> bool:
    return response.json()["id"] == obj.pk


def _file(response: HttpResponse, obj: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _web_shows_plan(response: HttpResponse, plan: Any) -> bool:
    return plan.service.name in response.content.decode()


def _lists(body: str, obj: Any) -> bool:
    """The API's page of results has the object, or the page or file names its service."""
    if body.startswith("{"):
        return obj.pk in [row["id"] for row in json.loads(body)["results"]]
    return obj.service.name in body


def _post(name: str, data: Callable[[], dict[str, Any]] = dict) -> Request:
    """POST to the page named `name` of the object (plan, opinion or call)."""
    return lambda client, obj: client.post(reverse(name, args=[obj.pk]), data())


def _api_post(path: str, data: Callable[[], dict[str, Any]] = dict, **kw: Any) -> Request:
    return lambda client, obj: client.post(path.format(id=obj.pk), data(), **kw)


def _get(name: str) -> Request:
    return lambda client, obj: client.get(reverse(name, args=[obj.pk]))


def _api_get(path: str) -> Request:
    return lambda client, obj: client.get(path.format(id=obj.pk))


# --- the assessment ------------------------------------------------------------------------


def _criterion_of(call: Any) -> Any:
    return Criterion.objects.create(call=call, name="Potřebnost", weight=2, max_points=5)


def _call_with_criterion(world: World, home: bool) -> Any:
    call = world.calls[home]
    _criterion_of(call)
    return call


def _plan_to_assess(world: World, home: bool) -> Any:
    plan = world.plan(home, "awaiting_decision")
    _criterion_of(plan.call)
    return plan


def _scores(plan: Any) -> dict[str, Any]:
    criterion = plan.call.criteria.get()
    return {f"points_{criterion.pk}": "4", f"reason_{criterion.pk}": "Doloženo KPSS."}


def _api_scores(plan: Any) -> dict[str, Any]:
    criterion = plan.call.criteria.get()
    return {"scores": [{"criterion": criterion.pk, "points": 4, "reason": "Doloženo KPSS."}]}


def _assessed_decided_plan(world: World, home: bool) -> Any:
    plan = world.plan(home, "included")
    criterion = _criterion_of(plan.call)
    officer = factories.user_with_role(
        Role.REGIONAL_OFFICER, world.region_of(home), username=f"hodnotitel-{int(home)}"
    )
    assessment = Assessment.objects.create(plan=plan, assessor=officer, submitted_at=timezone.now())
    Score.objects.create(assessment=assessment, criterion=criterion, points=4, reason="Ano.")
    return plan


def _reference_value(world: World, home: bool) -> Any:
    return ReferenceValue.objects.create(
        region=world.region_of(home),
        service_type=factories.service_type("51"),
        unit="beds",
        valid_from_year=2026,
        amount=Decimal(400_000),
    )


CRITERION = {"name": "Soulad s kartami", "weight": "1", "max_points": "5"}
REFERENCE_VALUE = {"service_type": "", "unit": "beds", "valid_from_year": "2026", "amount": "123"}


# --- objects -----------------------------------------------------------------------------


def _plan(state: str) -> Callable[[World, bool], DevelopmentPlan]:
    return lambda world, home: world.plan(home, state)


def _opinion(state: str, plan_state: str = "awaiting_opinion", **fields: Any) -> Any:
    return lambda world, home: world.opinion(home, state, plan_state, **fields)


def _with_attachment(world: World, home: bool) -> Any:
    return attachment_of(world.plan(home, "awaiting_opinion"))


def _with_document(world: World, home: bool) -> Any:
    return document_of(world.plan(home, "awaiting_opinion"))


def _sealed_document(world: World, home: bool) -> Any:
    """A rendered and sealed document (the verify page validates the real seal)."""
    plan = world.plan(home, "awaiting_opinion")
    return document_create(kind=DocumentKind.PLAN, plan_id=plan.pk)


def _verify(client: Any, document: Any) -> HttpResponse:
    upload = SimpleUploadedFile(document.filename, document_read(document=document))
    return client.post(reverse("web:verify"), {"file": upload})


def _api_verify(client: Any, document: Any) -> HttpResponse:
    upload = SimpleUploadedFile(document.filename, document_read(document=document))
    return client.post("/api/v1/documents/verify/", {"file": upload}, format="multipart")


def _resolution(world: World, home: bool) -> Any:
    resolution = factories.CouncilResolutionFactory(municipality=world.municipality(home))
    world.opinion(home, "issued", "awaiting_decision", resolution=resolution)
    return resolution


def _entry(world: World, home: bool) -> Any:
    return factories.NetworkEntryFactory(service=world.services[home])


def _import_run(world: World, home: bool) -> Any:
    """A previewed import of the region at home (or away) without refused rows."""
    from django.core.files.base import ContentFile

    from backend.imports.columns import automatic_mapping
    from backend.imports.models import ImportRun, ImportStatus
    from tests.imports.conftest import HEADERS, csv_bytes, row

    run = ImportRun(
        region=world.region_of(home),
        file_name="sit.csv",
        sha256="0" * 64,
        file_format="csv",
        encoding="Windows-1250",
        delimiter=";",
        mapping=automatic_mapping(HEADERS),
        status=ImportStatus.PREVIEWED,
        rows_total=1,
        count_new=1,
    )
    run.file.save("sit.csv", ContentFile(csv_bytes([row()])), save=False)
    run.save()
    return run


def _reserved(world: World, home: bool) -> Any:
    """An entry included with a reservation in the home region (ORP Liberec) or in the other
    region (an ORP of its own)."""
    from backend.network.choices import NetworkLevel
    from backend.registry.models import Orp

    orp = world.liberec_orp
    if not home:
        orp, _ = Orp.objects.get_or_create(
            code="5201", defaults={"region": world.other_region, "name": "Hradec Králové"}
        )
    return factories.NetworkEntryFactory(
        service=world.services[home],
        orps=[orp],
        level=NetworkLevel.RESERVATION_Z1V,
        remedy_due=dt.date(2026, 4, 7),
        conditions="Doložit personální zajištění.",
    )


def _statement_document(world: World, home: bool) -> Any:
    from django.core.files.base import ContentFile

    from backend.remedies.models import RemedyStatement, RemedyStatementAttachment
    from tests.security.conftest import PDF

    statement = RemedyStatement.objects.create(entry=_reserved(world, home), text="Doloženo.")
    return RemedyStatementAttachment.objects.create(
        statement=statement,
        file=ContentFile(PDF, name="doklad.pdf"),
        original_name="doklad.pdf",
        size=len(PDF),
    )


def _call_document(world: World, home: bool) -> Any:
    """A published document of the call at home (or of the other region's call)."""
    from backend.announcements.models import CallDocument

    call = world.call(home, open=True)
    return CallDocument.objects.create(
        call=call,
        title="Text výzvy",
        file=ContentFile(PDF, name="vyzva.pdf"),
        original_name="vyzva.pdf",
        size=len(PDF),
    )


FINDING = {"resolution_number": "120/26/RK", "resolution_date": "2026-05-12"}


def _document_gone(document: Any) -> bool:
    from backend.announcements.models import CallDocument

    return not CallDocument.objects.filter(pk=document.pk).exists()


def _subscribed(world: World) -> bool:
    from backend.announcements.models import CallSubscription

    return CallSubscription.objects.filter(service_types__paragraph="70").exists()


def _nothing(world: World, home: bool) -> World:
    return world


def _officer_of(case: Any) -> int:
    """An officer of the case's own office (the plan's region, the opinion's municipality),
    made for the purpose: the one the case is given to."""
    if isinstance(case, DevelopmentPlan):
        return factories.user_with_role(Role.REGIONAL_OFFICER, case.call.region).pk
    return factories.user_with_role(Role.MUNICIPAL_OFFICER, case.municipality).pk


def _assigned(case: Any) -> bool:
    return reload(case).assignee_id is not None


def _colleague(world: World, home: bool) -> Any:
    """A colleague of both home officers: a regional officer of the region and a municipal
    officer of Liberec, so either may name them as the substitute."""
    colleague = factories.user_with_role(Role.REGIONAL_OFFICER, world.region)
    factories.MembershipFactory(
        user=colleague, role=Role.MUNICIPAL_OFFICER, municipality=world.liberec
    )
    return colleague


def _absence(colleague: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "substitute": colleague.pk,
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=7)).isoformat(),
    }


# --- bodies ------------------------------------------------------------------------------


def plan_form(world: World, **changes: Any) -> dict[str, Any]:
    """A valid new plan as the web form posts it, with `changes`."""
    return {
        "call": world.calls[True].pk,
        "service": world.services[True].pk,
        "kind": "capacity_increase",
        "capacity_current": "3",
        "capacity_requested": "15",
        "orps": [world.liberec_orp.pk],
        "justification": "Poptávka převyšuje kapacitu.",
        **changes,
    }


def plan_api(world: World, **changes: Any) -> dict[str, Any]:
    """The same plan as the API takes it (ORPs by code)."""
    return {**plan_form(world), "orps": ["5105"], **changes}


def _plan_created(world: World) -> bool:
    return DevelopmentPlan.objects.filter(service=world.services[True]).exists()


def _edit_form() -> dict[str, Any]:
    return {"kind": "capacity_increase", "capacity_current": "3", "capacity_requested": "12"}


def _call_created(world: World) -> bool:
    return Call.objects.filter(name="Výzva 2027").exists()


def _period() -> NetworkPeriod:
    return factories.NetworkPeriodFactory()


def _api_call(world: World) -> dict[str, Any]:
    now = timezone.now()
    return {
        "name": "Výzva 2027",
        "period": _period().pk,
        "opens_at": (now + dt.timedelta(days=10)).isoformat(),
        "closes_at": (now + dt.timedelta(days=20)).isoformat(),
        "opinion_deadline_days": 15,
    }


def _call_form(call: Call) -> dict[str, Any]:
    return {**new_call_data(call.period, call.name), "completion_days": 5}


# --- questions and messages --------------------------------------------------------------


def _message(world: World, home: bool, audience: str, *, file: bool = False) -> Any:
    """A message of `audience` on a submitted plan at home (or away), by a regional officer
    of the plan's region."""
    from backend.clarifications.models import Message, MessageAttachment

    plan = world.plan(home, "awaiting_opinion")
    author = factories.user_with_role(Role.REGIONAL_OFFICER, world.region_of(home))
    message = Message.objects.create(plan=plan, author=author, audience=audience, body="Dotaz")
    if not file:
        return message
    return MessageAttachment.objects.create(
        message=message,
        file=ContentFile(PDF, name="dotaz.pdf"),
        original_name="dotaz.pdf",
        size=len(PDF),
    )


def _message_attachment(audience: str) -> Callable[[World, bool], Any]:
    return lambda world, home: _message(world, home, audience, file=True)


def _thread(world: World, home: bool) -> DevelopmentPlan:
    for audience in ("internal", "provider", "municipality"):
        plan = _message(world, home, audience).plan
    return plan


def _post_message(audience: str) -> Case:
    body = f"Zpráva pro {audience}"
    return Case(
        "object",
        _plan("awaiting_opinion"),
        web=_post("clarifications:post", lambda: {"audience": audience, "body": body}),
        api=_api_post("/api/v1/plans/{id}/messages/", lambda: {"audience": audience, "body": body}),
        done=lambda plan: plan.messages.filter(audience=audience, body=body).exists(),
    )


def _view_message(audience: str) -> Case:
    return Case(
        "object",
        _message_attachment(audience),
        web=lambda client, a: client.get(
            reverse("clarifications:attachment", args=[a.message.plan_id, a.pk])
        ),
        api=lambda client, a: client.get(
            f"/api/v1/plans/{a.message.plan_id}/messages/attachments/{a.pk}/"
        ),
        shows=lambda response, a: _file(response, a).startswith(b"%PDF"),
    )


def _configured_call(world: World, home: bool, **fields: Any) -> Call:
    """A call with form A (one required document), made without the services' checks."""
    from backend.callsetup.models import RequestForm, RequiredDocument

    call = world.call(home, **fields)
    form = RequestForm.objects.create(call=call, code="A", name="Nová služba", kinds=["inclusion"])
    RequiredDocument.objects.create(form=form, name="Doklad o potřebnosti", file_types=["pdf"])
    return call


def _copy_target(world: World, home: bool) -> Call:
    """A planned call without forms, with the configured call of its region to copy from."""
    target = world.call(home)
    target.copy_source = _configured_call(world, home)  # type: ignore[attr-defined]
    return target


NEW_FORM = {"code": "B", "name": "Aktualizace", "kinds": ["other_change"]}
LETTER = "Upravený text: {{ service_name }}."


def _letter_saved(call: Call) -> bool:
    from backend.letters.models import LetterVersion

    return LetterVersion.objects.filter(template__call=call, text=LETTER).exists()


# --- demand and planning areas ---------------------------------------------------------


def _demand_table(world: World, home: bool) -> Any:
    """A table of the home region stated by Liberec (the home officer's municipality), or
    one of the other region recorded by its office."""
    table = DemandTable.objects.create(
        region=world.region_of(home),
        municipality=world.liberec if home else None,
        on_behalf=not home,
        title="Komunitní plán Liberecko" if home else "Akční plán jinde",
        valid_from=2024,
        recorded_by=factories.UserFactory(),
    )
    if home:
        DemandEntry.objects.create(
            table=table,
            orp=world.liberec_orp,
            service_type=factories.service_type("70"),
            unit="fte",
            quantity=Decimal("11.5"),
        )
    return table


def _demand_form(world: World, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "valid_from": "2025",
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-territory": f"orp:{world.liberec_orp.pk}",
        "entries-0-service_type": str(factories.service_type("70").pk),
        "entries-0-unit": "fte",
        "entries-0-quantity": "11,5",
    }


def _demand_api(world: World, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "valid_from": 2025,
        "entries": [
            {"orp": world.liberec_orp.pk, "service_type": "70", "unit": "fte", "quantity": "11.5"}
        ],
    }


def _demand_listed(body: str, obj: Any) -> bool:
    if body.startswith("{"):
        return obj.pk in [row["id"] for row in json.loads(body)["results"]]
    return obj.title in body


def _scheme(world: World, home: bool) -> Any:
    scheme = PlanningScheme.objects.create(
        region=world.region_of(home), name="NZDM doma" if home else "NZDM jinde"
    )
    PlanningArea.objects.create(scheme=scheme, name="Část 1")
    return scheme


def _scheme_listed(body: str, obj: Any) -> bool:
    if body.startswith("{"):
        return obj.pk in [row["id"] for row in json.loads(body)["results"]]
    return obj.name in body


CASES: dict[str, Case] = {
    # --- development plans ---------------------------------------------------------------
    "plan.list": Case(
        "list",
        _plan("awaiting_opinion"),
        web=lambda client, _: client.get(reverse("plans:list")),
        api=lambda client, _: client.get("/api/v1/plans/"),
        listed=_lists,
    ),
    "plan.export": Case(
        "list",
        _plan("awaiting_opinion"),
        web=lambda client, _: client.get(reverse("plans:export", kwargs={"fmt": "csv"})),
        api=lambda client, _: client.get("/api/v1/plans/export/csv/"),
        listed=_lists,
    ),
    "plan.view_draft": Case(
        "object",
        _plan("draft"),
        web=_get("plans:detail"),
        api=_api_get("/api/v1/plans/{id}/"),
        shows=lambda response, plan: (
            _json_id(response, plan)
            if response["Content-Type"].startswith("application/json")
            else _web_shows_plan(response, plan)
        ),
    ),
    "plan.view_submitted": Case(
        "object",
        _plan("awaiting_opinion"),
        web=_get("plans:detail"),
        api=_api_get("/api/v1/plans/{id}/log/"),
        shows=lambda response, plan: (
            isinstance(response.json(), list)
            if response["Content-Type"].startswith("application/json")
            else _web_shows_plan(response, plan)
        ),
    ),
    "plan.create": Case(
        "objectless",
        _nothing,
        web=lambda client, world: client.post(reverse("plans:create"), plan_form(world)),
        api=lambda client, world: client.post("/api/v1/plans/", plan_api(world)),
        done=_plan_created,
    ),
    "plan.edit": Case(
        "object",
        _plan("draft"),
        web=_post("plans:edit", _edit_form),
        api=lambda client, plan: client.patch(
            f"/api/v1/plans/{plan.pk}/", {"capacity_requested": "12"}
        ),
        done=lambda plan: reload(plan).capacity_requested == Decimal(12),
    ),
    "plan.submit": Case(
        "object",
        _plan("draft"),
        web=_post("plans:submit"),
        api=_api_post("/api/v1/plans/{id}/submit/"),
        done=lambda plan: _state(plan, "awaiting_opinion"),
    ),
    "plan.withdraw": Case(
        "object",
        _plan("awaiting_opinion"),
        web=_post("plans:withdraw", lambda: {"comment": "Odloženo."}),
        api=_api_post("/api/v1/plans/{id}/withdraw/", lambda: {"comment": "Odloženo."}),
        done=lambda plan: _state(plan, "withdrawn"),
    ),
    "plan.resubmit": Case(
        "object",
        _plan("returned"),
        web=_post("plans:resubmit"),
        api=_api_post("/api/v1/plans/{id}/resubmit/"),
        done=lambda plan: not _state(plan, "returned"),
    ),
    "attachment.upload": Case(
        "object",
        _plan("draft"),
        web=_post("plans:attachment_upload", lambda: {"kind": "budget", "file": pdf_upload()}),
        api=_api_post(
            "/api/v1/plans/{id}/attachments/",
            lambda: {"kind": "budget", "file": pdf_upload()},
            format="multipart",
        ),
        done=lambda plan: plan.attachments.exists(),
    ),
    "attachment.download": Case(
        "object",
        _with_attachment,
        web=lambda client, a: client.get(
            reverse("plans:attachment_download", args=[a.plan_id, a.pk])
        ),
        api=lambda client, a: client.get(f"/api/v1/plans/{a.plan_id}/attachments/{a.pk}/"),
        shows=lambda response, a: _file(response, a).startswith(b"%PDF"),
    ),
    "document.download": Case(
        "object",
        _with_document,
        web=_get("plans:document"),
        api=_api_get("/api/v1/documents/{id}/file/"),
        shows=lambda response, d: _file(response, d).startswith(b"%PDF"),
    ),
    "document.verify": Case(
        "object",
        _sealed_document,
        web=_verify,
        api=_api_verify,
        # Only a verified document is named (its provider on the page, its id in the API).
        shows=lambda response, d: (
            response.json()["document"]["id"] == d.pk
            if response["Content-Type"].startswith("application/json")
            else d.plan.provider.name in response.content.decode()
        ),
    ),
    # --- questions and messages ----------------------------------------------------------
    "message.list": Case(
        "object",
        _thread,
        api=_api_get("/api/v1/plans/{id}/messages/"),
        shows=lambda response, plan: isinstance(response.json(), list),
    ),
    "message.post_internal": _post_message("internal"),
    "message.post_provider": _post_message("provider"),
    "message.post_municipality": _post_message("municipality"),
    "message.mark_read": Case(
        "object",
        _thread,
        web=_post("clarifications:mark_read"),
        api=_api_post("/api/v1/plans/{id}/messages/read/"),
        done=lambda plan: ThreadRead.objects.filter(plan=plan).exists(),
    ),
    "message.view_internal": _view_message("internal"),
    "message.view_provider": _view_message("provider"),
    "message.view_municipality": _view_message("municipality"),
    # --- opinions and resolutions --------------------------------------------------------
    "opinion.view": Case(
        "object",
        _opinion("requested"),
        api=_api_get("/api/v1/opinions/{id}/"),
        shows=_json_id,
    ),
    "opinion.draft": Case(
        "object",
        _opinion("requested"),
        web=_post("plans:opinion_draft", lambda: {"verdict": "supports", "conditions": ""}),
        api=_api_post("/api/v1/opinions/{id}/draft/", lambda: {"verdict": "supports"}),
        done=lambda opinion: _state(opinion, "drafted"),
    ),
    "opinion.issue": Case(
        "object",
        _opinion("drafted"),
        web=_post("plans:opinion_issue"),
        api=_api_post("/api/v1/opinions/{id}/issue/"),
        done=lambda opinion: _state(opinion, "issued"),
    ),
    "opinion.send_to_council": Case(
        "object",
        _opinion("drafted", needs_council=True),
        web=_post("plans:opinion_send_to_council"),
        api=_api_post("/api/v1/opinions/{id}/send-to-council/"),
        done=lambda opinion: _state(opinion, "awaiting_council"),
    ),
    "opinion.record_resolution": Case(
        "object",
        _opinion("awaiting_council", "awaiting_council"),
        web=_post("plans:opinion_resolution", lambda: dict(RESOLUTION)),
        api=_api_post("/api/v1/opinions/{id}/record-resolution/", lambda: dict(RESOLUTION)),
        done=lambda opinion: _state(opinion, "issued"),
    ),
    "resolution.view": Case(
        "object",
        _resolution,
        api=_api_get("/api/v1/resolutions/{id}/"),
        shows=_json_id,
    ),
    # --- the regional decision -----------------------------------------------------------
    "plan.return": Case(
        "object",
        _plan("awaiting_decision"),
        web=_post("plans:return", lambda: {"reason": "Doložte rozpočet.", "due": ""}),
        api=_api_post(
            "/api/v1/plans/{id}/return-for-completion/", lambda: {"reason": "Doložte rozpočet."}
        ),
        done=lambda plan: _state(plan, "returned"),
    ),
    "plan.decide": Case(
        "object",
        _plan("awaiting_decision"),
        web=_post("plans:decide", lambda: dict(DECISION)),
        api=_api_post("/api/v1/plans/{id}/decide/", lambda: dict(DECISION)),
        done=lambda plan: _state(plan, "included"),
    ),
    "plan.bulk_decide": Case(
        "object",
        _plan("awaiting_decision"),
        web=lambda client, plan: client.post(
            reverse("plans:bulk_decide"), {**DECISION, "plans": [plan.pk]}
        ),
        done=lambda plan: _state(plan, "included"),
    ),
    # --- casework --------------------------------------------------------------------------
    "plan.assign": Case(
        "object",
        _plan("awaiting_decision"),
        web=lambda client, plan: client.post(
            reverse("casework:plan_assign", args=[plan.pk]), {"assignee": _officer_of(plan)}
        ),
        api=lambda client, plan: client.post(
            f"/api/v1/plans/{plan.pk}/assign/", {"assignee": _officer_of(plan)}
        ),
        done=_assigned,
    ),
    "plan.bulk_assign": Case(
        "object",
        _plan("awaiting_decision"),
        web=lambda client, plan: client.post(
            reverse("casework:bulk_assign"), {"plans": [plan.pk], "assignee": _officer_of(plan)}
        ),
        api=lambda client, plan: client.post(
            "/api/v1/plans/assign/", {"plans": [plan.pk], "assignee": _officer_of(plan)}
        ),
        done=_assigned,
    ),
    "opinion.assign": Case(
        "object",
        _opinion("requested"),
        web=lambda client, opinion: client.post(
            reverse("casework:opinion_assign", args=[opinion.pk]),
            {"assignee": _officer_of(opinion)},
        ),
        api=lambda client, opinion: client.post(
            f"/api/v1/opinions/{opinion.pk}/assign/", {"assignee": _officer_of(opinion)}
        ),
        done=_assigned,
    ),
    "absence.record": Case(
        "objectless",
        _colleague,
        web=lambda client, colleague: client.post(
            reverse("casework:absences"), _absence(colleague)
        ),
        api=lambda client, colleague: client.post("/api/v1/me/absences/", _absence(colleague)),
        done=lambda _: Absence.objects.exists(),
    ),
    # --- calls ---------------------------------------------------------------------------
    "call.read": Case(
        "object",
        lambda world, home: world.call(home, open=True),
        api=_api_get("/api/v1/calls/{id}/"),
        shows=_json_id,
    ),
    "call.manage_view": Case(
        "object",
        lambda world, home: world.call(home, open=True),
        web=_get("calls:detail"),
        shows=lambda response, call: call.name in response.content.decode(),
    ),
    "call.records_export": Case(
        "object",
        lambda world, home: world.call(home, closed=True),
        web=_get("calls:records_export"),
        shows=lambda response, call: _file(response, call).startswith(b"PK"),
    ),
    "call.create": Case(
        "objectless",
        _nothing,
        web=lambda client, world: client.post(
            reverse("calls:create"), new_call_data(_period(), "Výzva 2027")
        ),
        api=lambda client, world: client.post("/api/v1/calls/", _api_call(world)),
        done=_call_created,
    ),
    "call.edit": Case(
        "object",
        lambda world, home: world.call(home),
        web=lambda client, call: client.post(
            reverse("calls:edit", args=[call.pk]), _call_form(call)
        ),
        api=lambda client, call: client.patch(f"/api/v1/calls/{call.pk}/", {"completion_days": 5}),
        done=lambda call: reload(call).completion_days == 5,
    ),
    "call.open": Case(
        "object",
        lambda world, home: world.call(home),
        api=_api_post("/api/v1/calls/{id}/open/"),
        done=lambda call: _state(call, "open"),
    ),
    "call.close": Case(
        "object",
        lambda world, home: world.call(home, open=True),
        api=_api_post("/api/v1/calls/{id}/close/"),
        done=lambda call: _state(call, "closed"),
    ),
    "call.finish": Case(
        "object",
        lambda world, home: world.call(home, closed=True),
        api=_api_post("/api/v1/calls/{id}/finish/"),
        done=lambda call: _state(call, "finished"),
    ),
    "call.view_public": Case(
        "object",
        _call_document,
        web=lambda client, d: client.get(reverse("calls:public", args=[d.call_id])),
        api=lambda client, d: client.get(f"/api/v1/calls/{d.call_id}/documents/{d.pk}/"),
        shows=lambda response, d: (
            _file(response, d).startswith(b"%PDF")
            if response.streaming
            else d.title in response.content.decode()
        ),
    ),
    "call_document.manage": Case(
        "object",
        _call_document,
        web=lambda client, d: client.post(reverse("calls:document_delete", args=[d.call_id, d.pk])),
        api=lambda client, d: client.delete(f"/api/v1/calls/{d.call_id}/documents/{d.pk}/"),
        done=_document_gone,
    ),
    "subscription.manage": Case(
        "objectless",
        _nothing,
        web=lambda client, _: client.post(
            reverse("calls:subscriptions"),
            {"service_types": [factories.service_type("70").pk]},
        ),
        api=lambda client, _: client.put(
            "/api/v1/me/call-subscriptions/",
            {"all_types": False, "service_types": ["70"]},
            format="json",
        ),
        done=_subscribed,
    ),
    # --- a call's request forms and documents ------------------------------------------
    "call_setup.read": Case(
        "object",
        lambda world, home: _configured_call(world, home, open=True),
        api=_api_get("/api/v1/calls/{id}/forms/"),
        shows=lambda response, call: [row["code"] for row in response.json()] == ["A"],
    ),
    "call_setup.manage": Case(
        "object",
        lambda world, home: world.call(home),
        web=lambda client, call: client.post(
            reverse("callsetup:form_create", args=[call.pk]), NEW_FORM
        ),
        api=lambda client, call: client.post(
            f"/api/v1/calls/{call.pk}/forms/", NEW_FORM, format="json"
        ),
        done=lambda call: call.request_forms.filter(code="B").exists(),
    ),
    "call_setup.copy": Case(
        "object",
        _copy_target,
        web=lambda client, call: client.post(
            reverse("callsetup:copy", args=[call.pk]), {"source": call.copy_source.pk}
        ),
        api=lambda client, call: client.post(
            f"/api/v1/calls/{call.pk}/copy-setup/", {"source": call.copy_source.pk}, format="json"
        ),
        done=lambda call: call.request_forms.filter(code="A").exists(),
    ),
    # --- a call's letters ----------------------------------------------------------------
    "letter.edit": Case(
        "object",
        lambda world, home: world.call(home, open=True),
        web=lambda client, call: client.post(
            reverse("letters:edit", args=[call.pk, "decision"]), {"text": LETTER, "save": "1"}
        ),
        api=lambda client, call: client.put(
            f"/api/v1/calls/{call.pk}/letters/decision/", {"text": LETTER}, format="json"
        ),
        done=_letter_saved,
    ),
    "letter.preview": Case(
        "object",
        _plan("awaiting_opinion"),
        web=lambda client, plan: client.get(
            reverse("letters:preview", args=[plan.call_id, "plan_decided"]), {"plan": plan.pk}
        ),
        api=lambda client, plan: client.post(
            f"/api/v1/calls/{plan.call_id}/letters/plan_decided/preview/",
            {"plan": plan.pk},
            format="json",
        ),
        shows=lambda response, plan: plan.service.name in response.content.decode(),
    ),
    # --- the register and planning -------------------------------------------------------
    "register.view": Case(
        "object",
        _entry,
        web=_get("network:entry"),
        api=_api_get("/api/v1/register/{id}/"),
        shows=lambda response, entry: (
            _json_id(response, entry)
            if response["Content-Type"].startswith("application/json")
            else entry.service.name in response.content.decode()
        ),
    ),
    "register.export": Case(
        "list",
        _entry,
        web=lambda client, _: client.get(reverse("network:export", kwargs={"fmt": "csv"})),
        api=lambda client, _: client.get("/api/v1/register/export/csv/"),
        listed=_lists,
    ),
    "period.manage": Case(
        "objectless",
        _nothing,
        web=lambda client, world: client.post(
            reverse("network:period_create"), {"start_year": 2030, "end_year": 2032}
        ),
        done=lambda _: NetworkPeriod.objects.filter(start_year=2030).exists(),
    ),
    "dashboard.capacity": Case(
        "objectless",
        _nothing,
        web=lambda client, _: client.get(reverse("insight:capacity")),
    ),
    "dashboard.coverage": Case(
        "objectless",
        _nothing,
        web=lambda client, _: client.get(reverse("insight:coverage")),
    ),
    # --- the follow-up of reservations ----------------------------------------------------
    "remedy.list": Case(
        "list",
        _reserved,
        web=lambda client, _: client.get(reverse("remedies:list")),
        api=lambda client, _: client.get("/api/v1/remedies/"),
        listed=_lists,
    ),
    "remedy.view": Case(
        "object",
        _statement_document,
        web=lambda client, a: client.get(
            reverse("remedies:document", args=[a.statement.entry_id, a.pk])
        ),
        api=lambda client, a: client.get(f"/api/v1/remedies/{a.statement.entry_id}/"),
        shows=lambda response, a: (
            response.json()["statements"][0]["documents"][0]["id"] == a.pk
            if response.get("Content-Type", "").startswith("application/json")
            else _file(response, a).startswith(b"%PDF")
        ),
    ),
    "remedy.statement": Case(
        "object",
        _reserved,
        web=_post("remedies:statement", lambda: {"text": "Doloženo.", "documents": pdf_upload()}),
        api=_api_post(
            "/api/v1/remedies/{id}/statement/",
            lambda: {"text": "Doloženo.", "documents": [pdf_upload()]},
            format="multipart",
        ),
        done=lambda entry: entry.remedy_statements.filter(attachments__isnull=False).exists(),
    ),
    "remedy.confirm": Case(
        "object",
        _reserved,
        web=_post("remedies:confirm", lambda: dict(FINDING)),
        api=_api_post("/api/v1/remedies/{id}/confirm/", lambda: dict(FINDING)),
        done=lambda entry: reload(entry).level == "included",
    ),
    "remedy.not_remedied": Case(
        "object",
        _reserved,
        web=_post("remedies:not_remedied", lambda: {**FINDING, "reason": "Nedoloženo."}),
        api=_api_post(
            "/api/v1/remedies/{id}/not-remedied/", lambda: {**FINDING, "reason": "Nedoloženo."}
        ),
        done=lambda entry: reload(entry).level == "not_included",
    ),
    # --- the assessment ----------------------------------------------------------------
    "criterion.view": Case(
        "object",
        _call_with_criterion,
        api=_api_get("/api/v1/calls/{id}/criteria/"),
        shows=lambda response, call: [row["name"] for row in response.json()] == ["Potřebnost"],
    ),
    "criterion.manage": Case(
        "object",
        lambda world, home: world.calls[home],
        web=_post("assessment:criteria", lambda: CRITERION),
        api=_api_post("/api/v1/calls/{id}/criteria/", lambda: CRITERION),
        done=lambda call: call.criteria.filter(name=CRITERION["name"]).exists(),
    ),
    "plan.assess": Case(
        "object",
        _plan_to_assess,
        web=lambda client, plan: client.post(
            reverse("assessment:assess", args=[plan.pk]), _scores(plan)
        ),
        api=lambda client, plan: client.post(
            f"/api/v1/plans/{plan.pk}/assessment/", _api_scores(plan), format="json"
        ),
        done=lambda plan: plan.assessments.exists(),
    ),
    "assessment.view": Case(
        "object",
        _assessed_decided_plan,
        api=_api_get("/api/v1/plans/{id}/assessment/"),
        shows=lambda response, plan: response.json()["score"] == "80.0",
    ),
    "reference_value.manage": Case(
        "object",
        _reference_value,
        web=lambda client, value: client.post(
            reverse("assessment:reference_value_edit", args=[value.pk]),
            {**REFERENCE_VALUE, "service_type": value.service_type_id},
        ),
        api=lambda client, value: client.patch(
            f"/api/v1/reference-values/{value.pk}/", {"amount": "123"}, format="json"
        ),
        done=lambda value: reload(value).amount == Decimal(123),
    ),
    "dashboard.sla": Case(
        "objectless",
        _nothing,
        web=lambda client, _: client.get(reverse("insight:sla")),
        api=lambda client, _: client.get("/api/v1/insight/sla/"),
    ),
    # --- demand and planning areas --------------------------------------------------------
    "demand.list": Case(
        "list",
        _demand_table,
        web=lambda client, _: client.get(reverse("demand:list")),
        api=lambda client, _: client.get("/api/v1/demand-tables/"),
        listed=_demand_listed,
    ),
    "demand.view": Case(
        "object",
        _demand_table,
        web=_get("demand:detail"),
        api=_api_get("/api/v1/demand-tables/{id}/"),
        shows=lambda response, table: (
            _json_id(response, table)
            if response["Content-Type"].startswith("application/json")
            else table.title in response.content.decode()
        ),
    ),
    "demand.create": Case(
        "objectless",
        _nothing,
        web=lambda client, world: client.post(
            reverse("demand:create"), _demand_form(world, "Nová tabulka potřeb")
        ),
        api=lambda client, world: client.post(
            "/api/v1/demand-tables/", _demand_api(world, "Nová tabulka potřeb"), format="json"
        ),
        done=lambda _: DemandTable.objects.filter(title="Nová tabulka potřeb").exists(),
    ),
    "demand.edit": Case(
        "object",
        _demand_table,
        web=lambda client, table: client.post(
            reverse("demand:edit", args=[table.pk]),
            _demand_form(_world_of(table), "Upravená tabulka"),
        ),
        api=lambda client, table: client.patch(
            f"/api/v1/demand-tables/{table.pk}/", {"title": "Upravená tabulka"}, format="json"
        ),
        done=lambda table: reload(table).title == "Upravená tabulka",
    ),
    "planning.list": Case(
        "list",
        _scheme,
        web=lambda client, _: client.get(reverse("demand:schemes")),
        api=lambda client, _: client.get("/api/v1/planning-schemes/"),
        listed=_scheme_listed,
    ),
    "planning.manage": Case(
        "object",
        _scheme,
        web=lambda client, scheme: client.post(
            reverse("demand:scheme_edit", args=[scheme.pk]), {"name": "Nový název"}
        ),
        api=lambda client, scheme: client.patch(
            f"/api/v1/planning-schemes/{scheme.pk}/", {"name": "Nový název"}, format="json"
        ),
        done=lambda scheme: reload(scheme).name == "Nový název",
    ),
    "import.view": Case(
        "object",
        _import_run,
        web=_get("imports:detail"),
        shows=lambda response, run: run.file_name in response.content.decode(),
    ),
    "import.run": Case(
        "object",
        _import_run,
        web=_post("imports:commit"),
        done=lambda run: reload(run).status in ("committing", "committed"),
    ),
    "service.manage": Case(
        "list",
        lambda world, home: world.services[home],
        web=lambda client, _: client.get(reverse("plans:services")),
        listed=lambda body, service: service.name in body,
    ),
    "admin": Case(
        "objectless",
        _nothing,
        web=lambda client, _: client.get(reverse("admin:index")),
    ),
}


def _world_of(table: Any) -> World:
    """Just enough of the world for the edit form: the ORP of the home officer."""

    class _W:
        liberec_orp = Orp.objects.get(code="5105")

    return _W()  # type: ignore[return-value]
