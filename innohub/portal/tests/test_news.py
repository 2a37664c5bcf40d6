"""News by hub with photo galleries; a missing translation shows as missing, with the original."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from PIL import Image

from innohub.portal import services
from innohub.portal.models import NewsItem, NewsPhoto

pytestmark = pytest.mark.django_db


def picture():
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "orange").save(out, format="PNG")
    out.seek(0)
    out.name = "p.png"
    return out


@pytest.fixture
def item(world):
    item = services.news_create(
        hub=world.hub_a,
        by=world.alice,
        title={"en": "Robots arrive", "zh-hans": "机器人来了"},
        body={"en": "Alpha Robotics moved in.", "zh-hans": "阿尔法机器人入驻。"},
        original_language="en",
    )
    return services.news_publish(item=item, by=world.alice)


def test_a_missing_translation_is_shown_as_missing_with_the_original(client, item):
    hebrew = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert 'id="not-translated"' in hebrew
    assert (
        'lang="en"' in hebrew and "Robots arrive" in hebrew and "Alpha Robotics moved in." in hebrew
    )
    chinese = client.get(item.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="not-translated"' not in chinese and "机器人来了" in chinese
    listing = client.get("/news/", HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert "not-translated" in listing
    # Nothing was filled in behind the reader's back.
    item.refresh_from_db()
    assert "he" not in item.title and "he" not in item.body


def test_the_original_must_be_written_in_the_language_it_claims(world):
    with translation.override("en"), pytest.raises(Exception, match="language the item is"):
        services.news_create(
            hub=world.hub_a, by=world.alice, title={"en": "Hello"}, original_language="he"
        )


def test_news_are_listed_by_hub_and_drafts_stay_with_the_hubs_staff(client, client_as, world, item):
    other = services.news_create(
        hub=world.hub_b, by=world.charlie, title={"en": "Bravo news"}, original_language="en"
    )
    services.news_publish(item=other, by=world.charlie)
    draft = services.news_create(
        hub=world.hub_a, by=world.alice, title={"en": "Draft plans"}, original_language="en"
    )
    later = services.news_create(
        hub=world.hub_a, by=world.alice, title={"en": "Tomorrow"}, original_language="en"
    )
    services.news_publish(item=later, by=world.alice, at=timezone.now() + timedelta(days=1))

    def titles(client, **params):
        return {str(card["item"].title) for card in client.get("/news/", params).context["cards"]}

    assert titles(client) == {"Robots arrive", "Bravo news"}
    assert titles(client, hub="hub-a") == {"Robots arrive"}
    assert titles(client, hub="hub-b") == {"Bravo news"}
    for reader in (None, world.charlie, world.bob):
        assert client_as(reader).get(draft.get_absolute_url()).status_code == 404
        assert client_as(reader).get(later.get_absolute_url()).status_code == 404
    assert client_as(world.alice).get(draft.get_absolute_url()).status_code == 200
    drafts = client_as(world.alice).get("/news/").context["drafts"]
    assert {d.pk for d in drafts} == {draft.pk, later.pk}
    assert client_as(world.charlie).get("/news/").context["drafts"] == []
    # The hub page shows its latest news.
    hub_page = client.get(world.hub_a.get_absolute_url()).content.decode()
    assert "Robots arrive" in hub_page and "Bravo news" not in hub_page


def test_staff_write_publish_and_add_a_gallery(client, client_as, world):
    staff = client_as(world.alice)
    response = staff.post(
        "/news/new/",
        {
            "hub": world.hub_a.pk,
            "original_language": "zh-hans",
            "title_0": "一周年",
            "body_0": "园区成立一周年。",
            "happened_on": "2020-12-03",
        },
    )
    item = NewsItem.objects.get()
    assert response["Location"] == f"/news/{item.pk}/edit/"
    assert not item.is_published and item.author == world.alice
    staff.post(f"/news/{item.pk}/photos/", {"photo": picture(), "caption_0": "合影"})
    staff.post(f"/news/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.is_published
    page = client.get(item.get_absolute_url()).content.decode()
    photo = NewsPhoto.objects.get()
    assert f"/news/photos/{photo.pk}/thumb/" in page and "合影" in page
    image = client.get(f"/news/photos/{photo.pk}/full/")
    assert image.status_code == 200 and "public" in image["Cache-Control"]
    assert item.history.count() >= 2


@pytest.mark.parametrize("who", ["charlie", "bob", "mallory", "erin"])
def test_others_cannot_write_or_change_a_hubs_news(client_as, world, item, who):
    client = client_as(getattr(world, who))
    assert client.get(f"/news/{item.pk}/edit/").status_code == 403
    assert client.post(f"/news/{item.pk}/publish/", {"unpublish": "1"}).status_code == 403
    assert client.post(f"/news/{item.pk}/photos/", {"photo": picture()}).status_code == 403
    posted = client.post(
        "/news/new/", {"hub": world.hub_a.pk, "original_language": "en", "title_1": "Fake"}
    )
    assert posted.status_code in (200, 403)
    assert not NewsItem.objects.filter(title__en="Fake").exists()
    item.refresh_from_db()
    assert item.is_published


def test_photos_of_a_draft_are_not_public(client, client_as, world):
    draft = services.news_create(
        hub=world.hub_a, by=world.alice, title={"en": "Draft"}, original_language="en"
    )
    photo = services.news_photo_add(item=draft, data=picture().getvalue(), by=world.alice)
    assert client.get(f"/news/photos/{photo.pk}/thumb/").status_code == 404
    assert client_as(world.alice).get(f"/news/photos/{photo.pk}/thumb/").status_code == 200


def test_news_through_the_api_with_the_same_permissions(api_as, world, item):
    public = api_as(None).get("/api/v1/portal/news?hub=hub-a").json()
    assert [n["title"]["en"] for n in public["items"]] == ["Robots arrive"]
    assert public["items"][0]["missing_languages"] == ["he"]
    staff = api_as(world.alice)
    created = staff.post(
        "/api/v1/portal/news",
        {"hub": "hub-a", "title": {"he": "חדשות"}, "original_language": "he"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["published_at"] is None
    assert api_as(None).get(f"/api/v1/portal/news/{pk}").status_code == 404
    upload = staff.post(f"/api/v1/portal/news/{pk}/photos", {"file": picture()})
    assert upload.status_code == 201
    published = staff.post(f"/api/v1/portal/news/{pk}/publish")
    assert published.status_code == 200 and published.json()["published_at"]
    detail = api_as(None).get(f"/api/v1/portal/news/{pk}").json()
    assert len(detail["photos"]) == 1
    assert (
        api_as(world.charlie)
        .post(
            "/api/v1/portal/news",
            {"hub": "hub-a", "title": {"en": "x"}, "original_language": "en"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert api_as(world.charlie).delete(f"/api/v1/portal/news/{pk}").status_code == 403
    assert staff.delete(f"/api/v1/portal/news/{pk}").status_code == 204
