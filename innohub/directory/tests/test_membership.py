"""Membership history: who was a member on which day."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from innohub.common.testing import make_hub, make_org
from innohub.directory import services
from innohub.directory.models import MembershipState as S
from innohub.directory.selectors import members_count_on

pytestmark = pytest.mark.django_db


def test_an_organisation_counts_from_admission_until_it_leaves():
    hub = make_hub()
    org = make_org(hub=hub, state=S.APPLICANT, since=date(2020, 1, 1))
    membership = org.memberships.get()
    services.membership_transition(
        membership=membership, to_state=S.ADMITTED, on=date(2020, 2, 1), by=None
    )
    services.membership_transition(
        membership=membership, to_state=S.RESIDENT, on=date(2020, 3, 1), by=None
    )
    services.membership_transition(
        membership=membership, to_state=S.LEFT, on=date(2021, 1, 1), by=None
    )
    assert members_count_on(hub=hub, day=date(2020, 1, 31)) == 0
    assert members_count_on(hub=hub, day=date(2020, 2, 1)) == 1
    assert members_count_on(hub=hub, day=date(2020, 12, 31)) == 1
    assert members_count_on(hub=hub, day=date(2021, 1, 1)) == 0


def test_it_refuses_impossible_moves_and_backdated_changes():
    hub = make_hub()
    membership = make_org(hub=hub, state=S.APPLICANT, since=date(2020, 1, 1)).memberships.get()
    with pytest.raises(ValidationError, match="cannot go from"):
        services.membership_transition(
            membership=membership, to_state=S.GRADUATED, on=None, by=None
        )
    with pytest.raises(ValidationError, match="before the previous change"):
        services.membership_transition(
            membership=membership, to_state=S.ADMITTED, on=date(2019, 1, 1), by=None
        )
    membership.refresh_from_db()
    assert membership.state == S.APPLICANT and membership.events.count() == 1


def test_an_organisation_has_one_membership_record_per_hub():
    hub = make_hub()
    org = make_org(hub=hub)
    with pytest.raises(ValidationError):
        services.membership_start(organisation=org, hub=hub, state=S.APPLICANT, on=None, by=None)


def test_a_sector_is_found_by_any_of_its_names():
    from innohub.directory.selectors import sector_resolve

    for name in ["cybersecurity", "网络安全", "אבטחת סייבר", " Cyber Security ", "ＡＩ"]:
        assert sector_resolve(name) is not None, name
    assert sector_resolve("网络安全").slug == "cybersecurity"
    assert sector_resolve("underwater basket weaving") is None
