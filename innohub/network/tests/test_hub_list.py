"""The list of hubs: a national network's hundreds of hubs come a page at a time."""

from datetime import date, timedelta

import pytest

from innohub.common.testing import make_hub

pytestmark = pytest.mark.django_db


def test_the_hub_list_pages_through_every_public_hub_once(client):
    for n in range(55):
        make_hub(f"park-{n:02d}", opened_on=date(2015, 1, 1) + timedelta(days=n))
    make_hub("private-park", is_public=False)

    first = client.get("/hubs/")
    second = client.get("/hubs/", {"page": 2})

    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 5
    shown = [row["hub"].slug for row in first.context["rows"] + second.context["rows"]]
    assert shown == [f"park-{n:02d}" for n in range(55)]  # oldest first, none twice
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()
    assert "private-park" not in first.content.decode() + second.content.decode()
