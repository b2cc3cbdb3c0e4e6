"""Who reads and writes which audience, append-only messages, the plan left alone, read
marks and unread counts in one query, the other side told exactly once."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import Role
from backend.accounts.rules import roles_of
from backend.audit.guards import AppendOnlyError
from backend.clarifications.models import Audience, Message
from backend.clarifications.selectors import (
    message_audiences_for,
    message_list_for_plan,
    message_unread_counts,
    message_unread_total,
)
from backend.clarifications.services import message_mark_read, message_post
from backend.registry.models import Region
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.outbox import outbox_drain
from tests import factories
from tests.clarifications.conftest import SECRET, Thread
from tests.helpers import reload
from tests.security.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _audiences(user: Any, thread: Thread) -> set[str]:
    return {m.audience for m in message_list_for_plan(user=user, plan=thread.plan)}


def test_each_role_reads_only_its_audiences(
    thread: Thread,
    regional_officer: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    other_provider_user: Any,
    tanvald_officer: Any,
    stranger: Any,
) -> None:
    assert _audiences(regional_officer, thread) == set(Audience.values)
    assert _audiences(provider_user, thread) == {Audience.PROVIDER}
    assert _audiences(municipal_officer, thread) == {Audience.MUNICIPALITY}
    assert _audiences(council_secretary, thread) == {Audience.MUNICIPALITY}
    for outsider in (other_provider_user, tanvald_officer, stranger):
        assert _audiences(outsider, thread) == set()


def test_another_regions_officer_reads_nothing(thread: Thread) -> None:
    other_region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    other = factories.user_with_role(Role.REGIONAL_OFFICER, other_region)
    assert _audiences(other, thread) == set()


def test_who_may_post_which_audience(
    plan: Any,
    regional_officer: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
) -> None:
    assert message_audiences_for(user=regional_officer, plan=plan) == list(Audience.values)
    assert message_audiences_for(user=provider_user, plan=plan) == [Audience.PROVIDER]
    assert message_audiences_for(user=municipal_officer, plan=plan) == [Audience.MUNICIPALITY]
    assert message_audiences_for(user=council_secretary, plan=plan) == []
    for user, audience in (
        (provider_user, Audience.INTERNAL),
        (provider_user, Audience.MUNICIPALITY),
        (municipal_officer, Audience.INTERNAL),
        (municipal_officer, Audience.PROVIDER),
        (council_secretary, Audience.MUNICIPALITY),
    ):
        with pytest.raises(PermissionDenied):
            message_post(plan=plan, by=user, audience=audience, body="Dotaz")
    assert not Message.objects.exists()


def test_the_municipalities_are_not_written_to_before_submission(
    service: Any, region: Any, regional_officer: Any
) -> None:
    draft = factories.plan_in_state(
        "draft", service=service, call=factories.CallFactory(open=True, region=region)
    )
    with pytest.raises(ValidationError) as refused:
        message_post(plan=draft, by=regional_officer, audience=Audience.MUNICIPALITY, body="x")
    assert "audience" in refused.value.message_dict
    message_post(plan=draft, by=regional_officer, audience=Audience.PROVIDER, body="Dotaz")


def test_bad_input_is_refused_and_nothing_is_kept(plan: Any, provider_user: Any) -> None:
    with pytest.raises(ValidationError) as empty:
        message_post(plan=plan, by=provider_user, audience=Audience.PROVIDER, body="   ")
    assert "body" in empty.value.message_dict
    fake = SimpleUploadedFile("rozpocet.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as bad_file:
        message_post(
            plan=plan, by=provider_user, audience=Audience.PROVIDER, body="Ok", files=[fake]
        )
    assert "files" in bad_file.value.message_dict
    assert not Message.objects.exists()


def test_a_message_carries_checked_attachments(plan: Any, provider_user: Any) -> None:
    message = message_post(
        plan=plan,
        by=provider_user,
        audience=Audience.PROVIDER,
        body="Posílám rozpočet.",
        files=[pdf_upload("../rozpočet 2027.pdf")],
    )
    (attachment,) = message.attachments.all()
    assert attachment.original_name == "rozpočet 2027.pdf"
    assert attachment.file.read().startswith(b"%PDF")


def test_messages_are_append_only(thread: Thread) -> None:
    message = thread.to_provider
    message.body = "Jinak"
    with pytest.raises(AppendOnlyError):
        message.save()
    with pytest.raises(AppendOnlyError):
        message.delete()
    with pytest.raises(AppendOnlyError):
        Message.objects.filter(pk=message.pk).update(body="Jinak")
    assert reload(message).body != "Jinak"


def test_posting_leaves_the_plan_alone(plan: Any, provider_user: Any) -> None:
    before = reload(plan)
    message_post(plan=plan, by=provider_user, audience=Audience.PROVIDER, body="Dotaz")
    after = reload(plan)
    assert (after.state, after.version, after.completion_due, after.updated_at) == (
        before.state,
        before.version,
        before.completion_due,
        before.updated_at,
    )
    opinion_dues = list(plan.opinions.values_list("due_date", flat=True))
    assert opinion_dues == list(reload(plan).opinions.values_list("due_date", flat=True))


def test_unread_counts_in_one_query(
    thread: Thread,
    provider_user: Any,
    municipal_officer: Any,
    regional_officer: Any,
    colleague_officer: Any,
    django_assert_num_queries: Any,
) -> None:
    roles_of(provider_user)  # the user's roles are read once per request, then cached
    with django_assert_num_queries(1):
        assert message_unread_counts(user=provider_user) == {thread.plan.pk: 1}
    assert message_unread_total(user=municipal_officer) == 1
    assert message_unread_total(user=colleague_officer) == 3
    # The author's own messages are not unread to the author.
    assert message_unread_total(user=regional_officer) == 0
    message_mark_read(plan=thread.plan, by=provider_user)
    assert message_unread_total(user=provider_user) == 0
    message_post(plan=thread.plan, by=regional_officer, audience=Audience.INTERNAL, body="x")
    assert message_unread_total(user=provider_user) == 0  # an internal note never counts
    message_post(plan=thread.plan, by=regional_officer, audience=Audience.PROVIDER, body="y")
    assert message_unread_counts(user=provider_user, plan_ids=[thread.plan.pk]) == {
        thread.plan.pk: 1
    }
    assert message_unread_counts(user=provider_user, plan_ids=[]) == {}


def _notified(kind: str = Kind.MESSAGE_POSTED) -> list[str]:
    rows = Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True)
    return sorted(rows)


def test_the_other_side_is_told_exactly_once(
    plan: Any,
    regional_officer: Any,
    colleague_officer: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
) -> None:
    message_post(plan=plan, by=regional_officer, audience=Audience.INTERNAL, body=SECRET)
    outbox_drain()
    assert _notified() == [colleague_officer.username]
    Notification.objects.all().delete()

    message_post(plan=plan, by=regional_officer, audience=Audience.PROVIDER, body="Dotaz")
    outbox_drain()
    outbox_drain()
    assert _notified() == [provider_user.username]
    Notification.objects.all().delete()

    message_post(plan=plan, by=provider_user, audience=Audience.PROVIDER, body="Odpověď")
    outbox_drain()
    assert _notified() == sorted([regional_officer.username, colleague_officer.username])
    Notification.objects.all().delete()

    message_post(plan=plan, by=regional_officer, audience=Audience.MUNICIPALITY, body="Obec?")
    outbox_drain()
    assert _notified() == [municipal_officer.username]
    Notification.objects.all().delete()

    message_post(plan=plan, by=municipal_officer, audience=Audience.MUNICIPALITY, body="Ano")
    outbox_drain()
    assert _notified() == sorted([regional_officer.username, colleague_officer.username])
