"""Every list and dashboard page, HTML and API, issues a fixed number of SQL queries.

The module loads the demo hub and counts each page's queries, then adds the small generated
dataset (`innohub generate --scale small`: six more hubs, 1,200 organisations, 6,000 IP
records, 6,000 bookings, ...) and requests each page again: the count must stay within the
page's fixed bound and must not grow with the data. Pages are requested by a user allowed to
see them, the widest such user where that shows more rows (the network admin sees all hubs).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from innohub.network.switcher import forget_kept_hubs


@dataclass(frozen=True)
class Page:
    path: str
    who: str | None  # a demo username, None for anonymous
    max_queries: int
    # Queries a page may add once a list it shows is no longer empty (a branch, not a loop).
    branch: int = 0

    @property
    def id(self) -> str:
        return f"{self.who or 'public'} {self.path}"


HUB = "ciih-shanghai"
PAGES = [
    # network and portal
    Page("/", None, 8),
    Page("/hubs/", None, 8),
    Page(f"/hubs/{HUB}/", None, 30),
    Page(f"/hubs/{HUB}/", "network", 35),
    Page("/showcase/", None, 9),
    Page("/news/", None, 8),
    Page("/api/v1/network/hubs", None, 4),
    Page("/api/v1/network/networks", None, 4),
    Page("/api/v1/portal/news", None, 5),
    # directory
    Page("/directory/", None, 10),
    Page("/directory/?country=IL&q=a", None, 10),
    Page("/directory/", "network", 13),
    Page("/directory/ai-care-medical-technology/", None, 26),
    Page("/directory/ai-care-medical-technology/", "network", 42),
    Page("/directory/growth/", None, 6),
    Page("/directory/applications/", "network", 15),
    Page("/api/v1/directory/organisations", None, 6),
    Page("/api/v1/directory/organisations?q=a", "network", 9),
    Page("/api/v1/directory/sectors", None, 3),
    Page("/api/v1/directory/products", None, 5),
    Page("/api/v1/directory/applications", "network", 8),
    Page(f"/api/v1/directory/growth?hub={HUB}", None, 4),
    # spaces
    Page("/spaces/", None, 7),
    Page("/spaces/", "network", 11),
    Page("/spaces/bookings/", "network", 10),
    Page("/spaces/leases/", "network", 11),
    Page(f"/spaces/hubs/{HUB}/", "staff", 17),
    Page(f"/spaces/hubs/{HUB}/occupancy/", "staff", 9),
    Page(f"/spaces/hubs/{HUB}/rooms/", "staff", 9),
    Page(f"/spaces/hubs/{HUB}/leases/expiring/", "staff", 12),
    Page("/api/v1/spaces/rooms", None, 4),
    Page("/api/v1/spaces/bookings", "network", 7),
    Page("/api/v1/spaces/leases", "network", 8),
    # ip
    Page("/ip/", "network", 14),
    Page("/ip/", "ipofficer", 14),
    # The board reads its hub when it is not the visitor's current hub (the menu's).
    Page("/ip/board/", "ipofficer", 17, branch=1),
    Page("/ip/my/", "member", 9),
    Page("/ip/statistics/", None, 6),
    Page("/ip/statistics/", "network", 9),
    Page("/api/v1/ip/assets", "network", 9),
    Page(f"/api/v1/ip/board?hub={HUB}", "ipofficer", 14),
    Page("/api/v1/ip/statistics", None, 4),
    Page("/api/v1/ip/reminders", "ipofficer", 6),
    # events
    Page("/events/", None, 7),
    Page("/events/", "network", 11),
    Page("/events/contests/", None, 5),
    Page("/events/judging/", "judge", 27),
    Page("/api/v1/events/", None, 5),
    Page("/api/v1/events/contests", None, 6),
    # relations
    Page("/relations/", None, 12),
    Page("/relations/", "network", 15),
    Page("/relations/visits/", "network", 12),
    # the due list: both kinds counted, one page of keys, each kind's items of the page
    Page("/relations/due/", "staff", 13),
    Page("/api/v1/relations/agreements", "network", 11),
    Page("/api/v1/relations/visits", "network", 9),
    Page("/api/v1/relations/due", "staff", 10),
    Page(f"/api/v1/relations/timeline?hub={HUB}", None, 10),
    # matching
    Page("/matching/", "investor", 12),
    # Once generated offers carry IP records, each of the member's listings prefetches them.
    Page("/matching/mine/", "member", 31, branch=2),
    Page("/matching/introductions/", "network", 13),
    Page("/api/v1/matching/listings", None, 5),
    Page("/api/v1/matching/mine", "member", 23, branch=2),
    Page("/api/v1/matching/introductions", "network", 8),
    Page("/api/v1/matching/feedback", "member", 6),
    # service desk
    Page(f"/services/?hub={HUB}", None, 6),
    # The accredit form lists unaccredited providers once there are any, and searches them
    # once there are more than 500 (common/search_select.py).
    Page("/services/providers/", "staff", 10, branch=2),
    Page("/services/requests/", "network", 9),
    Page(f"/services/programmes/?hub={HUB}", None, 7),
    Page("/services/applications/", "network", 9),
    Page(f"/services/experts/?hub={HUB}", None, 10),
    Page("/services/bookings/", "staff", 8),
    Page(f"/services/figures/?hub={HUB}", "staff", 18),
    Page(f"/api/v1/services/catalogue?hub={HUB}", None, 4),
    Page(f"/api/v1/services/providers?hub={HUB}", None, 4),
    Page("/api/v1/services/requests", "network", 7),
    Page(f"/api/v1/services/programmes?hub={HUB}", None, 5),
    Page("/api/v1/services/applications", "network", 7),
    Page(f"/api/v1/services/experts?hub={HUB}", None, 14),
    Page("/api/v1/services/bookings", "staff", 6),
    Page(f"/api/v1/services/figures?hub={HUB}&start=2025-01-01&end=2025-12-31", "staff", 16),
    # accounts
    Page("/accounts/audit/", "network", 9),
    # forms whose choices grow with the network (above 500, a choice is searched, not listed)
    Page("/directory/apply/", None, 8),
    Page(f"/services/experts/new/?hub={HUB}", "staff", 10),
    Page(f"/services/programmes/new/?hub={HUB}", "staff", 9),
    Page("/events/new/", "network", 12),
    Page("/ip/new/", "network", 12),
    Page("/relations/visits/new/", "network", 9),
    Page("/relations/agreements/new/", "network", 13),
]
# The hub dashboard, counted uncached (the cache is cleared before every request). The network
# dashboard counts each hub's figures in turn, so its queries grow with the number of hubs.
PAGES.append(Page(f"/reports/hubs/{HUB}/", "network", 60))


def _client(who: str | None) -> Client:
    from innohub.accounts.models import User

    client = Client()
    if who:
        client.force_login(User.objects.get(username=who))
    return client


def _count(page: Page) -> tuple[int, int]:
    client = _client(page.who)
    cache.clear()
    forget_kept_hubs()  # as in each test below (conftest): the worker's hub list read again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    return response.status_code, len(queries)


@pytest.fixture(scope="module")
def before(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Query counts on the demo hub alone; then the generated dataset is added (committed)."""
    from django.core.management import call_command

    from innohub.common.demo import demo_load
    from innohub.common.generate import generate
    from innohub.directory.services import sectors_ensure_builtin

    with django_db_blocker.unblock():
        demo_load()
        counts = {page.id: _count(page) for page in PAGES}
        generate(scale="small", seed=3, log=lambda line: None)
    yield counts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        sectors_ensure_builtin()


@pytest.mark.parametrize("target", PAGES, ids=[p.id for p in PAGES])
def test_it_keeps_the_query_count_fixed_as_data_grows(
    target, before, db, django_assert_max_num_queries
):
    client = _client(target.who)
    cache.clear()
    with django_assert_max_num_queries(target.max_queries) as queries:
        response = client.get(target.path)
    assert response.status_code == 200
    status_before, count_before = before[target.id]
    assert status_before == 200
    assert len(queries) <= count_before + target.branch, (
        f"{count_before} queries on the demo, {len(queries)} after"
    )
