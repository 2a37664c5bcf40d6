"""The portfolio pages: who sees which asset, editing, deadlines, the board, statistics."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from innohub.ip import services
from innohub.ip.models import Asset, DeadlineState
from innohub.ip.tests.factories import make_asset

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return {asset.pk for asset in response.context["page"].object_list}


@pytest.fixture
def assets(world):
    granted = make_asset(world)
    preparing = make_asset(
        world,
        number="",
        status="in_preparation",
        filed_on=None,
        published_on=None,
        granted_on=None,
        title={"en": "A secret gripper"},
    )
    unpublished = make_asset(
        world,
        number="202510123456.5",
        status="filed",
        filed_on=date(2025, 3, 3),
        published_on=None,
        granted_on=None,
        title={"en": "An unpublished sensor"},
    )
    return {"granted": granted, "preparing": preparing, "unpublished": unpublished}


def test_the_public_sees_published_rights_only(client, assets):
    seen = ids(client.get("/ip/"))
    assert assets["granted"].pk in seen
    assert assets["preparing"].pk not in seen and assets["unpublished"].pk not in seen
    assert client.get(f"/ip/{assets['preparing'].pk}/").status_code == 404
    assert client.get(f"/ip/{assets['unpublished'].pk}/").status_code == 404


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("bob", True),
        ("erin", True),
        ("alice", True),
        ("dave", True),
        ("charlie", False),
        ("judy", False),
        ("ivan", False),
        ("mallory", False),
    ],
)
def test_applications_in_preparation_are_for_owners_and_the_hubs_ip_officers(
    client_as, world, assets, who, sees
):
    client = client_as(getattr(world, who))
    assert (assets["preparing"].pk in ids(client.get("/ip/"))) is sees
    status = client.get(f"/ip/{assets['preparing'].pk}/").status_code
    assert status == (200 if sees else 404)


def test_deadlines_are_shown_to_owners_and_officers_but_not_to_the_public(
    client, client_as, world, assets
):
    url = f"/ip/{assets['granted'].pk}/"
    assert "deadline-timeline" not in client.get(url).content.decode()
    assert "deadline-timeline" not in client_as(world.charlie).get(url).content.decode()
    page = client_as(world.bob).get(url).content.decode()
    assert "deadline-timeline" in page and "Annual fee, year 4" in page


def test_an_asset_of_a_private_organisation_is_not_public(client, world):
    asset = make_asset(world, owners=[world.org_a_applicant])
    assert client.get(f"/ip/{asset.pk}/").status_code == 404


def test_filters_and_search(client, world, assets):
    mark = make_asset(
        world,
        type="cn-trademark",
        number="30123456",
        filed_on=date(2018, 5, 2),
        published_on=None,
        granted_on=None,
        registered_on=date(2019, 5, 7),
        nice_classes=[(10, "1001")],
        title={"en": "AICARE", "zh-hans": "艾可尔"},
    )
    assert ids(client.get("/ip/", {"type": "cn-trademark"})) == {mark.pk}
    assert ids(client.get("/ip/", {"nice_class": "10"})) == {mark.pk}
    assert ids(client.get("/ip/", {"q": "艾可尔"})) == {mark.pk}
    assert ids(client.get("/ip/", {"q": "ZL202010123456"})) == {assets["granted"].pk}
    assert ids(client.get("/ip/", {"owner": world.org_a.slug})) == {mark.pk, assets["granted"].pk}
    assert ids(client.get("/ip/", {"hub": "hub-b"})) == set()
    body = client.get(
        "/ip/", {"q": "aicare"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    ).content.decode()
    assert "<html" not in body and "AICARE" in body


def test_the_portfolio_list_takes_a_fixed_number_of_queries(
    client_as, world, django_assert_max_num_queries
):
    for n in range(12):
        make_asset(
            world,
            type="cn-software",
            number=f"2021SR{100000 + n:07d}",
            filed_on=date(2021, 2, 1),
            published_on=date(2021, 1, 5),
            granted_on=None,
            registered_on=date(2021, 4, 1),
        )
    client = client_as(world.erin)
    with django_assert_max_num_queries(14):
        response = client.get("/ip/")
    assert len(response.context["page"].object_list) == 12


def test_a_member_records_an_asset_for_its_own_organisation_only(client_as, world):
    client = client_as(world.bob)
    form = {
        "hub": world.hub_a.pk,
        "type": "cn-utility",
        "number": "ZL 2012 2068 7633.0",
        "title_0": "一种手指康复装置",
        "title_1": "A finger rehabilitation device",
        "title_2": "",
        "owners": [world.org_a.pk],
        "filed_on": "2012-10-01",
        "granted_on": "2013-04-01",
        "status": "valid",
    }
    response = client.post("/ip/new/", form)
    assert response.status_code == 302, response.context and response.context["form"].errors
    asset = Asset.objects.get(number="201220687633.0")
    assert asset.display_number == "ZL201220687633.0"
    assert asset.expires_on == date(2022, 9, 30)
    # The same member cannot put another organisation's name on an asset.
    other = client.post(
        "/ip/new/", {**form, "number": "201310000001.1", "owners": [world.org_b.pk]}
    )
    assert other.status_code in (200, 403)
    assert not Asset.objects.filter(number="201310000001.1").exists()


def test_a_wrong_number_shows_a_translated_error_next_to_the_field(client_as, world):
    client = client_as(world.erin)
    client.cookies["innohub_language"] = "zh-hans"
    response = client.post(
        "/ip/new/",
        {
            "hub": world.hub_a.pk,
            "type": "cn-invention",
            "number": "201710601862.4",
            "title_0": "一种方法",
            "owners": [world.org_a.pk],
            "filed_on": "2017-07-20",
            "status": "filed",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["number"]
    assert "3" in errors[0] and "校验" in errors[0]


def test_outsiders_cannot_edit_or_change_the_status(client_as, world, assets):
    asset = assets["granted"]
    for user in (world.charlie, world.mallory, world.judy):
        client = client_as(user)
        assert client.get(f"/ip/{asset.pk}/edit/").status_code in (403, 404)
        response = client.post(
            f"/ip/{asset.pk}/transition/", {"status": "lapsed", "on": "2025-01-01"}
        )
        assert response.status_code in (403, 404)
    asset.refresh_from_db()
    assert asset.status == "valid"


def test_a_member_can_not_delete_but_the_ip_officer_can(client_as, world, assets):
    asset = assets["granted"]
    assert client_as(world.bob).post(f"/ip/{asset.pk}/delete/").status_code == 403
    assert client_as(world.erin).post(f"/ip/{asset.pk}/delete/").status_code == 302
    assert Asset.all_objects.get(pk=asset.pk).is_deleted


def test_an_owner_records_a_payment_from_the_timeline(client_as, world, assets):
    asset = assets["granted"]
    fee = asset.deadlines.get(kind="annual-fee", sequence=4)
    client = client_as(world.bob)
    response = client.post(
        f"/ip/deadlines/{fee.pk}/done/",
        {"on": "2023-12-01", "note": "paid online", "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == asset.get_absolute_url()
    fee.refresh_from_db()
    assert fee.state == DeadlineState.DONE and fee.done_by == world.bob
    # Charlie sees the published patent but cannot touch its fees.
    assert client_as(world.charlie).post(f"/ip/deadlines/{fee.pk}/reopen/").status_code == 403
    fee.refresh_from_db()
    assert fee.state == DeadlineState.DONE


def test_the_board_sorts_open_deadlines_into_overdue_grace_and_this_month(client_as, world):
    asset = make_asset(world, tracked_since=date(2023, 5, 9))
    # Year 4 (due 2023-12-04) unpaid and past grace; year 5 unpaid, in grace on 2025-02-10.
    response = client_as(world.erin).get("/ip/board/", {"today": "2025-02-10"})
    board = response.context["board"]
    assert [(d.asset_id, d.sequence) for d in board.overdue] == [(asset.pk, 4)]
    assert [(d.asset_id, d.sequence) for d in board.in_grace] == [(asset.pk, 5)]
    assert board.due_this_month == []
    december = client_as(world.erin).get("/ip/board/", {"today": "2025-12-01"}).context["board"]
    assert [d.sequence for d in december.due_this_month] == [6]


def test_only_ip_officers_staff_and_network_admins_open_the_board(client_as, world):
    for user, status in [
        (world.erin, 200),
        (world.alice, 200),
        (world.dave, 200),
        (world.bob, 403),
        (world.judy, 403),
        (world.mallory, 403),
    ]:
        assert client_as(user).get("/ip/board/").status_code == status
    # Charlie keeps hub B's portfolio: asking for hub A shows him hub B, never A.
    response = client_as(world.charlie).get("/ip/board/", {"hub": "hub-a"})
    assert response.context["hub"] == world.hub_b
    assert 'id="board-hub-select"' not in response.content.decode()  # one portfolio: no list
    # Whoever keeps several portfolios picks one in a list that names the one shown.
    page = client_as(world.dave).get("/ip/board/", {"hub": "hub-b"}).content.decode()
    picker = page.split('id="board-hub-select"', 1)[1].split("</select>", 1)[0]
    assert picker.endswith(
        '<option value="hub-a">Hub hub-a</option><option value="hub-b" selected>Hub hub-b</option>'
    )


def test_the_ip_officer_sets_the_reminder_lead_times(client_as, world):
    client = client_as(world.erin)
    client.post(f"/ip/board/{world.hub_a.slug}/settings/", {"reminder_days": "60, 14,3"})
    assert services.hub_ip_settings(world.hub_a).lead_days() == [60, 14, 3]
    response = client_as(world.charlie).post(
        f"/ip/board/{world.hub_a.slug}/settings/", {"reminder_days": "1"}
    )
    assert response.status_code == 403
    assert services.hub_ip_settings(world.hub_a).lead_days() == [60, 14, 3]


def test_statistics_page_counts_at_a_date_and_per_organisation(client, world, assets):
    response = client.get("/ip/statistics/", {"hub": "hub-a", "on": "2024-01-01"})
    counts = response.context["figures"].counts
    assert counts["cn-invention"]["valid"] == 1
    assert counts["cn-invention"]["filed"] == 0  # filed 2025-03-03
    assert counts["cn-invention"]["in_preparation"] == 0  # recorded on 2026-11-22
    now = client.get("/ip/statistics/", {"hub": "hub-a", "on": "2026-11-22"}).context["figures"]
    assert (now.counts["cn-invention"]["filed"], now.counts["cn-invention"]["in_preparation"]) == (
        1,
        1,
    )
    org = client.get("/ip/statistics/", {"organisation": world.org_a.slug}).context["figures"]
    # The public sees only the organisation's published right.
    assert org.total == 1


def test_organisation_and_hub_pages_show_the_ip_panels(client, client_as, world, assets):
    public = client.get(world.org_a.get_absolute_url()).content.decode()
    assert "ip-panel" in public and "A secret gripper" not in public
    own = client_as(world.bob).get(world.org_a.get_absolute_url()).content.decode()
    assert "A secret gripper" in own
    hub_page = client.get(world.hub_a.get_absolute_url()).content.decode()
    assert "hub-ip-panel" in hub_page


def test_the_what_if_calculator_uses_the_engine(client):
    response = client.get("/ip/what-if/", {"type": "cn-trademark", "registered": "2015-10-02"})
    rows = response.context["deadlines"]
    # The term ends on National Day itself; the renewal may still be filed after the holiday.
    assert [(r.kind, r.due) for r in rows] == [
        ("expiry", date(2025, 10, 1)),
        ("renewal", date(2025, 10, 9)),
    ]
    assert "Moved from" in response.content.decode() or "moved from" in response.content.decode()


def test_my_deadlines_lists_the_open_fees_of_my_organisations(client_as, world, assets):
    today = timezone.localdate()
    page = client_as(world.bob).get("/ip/my/")
    assert page.status_code == 200
    deadlines = page.context["deadlines"]
    assert deadlines and all(d.asset.pk == assets["granted"].pk for d in deadlines)
    assert all(d.kind == "annual-fee" and d.state == "open" for d in deadlines)
    assert any(d.due >= today for d in deadlines)
    assert client_as(world.mallory).get("/ip/my/").context["deadlines"] == []


def test_cached_statistics_never_answer_for_another_set_of_hubs(client, client_as, world, assets):
    """The public does not see a private hub; its staff do, even right after the public's
    figures were cached."""
    world.hub_a.is_public = False
    world.hub_a.save()
    public = client.get("/ip/statistics/", {"on": "2026-11-22"}).context["figures"]
    staff = client_as(world.alice).get("/ip/statistics/", {"on": "2026-11-22"}).context["figures"]
    assert public.counts["cn-invention"]["valid"] == 0
    assert staff.counts["cn-invention"]["valid"] == 1
