"""Who may open which page: every page, requested (GET) by every role.

Each row lists what the six roles get, in the order of `ROLES`:
the provider's user, another provider's user, the municipal officer and the council secretary
of Liberec (where the plans are), the regional officer, an anonymous visitor. "login" is a
redirect to the login page that comes back to the page; 404 is the answer for whatever lies
outside the user's scope, so that nobody learns it exists.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backend.plans.choices import AttachmentKind
from backend.plans.models import PlanAttachment
from backend.registry.models import Region
from tests import factories
from tests.web.conftest import ROLES
from tests.web.pages import outcome

MISSING = 999_999

# fmt: off
PAGES = [
    # page                            object                        provider, other provider,
    #                                                               municipal officer, council
    #                                                               secretary, regional, anonymous
    ("web:home",                      None,                         "200 200 200 200 200 200"),
    ("login",                         None,                         "200 200 200 200 200 200"),
    ("password_reset",                None,                         "200 200 200 200 200 200"),
    ("network:register",              None,                         "200 200 200 200 200 200"),
    ("network:entry",                 "entry",                      "200 200 200 200 200 200"),
    ("network:entry",                 "missing",                    "404 404 404 404 404 404"),
    ("plans:list",                    None,                         "200 200 200 200 200 login"),
    ("plans:services",                None,                         "200 200 403 403 403 login"),
    ("plans:service_create",          None,                         "200 200 403 403 403 login"),
    ("plans:create",                  None,                         "200 200 403 403 403 login"),
    ("plans:detail",                  "draft",                      "200 404 404 404 200 login"),
    ("plans:detail",                  "submitted",                  "200 404 200 200 200 login"),
    ("plans:detail",                  "missing",                    "404 404 404 404 404 login"),
    ("plans:edit",                    "draft",                      "200 404 404 404 403 login"),
    ("plans:submit",                  "draft",                      "200 404 404 404 403 login"),
    ("plans:pdf",                     "draft",                      "404 404 404 404 404 login"),
    ("plans:attachment_download",     "attachment",                 "200 404 200 200 200 login"),
    ("plans:attachment_download",     "attachment_of_another_plan", "404 404 404 404 404 login"),
    ("plans:resolution_document",     "resolution",                 "200 404 200 200 200 login"),
    # withdrawing asks first (GET: the confirmation); the other actions take POST only
    ("plans:withdraw",                "submitted",                  "200 404 403 403 403 login"),
    ("plans:resubmit",                "submitted",                  "405 405 405 405 405 login"),
    ("plans:return",                  "submitted",                  "405 405 405 405 405 login"),
    ("plans:decide",                  "submitted",                  "405 405 405 405 405 login"),
    ("plans:attachment_upload",       "submitted",                  "405 405 405 405 405 login"),
    ("plans:bulk_decide",             None,                         "405 405 405 405 405 login"),
    ("plans:opinion_draft",           "opinion",                    "405 405 405 405 405 login"),
    ("plans:opinion_issue",           "opinion",                    "405 405 405 405 405 login"),
    ("plans:opinion_send_to_council", "opinion",                    "405 405 405 405 405 login"),
    ("plans:opinion_resolution",      "opinion",                    "405 405 405 405 405 login"),
    # the regional office's pages
    ("calls:list",                    None,                         "403 403 403 403 200 login"),
    ("calls:create",                  None,                         "403 403 403 403 200 login"),
    ("calls:detail",                  "open_call",                  "403 403 403 403 200 login"),
    ("calls:detail",                  "call_of_another_region",     "403 403 403 403 404 login"),
    ("calls:detail",                  "missing",                    "403 403 403 403 404 login"),
    ("calls:edit",                    "planned_call",               "403 403 403 403 200 login"),
]
# fmt: on


@pytest.fixture
def url_args(
    make_plan: Callable[..., Any], service: Any, open_call: Any
) -> Callable[[str | None], list[int]]:
    """The URL arguments of the object a row names, created on demand."""

    def submitted() -> Any:
        plan = make_plan("awaiting_opinion")
        factories.opinion_in_state("requested", plan=plan)
        return plan

    def attachment(plan: Any) -> PlanAttachment:
        return PlanAttachment.objects.create(
            plan=plan,
            kind=AttachmentKind.BUDGET,
            file=SimpleUploadedFile("rozpocet.pdf", b"%PDF-1.4 rozpocet"),
            original_name="rozpocet.pdf",
            size=17,
        )

    def resolution() -> Any:
        plan = make_plan("awaiting_decision")
        council = factories.CouncilResolutionFactory(
            document=SimpleUploadedFile("usneseni.pdf", b"%PDF-1.4 usneseni")
        )
        factories.opinion_in_state("issued", plan=plan, needs_council=True, resolution=council)
        return council

    def another_region_call() -> Any:
        region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
        return factories.CallFactory(region=region)

    def build(name: str | None) -> list[int]:
        if name is None:
            return []
        if name == "missing":
            return [MISSING]
        if name == "attachment":
            document = attachment(submitted())
            return [document.plan_id, document.pk]
        if name == "attachment_of_another_plan":
            return [submitted().pk, attachment(make_plan("awaiting_opinion")).pk]
        return [
            {
                "draft": lambda: make_plan("draft"),
                "submitted": submitted,
                "opinion": lambda: submitted().opinions.get(),
                "resolution": resolution,
                "entry": lambda: factories.NetworkEntryFactory(service=service),
                "open_call": lambda: open_call,
                "planned_call": factories.CallFactory,
                "call_of_another_region": another_region_call,
            }[name]().pk
        ]

    return build


@pytest.mark.parametrize(
    ("page", "target", "expected"), PAGES, ids=[f"{page}-{target}" for page, target, _ in PAGES]
)
def test_who_gets_which_page(
    client_as: Callable[[str], Client],
    url_args: Callable[[str | None], list[int]],
    page: str,
    target: str | None,
    expected: str,
) -> None:
    url = reverse(page, args=url_args(target))
    got = " ".join(outcome(client_as(role).get(url), url) for role in ROLES)
    assert got == expected, f"{url}: roles {ROLES}"


@pytest.mark.parametrize("role", ["tanvald_officer", "tanvald_secretary"])
def test_a_municipality_outside_the_territory_does_not_see_the_plan(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any], role: str
) -> None:
    plan = make_plan("awaiting_opinion")
    factories.opinion_in_state("requested", plan=plan)
    assert client_as(role).get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert client_as(role).get(reverse("plans:pdf", args=[plan.pk])).status_code == 404


def test_an_out_of_scope_plan_looks_exactly_like_a_missing_one(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("awaiting_opinion")
    client = client_as("other_provider_user")
    hidden = client.get(reverse("plans:detail", args=[plan.pk]))
    missing = client.get(reverse("plans:detail", args=[MISSING]))

    def page(response: Any, number: int) -> str:
        """The page without what differs by the URL and per response (CSRF tokens, the
        request id quoted for support)."""
        html = response.content.decode().replace(f"/plans/{number}/", "/plans/N/")
        html = html.replace(response["X-Request-ID"], "REQUEST-ID")
        return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", html)

    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert page(hidden, plan.pk) == page(missing, MISSING)
    assert plan.service.name not in hidden.content.decode()


def test_the_login_page_logs_in_and_goes_to_the_inbox(
    client: Client, provider_user: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    provider_user.set_password("zsss-demo-2017")
    provider_user.save()
    response = client.post(reverse("login"), {"username": "tulipan", "password": "zsss-demo-2017"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")
    assert "What waits for me" in client.get(reverse("web:home")).content.decode()


def test_a_wrong_password_keeps_the_username_and_says_why(
    client: Client, provider_user: Any
) -> None:
    response = client.post(reverse("login"), {"username": "tulipan", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="tulipan"' in response.content.decode()
    assert "Please enter a correct username and password" in response.content.decode()


def test_logging_out_takes_a_post(client_as: Callable[[str], Client]) -> None:
    client = client_as("provider_user")
    assert client.post(reverse("logout")).status_code == 302
    url = reverse("plans:list")
    assert outcome(client.get(url), url) == "login"


def test_a_forgotten_password_is_reset_through_the_link_in_the_e_mail(
    client: Client, provider_user: Any, mailoutbox: list[Any], settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    response = client.post(reverse("password_reset"), {"email": provider_user.email})
    assert response["Location"] == reverse("password_reset_done")
    assert [mail.to for mail in mailoutbox] == [[provider_user.email]]
    link = re.search(r"https?://[^/]+(/\S+/reset/\S+/)", mailoutbox[0].body)
    assert link is not None, mailoutbox[0].body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Tulipan-2017-nove", "new_password2": "Tulipan-2017-nove"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    # Through the login page (django-axes needs the request that `client.login` lacks).
    login = client.post(reverse("login"), {"username": "tulipan", "password": "Tulipan-2017-nove"})
    assert login["Location"] == reverse("web:home")
