"""The accessibility statement (Act No. 99/2019 Coll.): in Czech and English, linked from
every page's footer, listing what the audit document (docs/accessibility.md) lists."""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import formats, translation

from backend.web.accessibility import audit_result
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
