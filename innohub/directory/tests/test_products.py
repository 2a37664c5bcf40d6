"""Members keep their products and photos; the public showcase filters them; photos are guarded."""

import io

import pytest
from PIL import Image

from innohub.common.testing import make_org
from innohub.directory import services
from innohub.directory.models import Product, ProductPhoto, Sector

pytestmark = pytest.mark.django_db


def picture(image_format="PNG", size=(64, 48), exif=False):
    out = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # camera maker
        options["exif"] = data
    image.save(out, format=image_format, **options)
    out.seek(0)
    out.name = f"photo.{image_format.lower()}"
    return out


@pytest.fixture
def product(world):
    return services.product_create(
        organisation=world.org_a,
        by=world.bob,
        name={"en": "Gripper", "zh-hans": "抓手", "he": "תפסן"},
        description={"en": "A soft robotic gripper."},
        sector=Sector.objects.get(slug="ai-robotics"),
    )


def test_a_member_adds_a_product_in_three_languages_with_a_photo(client_as, world):
    client = client_as(world.bob)
    response = client.post(
        f"/directory/products/new/{world.org_a.slug}/",
        {
            "name_0": "柔性手",
            "name_1": "Soft hand",
            "name_2": "יד רכה",
            "description_1": "Helps hands move.",
            "sector": Sector.objects.get(slug="healthcare-bioscience").pk,
            "is_public": "on",
        },
    )
    product = Product.objects.get(organisation=world.org_a)
    assert response["Location"] == f"/directory/products/{product.pk}/edit/"
    assert product.name == {"zh-hans": "柔性手", "en": "Soft hand", "he": "יד רכה"}
    client.post(
        f"/directory/products/{product.pk}/photos/",
        {"photo": picture("JPEG", exif=True), "caption_1": "On a hand"},
    )
    photo = product.photos.get()
    assert photo.content_type == "image/jpeg" and photo.caption["en"] == "On a hand"
    served = client_as(None).get(f"/directory/products/photos/{photo.pk}/full/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    data = b"".join(served.streaming_content)
    # Re-encoded: the camera's metadata is gone.
    assert "SecretCam" not in str(Image.open(io.BytesIO(data)).getexif())
    assert product.history.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (io.BytesIO(b"%PDF-1.4 not a picture"), "not a JPEG, PNG or WebP"),
        (picture("GIF"), "not a JPEG, PNG or WebP"),
        (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "not a JPEG, PNG or WebP"),
    ],
)
def test_uploads_that_are_not_photos_are_refused(client_as, world, product, upload, message):
    upload.name = getattr(upload, "name", "fake.png")
    response = client_as(world.bob).post(
        f"/directory/products/{product.pk}/photos/", {"photo": upload}, follow=True
    )
    assert message in response.content.decode()
    assert not ProductPhoto.objects.exists()


def test_photos_too_large_are_refused(world, product, monkeypatch):
    from django.core.exceptions import ValidationError

    from innohub.common import images

    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(ValidationError, match="larger than"):
        services.product_photo_add(product=product, data=picture().getvalue(), by=world.bob)
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError, match="too many pixels"):
        services.product_photo_add(product=product, data=picture().getvalue(), by=world.bob)


def test_big_photos_are_scaled_down_with_a_thumbnail(world, product):
    photo = services.product_photo_add(
        product=product, data=picture(size=(4000, 3000)).getvalue(), by=world.bob
    )
    assert (photo.width, photo.height) == (2000, 1500)
    assert Image.open(photo.thumbnail.open("rb")).size == (480, 360)


@pytest.mark.parametrize("who", ["charlie", "mallory", "ivan", "erin"])
def test_others_cannot_change_a_members_products(client_as, world, product, who):
    client = client_as(getattr(world, who))
    assert client.get(f"/directory/products/{product.pk}/edit/").status_code == 403
    assert client.post(f"/directory/products/{product.pk}/delete/").status_code == 403
    assert (
        client.post(f"/directory/products/{product.pk}/photos/", {"photo": picture()}).status_code
        == 403
    )
    assert client.get(f"/directory/products/new/{world.org_a.slug}/").status_code == 403


def test_staff_of_the_members_hub_may_edit_its_products(client_as, world, product):
    assert client_as(world.alice).get(f"/directory/products/{product.pk}/edit/").status_code == 200


def test_private_products_and_their_photos_stay_private(client, client_as, world, product):
    photo = services.product_photo_add(product=product, data=picture().getvalue(), by=world.bob)
    services.product_update(product=product, by=world.bob, is_public=False)
    assert client.get(f"/showcase/{product.pk}/").status_code == 404
    assert client.get(f"/directory/products/photos/{photo.pk}/thumb/").status_code == 404
    assert client_as(world.charlie).get(f"/showcase/{product.pk}/").status_code == 404
    own = client_as(world.bob).get(f"/directory/products/photos/{photo.pk}/thumb/")
    assert own.status_code == 200 and "private" in own["Cache-Control"]
    assert "Gripper" not in client.get("/showcase/").content.decode()


def test_deleting_a_product_takes_it_out_of_the_showcase(client, client_as, world, product):
    client_as(world.bob).post(f"/directory/products/{product.pk}/delete/")
    assert Product.all_objects.get(pk=product.pk).is_deleted
    assert client.get(f"/showcase/{product.pk}/").status_code == 404


def test_the_showcase_filters_by_hub_sector_country_and_words(client, world, product):
    cn_org = make_org({"en": "Bravo Two"}, hub=world.hub_b, country="CN")
    services.product_create(
        organisation=cn_org,
        by=None,
        name={"zh-hans": "网关", "en": "Gateway"},
        sector=Sector.objects.get(slug="cybersecurity"),
    )
    # An applicant's product is not shown: only members' products are.
    services.product_create(organisation=world.org_a_applicant, by=None, name={"en": "Secret"})

    def names(**params):
        return {str(p.name) for p in client.get("/showcase/", params).context["page"].object_list}

    assert names() == {"Gripper", "Gateway"}
    assert names(hub="hub-a") == {"Gripper"}
    assert names(sector="cybersecurity") == {"Gateway"}
    assert names(country="IL") == {"Gripper"}
    assert names(q="网关") == {"Gateway"}
    assert names(q="תפסן") == {"Gripper"}


def test_the_showcase_lists_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    for n in range(10):
        item = services.product_create(
            organisation=world.org_a, by=None, name={"en": f"Product {n}"}
        )
        services.product_photo_add(product=item, data=picture().getvalue(), by=None)
    with django_assert_max_num_queries(12):
        response = client.get("/showcase/")
    assert len(response.context["page"].object_list) == 10


def test_products_through_the_api_with_the_same_permissions(api_as, world):
    bob = api_as(world.bob)
    created = bob.post(
        "/api/v1/directory/products",
        {"organisation": world.org_a.slug, "name": {"en": "Arm"}, "sector": "ai-robotics"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    upload = bob.post(f"/api/v1/directory/products/{pk}/photos", {"file": picture()})
    assert upload.status_code == 201 and upload.json()["thumbnail_url"].endswith("/thumb/")
    public = api_as(None).get("/api/v1/directory/products?hub=hub-a").json()
    assert [p["name"]["en"] for p in public["items"]] == ["Arm"]
    assert len(public["items"][0]["photos"]) == 1
    charlie = api_as(world.charlie)
    patched = charlie.patch(
        f"/api/v1/directory/products/{pk}",
        {"name": {"en": "Hacked"}},
        content_type="application/json",
    )
    assert patched.status_code == 403
    other = charlie.post(
        "/api/v1/directory/products",
        {"organisation": world.org_a.slug, "name": {"en": "Fake"}},
        content_type="application/json",
    )
    assert other.status_code == 403
    assert bob.delete(f"/api/v1/directory/products/{pk}").status_code == 204
    assert api_as(None).get(f"/api/v1/directory/products/{pk}").status_code == 404
