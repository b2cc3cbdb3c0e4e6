"""The demo's thread: an internal note and a question of `kraj`, answered by `tulipan`."""

import io

import pytest
from django.core.management import call_command

from backend.accounts.models import User
from backend.clarifications.models import Audience, Message
from backend.clarifications.selectors import message_list_for_plan, message_unread_counts

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_thread_on_tulipans_current_plan() -> None:
    call_command("load_demo", stdout=io.StringIO())
    kraj, tulipan = User.objects.get(username="kraj"), User.objects.get(username="tulipan")
    messages = list(Message.objects.order_by("id"))
    assert [(m.author.username, m.audience) for m in messages] == [
        ("kraj", Audience.INTERNAL),
        ("kraj", Audience.PROVIDER),
        ("tulipan", Audience.PROVIDER),
    ]
    plan = messages[0].plan
    assert plan.provider.name.startswith("Sdružení TULIPAN") and plan.call.state == "open"
    assert [m.audience for m in message_list_for_plan(user=tulipan, plan=plan)] == [
        Audience.PROVIDER,
        Audience.PROVIDER,
    ]
    assert message_unread_counts(user=kraj) == {plan.pk: 1}
    assert message_unread_counts(user=tulipan) == {}
