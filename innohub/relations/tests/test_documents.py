"""Which files may be attached: by extension and by content, with a size limit."""

import io
import zipfile

import pytest
from PIL import Image

from innohub.relations.documents import DocumentRejected, check_document, safe_download_name


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def ooxml(part: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{part}document.xml", "<x/>")
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def check(name: str, data: bytes, **kwargs):
    return check_document(name, len(data), io.BytesIO(data), **kwargs)


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("contract.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "application/pdf"),
        ("photo.PNG", png_bytes(), "image/png"),
        (
            "minutes.docx",
            ooxml("word/"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.xlsx",
            ooxml("xl/"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "application/msword"),
    ],
)
def test_it_accepts_pdf_images_and_office_documents(name, data, content_type):
    assert check(name, data).content_type == content_type


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("script.html", b"<script>alert(1)</script>", "type"),
        ("tool.exe", b"MZ\x90\x00", "type"),
        ("no-extension", b"%PDF-1.4", "type"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "content"),
        ("fake.png", b"%PDF-1.4 not an image", "content"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "content"),
        ("sheet.docx", ooxml("xl/"), "content"),
        ("macro.docx", ooxml("word/", {"word/vbaProject.bin": b"\0"}), "content"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_it_refuses_other_types_and_files_that_lie_about_their_content(name, data, code):
    with pytest.raises(DocumentRejected) as caught:
        check(name, data)
    assert caught.value.code == code


def test_it_refuses_a_file_over_the_size_limit():
    data = b"%PDF-1.7\n" + b"0" * 2048
    with pytest.raises(DocumentRejected) as caught:
        check("big.pdf", data, max_bytes=1024)
    assert caught.value.code == "size"
    assert check("big.pdf", data, max_bytes=4096).extension == ".pdf"


def test_the_download_name_loses_any_path_and_quotes():
    assert safe_download_name('..\\..\\etc/"passwd".pdf') == "passwd.pdf"
    assert safe_download_name("") == "document"
