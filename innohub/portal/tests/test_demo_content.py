"""The demo hub's applications, news and showcase are what the issue and the seeds describe."""

from datetime import date

import pytest

from innohub.directory.models import Application, ApplicationStatus, Product
from innohub.network.models import Hub
from innohub.portal.models import NewsItem
from innohub.portal.selectors import news_text

pytestmark = pytest.mark.django_db


def test_the_review_queue_has_applications_in_every_state(demo):
    hub = Hub.objects.get(slug="ciih-shanghai")
    statuses = set(Application.objects.filter(hub=hub).values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    for declined in Application.objects.filter(status=ApplicationStatus.DECLINED):
        assert declined.decision_reason and declined.scores.exists()
        assert declined.events.filter(action="declined", by__username="staff").exists()
    assert Application.objects.filter(scores__isnull=False).distinct().count() >= 4
    assert Application.objects.filter(sponsor_status="confirmed").exists()
    assert Application.objects.filter(sponsor_status="requested").exists()
    admitted = Application.objects.get(status=ApplicationStatus.ADMITTED)
    assert admitted.organisation.memberships.get(hub=hub).state == "admitted"
    assert all(a.is_generated and a.organisation.is_generated for a in Application.objects.all())


def test_news_tell_the_seeds_events_in_three_languages_but_one(demo):
    ciih = NewsItem.objects.filter(hub__slug="ciih-shanghai", published_at__isnull=False)
    days = {item.happened_on for item in ciih}
    assert {date(2019, 12, 3), date(2020, 12, 3), date(2022, 6, 30), date(2022, 11, 25)} <= days
    titles = " ".join(item.title["en"] for item in ciih)
    for words in ("network", "Mantis Vision", "incubators", "One year on", "360"):
        assert words in titles
    untranslated = [item for item in NewsItem.objects.all() if item.missing_languages()]
    assert [item.missing_languages() for item in untranslated] == [["he"]]
    shown = news_text(untranslated[0], "title", "he")
    assert not shown.translated and shown.language == "en"
    assert NewsItem.objects.filter(hub__slug="jiangsu-nanjing").exists()
    assert NewsItem.objects.filter(photos__isnull=False).distinct().count() >= 3


def test_the_showcase_has_the_seeds_products_with_pictures(client, demo):
    names = {str(p.name) for p in client.get("/showcase/").context["page"].object_list}
    assert {"Soft hand exoskeleton", "Non-invasive glucometer"} <= names
    assert not Product.objects.filter(photos__isnull=True).exists()
