"""The plan page's "Dotazy a zprávy" in Czech: TULIPAN reads the office's question and its
own answer, never the internal note; the office reads all three, the answer marked new,
and answers from the audience select."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.clarifications.models import Message
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

INTERNAL = "Než rozhodneme, ověřit"


def test_the_thread_in_czech(
    browser: object,
    new_page: Callable[[], Page],
    demo: Call,
    screenshot: Callable[[Page, str], Path],
) -> None:
    plan = Message.objects.order_by("id").first().plan  # type: ignore[union-attr]
    url = f"/plans/{plan.pk}/#messages"

    provider = new_page()
    log_in(provider, "tulipan", prefix="")
    provider.goto(url)
    thread = provider.locator("#messages")
    expect(thread.get_by_role("heading", name="Dotazy a zprávy")).to_be_visible()
    expect(thread).to_contain_text("máte pro navýšený úvazek")
    expect(thread).to_contain_text("sdíleno s poskytovatelem")
    expect(thread).not_to_contain_text(INTERNAL)
    expect(thread).not_to_contain_text("interní poznámka")
    expect(thread.get_by_label("Kdo zprávu uvidí")).to_have_count(0)
    screenshot(provider, "clarifications-provider-thread-cs")

    office = new_page()
    log_in(office, "kraj", prefix="")
    office.goto("/plans/")
    expect(office.get_by_role("link", name="1 nová zpráva")).to_be_visible()
    office.goto(url)
    thread = office.locator("#messages")
    expect(thread).to_contain_text(INTERNAL)
    expect(thread.locator("[data-unread=true]")).to_have_count(1)
    thread.get_by_label("Kdo zprávu uvidí").select_option("provider")
    thread.locator("#message_body").fill("Děkujeme, smlouvu doložte se záměrem.")
    screenshot(office, "clarifications-office-thread-cs")
    thread.get_by_role("button", name="Odeslat").click()
    expect(office.get_by_role("status").first).to_contain_text("Zpráva byla odeslána.")
    expect(office.locator("#messages")).to_contain_text("smlouvu doložte se záměrem")
    office.locator("#messages").get_by_role("button", name="Označit jako přečtené").click()
    expect(office.locator("#messages [data-unread=true]")).to_have_count(0)
