"""Czech pages write dates, numbers and amounts the Czech way; the header's switch turns the
site into English and back."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.web.pages import html_lang, text

NBSP = "\xa0"

FORMATS = {
    "cs": {
        "capacity": "11,5 → <strong>12,5 úvazku přímé péče</strong>",
        "planned start": "<dd>29. 8. 2017</dd>",
        "amount": f"<dd>1{NBSP}250{NBSP}000 Kč</dd>",
        "resolution": "usnesení č. 827/2017 ze dne 29. 8. 2017",
    },
    "en": {
        "capacity": "11.5 → <strong>12.5 direct care FTE</strong>",
        "planned start": "<dd>29 Aug 2017</dd>",
        "amount": "<dd>1,250,000 Kč</dd>",
        "resolution": "resolution no. 827/2017 of 29 Aug 2017",
    },
}


@pytest.mark.parametrize("language", FORMATS)
def test_the_plan_page_writes_numbers_and_dates_in_the_pages_language(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any], language: str
) -> None:
    """A field programme of 11.5 FTE asks for 12.5 from 29 Aug 2017; the City of Liberec's
    council resolution 827/2017 of 29 Aug 2017 backs it."""
    field_programme = factories.SocialServiceFactory(
        provider=factories.ProviderFactory(ico="26672472"),
        service_type=factories.service_type("69"),
        form="field",
    )
    plan = make_plan(
        "awaiting_decision",
        service=field_programme,
        capacity_current=Decimal("11.50"),
        capacity_requested=Decimal("12.50"),
        planned_start=dt.date(2017, 8, 29),
        amount_requested=Decimal("1250000.00"),
    )
    resolution = factories.CouncilResolutionFactory(
        number="827/2017", meeting_date=dt.date(2017, 8, 29)
    )
    factories.opinion_in_state("issued", plan=plan, needs_council=True, resolution=resolution)
    with translation.override(language):
        response = client_as("provider_user").get(reverse("plans:detail", args=[plan.pk]))
    assert html_lang(response) == language
    page = text(response)
    for what, written in FORMATS[language].items():
        assert written in page, what


def _switch(client: Client, page: Any) -> Any:
    """Press the header's language button of `page` (post what its form posts)."""
    form = re.search(r'<form class="language-switch" action="([^"]+)".*?</form>', text(page), re.S)
    assert form is not None, "no language switch"
    data = dict(re.findall(r'name="(next|language)" value="([^"]*)"', form.group(0)))
    return client.post(form.group(1), data)


def test_the_language_switch_turns_the_page_into_english_and_back(client: Client, db: None) -> None:
    czech = client.get("/register/?sort=provider")
    assert html_lang(czech) == "cs"
    assert "<h1>Základní síť sociálních služeb – registr</h1>" in text(czech)

    switched = _switch(client, czech)
    assert (switched.status_code, switched["Location"]) == (302, "/en/register/?sort=provider")
    english = client.get(switched["Location"])
    assert html_lang(english) == "en"
    assert "<h1>Basic network of social services – register</h1>" in text(english)

    back = _switch(client, english)
    assert back["Location"] == "/register/?sort=provider"
    assert html_lang(client.get(back["Location"])) == "cs"


def test_setlang_takes_the_language_and_the_page_to_return_to(client: Client, db: None) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/register/"})
    assert (response.status_code, response["Location"]) == (302, "/en/register/")
    assert client.cookies["django_language"].value == "en"
    assert html_lang(client.get(response["Location"])) == "en"


def test_after_the_switch_the_links_and_redirects_stay_in_english(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("draft")
    client = client_as("provider_user")
    with translation.override("cs"):
        czech_list = reverse("plans:list")
    switched = client.post(reverse("set_language"), {"language": "en", "next": czech_list})
    english = client.get(switched["Location"])
    assert html_lang(english) == "en"
    assert "<h1>Development plans</h1>" in text(english)
    assert f'href="/en/plans/{plan.pk}/"' in text(english)
    withdrawn = client.post(f"/en/plans/{plan.pk}/withdraw/")
    assert withdrawn["Location"] == f"/en/plans/{plan.pk}/"
