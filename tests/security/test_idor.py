"""IDOR: guessing the ids of another organisation's objects on every URL that takes one.

The URL patterns come from the resolver, so a new page or API endpoint with an id is
covered (or fails `test_every_id_taking_url_is_attacked` until it is declared). Every
signed-in role, at home in Liberec, requests (GET, POST, PATCH, DELETE) the objects of another provider, in another
ORP and another region, and another user's notification and token: the answer is 404 —
except where the table below says why not — and never contains the victim's data.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from backend.accounts.models import Absence, Role
from backend.api.services import token_create
from notifications.kinds import Kind
from notifications.models import Notification
from tests import factories
from tests.security.cases import (
    _criterion_of,
    _demand_table,
    _import_run,
    _message,
    _reference_value,
    _scheme,
    _statement_document,
)
from tests.security.conftest import PDF, World, attachment_of, document_of

SIGNED_IN = (
    "no_role",
    "provider_user",
    "municipal_officer",
    "council_secretary",
    "regional_officer",
)
VICTIM_MARKERS = (
    "Azylový dům Jinde",
    "Romodrom",
    "Výzva jiný kraj",
    "tajné",
    "Akční plán jinde",
    "NZDM jinde",
)

# Public by design (reference data and the published register): every id is readable.
PUBLIC = {
    "network:entry",
    "api:register-entry-detail",
    "api:service-type-detail",
    "api:orp-detail",
    "api:municipality-detail",
    "api:target-group-detail",
    "api:activity-card-detail",
    "api:period-detail",
    # a call's public page and its documents (calls are public announcements)
    "calls:public",
    "calls:document",
}
# Answers other than 404, and why they reveal nothing.
# 403 for every role but the regional office
ROLE_GATED = {
    "calls:detail",
    "calls:edit",
    "calls:records_export",
    "imports:detail",
    "imports:progress",
    "imports:mapping",
    "imports:preview",
    "imports:commit",
    "calls:document_upload",
    "calls:document_delete",
    # a call's letters (the regional office's: another region's call is 404)
    "letters:list",
    "letters:edit",
    "letters:preview",
    "letters:restore",
    "api:call-letter-list",
    "api:call-letter-detail",
    "api:call-letter-versions",
    "api:call-letter-restore-default",
    "api:call-letter-preview",
    # the assessment's configuration (the regional office's: another region's is 404)
    "assessment:criteria",
    "assessment:criterion_edit",
    "assessment:criterion_delete",
    "assessment:reference_value_edit",
    "api:criterion-detail",
    "api:reference-value-detail",
    # a call's configuration pages (the regional office's: another region's call is 404)
    "callsetup:forms",
    "callsetup:form_create",
    "callsetup:form_edit",
    "callsetup:form_delete",
    "callsetup:document_create",
    "callsetup:document_edit",
    "callsetup:document_delete",
    "callsetup:copy",
}
CALLS_READ_PUBLICLY = {
    "api:call-detail",
    "api:call-documents",
    "api:call-document",
    "api:call-criteria",
    # a call's request forms and documents: what a plan will need
    "api:call-form-list",
    "api:call-form-detail",
    "api:call-form-document-list",
    "api:call-form-document-detail",
}  # calls are announcements: 200 for everyone
CALL_ACTIONS = {
    "api:call-open",
    "api:call-close",
    "api:call-finish",
    "api:call-copy-setup",
}  # 403 unless regional
REGISTRY_FOR_THE_REGION = {"api:provider-detail", "api:service-detail"}  # the region's register


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Any]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern)


ID_ARGUMENT = re.compile(r"<(?:int|id):(\w+)>|\(\?P<(pk|\w+_id)>")


def id_taking_urls() -> dict[str, str]:
    """URL name → route of every page and API endpoint with an id in its path (the admin
    excepted: it refuses every non-staff user, see the matrix)."""
    return {
        name: route
        for name, route in _patterns(get_resolver())
        if ID_ARGUMENT.search(route) and not name.startswith("admin:")
    }


def _call_document_of(call: Any) -> Any:
    from django.core.files.base import ContentFile

    from backend.announcements.models import CallDocument

    return CallDocument.objects.create(
        call=call, title="Text", file=ContentFile(PDF, name="v.pdf"), original_name="v.pdf", size=1
    )


def _setup_of(call: Any) -> dict[str, int]:
    """The call's request form with one required document."""
    from backend.callsetup.models import RequestForm, RequiredDocument

    form = RequestForm.objects.create(call=call, code="A", name="Tajné", kinds=["inclusion"])
    document = RequiredDocument.objects.create(form=form, name="tajné", file_types=["pdf"])
    return {"request_form": form.pk, "required_document": document.pk}


def _victims(world: World) -> dict[str, int]:
    """The ids an attacker guesses: everything of the "away" organisations."""
    plan = world.plan(False, "awaiting_opinion")
    opinion = factories.opinion_in_state("requested", plan=plan, municipality=world.tanvald)
    resolution = factories.CouncilResolutionFactory(municipality=world.tanvald, document="x.pdf")
    factories.opinion_in_state(
        "issued",
        plan=world.plan(False, "awaiting_decision"),
        municipality=world.tanvald,
        resolution=resolution,
    )
    victim = factories.UserFactory(username="victim")
    notification = Notification.objects.create(
        recipient=victim,
        kind=Kind.values[0],
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        deadline=timezone.localdate(),
        context={"note": "tajné"},
    )
    token, _key = token_create(user=victim, name="tajné")
    # An officer of the other region away, with a colleague standing in.
    away_officer = factories.user_with_role(Role.REGIONAL_OFFICER, world.other_region)
    absence = Absence.objects.create(
        user=away_officer,
        substitute=factories.user_with_role(Role.REGIONAL_OFFICER, world.other_region),
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        note="tajné",
    )
    # A reservation of the other provider in the other region, with a statement's document.
    remedy_document = _statement_document(world, False)
    return {
        "entry": remedy_document.statement.entry_id,
        "remedy": remedy_document.statement.entry_id,
        "plan": plan.pk,
        "attachment": attachment_of(plan).pk,
        "document": document_of(plan).pk,
        "opinion": opinion.pk,
        "resolution": resolution.pk,
        "call": world.calls[False].pk,
        "notification": notification.pk,
        "token": token.pk,
        "provider": plan.provider_id,
        "service": plan.service_id,
        "import": _import_run(world, False).pk,
        "absence": absence.pk,
        "message_attachment": _message(world, False, "internal", file=True).pk,
        "call_document": _call_document_of(world.calls[False]).pk,
        "criterion": _criterion_of(world.calls[False]).pk,
        "reference-value": _reference_value(world, False).pk,
        "demand-table": _demand_table(world, False).pk,
        "planning-scheme": (scheme := _scheme(world, False)).pk,
        "planning-area": scheme.areas.get().pk,
        **_setup_of(world.calls[False]),
    }


# Which object an id argument names: web pages by the argument, the API by the basename.
WEB_ARGUMENT = {
    "plan_id": "plan",
    "attachment_id": "attachment",
    "document_id": "document",
    "resolution_id": "resolution",
    "opinion_id": "opinion",
    "call_id": "call",
    "notification_id": "notification",
    "run_id": "import",
    "entry_id": "entry",
    "absence_id": "absence",
    "message_attachment_id": "message_attachment",
    "call_document_id": "call_document",
    "call_pk": "call",
    "criterion_id": "criterion",
    "value_id": "reference-value",
    "table_id": "demand-table",
    "scheme_id": "planning-scheme",
    "area_id": "planning-area",
    "form_id": "request_form",
    "required_document_id": "required_document",
}


API_SUBJECTS = (
    "plan",
    "opinion",
    "resolution",
    "call",
    "document",
    "token",
    "provider",
    "service",
    "remedy",
    "absence",
    "criterion",
    "reference-value",
    "demand-table",
    "planning-scheme",
    "planning-area",
)


def _api_subject(name: str) -> str:
    """The object an API endpoint's pk names, from its route's basename (`api:plan-submit`)."""
    return next(subject for subject in API_SUBJECTS if name.startswith(f"api:{subject}-"))


# Path arguments that name no object: a valid value, so only the id is guessed.
NOT_IDS = {"kind": "decision"}


def _path(name: str, route: str, ids: dict[str, int]) -> str:
    def fill(match: re.Match[str]) -> str:
        argument = match.group(1) or match.group(2)
        if argument == "pk":
            return str(ids[_api_subject(name)])
        if argument in NOT_IDS:
            return NOT_IDS[argument]
        return str(ids[WEB_ARGUMENT[argument]])

    path = re.sub(r"<(?:int|id):(\w+)>|\(\?P<(\w+)>[^)]*\)", fill, route)
    return "/" + path.replace("^", "").replace("$", "")


def _expected(name: str, role: str, method: str) -> set[int]:
    if name in ROLE_GATED:
        return {404} if role == "regional_officer" else {403}
    if name in CALLS_READ_PUBLICLY:
        if method == "get":
            return {200}
        return {404} if role == "regional_officer" else {403}  # changing it, as CALL_ACTIONS
    if name in CALL_ACTIONS:
        return {404} if role == "regional_officer" else {403}
    if name in REGISTRY_FOR_THE_REGION and role == "regional_officer":
        return {200}
    return {404}


ATTACKED = sorted(set(id_taking_urls()) - PUBLIC)


def test_every_id_taking_url_is_attacked() -> None:
    """Each id in a path names a kind of object this suite knows how to guess."""
    for name, route in id_taking_urls().items():
        for match in ID_ARGUMENT.finditer(route):
            argument = match.group(1) or match.group(2)
            if argument == "pk":
                assert name in PUBLIC or any(name.startswith(f"api:{s}-") for s in API_SUBJECTS), (
                    name
                )
            else:
                assert argument in WEB_ARGUMENT or name in PUBLIC, (name, argument)
    assert "plans:detail" in ATTACKED and "api:plan-detail" in ATTACKED


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("name", ATTACKED)
def test_guessed_ids_of_another_organisation_give_404(
    world: World,
    web_as: Callable[..., Any],
    api_as: Callable[[str], Any],
    name: str,
    role: str,
) -> None:
    path = _path(name, id_taking_urls()[name], _victims(world))
    client = api_as(role) if name.startswith("api:") else web_as(role)
    answered = 0
    for method in ("get", "post", "patch", "delete"):
        response = getattr(client, method)(path)
        if response.status_code == 405:  # the other method is the page's; nothing looked up
            continue
        answered += 1
        assert response.status_code in _expected(name, role, method), (method, path)
        if response.status_code != 200:
            body = b"".join(response.streaming_content) if response.streaming else response.content
            for marker in VICTIM_MARKERS:
                assert marker.encode() not in body, (method, path, marker)
    assert answered, path
