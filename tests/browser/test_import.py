"""A regional officer imports the region's network in the browser: upload a Windows-1250
CSV as Czech Excel saves it, read the preview, commit."""

from pathlib import Path

from playwright.sync_api import Page, expect

from backend.accounts.models import Role
from backend.demo.organisations import DEMO_PASSWORD
from backend.network.models import NetworkEntry
from tests import factories
from tests.browser.pages import BROWSER_TEST, log_in
from tests.imports.conftest import csv_bytes, row, second_row

pytestmark = BROWSER_TEST


def test_upload_preview_commit(page: Page, tmp_path: Path, screenshot) -> None:
    officer = factories.user_with_role(
        Role.REGIONAL_OFFICER, factories.region_liberec(), username="kraj.import"
    )
    officer.set_password(DEMO_PASSWORD)
    officer.save()
    sheet = tmp_path / "sit-2018.csv"
    sheet.write_bytes(csv_bytes([row(), second_row(capacity="11,5", paragraph="49")]))

    log_in(page, "kraj.import")
    page.get_by_role("link", name="Import of the network").first.click()
    page.get_by_label("File of the network (XLSX or CSV)").set_input_files(str(sheet))
    page.get_by_role("button", name="Upload and preview").click()

    expect(page.locator("#import-status")).to_have_text("previewed")
    expect(page.locator("main")).to_contain_text("Windows-1250")
    expect(page.locator("#import-counts")).to_contain_text("2 rows: 2 new, 0 changed")
    expect(page.locator("main table.data tbody tr")).to_have_count(2)
    screenshot(page, "import-1-preview")
    assert not NetworkEntry.objects.exists()

    page.get_by_role("button", name="Commit the import").click()
    expect(page.locator("#import-status")).to_have_text("committed")
    screenshot(page, "import-2-committed")
    assert NetworkEntry.objects.count() == 2
