"""Staff and administrator actions land in the audit log; each hub sees only its own."""

import pytest

from innohub.accounts.models import AuditEntry
from innohub.common.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_staff_edit_is_audited_with_the_changed_fields(client_as, world):
    client_as(world.alice).post(
        f"/directory/{world.org_a.slug}/edit/",
        {
            "name_1": "Alpha Robotics",
            "kind": "startup",
            "country": "IL",
            "headcount": "9",
        },
    )
    entry = AuditEntry.objects.filter(action="changed", actor=world.alice).get()
    assert entry.target_type == "directory.Organisation" and "headcount" in entry.detail["fields"]


def test_a_member_editing_its_own_profile_is_not_a_staff_action(client_as, world):
    client_as(world.bob).post(
        f"/directory/{world.org_a.slug}/edit/", {"name_1": "Alpha Robotics", "headcount": "9"}
    )
    assert not AuditEntry.objects.filter(action="changed").exists()


def test_sign_ins_and_failures_are_recorded_with_the_address(client, world):
    client.post(
        "/accounts/login/", {"username": "alice", "password": "nope"}, REMOTE_ADDR="203.0.113.5"
    )
    client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )
    actions = list(
        AuditEntry.objects.order_by("id").values_list("action", "actor_name", "ip_address")
    )
    assert actions == [
        ("sign_in_failed", "alice", "203.0.113.5"),
        ("sign_in", "alice", "203.0.113.5"),
    ]


def test_hub_staff_see_their_hubs_entries_and_members_see_none(client_as, world):
    from innohub.accounts.audit import audit_record

    audit_record(actor=world.alice, action="changed", target=world.hub_a, hub=world.hub_a)
    audit_record(actor=world.charlie, action="changed", target=world.hub_b, hub=world.hub_b)
    page = client_as(world.alice).get("/accounts/audit/").content.decode()
    assert "charlie" not in page and "alice" in page
    assert "charlie" in client_as(world.dave).get("/accounts/audit/").content.decode()
    assert client_as(world.bob).get("/accounts/audit/").status_code == 403
