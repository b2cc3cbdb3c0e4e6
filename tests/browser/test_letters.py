"""The regional office edits the demo call's decision letter in Czech: the list shows it
edited, a refused text says its line, a draft is previewed with a decided plan, the saved
version is listed."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from backend.letters.models import LetterVersion
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def test_the_office_edits_and_previews_the_decision_letter(
    page: Page, demo: Any, screenshot: Callable[[Page, str], Path]
) -> None:
    log_in(page, "kraj", prefix="")
    page.goto(f"/calls/{demo.pk}/")
    page.get_by_role("link", name="Dopisy a e-maily výzvy").click()
    expect(page.get_by_role("heading", name="Dopisy a e-maily")).to_be_visible()
    expect(page.get_by_role("row", name="Rozhodnutí kraje (dopis)")).to_contain_text(
        "upraveno (verze 1)"
    )
    screenshot(page, "letters-list-cs")

    page.get_by_role("link", name="Rozhodnutí kraje (dopis)").click()
    expect(page.get_by_text("Platí upravený text: verze 1.", exact=False).first).to_be_visible()
    expect(page.get_by_text("{{ resolution_number }}", exact=True)).to_be_visible()
    text = page.get_by_label("Text")
    text.fill("Vážení,\n{% load static %}")
    page.get_by_role("button", name="Uložit jako novou verzi").click()
    expect(
        page.get_by_text("Řádek 2: značka {% load %} není v dopisu povolena", exact=True)
    ).to_be_visible()

    text.fill("Koncept: {{ provider_name }} – {{ outcome }}.")
    page.get_by_label("Náhled se záměrem").select_option(index=1)
    page.get_by_role("button", name="Zkontrolovat a zobrazit náhled").click()
    expect(page.get_by_role("heading", name="Náhled (neuloženo)")).to_be_visible()
    expect(page.locator(".letter-preview-body")).to_contain_text("Koncept:")
    screenshot(page, "letters-decision-editor-preview-cs")

    page.get_by_role("button", name="Uložit jako novou verzi").click()
    expect(page.get_by_text("Text byl uložen jako nová verze.", exact=True)).to_be_visible()
    expect(page.get_by_text("Platí upravený text: verze 2.", exact=False).first).to_be_visible()
    assert LetterVersion.objects.filter(number=2, author__username="kraj").exists()
    screenshot(page, "letters-decision-versions-cs")
