"""Hardening: uploads are checked by content and size and never served from the web root;
text users typed is always escaped.

Every FileField and upload handler of the platform: product photos and news photos
(`common/images.image_process`), agreement documents (`relations/documents`), service request
attachments, contest entry files, spreadsheet imports. That another hub's user cannot download
a private file is a row of the authorization matrix (servicedesk:request_file,
relations:document_download, events:entry_file, and their API twins).
"""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from innohub.common.tests.matrix_data import png_bytes

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SCRIPT = "<script>alert('x')</script>"


def disguised() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile("photo.png", EXE, content_type="image/png"),
        SimpleUploadedFile("contract.pdf", HTML, content_type="application/pdf"),
        SimpleUploadedFile("notes.txt", HTML, content_type="text/plain"),
        SimpleUploadedFile("deck.pptx", b"PK\x03\x04 not really a package", content_type=""),
    ]


def oversized(name: str, size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def messages_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


@pytest.fixture
def request_record(world):  # type: ignore[no-untyped-def]
    from innohub.servicedesk import services

    service = services.service_create(
        hub=world.hub_a, by=world.alice, category="legal", name={"en": "Legal"}
    )
    return services.request_submit(
        service=service,
        organisation=world.org_a,
        by=world.bob,
        subject="Contract review",
        description="Please read our contract.",
    )


def test_a_service_request_refuses_disguised_and_oversized_files_in_the_users_language(
    world, request_record
):
    from innohub.servicedesk import services
    from innohub.servicedesk.models import RequestMessage

    for upload in disguised():
        with pytest.raises(ValidationError, match="content is not the kind"):
            services.request_message_post(request=request_record, by=world.bob, upload=upload)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        services.request_message_post(request=request_record, by=world.bob, upload=disguised()[0])
    assert "content is not" not in messages_of(caught.value)  # translated, not English
    with pytest.raises(ValidationError, match="10 MB"):
        services.request_message_post(
            request=request_record,
            by=world.bob,
            upload=oversized("big.pdf", services.MAX_ATTACHMENT_BYTES),
        )
    good = SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")
    services.request_message_post(request=request_record, by=world.bob, upload=good)
    assert RequestMessage.objects.exclude(attachment="").count() == 1


def test_a_contest_entry_refuses_disguised_and_oversized_files(world):
    from innohub.events import contest_services
    from innohub.events.tests.factories import make_contest, make_entry

    entry = make_entry(make_contest(world.hub_a), "Gripper", organisation=world.org_a)
    for upload in disguised():
        with pytest.raises(ValidationError, match="content is not the kind"):
            contest_services.entry_file_add(entry=entry, by=None, upload=upload)
    with pytest.raises(ValidationError, match="20 MB"):
        contest_services.entry_file_add(
            entry=entry, by=None, upload=oversized("deck.pdf", contest_services.MAX_FILE_BYTES)
        )
    video = SimpleUploadedFile("demo.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    assert contest_services.entry_file_add(entry=entry, by=None, upload=video).pk


def test_an_agreement_refuses_disguised_and_oversized_documents(world, settings):
    from innohub.relations import services
    from innohub.relations.tests.factories import agreement

    signed = agreement(world.hub_a, world.org_a, world.org_b)
    for upload in disguised():
        with pytest.raises(ValidationError):
            services.document_attach(agreement=signed, by=None, upload=upload)
    settings.INNOHUB_AGREEMENT_DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="larger than"):
        services.document_attach(agreement=signed, by=None, upload=oversized("mou.pdf", 2048))


def test_photos_must_be_real_images_of_bounded_size(world):
    from innohub.common import images
    from innohub.portal import services

    item = services.news_create(
        hub=world.hub_a, by=world.alice, title={"en": "Gallery"}, original_language="en"
    )
    for data in (EXE, HTML, b"\x89PNG\r\n\x1a\n" + b"garbage" * 10):
        with pytest.raises(ValidationError):
            services.news_photo_add(item=item, data=data, by=world.alice)
    with pytest.raises(ValidationError, match="larger than"):
        images.image_process(b"\x89PNG" + b"0" * images.MAX_UPLOAD_BYTES)


def test_uploaded_files_live_outside_the_web_root_and_have_no_public_url(client, world, settings):
    from innohub.relations import services
    from innohub.relations.tests.factories import agreement

    document = services.document_attach(
        agreement=agreement(world.hub_a, world.org_a, world.org_b),
        by=None,
        upload=SimpleUploadedFile("mou.pdf", b"%PDF-1.4 secret terms", "application/pdf"),
    )
    stored = settings.MEDIA_ROOT / document.file.name
    assert stored.exists() and settings.DATA_DIR in stored.parents
    assert settings.STATIC_ROOT not in stored.parents
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    assert client.get(f"/relations/documents/{document.pk}/").status_code in (302, 403, 404)


def test_a_script_in_any_title_is_shown_as_text_never_run(client, client_as, world):
    from innohub.directory import services as directory_services
    from innohub.events.tests.factories import make_event
    from innohub.portal import services as portal_services

    org = directory_services.organisation_update(
        organisation=world.org_a,
        by=None,
        as_staff=True,
        name={"en": SCRIPT},
        description={"en": SCRIPT},
    )
    product = directory_services.product_create(
        organisation=org, by=None, name={"en": SCRIPT}, description={"en": SCRIPT}
    )
    news = portal_services.news_create(
        hub=world.hub_a,
        by=world.alice,
        title={"en": SCRIPT},
        body={"en": SCRIPT},
        original_language="en",
    )
    portal_services.news_publish(item=news, by=world.alice)
    event = make_event(world.hub_a, title={"en": SCRIPT}, description={"en": SCRIPT})
    pages = [
        f"/directory/{org.slug}/",
        "/directory/",
        f"/showcase/{product.pk}/",
        f"/news/{news.pk}/",
        f"/events/{event.slug}/",
        "/events/",
        "/",
    ]
    for viewer in (client, client_as(world.alice)):
        for url in pages:
            body = viewer.get(url, follow=True).content.decode()
            assert SCRIPT not in body, url
    assert "&lt;script&gt;" in client.get(f"/directory/{org.slug}/").content.decode()
