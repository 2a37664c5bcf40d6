"""The home page: the current hub's members counted by sector."""

import pytest
from django.utils.html import escape

from innohub.common.testing import make_org
from innohub.directory.models import MembershipState, Sector
from innohub.directory.selectors import sectors_of_public_members

pytestmark = pytest.mark.django_db


def test_members_by_sector_count_the_hubs_public_members_only(client, world):
    first, second, third = Sector.objects.order_by("position")[:3]
    make_org(hub=world.hub_a, sectors=[first, second])
    make_org(hub=world.hub_a, sectors=[first], state=MembershipState.ADMITTED)
    make_org(hub=world.hub_a, sectors=[second])
    make_org(hub=world.hub_a, sectors=[first])
    # Not counted: a private member, one that left, an applicant, another hub's member.
    make_org(hub=world.hub_a, sectors=[first, third], is_public=False)
    make_org(hub=world.hub_a, sectors=[third], state=MembershipState.LEFT)
    make_org(hub=world.hub_a, sectors=[third], state=MembershipState.APPLICANT)
    make_org(hub=world.hub_b, sectors=[third, second])

    counted = [(s.slug, s.n) for s in sectors_of_public_members(world.hub_a)]
    assert counted == [(first.slug, 3), (second.slug, 2)]

    client.post("/hubs/switch/", {"hub": world.hub_a.slug})
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = f"?hub={world.hub_a.slug}&amp;sector={first.slug}"
    assert link in page
    badge = '<span class="badge text-bg-secondary">3</span>'
    assert f'{link}">{escape(first.name["en"])} {badge}' in page
    assert f"sector={third.slug}" not in page
