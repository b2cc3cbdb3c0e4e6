"""Every kind of notification renders — subject, plain text and HTML — in English and in
Czech, with the facts the recipient needs (what, which plan, by when, how many working days
are left), as a Czech letter: "Dobrý den," on its own line, the text, and the signature of
the regional office named in the region's data."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import models

from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.states import PlanState
from backend.network.choices import NetworkLevel
from backend.plans.models import RegionalDecision
from backend.registry.models import Region
from notifications.kinds import LEGAL_KINDS, OPTIONAL_EMAIL_KINDS, Kind
from notifications.models import Notification
from notifications.rendering import notification_render
from tests import factories
from tests.helpers import prague

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = prague(2026, 4, 1, 9)
DUE = D(2026, 4, 7)


def _plan(state: str = PlanState.AWAITING_OPINION, **fields: Any) -> Any:
    return factories.plan_in_state(state, **fields)


def _opinion(state: str = OpinionState.REQUESTED, **fields: Any) -> Any:
    return factories.opinion_in_state(state, due_date=DUE, **fields)


def _decided() -> Any:
    plan = _plan(PlanState.INCLUDED_WITH_CONDITIONS)
    RegionalDecision.objects.create(
        plan=plan,
        outcome=PlanState.INCLUDED_WITH_CONDITIONS,
        approved_capacity=15,
        conditions="Doložit registraci do 31. 3.",
        decided_by=factories.UserFactory(username="rada.kraje"),
        **factories.DECISION_DEFAULTS,
    )
    return plan


def _reserved() -> Any:
    return factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(name="Chráněné bydlení Lípa"),
        level=NetworkLevel.RESERVATION_Z1V,
        remedy_due=DUE,
        conditions="Doložit personální zajištění.",
    )


def _call() -> Any:
    call = factories.CallFactory(
        name="Výzva 2027",
        period=factories.NetworkPeriodFactory(start_year=2018, end_year=2020),
        opens_at=prague(2026, 4, 15, 8),
        closes_at=prague(2026, 4, 30, 23, 59),
    )
    call.service_types.set([factories.service_type("51")])
    return call


# kind → (subject object, context, words the English text must contain)
CASES: dict[str, Callable[[], tuple[models.Model, dict[str, Any], list[str]]]] = {
    Kind.DRAFT_REMINDER: lambda: (
        _plan(PlanState.DRAFT),
        {"lead": 5},
        ["still a draft", "2 working days left"],
    ),
    Kind.COMPLETION_REMINDER: lambda: (
        _plan(PlanState.RETURNED, completion_due=DUE),
        {"lead": 5},
        ["7 Apr 2026", "2 working days left", "Doložte rozpočet."],
    ),
    Kind.OPINION_REMINDER: lambda: (
        _opinion(),
        {"lead": 5},
        ["Liberec", "7 Apr 2026", "2 working days left"],
    ),
    Kind.COUNCIL_REMINDER: lambda: (
        _opinion(OpinionState.AWAITING_COUNCIL, council_due=DUE),
        {"lead": 1},
        ["council", "7 Apr 2026"],
    ),
    Kind.PLAN_CHANGED: lambda: (
        _plan(),
        {
            "transition": "issue",
            "target": "issued",
            "verdict": Verdict.SUPPORTS,
            "municipality": "Liberec",
            "comment": "Podporujeme.",
        },
        ["Liberec issued its opinion", "supports", "Podporujeme."],
    ),
    Kind.SUBMISSION_CONFIRMED: lambda: (
        _plan(),
        {
            "transition": "submit",
            "at": "2026-04-01T07:05:00+00:00",
            "opinions": [{"municipality": "Liberec", "council": False, "due": "2026-04-07"}],
            "council_due": "2026-04-21",
            "decision_date": "2026-05-29",
        },
        [
            "was submitted to the call",
            "1 Apr 2026 09:05",  # the instant in Prague time (07:05 UTC)
            "Liberec gives its opinion by 7 Apr 2026",
            "its council decides by a resolution by 21 Apr 2026",
            "the decision is planned for 29 May 2026",
        ],
    ),
    Kind.MESSAGE_POSTED: lambda: (
        _plan(),
        {"transition": "post", "target": "provider", "audience": "provider", "message": 1},
        ["new message (shared with the provider) about plan no.", "Questions and messages"],
    ),
    Kind.OPINION_REQUESTED: lambda: (
        _opinion(),
        {"transition": "submit", "due": "2026-04-07"},
        ["submitted", "7 Apr 2026", "2 working days left"],
    ),
    Kind.PLAN_RETURNED: lambda: (
        _plan(PlanState.RETURNED, completion_due=DUE),
        {
            "transition": "return_for_completion",
            "due": "2026-04-07",
            "comment": "Doložte rozpočet.",
        },
        ["returned", "7 Apr 2026", "Doložte rozpočet."],
    ),
    Kind.PLAN_LAPSED: lambda: (
        _plan(PlanState.LAPSED, completion_due=D(2026, 3, 31)),
        {"transition": "lapse"},
        ["lapsed", "31 Mar 2026"],
    ),
    Kind.PLAN_DECIDED: lambda: (
        _decided(),
        {"transition": "decide", "target": PlanState.INCLUDED_WITH_CONDITIONS},
        ["included with conditions", "258/17/ZK", "Doložit registraci", "capacity: 15 beds."],
    ),
    Kind.OPINION_NOT_GIVEN: lambda: (
        _opinion(OpinionState.NOT_GIVEN),
        {"transition": "expire", "due": "2026-03-31"},
        ["Liberec did not issue", "31 Mar 2026"],
    ),
    Kind.DEADLINE_CHANGED: lambda: (
        _opinion(),
        {
            "field": "due_date",
            "cause": "clock_stopped",
            "old": "2026-03-31",
            "new": "2026-04-07",
            "working_days": 3,
        },
        ["opinion deadline", "31 Mar 2026", "7 Apr 2026", "3 working days with its provider"],
    ),
    Kind.REMEDY_REMINDER: lambda: (
        _reserved(),
        {"lead": 5},
        ["Chráněné bydlení Lípa", "(Z1v)", "7 Apr 2026", "2 working days left", "personální"],
    ),
    Kind.CASE_ASSIGNED: lambda: (
        _plan(PlanState.AWAITING_DECISION),
        {"transition": "assign", "substitute_for": "Jana Krajská"},
        ["assigned to you", "you own the case", "substitute of Jana Krajská"],
    ),
    Kind.REMEDY_OVERDUE: lambda: (
        _reserved(),
        {},
        ["Chráněné bydlení Lípa", "7 Apr 2026", "Confirm the remedy", "personální"],
    ),
    Kind.REMEDY_STATEMENT: lambda: (
        _reserved(),
        {"comment": "Smlouvy doloženy."},
        ["Chráněné bydlení Lípa", "sent a statement", "7 Apr 2026", "Smlouvy doloženy."],
    ),
    Kind.REMEDY_DECIDED: lambda: (
        _reserved(),
        {
            "outcome": "not_remedied",
            "resolution_number": "120/26/RK",
            "resolution_date": "2026-05-12",
            "reason": "Personál nedoložen.",
        },
        ["was not remedied", "Resolution no. 120/26/RK of 12 May 2026", "Personál nedoložen."],
    ),
    Kind.ESCALATION: lambda: (
        _opinion(OpinionState.NOT_GIVEN, plan=_plan(PlanState.AWAITING_DECISION)),
        {"transition": "expire", "due": "2026-03-31"},
        ["Liberec", "not given", "31 Mar 2026", "awaiting regional decision"],
    ),
    Kind.CALL_ANNOUNCED: lambda: (
        _call(),
        {"transition": "announce"},
        ["announced the call “Výzva 2027”", "2018–2020", "§ 51 Chráněné bydlení", "subscription"],
    ),
    Kind.CALL_OPENED: lambda: (
        _call(),
        {"transition": "open"},
        ["“Výzva 2027” is open", "until 30 Apr 2026", "§ 51 Chráněné bydlení"],
    ),
    Kind.DAILY_DIGEST: lambda: (
        Region.objects.get(code="CZ051"),
        {
            "arrived": [_plan().pk],
            "arrived_count": 1,
            "overdue": [],
            "overdue_count": 0,
            "due_this_week": [],
            "due_this_week_count": 0,
            "not_given_count": 2,
        },
        ["Arrived (submitted or resubmitted): 1 plan", "Opinions not given by the deadline: 2"],
    ),
}


def test_every_kind_has_a_case_and_a_class() -> None:
    assert set(CASES) == set(Kind)
    assert set(Kind) == LEGAL_KINDS | OPTIONAL_EMAIL_KINDS
    assert {
        Kind.PLAN_DECIDED,
        Kind.PLAN_LAPSED,
        Kind.OPINION_NOT_GIVEN,
        Kind.ESCALATION,
    } <= LEGAL_KINDS


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_renders_in_english_and_czech(kind: str, provider_user: Any) -> None:
    with time_machine.travel(TODAY, tick=False):
        subject, context, words = CASES[kind]()
        notification = Notification.objects.create(
            recipient=provider_user,
            kind=kind,
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            deadline=DUE if kind != Kind.DAILY_DIGEST else TODAY.date(),
            context=context,
        )
        english = notification_render(notification, language="en")
        czech = notification_render(notification, language="cs")
    for rendered in (english, czech):
        assert rendered.subject and "\n" not in rendered.subject
        assert (
            "{{" not in rendered.text + rendered.html and "{%" not in rendered.text + rendered.html
        )
        assert rendered.url.startswith("http://127.0.0.1:8000/")
    for word in words:
        assert word in english.text, word
    assert english.text.startswith("Hello,\n\n")
    assert '<html lang="en">' in english.html and '<html lang="cs">' in czech.html
    assert czech.subject != english.subject
    assert czech.text.startswith("Dobrý den")
    legal = "always sent by e-mail" in english.text
    assert legal == (kind in LEGAL_KINDS)


# A sentence that names the plan after a noun that already says "plan": "Kraj rozhodl o
# záměru Rozvojový záměr č. 7", "Záměr podán: Rozvojový záměr č. 7", "Plan lapsed: Plan #7"
# (a list under a heading, "1 plan" and then "– Plan #7" on the next line, is no such
# sentence; nor is "plan no. 7. … Plan #8" across a full stop).
REPEATED_PLAN = re.compile(r"\b(záměr\w*|plan)\b[^\n.<]*?(Rozvojový záměr|Plan #)", re.IGNORECASE)

# Each transition a notice of the kind tells of (plan_changed: every step it covers).
STEPS: dict[str, list[str]] = {
    Kind.PLAN_CHANGED: [
        "submit",
        "resubmit",
        "return_for_completion",
        "withdraw",
        "lapse",
        "send_to_council",
        "issue",
        "record_resolution",
        "route",
    ],
    Kind.SUBMISSION_CONFIRMED: ["submit", "resubmit"],
}


def _render_all(kind: str, user: Any, language: str) -> list[Any]:
    with time_machine.travel(TODAY, tick=False):
        subject, context, _words = CASES[kind]()
        found = []
        for step in STEPS.get(kind, [context.get("transition")]):
            notification = Notification.objects.create(
                recipient=user,
                kind=kind,
                content_type=ContentType.objects.get_for_model(subject),
                object_id=subject.pk,
                deadline=DUE if kind != Kind.DAILY_DIGEST else TODAY.date(),
                occasion=f"step-{step}",
                context={**context, "transition": step, "council_due": "2026-04-21"},
            )
            found.append(notification_render(notification, language=language))
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_is_a_czech_letter_signed_by_the_regional_office(
    kind: str, provider_user: Any
) -> None:
    for czech in _render_all(kind, provider_user, "cs"):
        lines = czech.text.splitlines()
        assert lines[:2] == ["Dobrý den,", ""], czech.text  # the greeting alone, then a gap
        assert lines[2].strip() and not lines[2].startswith("Dobrý den")
        assert "S pozdravem\nKrajský úřad Libereckého kraje, odbor sociálních věcí\n" in czech.text
        assert czech.text.index("S pozdravem") > czech.text.index(lines[2])
        assert re.search(r">Dobrý den,\s*</p>", czech.html)
        assert "S pozdravem<br>Krajský úřad Libereckého kraje, odbor sociálních věcí" in czech.html
        assert "Základní síť sociálních služeb – Liberecký kraj" in czech.html
        for part in (czech.subject, czech.text, czech.html):
            assert not REPEATED_PLAN.search(part), part
            assert "záměru Rozvojový záměr" not in part


@pytest.mark.parametrize("kind", list(Kind))
def test_no_english_text_names_the_plan_twice(kind: str, provider_user: Any) -> None:
    for english in _render_all(kind, provider_user, "en"):
        for part in (english.subject, english.text, english.html):
            assert not REPEATED_PLAN.search(part), part


def test_the_signature_comes_from_the_region_data(provider_user: Any) -> None:
    region = Region.objects.get(code="CZ051")
    region.office_name = "Krajský úřad Libereckého kraje, odbor sociální péče"
    region.save(update_fields=["office_name"])
    [czech] = _render_all(Kind.PLAN_LAPSED, provider_user, "cs")
    assert "S pozdravem\nKrajský úřad Libereckého kraje, odbor sociální péče\n" in czech.text


def test_the_decision_notice_gives_the_capacity_the_czech_way(provider_user: Any) -> None:
    """ "15 lůžek", as the decision letter and the register say it (it was "15,00 (lůžka)")."""
    with time_machine.travel(TODAY, tick=False):
        plan = _decided()
        notification = Notification.objects.create(
            recipient=provider_user,
            kind=Kind.PLAN_DECIDED,
            content_type=ContentType.objects.get_for_model(plan),
            object_id=plan.pk,
            deadline=DUE,
            context={"transition": "decide", "target": PlanState.INCLUDED_WITH_CONDITIONS},
        )
        czech = notification_render(notification, language="cs")
    assert "Schválená kapacita: 15 lůžek." in czech.text
    assert "Schválená kapacita: 15 lůžek." in czech.html
