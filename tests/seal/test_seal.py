"""The seal: made with the throwaway test certificate, validated with pyHanko's validator;
changed, foreign and unsealed files are told apart."""

import io
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pypdf import PdfReader

from backend.seal import services
from backend.seal.certificates import (
    TEST_PASSPHRASE,
    seal_key,
    throwaway_certificate_bundle,
    throwaway_certificate_ensure,
)
from backend.seal.stamp import FIELD_NAME, stamp_font
from backend.seal.verification import SealState, pdf_verify


def test_a_sealed_pdf_validates(sealed_pdf: bytes, plain_pdf: bytes) -> None:
    check = pdf_verify(sealed_pdf)
    assert check.state == SealState.VALID
    assert check.holder == "Elektronická pečeť kraje (TEST)"
    assert check.signed_at is not None
    assert check.timestamped_at is None  # no timestamp authority configured
    # An incremental update: the letter's own bytes stay as they were rendered.
    assert sealed_pdf.startswith(plain_pdf)
    signature = PdfFileReader(io.BytesIO(sealed_pdf)).embedded_signatures[0]
    assert signature.field_name == FIELD_NAME
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES


def test_one_changed_byte_breaks_the_seal(sealed_pdf: bytes, plain_pdf: bytes) -> None:
    # A byte of the letter's own content, inside what the signature covers.
    position = plain_pdf.index(b"stream") + 20
    changed = bytearray(sealed_pdf)
    changed[position] ^= 0x01
    assert pdf_verify(bytes(changed)).state == SealState.CHANGED


def test_an_update_appended_after_the_seal_is_a_change(sealed_pdf: bytes) -> None:
    # A forged line drawn on the first page in an incremental update: the sealed revision
    # itself is intact, so only the check of what came after it can catch this.
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed_pdf))
    forged = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (Schvaleno) Tj ET")
    writer.add_stream_to_page(0, writer.add_object(forged))
    appended = io.BytesIO()
    writer.write(appended)
    assert appended.getvalue() != sealed_pdf
    assert pdf_verify(appended.getvalue()).state == SealState.CHANGED


def test_unsealed_foreign_and_unreadable_files(plain_pdf: bytes, tmp_path: Path) -> None:
    assert pdf_verify(plain_pdf).state == SealState.UNSEALED
    assert pdf_verify(b"not a pdf at all").state == SealState.UNREADABLE
    assert pdf_verify(b"").state == SealState.UNREADABLE
    # Signed with a certificate of another CA: intact, but not the region's seal.
    bundle = tmp_path / "other.p12"
    bundle.write_bytes(throwaway_certificate_bundle())
    other = signers.SimpleSigner.load_pkcs12(str(bundle), passphrase=TEST_PASSPHRASE)
    assert other is not None
    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(plain_pdf)),
        signers.PdfSignatureMetadata(field_name="Podpis"),
        signer=other,
        output=out,
    )
    check = pdf_verify(out.getvalue())
    assert check.state == SealState.FOREIGN
    assert check.holder == "Elektronická pečeť kraje (TEST)"  # same name, other CA


def test_the_test_certificate_is_made_once(settings: Any, tmp_path: Path) -> None:
    settings.SEAL_DIR = tmp_path
    first = seal_key()
    assert first.is_test
    assert (tmp_path / "test-certificate" / "seal.p12").exists()
    assert seal_key().signer.signing_cert == first.signer.signing_cert
    # A process that lost the race to create it uses the winner's certificate.
    assert throwaway_certificate_ensure(tmp_path / "test-certificate") == (
        tmp_path / "test-certificate" / "seal.p12"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".seal-")] == []


def test_a_configured_pkcs12_file_is_used(settings: Any, tmp_path: Path) -> None:
    bundle = tmp_path / "region.p12"
    bundle.write_bytes(throwaway_certificate_bundle())
    settings.SEAL_PKCS12_FILE = str(bundle)
    settings.SEAL_PKCS12_PASSWORD = TEST_PASSPHRASE.decode()
    key = seal_key()
    assert not key.is_test
    _key, certificate, _chain = pkcs12.load_key_and_certificates(
        bundle.read_bytes(), TEST_PASSPHRASE
    )
    assert certificate is not None
    assert key.signer.signing_cert.dump() == certificate.public_bytes(Encoding.DER)


def test_the_deploy_check_wants_a_readable_seal(settings: Any, tmp_path: Path) -> None:
    settings.SEAL_PKCS12_FILE = ""
    settings.SEAL_TEST_CERTIFICATE = False
    with pytest.raises(SystemCheckError, match=r"seal\.E001"):
        call_command("check", "--deploy", "--tag", "security", "--fail-level", "ERROR")
    bundle = tmp_path / "region.p12"
    bundle.write_bytes(throwaway_certificate_bundle())
    settings.SEAL_PKCS12_FILE = str(bundle)
    settings.SEAL_PKCS12_PASSWORD = "wrong"
    with pytest.raises(SystemCheckError, match=r"seal\.E002"):
        call_command("check", "--deploy", "--tag", "security", "--fail-level", "ERROR")


def test_a_document_timestamp_where_a_tsa_is_configured(
    settings: Any, tmp_path: Path, plain_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    tsa_bundle = tmp_path / "tsa.p12"
    tsa_bundle.write_bytes(throwaway_certificate_bundle(timestamping=True))
    tsa = signers.SimpleSigner.load_pkcs12(str(tsa_bundle), passphrase=TEST_PASSPHRASE)
    assert tsa is not None
    monkeypatch.setattr(
        services,
        "tsa_timestamper",
        lambda: DummyTimeStamper(tsa_cert=tsa.signing_cert, tsa_key=tsa.signing_key),
    )
    # The timestamp authority's root is trusted beside the seal's own.
    roots = []
    for name, cert in (("seal", seal_key().trust_roots[0]), ("tsa", next(iter(tsa.cert_registry)))):
        path = tmp_path / f"{name}.pem"
        path.write_bytes(_pem(cert.dump()))
        roots.append(str(path))
    settings.SEAL_TRUST_ROOTS = roots
    stamped = services.pdf_seal(plain_pdf, reference_number="KULK/1/2027")
    reader = PdfFileReader(io.BytesIO(stamped))
    assert len(reader.embedded_timestamp_signatures) == 1
    check = pdf_verify(stamped)
    assert check.state == SealState.VALID
    assert check.timestamped_at is not None


def test_the_stamp_font_is_in_pdf_units(sealed_pdf: bytes) -> None:
    """pyHanko writes the font's own units as the PDF's widths (thousandths of an em): the
    prepared font has 1000 units per em, so no Latin glyph is wider than an em; the
    system's DejaVu (2048 units) would put capitals at about 1400 and space the letters."""
    from fontTools.ttLib import TTFont

    assert TTFont(stamp_font())["head"].unitsPerEm == 1000
    widget = PdfReader(io.BytesIO(sealed_pdf)).pages[0]["/Annots"][0].get_object()
    fonts = widget["/AP"]["/N"]["/Resources"]["/Font"]
    (font,) = (fonts[name].get_object() for name in fonts)
    widths = font["/DescendantFonts"][0].get_object()["/W"]
    flat = [w for chunk in widths[1::2] for w in chunk]
    assert flat and max(flat) <= 1000
    assert max(flat) > 600  # real widths, not a scaled-away font


def _pem(der: bytes) -> bytes:
    import base64
    import textwrap

    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode(), 64))
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n".encode()


def test_sealing_and_verifying_inside_a_running_event_loop(plain_pdf: bytes) -> None:
    """pyHanko's sync calls start an event loop; a thread already running one (a browser
    test's, an async view's) gets the work done in a thread of its own."""
    import asyncio

    async def inside() -> SealState:
        sealed = services.pdf_seal(plain_pdf, reference_number="KULK/3/2027")
        return pdf_verify(sealed).state

    assert asyncio.run(inside()) == SealState.VALID
