"""GDPR: `manage.py personal_data export` lists what the system holds about a person;
`erase` anonymises the account and keeps the legal record (who did what keeps the id)."""

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_fsm_log.models import StateLog

from backend.api.services import token_create
from backend.audit.models import AttachmentAccess
from backend.plans.choices import AttachmentKind
from backend.plans.models import DevelopmentPlan
from backend.plans.services import attachment_add
from tests.helpers import reload
from tests.uploads.samples import PDF
from workflows.plan_review.actions import plan_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_person(
    provider_user: Any, make_plan: Callable[..., Any], client_as: Callable[[str], Client]
) -> dict[str, Any]:
    """The provider's user, who attached a document, read it, withdrew a plan and holds an
    API token."""
    provider_user.first_name, provider_user.last_name = "Jana", "Nováková"
    provider_user.email = "jana.novakova@tulipan.example"
    provider_user.save()
    plan = make_plan("draft", created_by=provider_user)
    attachment = attachment_add(
        plan=plan,
        by=provider_user,
        kind=AttachmentKind.BUDGET,
        file=SimpleUploadedFile("rozpocet.pdf", PDF),
    )
    client_as("provider_user").get(
        reverse("plans:attachment_download", args=[plan.pk, attachment.pk])
    )
    plan_withdraw(plan=plan, by=provider_user, comment="Stahujeme.")
    token_create(user=provider_user, name="ERP")
    return {"user": provider_user, "plan": plan}


def _authenticate(*, username: str, password: str) -> Any:
    """The password check itself (django-axes' backend in front needs a request)."""
    return ModelBackend().authenticate(None, username=username, password=password)


def _export(user: Any) -> dict[str, Any]:
    out = io.StringIO()
    call_command("personal_data", "export", "--user", user.username, stdout=out)
    return json.loads(out.getvalue())


def test_the_export_lists_the_account_and_everything_linked_to_it(
    active_person: dict[str, Any],
) -> None:
    user, plan = active_person["user"], active_person["plan"]
    data = _export(user)
    assert data["account"]["email"] == "jana.novakova@tulipan.example"
    assert (data["account"]["first_name"], data["account"]["last_name"]) == ("Jana", "Nováková")
    assert [m["role"] for m in data["memberships"]] == ["provider_user"]
    assert [t["name"] for t in data["api_tokens"]] == ["ERP"]
    assert "digest" not in data["api_tokens"][0]  # never the secret
    assert [(t["transition"], t["comment"]) for t in data["transitions"]] == [
        ("withdraw", "Stahujeme.")
    ]
    assert [p["id"] for p in data["plans_created"]] == [plan.pk]
    assert [a["original_name"] for a in data["attachments_uploaded"]] == ["rozpocet.pdf"]
    assert [(r["filename"], r["channel"]) for r in data["documents_read"]] == [
        ("rozpocet.pdf", "web")
    ]
    assert {"audit.HistoricalDevelopmentPlan"} <= {h["model"] for h in data["field_history"]}


def test_the_export_can_be_written_to_a_file_and_finds_users_by_e_mail_or_id(
    active_person: dict[str, Any], tmp_path: Any
) -> None:
    user = active_person["user"]
    target = tmp_path / "export.json"
    call_command("personal_data", "export", "--user", user.email, "--output", str(target))
    assert json.loads(target.read_text())["account"]["id"] == user.pk
    assert _export(user)["account"]["id"] == user.pk
    with pytest.raises(CommandError):
        call_command("personal_data", "export", "--user", "nikdo")


def test_erasure_anonymises_the_account_and_keeps_the_legal_record(
    active_person: dict[str, Any],
) -> None:
    user, plan = active_person["user"], active_person["plan"]
    logs_before = list(StateLog.objects.filter(by=user).values_list("pk", flat=True))
    call_command(
        "personal_data", "erase", "--user", user.username, "--no-input", stdout=io.StringIO()
    )
    erased = reload(user)
    assert (erased.username, erased.email, erased.first_name, erased.last_name) == (
        f"erased-{user.pk}",
        "",
        "",
        "",
    )
    assert not erased.is_active and not erased.has_usable_password()
    assert _authenticate(username="tulipan", password="zsss-demo-2017") is None
    assert not erased.memberships.exists() and not erased.api_tokens.exists()
    # The legal record: the same rows, still pointing at the (now anonymous) account.
    assert list(StateLog.objects.filter(by=user).values_list("pk", flat=True)) == logs_before
    assert DevelopmentPlan.objects.get(pk=plan.pk).created_by_id == user.pk
    assert plan.attachments.get().uploaded_by_id == user.pk
    assert AttachmentAccess.objects.filter(user=user).count() == 1
    assert plan.history.filter(history_user=user).exists()
    # Nothing personal is left in a new export.
    text = json.dumps(_export(erased), ensure_ascii=False)
    assert "Nováková" not in text and "jana.novakova" not in text


def test_erasure_asks_first_unless_told_not_to(
    active_person: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = active_person["user"]
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError):
        call_command("personal_data", "erase", "--user", user.username)
    assert reload(user).email == "jana.novakova@tulipan.example"


def test_an_erased_person_cannot_sign_in_any_more(
    active_person: dict[str, Any], settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = active_person["user"]
    user.set_password("zsss-demo-2017")
    user.save()
    assert _authenticate(username=user.username, password="zsss-demo-2017") is not None
    call_command(
        "personal_data", "erase", "--user", str(user.pk), "--no-input", stdout=io.StringIO()
    )
    assert _authenticate(username=user.username, password="zsss-demo-2017") is None
    assert _authenticate(username=f"erased-{user.pk}", password="zsss-demo-2017") is None
