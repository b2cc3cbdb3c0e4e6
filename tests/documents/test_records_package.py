"""The records package of a closed call (docs/records.md): the manifest with the filing code
and retention of each document kind, every version's PDF byte for byte, SHA256SUMS; refused
for an open call and for a stored file that fails its checksum; who may download it."""

import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts.models import Role
from backend.audit.models import AttachmentAccess
from backend.calls.models import Call
from backend.documents.models import Document, DocumentFiling, DocumentKind
from backend.documents.records_package import (
    MANIFEST_COLUMNS,
    RecordsPackageRefused,
    records_package_write,
)
from backend.documents.selectors import document_filing_of
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.records.models import Direction
from backend.records.series import series_regional
from backend.records.services import reference_number_issue
from backend.registry.models import Region
from tests import factories
from tests.helpers import prague

pytestmark = pytest.mark.django_db

CREATED = prague(2027, 1, 15, 9, 30)  # winter: Prague is UTC+1


def _pdf(label: str) -> bytes:
    """A distinct small "PDF" per document: the checksums must tell them apart."""
    return b"%PDF-1.4\n% " + label.encode() + b"\n%%EOF\n"


def _store(
    plan: DevelopmentPlan,
    kind: str,
    version: int = 1,
    opinion: MunicipalOpinion | None = None,
    reference_number: Any = None,
) -> Document:
    """A stored document as the rendering stores it (no WeasyPrint)."""
    subject = opinion.pk if opinion else plan.pk
    stem = {"plan": "rozvojovy-zamer", "opinion": "vyjadreni-obce", "decision": "rozhodnuti"}
    filename = f"{stem[kind]}-{subject}" + ("" if version == 1 else f"-v{version}") + ".pdf"
    content = _pdf(f"{kind}:{subject}:{version}")
    document = Document(
        plan=plan,
        opinion=opinion,
        kind=kind,
        source=f"{kind}:{subject}",
        version=version,
        filename=filename,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        reference_number=reference_number,
    )
    document.file.save(filename, ContentFile(content), save=False)
    with time_machine.travel(CREATED, tick=False):
        document.save()
    return document


@pytest.fixture
def closed_call(region: Region) -> Call:
    return factories.CallFactory(closed=True, region=region, name="Výzva 2027 uzavřená")


@pytest.fixture
def filed(closed_call: Call, service: Any, other_provider: Any, liberec: Any) -> dict[str, Any]:
    """Two plans of the closed call: TULIPAN's with its plan in two versions, Liberec's
    opinion and the decision; Romodrom's with its plan only."""
    tulipan = factories.plan_in_state("included", call=closed_call, service=service)
    number = reference_number_issue(
        series=series_regional(), subject=tulipan, direction=Direction.INCOMING
    )
    opinion = factories.opinion_in_state("issued", plan=tulipan, municipality=liberec)
    romodrom_service = factories.SocialServiceFactory(
        provider=other_provider, name="Terénní programy Romodrom", registration_number=None
    )
    romodrom = factories.plan_in_state(
        "awaiting_decision", call=closed_call, service=romodrom_service
    )
    documents = [
        _store(tulipan, DocumentKind.PLAN, 1, reference_number=number),
        _store(tulipan, DocumentKind.PLAN, 2, reference_number=number),
        _store(tulipan, DocumentKind.OPINION, 1, opinion=opinion),
        _store(tulipan, DocumentKind.DECISION, 1),
        _store(romodrom, DocumentKind.PLAN, 1),
    ]
    # A document of another call's plan stays out of this call's package.
    _store(factories.plan_in_state("awaiting_opinion", service=service), DocumentKind.PLAN)
    return {"tulipan": tulipan, "romodrom": romodrom, "number": number, "documents": documents}


def _package(call: Call) -> zipfile.ZipFile:
    target = io.BytesIO()
    records_package_write(call=call, target=target)
    target.seek(0)
    return zipfile.ZipFile(target)


def _manifest(package: zipfile.ZipFile) -> list[dict[str, str]]:
    raw = package.read("manifest.csv")
    assert raw.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert tuple(header) == MANIFEST_COLUMNS
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_manifest_lists_every_version_with_its_metadata(
    filed: dict[str, Any], closed_call: Call
) -> None:
    rows = _manifest(_package(closed_call))
    tulipan, romodrom = filed["tulipan"], filed["romodrom"]
    assert [(row["plan_id"], row["document_kind"], row["version"]) for row in rows] == [
        (str(tulipan.pk), "plan", "1"),
        (str(tulipan.pk), "plan", "2"),
        (str(tulipan.pk), "opinion", "1"),
        (str(tulipan.pk), "decision", "1"),
        (str(romodrom.pk), "plan", "1"),
    ]
    first, _second, opinion, decision, other = rows
    assert first["reference_number"] == filed["number"].value
    assert first["reference_number"].startswith("KULK/")
    assert decision["reference_number"] == ""
    assert first["call_id"] == str(closed_call.pk)
    assert first["provider_name"] == "Sdružení TULIPAN, z. s."
    assert first["provider_ico"] == "26672472"
    assert first["service_name"] == "Chráněné bydlení TULIPAN"
    assert first["service_type"] == f"§ {tulipan.service.service_type.paragraph}"
    assert first["registration_number"] == tulipan.service.registration_number
    assert other["provider_name"] == "Romodrom o. p. s."
    assert other["registration_number"] == ""
    assert opinion["municipality"] == "Liberec"
    assert first["municipality"] == ""
    # The shipped filing (migration documents.0006): plans and opinions S/10, decisions A/10.
    assert (first["filing_code"], first["retention_mode"], first["retention_years"]) == (
        "1.4.1",
        "S",
        "10",
    )
    assert (opinion["filing_code"], opinion["retention_mode"]) == ("1.4.2", "S")
    assert (decision["filing_code"], decision["retention_mode"], decision["retention_years"]) == (
        "1.4.3",
        "A",
        "10",
    )
    assert first["created_at"] == "2027-01-15T09:30:00+01:00"
    assert dt.datetime.fromisoformat(first["created_at"]) == CREATED


def test_the_manifest_and_the_checksums_match_the_pdfs_in_the_package(
    filed: dict[str, Any], closed_call: Call
) -> None:
    package = _package(closed_call)
    rows = _manifest(package)
    stored = {document.pk: document for document in filed["documents"]}
    assert len(rows) == len(stored)
    for row in rows:
        content = package.read(row["file"])
        assert content.startswith(b"%PDF")
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert len(content) == int(row["size_bytes"])
        assert row["file"] == f"documents/{row['plan_id']}/{Path(row['file']).name}"
    assert {row["sha256"] for row in rows} == {d.sha256 for d in stored.values()}
    assert sorted(package.namelist()) == sorted(
        ["manifest.csv", "SHA256SUMS", *(row["file"] for row in rows)]
    )


def test_sha256sums_covers_every_file_as_sha256sum_reads_it(
    filed: dict[str, Any], closed_call: Call, tmp_path: Path
) -> None:
    package = _package(closed_call)
    lines = package.read("SHA256SUMS").decode().splitlines()
    listed = {}
    for line in lines:
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, line
        listed[match.group(2)] = match.group(1)
    assert set(listed) == set(package.namelist()) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(package.read(name)).hexdigest() == digest
    if shutil.which("sha256sum"):
        package.extractall(tmp_path / "package")
        result = subprocess.run(
            ["sha256sum", "-c", "--strict", "SHA256SUMS"],
            cwd=tmp_path / "package",
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.count(": OK") == len(listed)


def test_an_open_call_is_refused(filed: dict[str, Any]) -> None:
    call = factories.CallFactory(open=True, name="Výzva otevřená")
    with pytest.raises(RecordsPackageRefused) as refused:
        records_package_write(call=call, target=io.BytesIO())
    assert str(refused.value) == (
        "The call “Výzva otevřená” is open: its documents can be exported for the records "
        "service once it is closed."
    )


def test_a_finished_call_is_exported(filed: dict[str, Any]) -> None:
    call = factories.CallFactory(finished=True)
    assert _manifest(_package(call)) == []


def test_a_kind_without_its_filing_leaves_the_columns_empty(
    filed: dict[str, Any], closed_call: Call
) -> None:
    DocumentFiling.objects.filter(kind=DocumentKind.OPINION).delete()
    assert document_filing_of(kind=DocumentKind.OPINION) is None
    rows = {row["document_kind"]: row for row in _manifest(_package(closed_call))}
    opinion = rows["opinion"]
    assert (opinion["filing_code"], opinion["retention_mode"], opinion["retention_years"]) == (
        "",
        "",
        "",
    )
    assert opinion["sha256"]  # the document itself is still exported
    assert rows["decision"]["filing_code"] == "1.4.3"


def test_a_corrupted_file_refuses_the_package_naming_the_document(
    filed: dict[str, Any], closed_call: Call
) -> None:
    decision = filed["documents"][3]
    with open(decision.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 tampered")
    with pytest.raises(RecordsPackageRefused) as refused:
        records_package_write(call=closed_call, target=io.BytesIO())
    assert str(refused.value) == (
        f"The stored file of document rozhodnuti-{filed['tulipan'].pk}.pdf (version 1, plan "
        f"{filed['tulipan'].pk}) does not match its checksum; nothing was exported."
    )


def test_a_missing_file_refuses_the_package_naming_the_document(
    filed: dict[str, Any], closed_call: Call
) -> None:
    romodrom_plan = filed["documents"][4]
    Path(romodrom_plan.file.path).unlink()
    with pytest.raises(RecordsPackageRefused, match=romodrom_plan.filename) as refused:
        records_package_write(call=closed_call, target=io.BytesIO())
    assert "cannot be read" in str(refused.value)


def test_the_query_count_does_not_grow_with_the_plans(
    closed_call: Call, service: Any, liberec: Any
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            records_package_write(call=closed_call, target=io.BytesIO())
        return len(captured)

    def add_plan() -> None:
        plan = factories.plan_in_state("included", call=closed_call, service=service)
        opinion = factories.opinion_in_state("issued", plan=plan, municipality=liberec)
        _store(plan, DocumentKind.PLAN)
        _store(plan, DocumentKind.OPINION, opinion=opinion)
        _store(plan, DocumentKind.DECISION)

    add_plan()
    one = queries()
    for _ in range(4):
        add_plan()
    assert queries() == one


# --- the filing's settings ------------------------------------------------------------------


def test_a_filing_code_changed_in_the_admin_is_in_the_next_package(
    filed: dict[str, Any], closed_call: Call, admin_client_root: Client
) -> None:
    filing = DocumentFiling.objects.get(kind=DocumentKind.DECISION)
    url = reverse("admin:documents_documentfiling_change", args=[filing.pk])
    data = {
        "kind": "decision",
        "filing_code": "7.2.11",
        "retention_mode": "V",
        "retention_years": 15,
    }
    response = admin_client_root.post(url, data)
    assert response.status_code == 302, response.content[:500]
    rows = {row["document_kind"]: row for row in _manifest(_package(closed_call))}
    decision = rows["decision"]
    assert (decision["filing_code"], decision["retention_mode"], decision["retention_years"]) == (
        "7.2.11",
        "V",
        "15",
    )


# --- the page and the command ---------------------------------------------------------------


def test_the_regional_office_downloads_the_package_and_the_reads_are_logged(
    filed: dict[str, Any], closed_call: Call, regional_officer: Any
) -> None:
    client = Client()
    client.force_login(regional_officer)
    page = client.get(reverse("calls:detail", args=[closed_call.pk])).content.decode()
    url = reverse("calls:records_export", args=[closed_call.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="spisova-sluzba-vyzva-{closed_call.pk}.zip"'
    )
    package = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(_manifest(package)) == 5
    logged = AttachmentAccess.objects.filter(user=regional_officer)
    assert sorted(logged.values_list("document_id", flat=True)) == sorted(
        d.pk for d in filed["documents"]
    )
    assert set(logged.values_list("channel", flat=True)) == {"web"}


def test_the_page_of_an_open_call_says_why_and_the_export_answers_409(
    regional_officer: Any,
) -> None:
    call = factories.CallFactory(open=True, name="Výzva otevřená")
    client = Client()
    client.force_login(regional_officer)
    url = reverse("calls:records_export", args=[call.pk])
    page = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert f'href="{url}"' not in page
    assert "available once the call is closed" in page
    response = client.get(url)
    assert response.status_code == 409
    assert "can be exported for the records service once it is closed" in response.content.decode()
    assert not AttachmentAccess.objects.exists()


def test_a_corrupted_file_answers_409_with_the_document_named(
    filed: dict[str, Any], closed_call: Call, regional_officer: Any
) -> None:
    decision = filed["documents"][3]
    with open(decision.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 tampered")
    client = Client()
    client.force_login(regional_officer)
    response = client.get(reverse("calls:records_export", args=[closed_call.pk]))
    assert response.status_code == 409
    assert decision.filename in response.content.decode()
    assert not AttachmentAccess.objects.exists()


@pytest.mark.parametrize(
    "actor", ["provider_user", "municipal_officer", "council_secretary", "stranger"], indirect=True
)
def test_other_roles_are_refused(filed: dict[str, Any], closed_call: Call, actor: Any) -> None:
    client = Client()
    client.force_login(actor)
    response = client.get(reverse("calls:records_export", args=[closed_call.pk]))
    assert response.status_code == 403
    assert not AttachmentAccess.objects.exists()


def test_another_regions_officer_gets_404(filed: dict[str, Any], closed_call: Call) -> None:
    other_region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    client = Client()
    client.force_login(factories.user_with_role(Role.REGIONAL_OFFICER, other_region))
    response = client.get(reverse("calls:records_export", args=[closed_call.pk]))
    assert response.status_code == 404


def test_the_command_writes_a_valid_package(
    filed: dict[str, Any], closed_call: Call, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    output = tmp_path / "out" / "balicek.zip"
    stdout = io.StringIO()
    call_command("records_export", str(closed_call.pk), str(output), stdout=stdout)
    with zipfile.ZipFile(output) as package:
        assert package.testzip() is None
        rows = _manifest(package)
        assert len(rows) == 5
        for row in rows:
            assert hashlib.sha256(package.read(row["file"])).hexdigest() == row["sha256"]
    assert f"5 documents of call {closed_call.pk}" in stdout.getvalue()
    assert list(output.parent.iterdir()) == [output]  # no partial file left behind


def test_the_command_refuses_an_open_call_and_leaves_no_file(tmp_path: Path) -> None:
    call = factories.CallFactory(open=True, name="Výzva otevřená")
    (tmp_path / "out").mkdir()
    output = tmp_path / "out" / "balicek.zip"
    with pytest.raises(CommandError, match="once it is closed"):
        call_command("records_export", str(call.pk), str(output))
    assert list(output.parent.iterdir()) == []
