"""Forms refuse bad input with a specific, translated message and keep what the user typed.

The first tests run in English (under /en/) and in Czech (the default language, no prefix).
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.calls.models import Call
from backend.core.deadlines import end_of_day
from backend.plans.models import CouncilResolution, DevelopmentPlan, PlanAttachment
from tests import factories
from tests.helpers import prague, reload, resolution_post
from tests.web.pages import checked_values, field_value, html_lang, selected_values, text


@pytest.fixture(params=["en", "cs"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language of the test's URLs, hence of the pages they get."""
    with translation.override(request.param):
        yield request.param


def _page_in(response: Any, language: str) -> str:
    assert html_lang(response) == language
    return text(response)


def _error_summary_links_to(response: Any, field_id: str) -> bool:
    return 'id="error-summary"' in response.content.decode() and (
        f'<a href="#{field_id}">' in response.content.decode()
    )


CAPACITY_BELOW_ZERO = {
    "en": "Ensure this value is greater than or equal to 0.",
    "cs": "Hodnota musí být větší nebo rovna 0.",
}


def test_a_capacity_below_zero(
    language: str,
    client_as: Callable[[str], Client],
    open_call: Call,
    service: Any,
    liberec_orp: Any,
) -> None:
    response = client_as("provider_user").post(
        reverse("plans:create"),
        {
            "call": open_call.pk,
            "service": service.pk,
            "kind": "capacity_increase",
            "capacity_current": "-1",
            "capacity_requested": "15",
            "orps": [liberec_orp.pk],
            "justification": "Poptávka převyšuje kapacitu.",
        },
    )
    assert response.status_code == 400
    assert CAPACITY_BELOW_ZERO[language] in _page_in(response, language)
    assert _error_summary_links_to(response, "plan_capacity_current")
    assert field_value(response, "capacity_current") == "-1"
    assert field_value(response, "capacity_requested") == "15"
    assert "Poptávka převyšuje kapacitu." in text(response)
    assert not DevelopmentPlan.objects.exists()


INCREASE_NOT_ABOVE_CURRENT = {
    "en": "An increase must request more than the current capacity.",
    "cs": "Při navýšení musí být požadovaná kapacita vyšší než stávající.",
}


def test_an_increase_that_does_not_exceed_the_current_capacity(
    language: str, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("draft")
    response = client_as("provider_user").post(
        reverse("plans:edit", args=[plan.pk]),
        {
            "kind": "capacity_increase",
            "capacity_current": "15",
            "capacity_requested": "15",
            "justification": "Nové zdůvodnění.",
        },
    )
    assert response.status_code == 400
    assert INCREASE_NOT_ABOVE_CURRENT[language] in _page_in(response, language)
    assert _error_summary_links_to(response, "plan_capacity_requested")
    assert field_value(response, "capacity_current") == "15"
    assert field_value(response, "capacity_requested") == "15"
    assert "Nové zdůvodnění." in text(response)
    assert reload(plan).capacity_current == 3


ATTACHMENT_REFUSALS = {
    # The upload handler stops receiving the file at the limit, so its size is not known.
    ("too large", "en"): "The file is too large; the limit is 1.0\xa0KB.",
    ("too large", "cs"): "Soubor je příliš velký; maximální povolená velikost je 1,0\xa0KB.",
    ("exe", "en"): "Files of type “exe” cannot be attached; allowed: pdf, docx, xlsx, odt, ods, png, jpg, jpeg.",
    ("exe", "cs"): "Soubory typu „exe“ nelze přiložit; povolené typy: pdf, docx, xlsx, odt, ods, png, jpg, jpeg.",
}  # fmt: skip
FILES = {"too large": ("rozpocet.pdf", 2048), "exe": ("rozpocet.exe", 10)}


@pytest.mark.parametrize("problem", FILES)
def test_a_file_too_large_or_of_a_disallowed_type(
    language: str,
    client_as: Callable[[str], Client],
    make_plan: Callable[..., Any],
    settings: Any,
    problem: str,
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    plan = make_plan("draft")
    name, size = FILES[problem]
    response = client_as("provider_user").post(
        reverse("plans:attachment_upload", args=[plan.pk]),
        {"kind": "budget", "file": SimpleUploadedFile(name, (b"%PDF-1.4" + b"%" * size)[:size])},
    )
    assert response.status_code == 400
    assert ATTACHMENT_REFUSALS[problem, language] in _page_in(response, language)
    assert selected_values(response, "kind") == ["budget"]
    assert not PlanAttachment.objects.exists()


LATE = {
    "en": "submissions are open from 31 Jul 2017 00:00:00 to 4 Aug 2017 23:59:59.",
    "cs": "záměry lze podávat od 31. 7. 2017 0:00:00 do 4. 8. 2017 23:59:59.",
}


def test_a_late_submission_names_the_closing_time(
    language: str, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    """The 2017 call took plans from 31 Jul to the end of 4 Aug 2017 (Prague time)."""
    call = factories.CallFactory(
        open=True,
        name="Výzva 2017",
        opens_at=prague(2017, 7, 31),
        closes_at=end_of_day(dt.date(2017, 8, 4)),
    )
    plan = make_plan("draft", call=call)
    client = client_as("provider_user")
    confirmation = client.get(reverse("plans:submit", args=[plan.pk]))
    assert confirmation.status_code == 200
    assert LATE[language] in _page_in(confirmation, language)

    response = client.post(reverse("plans:submit", args=[plan.pk]))
    assert response.status_code == 409
    assert LATE[language] in _page_in(response, language)
    assert reload(plan).state == "draft"


RESOLUTION_NUMBER = {
    "en": "Give the resolution number as “number/year”, e.g. 827/2017.",
    "cs": "Zadejte číslo usnesení ve tvaru „číslo/rok“, např. 827/2017.",
}


def test_an_invalid_resolution_number(
    language: str, client_as: Callable[[str], Client], make_opinion: Callable[..., Any]
) -> None:
    opinion = make_opinion("awaiting_council")
    response = resolution_post(client_as("council_secretary"), opinion, number="827-2017")
    assert response.status_code == 400
    assert RESOLUTION_NUMBER[language] in _page_in(response, language)
    assert _error_summary_links_to(response, "resolution_number")
    assert field_value(response, "number") == "827-2017"
    assert field_value(response, "meeting_date") == "2017-08-29"
    assert checked_values(response, "outcome") == ["approved"]
    assert reload(opinion).state == "awaiting_council"
    assert not CouncilResolution.objects.exists()


DECISION = {
    "outcome": "included",
    "body": "regional_council",
    "resolution_number": "402/17/ZK",
    "resolution_date": "2017-09-12",
}
ACTION_REFUSALS = [
    # action, starting state, role, input, the field kept, the message
    (
        "plans:return", "awaiting_decision", "regional_officer",
        {"reason": "Doložte rozpočet.", "due": "2017-01-02"},
        ("due", "2017-01-02"), "The completion deadline cannot lie in the past.",
    ),
    (
        "plans:decide", "awaiting_decision", "regional_officer",
        {**DECISION, "outcome": "included_with_conditions", "conditions": ""},
        ("resolution_number", "402/17/ZK"), "State the conditions of the inclusion.",
    ),
    (
        "plans:decide", "awaiting_decision", "regional_officer",
        {**DECISION, "approved_capacity": "-1"},
        ("approved_capacity", "-1"), "Ensure this value is greater than or equal to 0.",
    ),
    (
        "plans:opinion_draft", "requested", "municipal_officer",
        {"verdict": "supports_with_conditions", "conditions": "", "cofinancing_amount": "50000"},
        ("cofinancing_amount", "50000"), "State the conditions of the support.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "state", "role", "data", "kept", "message"),
    ACTION_REFUSALS,
    ids=[f"{url}-{message}" for url, _, _, _, _, message in ACTION_REFUSALS],
)
def test_an_action_with_bad_input_keeps_it_and_says_what_is_wrong(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., Any],
    make_opinion: Callable[..., Any],
    url: str,
    state: str,
    role: str,
    data: dict[str, str],
    kept: tuple[str, str],
    message: str,
) -> None:
    subject = make_opinion(state) if "opinion" in url else make_plan(state)
    response = client_as(role).post(reverse(url, args=[subject.pk]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert field_value(response, kept[0]) == kept[1]
    assert reload(subject).state == state


def test_a_resolution_number_already_recorded_with_another_date(
    client_as: Callable[[str], Client], make_opinion: Callable[..., Any], liberec: Any
) -> None:
    factories.CouncilResolutionFactory(
        municipality=liberec, number="827/2017", meeting_date=dt.date(2017, 8, 29)
    )
    opinion = make_opinion("awaiting_council")
    response = resolution_post(client_as("council_secretary"), opinion, meeting_date="2017-08-30")
    assert response.status_code == 400
    assert "Resolution 827/2017 is already recorded with another date or outcome." in text(response)
    assert field_value(response, "meeting_date") == "2017-08-30"
    assert reload(opinion).state == "awaiting_council"
