"""An edited e-mail text replaces the shipped subject and message of the call's notices in
Czech (greeting and footer stay, the HTML escapes it); English keeps the shipped text; a
notice of a plan of another call is untouched."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from backend.letters.services import letter_default_restore, letter_version_create
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.rendering import notification_render
from tests import factories

pytestmark = pytest.mark.django_db


def _returned_notice(plan: Any, recipient: Any) -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        kind=Kind.PLAN_RETURNED,
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        deadline=dt.date(2026, 12, 18),
        context={
            "transition": "return_for_completion",
            "comment": "Doložte rozpočet <2027>.",
            "due": "2026-12-18",
        },
    )


def test_the_edited_e_mail_is_sent_in_czech(
    open_call: Any, regional_officer: Any, provider_user: Any
) -> None:
    plan = factories.plan_in_state("returned", call=open_call)
    letter_version_create(
        call=open_call,
        kind="plan_returned",
        subject="Vrácený záměr č. {{ plan_number }} – doplňte do {{ due }}",
        text="Záměr {{ service_name }} doplňte do {{ due }}.\n\nCo doplnit: {{ comment }}",
        by=regional_officer,
    )
    notice = _returned_notice(plan, provider_user)
    czech = notification_render(notice, language="cs")
    assert czech.subject == f"Vrácený záměr č. {plan.pk} – doplňte do 18. 12. 2026"
    assert (
        f"Záměr {plan.service.name} doplňte do 18. 12. 2026.\n\nCo doplnit: Doložte rozpočet <2027>."
        in czech.text
    )
    assert czech.text.startswith("Dobrý den,")  # the shipped greeting stays
    assert "Doložte rozpočet &lt;2027&gt;." in czech.html and "<2027>" not in czech.html
    english = notification_render(notice, language="en")
    assert "Vrácený" not in english.subject and "returned for completion" in english.subject
    letter_default_restore(call=open_call, kind="plan_returned", by=regional_officer)
    assert "Vrácený" not in notification_render(notice, language="cs").subject


def test_another_calls_notice_keeps_the_shipped_text(
    open_call: Any, regional_officer: Any, provider_user: Any
) -> None:
    letter_version_create(
        call=open_call,
        kind="plan_returned",
        subject="Upraveno",
        text="Upraveno.",
        by=regional_officer,
    )
    other = factories.plan_in_state(
        "returned",
        call=factories.CallFactory(open=True, region=open_call.region, name="Jiná výzva"),
    )
    assert (
        "Upraveno"
        not in notification_render(_returned_notice(other, provider_user), language="cs").subject
    )
