"""Uploaded photos: checked with Pillow, re-encoded without metadata, served through a view.

Photos are stored by the default storage under MEDIA_ROOT, which no web server serves;
each app serves them through its own view after its own access check (`image_response`).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from innohub.common.i18n import I18nField, I18nFormField, localized

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding them
STORED_SIDE = 2000
THUMBNAIL_SIDE = 480
FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}


@dataclass
class ProcessedImage:
    content: bytes
    thumbnail: bytes
    extension: str
    content_type: str
    width: int
    height: int


def image_process(data: bytes) -> ProcessedImage:
    """Check an upload (size, real image type, pixel count) and re-encode it and a thumbnail.

    Re-encoding drops EXIF and other metadata (camera GPS positions, for one) and anything
    appended to the file after the image data.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The photo is larger than %(size)d MB."),
            code="too_large",
            params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP photo."), code="not_an_image"
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in FORMATS:
                raise not_an_image
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo has too many pixels (at most %(count)d million)."),
                    code="too_many_pixels",
                    params={"count": MAX_PIXELS // 1_000_000},
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and image.mode != "RGB":
                image = image.convert("RGB")
            elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            image.thumbnail((STORED_SIDE, STORED_SIDE))
            content = _encode(image, image_format)
            thumb = image.copy()
            thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            thumbnail = _encode(thumb, image_format)
            width, height = image.size
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    extension, content_type = FORMATS[image_format]
    return ProcessedImage(content, thumbnail, extension, content_type, width, height)


def _encode(image: Any, image_format: str) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {"optimize": True}
    if image_format in ("JPEG", "WEBP"):
        options["quality"] = 85
    image.save(out, format=image_format, **options)
    return out.getvalue()


def _upload_to(instance: Any, filename: str) -> str:
    return f"{instance.storage_folder}/{filename}"


class StoredImage(models.Model):
    """A photo and its thumbnail; subclasses add what the photo belongs to."""

    storage_folder = "photos"

    image = models.FileField(_("photo"), upload_to=_upload_to, max_length=200)
    thumbnail = models.FileField(upload_to=_upload_to, max_length=200)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = I18nField(_("caption"), blank=True, max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def store(self, processed: ProcessedImage) -> None:
        """Attach the processed files under random names (nothing is guessable from a name)."""
        name = uuid.uuid4().hex
        self.image.save(f"{name}.{processed.extension}", ContentFile(processed.content), save=False)
        self.thumbnail.save(
            f"{name}-thumb.{processed.extension}", ContentFile(processed.thumbnail), save=False
        )
        self.content_type = processed.content_type
        self.width, self.height = processed.width, processed.height

    def delete_files(self) -> None:
        for field in (self.image, self.thumbnail):
            if field.name:
                field.storage.delete(field.name)


def image_response(photo: StoredImage, *, thumbnail: bool, public: bool) -> FileResponse:
    """The stored photo as a response; public ones may be cached by browsers and proxies."""
    field = photo.thumbnail if thumbnail else photo.image
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=600"
    response["Content-Disposition"] = "inline"
    return response


def photo_add(
    photo: StoredImage, *, data: bytes, caption: Any, siblings: models.QuerySet, limit: int
) -> StoredImage:
    """Check, re-encode and store an upload as the last of its gallery (`siblings`)."""
    if siblings.count() >= limit:
        raise ValidationError(
            _("A gallery has at most %(count)d photos."), code="too_many", params={"count": limit}
        )
    processed = image_process(data)
    photo.caption = localized(caption)
    photo.position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    photo.store(processed)
    photo.save()
    return photo


def photo_delete(photo: StoredImage) -> None:
    """Delete the row now and its files once that is committed for good."""
    files = [name for name in (photo.image.name, photo.thumbnail.name) if name]
    storage = photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo (JPEG, PNG or WebP, at most 5 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp", "class": "form-control"}
        ),
    )
    caption = I18nFormField(label=_("Caption"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for sub in self.fields["caption"].widget.widgets:
            sub.attrs.setdefault("class", "form-control")


def photo_upload(request: HttpRequest, add: Any, done: str) -> None:
    """Read the photo form of a page, call `add(data, caption)`, and say how it went."""
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return
    try:
        add(form.cleaned_data["photo"].read(), form.cleaned_data["caption"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
