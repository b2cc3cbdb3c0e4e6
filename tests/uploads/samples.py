"""Small but real documents of each allowed type, and impostors, for the upload tests."""

import io
import zipfile

from openpyxl import Workbook

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, data) in enumerate(entries):
            # OpenDocument: the first entry is the uncompressed "mimetype".
            method = zipfile.ZIP_STORED if index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "kapacita"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def opendocument(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    return _zip([("mimetype", mimetype), ("content.xml", b"<office:document-content/>")])


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"hello")])


VALID = {
    "rozpocet.pdf": PDF,
    "sken.png": PNG,
    "foto.jpg": JPEG,
    "foto.JPEG": JPEG,
    "zadost.docx": docx(),
    "tabulka.xlsx": xlsx(),
    "text.odt": opendocument("text"),
    "tabulka.ods": opendocument("spreadsheet"),
}
# name → content that is not what the name says
MISLABELLED = {
    "program.exe renamed .pdf": ("faktura.pdf", EXE),
    "HTML renamed .pdf": ("faktura.pdf", HTML),
    "PDF renamed .docx": ("zadost.docx", PDF),
    "XLSX renamed .docx": ("zadost.docx", xlsx()),
    "DOCX renamed .xlsx": ("tabulka.xlsx", docx()),
    "PNG renamed .jpg": ("foto.jpg", PNG),
    "a plain ZIP renamed .docx": ("zadost.docx", plain_zip()),
    "ODT renamed .ods": ("tabulka.ods", opendocument("text")),
    "text renamed .png": ("obrazek.png", b"just some text"),
    "empty .pdf": ("prazdny.pdf", b""),
}
