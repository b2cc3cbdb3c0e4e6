"""The accessibility statement (Act No. 99/2019 Coll.): in Czech and English, linked from
every page's footer, listing what the audit document (docs/accessibility.md) lists."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, translation

from backend.web.accessibility import audit_result
from tests.helpers import resolution_post
from tests.web.pages import html_lang, text

STATEMENT = {"cs": "/accessibility/", "en": "/en/accessibility/"}
HEADINGS = {
    "cs": [
        "Prohlášení o přístupnosti",
        "Stav souladu",
        "Nepřístupný obsah",
        "Vypracování tohoto prohlášení o přístupnosti",
        "Zpětná vazba a kontaktní údaje",
        "Postupy pro vymáhání práva",
    ],
    "en": [
        "Accessibility statement",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_statement_lists_the_audit_in_each_language(client: Client, language: str) -> None:
    response = client.get(STATEMENT[language])

    assert response.status_code == 200
    assert html_lang(response) == language
    page = text(response)
    for heading in HEADINGS[language]:
        assert f">{heading}</h" in page
    audit = audit_result()
    assert audit.issues, "the audit document lists no issue to show"
    for issue in audit.issues:
        assert f"<li>{issue.texts[language]}</li>" in page
    other = "en" if language == "cs" else "cs"
    assert audit.issues[0].texts[other] not in page
    with translation.override(language):
        for day in (audit.prepared, audit.reviewed):
            assert formats.date_format(day, "j. n. Y") in page
    compliance = {"cs": "částečně v souladu", "en": "partially compliant"}[language]
    assert compliance in page
    assert {"cs": "Ministerstvo vnitra", "en": "Ministry of the Interior"}[language] in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/register/", "/en/accounts/login/"])
def test_every_page_links_the_statement_in_its_footer(client: Client, path: str) -> None:
    page = client.get(path).content.decode()
    footer = page[page.index("<footer") : page.index("</footer>")]
    link = STATEMENT["en" if path.startswith("/en/") else "cs"]
    assert f'<a href="{link}">' in footer


def test_an_issue_without_both_languages_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "accessibility.md"
    document.write_text(
        "Prepared: 2026-12-01\nLast review: 2026-12-02\n\n## Known issues\n\n"
        "### `color-contrast` (serious)\n- cs: Nízký kontrast.\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="color-contrast"):
        audit_result(document)
    document.write_text(document.read_text() + "- en: Low contrast.\n", encoding="utf-8")
    issue = audit_result(document).issues[0]
    assert (issue.rule, issue.impact, issue.text("en")) == (
        "color-contrast",
        "serious",
        "Low contrast.",
    )


@pytest.mark.django_db
def test_fields_name_and_describe_their_errors(
    client_as: Callable[[str], Client], make_opinion: Callable[..., Any]
) -> None:
    """A form sent back with errors: each input is aria-invalid and described by its error;
    a radio group is a fieldset named by its legend and described by its error, and the
    error summary (focused by app.js, role=alert) links to the group's first radio."""
    opinion = make_opinion("awaiting_council")
    response = resolution_post(client_as("council_secretary"), opinion, number="", outcome="")

    assert response.status_code == 400
    page = response.content.decode()
    start = page.index('id="error-summary"')
    summary = page[page.rindex("<div", 0, start) : page.index("</ul>", start)]
    assert 'role="alert"' in summary
    assert '<a href="#resolution_number">' in summary
    assert '<a href="#resolution_outcome_0">' in summary
    number = re.search(r'<input[^>]*name="number"[^>]*>', page)
    assert number is not None
    assert 'aria-invalid="true"' in number.group(0)
    assert 'aria-describedby="resolution_number_helptext resolution_number_error"' in (
        number.group(0)
    )
    assert 'id="resolution_number_error"' in page
    group = re.search(
        r'<fieldset[^>]*aria-describedby="resolution_outcome_error"[^>]*>\s*'
        r"<legend[^>]*>Outcome",
        page,
    )
    assert group is not None, "the outcome radios are no fieldset described by their error"
    assert 'id="resolution_outcome_error"' in page
    radios = re.findall(r'<input type="radio" name="outcome"[^>]*>', page)
    assert radios and all('aria-invalid="true"' in radio for radio in radios)
