"""The role predicates every page and endpoint relies on, for each member of the cast."""

import pytest

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    user_is_hub_staff,
    user_is_ip_officer,
    user_is_network_admin,
    user_represents,
)
from innohub.accounts.models import Role, RoleKind

pytestmark = pytest.mark.django_db


def test_staff_of_hub_a_is_staff_there_and_nowhere_else(world):
    assert user_is_hub_staff(world.alice, world.hub_a.pk)
    assert not user_is_hub_staff(world.alice, world.hub_b.pk)
    assert hub_ids_staffed_by(world.alice) == {world.hub_a.pk}


def test_a_network_admin_is_staff_of_every_hub(world):
    assert user_is_network_admin(world.dave)
    assert user_is_hub_staff(world.dave, world.hub_b.pk)
    assert hub_ids_staffed_by(world.dave) is ALL_HUBS


def test_a_member_represents_only_its_organisation(world):
    assert user_represents(world.bob, world.org_a.pk)
    assert not user_represents(world.bob, world.org_b.pk)
    assert not user_is_hub_staff(world.bob, world.hub_a.pk)


def test_an_ip_officer_is_not_hub_staff(world):
    assert user_is_ip_officer(world.erin, world.hub_a.pk)
    assert not user_is_ip_officer(world.erin, world.hub_b.pk)
    assert not user_is_hub_staff(world.erin, world.hub_a.pk)


def test_anonymous_and_roleless_users_have_no_grants(world):
    from django.contrib.auth.models import AnonymousUser

    assert grants_for(AnonymousUser()).staff_hubs == frozenset()
    assert not user_is_hub_staff(world.mallory, world.hub_a.pk)
    assert not user_represents(world.mallory, world.org_a.pk)


def test_grants_are_read_once_per_request(world, django_assert_num_queries):
    user = type(world.alice).objects.get(pk=world.alice.pk)
    with django_assert_num_queries(1):
        for _ in range(5):
            user_is_hub_staff(user, world.hub_a.pk)
            user_represents(user, world.org_a.pk)


def test_a_role_must_have_the_scope_its_kind_needs(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=world.mallory, kind=RoleKind.HUB_STAFF)
    with pytest.raises(IntegrityError), transaction.atomic():
        Role.objects.create(user=world.mallory, kind=RoleKind.MEMBER, hub=world.hub_a)
