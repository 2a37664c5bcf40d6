"""Which files may be attached to an agreement: PDF, images and Office documents, by content.

The name's extension must be on the list *and* the bytes must be what the extension claims,
so a renamed executable or HTML page is refused. Nothing here touches the database.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt container
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    family: str  # "pdf", "image" or "office"

    @property
    def shows_inline(self) -> bool:
        """PDFs and images open in the browser; Office files are downloaded."""
        return self.family in {"pdf", "image"}


TYPES: dict[str, DocumentType] = {
    t.extension: t
    for t in (
        DocumentType(".pdf", "application/pdf", "pdf"),
        DocumentType(".png", "image/png", "image"),
        DocumentType(".jpg", "image/jpeg", "image"),
        DocumentType(".jpeg", "image/jpeg", "image"),
        DocumentType(".webp", "image/webp", "image"),
        DocumentType(".gif", "image/gif", "image"),
        DocumentType(
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "office",
        ),
        DocumentType(
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "office"
        ),
        DocumentType(
            ".pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "office",
        ),
        DocumentType(".doc", "application/msword", "office"),
        DocumentType(".xls", "application/vnd.ms-excel", "office"),
        DocumentType(".ppt", "application/vnd.ms-powerpoint", "office"),
        DocumentType(".odt", "application/vnd.oasis.opendocument.text", "office"),
        DocumentType(".ods", "application/vnd.oasis.opendocument.spreadsheet", "office"),
        DocumentType(".odp", "application/vnd.oasis.opendocument.presentation", "office"),
    )
}

# The folder inside an Office Open XML package that says which application it belongs to.
OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


class DocumentRejected(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _head(stream: IO[bytes], size: int = 16) -> bytes:
    stream.seek(0)
    head = stream.read(size)
    stream.seek(0)
    return head


def _check_ooxml(stream: IO[bytes], extension: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names:
        return False
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return False  # macro-enabled content behind an ordinary extension
    return any(name.startswith(OOXML_PARTS[extension]) for name in names)


def _check_odf(stream: IO[bytes], content_type: str) -> bool:
    try:
        with zipfile.ZipFile(stream) as package:
            declared = package.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        stream.seek(0)
    return declared == content_type


def _check_image(stream: IO[bytes]) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(stream) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        stream.seek(0)
    return True


def _content_matches(stream: IO[bytes], kind: DocumentType) -> bool:
    head = _head(stream)
    ext = kind.extension
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n") and _check_image(stream)
    if ext in {".jpg", ".jpeg"}:
        return head.startswith(b"\xff\xd8\xff") and _check_image(stream)
    if ext == ".gif":
        return head[:6] in {b"GIF87a", b"GIF89a"} and _check_image(stream)
    if ext == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP" and _check_image(stream)
    if ext in OOXML_PARTS:
        return head.startswith(ZIP_MAGIC) and _check_ooxml(stream, ext)
    if ext in {".doc", ".xls", ".ppt"}:
        return head.startswith(OLE2_MAGIC)
    if kind.family == "office":
        return head.startswith(ZIP_MAGIC) and _check_odf(stream, kind.content_type)
    return False  # pragma: no cover - every listed type is handled above


def check_document(
    name: str, size: int, stream: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> DocumentType:
    """The document's type when it may be attached; DocumentRejected says why it may not."""
    extension = PurePath(name or "").suffix.lower()
    kind = TYPES.get(extension)
    if kind is None:
        raise DocumentRejected(
            str(_("Attach a PDF, an image (PNG, JPEG, WebP, GIF) or an Office document.")),
            "type",
        )
    if size <= 0:
        raise DocumentRejected(str(_("The file is empty.")), "empty")
    if size > max_bytes:
        raise DocumentRejected(
            str(_("The file is larger than %(limit)d MB.") % {"limit": max_bytes // (1024 * 1024)}),
            "size",
        )
    if not _content_matches(stream, kind):
        raise DocumentRejected(
            str(_("The file's content is not the kind of document its name says it is.")),
            "content",
        )
    return kind


def safe_download_name(name: str) -> str:
    """The original file name without any path, for the Content-Disposition header."""
    cleaned = PurePath(name.replace("\\", "/")).name.strip().replace('"', "")
    return cleaned or "document"


TEXT_SUFFIXES = {".txt", ".csv", ".md"}
MARKUP_SIGNS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<body", b"<iframe")


def _looks_like_text(stream: IO[bytes]) -> bool:
    """Plain text: decodes as UTF-8 or GB18030, no NUL bytes, and is not a web page."""
    stream.seek(0)
    sample = stream.read(64 * 1024)
    stream.seek(0)
    if b"\x00" in sample:
        return False
    lowered = sample.lower()
    if any(sign in lowered for sign in MARKUP_SIGNS):
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError as error:
            if error.start >= len(sample) - 4:  # a character cut by the 64 KB sample
                return True
            continue
        return True
    return False


def content_matches_name(name: str, stream: IO[bytes]) -> bool:
    """For other apps' attachments: are the bytes what the file name's extension claims?

    Documents and images as for agreements; text must be text (not HTML or a program);
    .zip must be a ZIP archive and .mp4 an ISO media file. Unknown extensions: False.
    """
    extension = PurePath(name or "").suffix.lower()
    head = _head(stream, 16)
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return False  # a Windows or Linux program, whatever its name
    if extension in TYPES:
        return _content_matches(stream, TYPES[extension])
    if extension in TEXT_SUFFIXES:
        return _looks_like_text(stream)
    if extension == ".zip":
        return head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06")
    if extension == ".mp4":
        return head[4:8] == b"ftyp"
    return False
