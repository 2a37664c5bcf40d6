"""Deleted records disappear everywhere, can be restored, and only by those allowed."""

import pytest

from innohub.directory.models import Organisation

pytestmark = pytest.mark.django_db


def delete_url(org):
    return f"/trash/directory.organisation/{org.pk}/delete/"


def test_staff_delete_an_organisation_and_restore_it(client, client_as, world):
    staff = client_as(world.alice)
    assert staff.post(delete_url(world.org_a)).status_code == 302
    assert client.get(world.org_a.get_absolute_url()).status_code == 404
    assert world.org_a.slug not in client.get("/directory/").content.decode()
    assert client.get(f"/api/v1/directory/organisations/{world.org_a.slug}").status_code == 404
    deleted = Organisation.all_objects.get(pk=world.org_a.pk)
    assert deleted.deleted_at is not None and deleted.history.first().history_user == world.alice
    assert "Alpha Robotics" in staff.get("/trash/").content.decode()
    staff.post(f"/trash/directory.organisation/{world.org_a.pk}/restore/")
    assert client.get(world.org_a.get_absolute_url()).status_code == 200


def test_members_and_other_hubs_cannot_delete(client_as, world):
    assert client_as(world.bob).post(delete_url(world.org_a)).status_code == 403
    assert client_as(world.charlie).post(delete_url(world.org_a)).status_code == 403
    assert client_as(None).post(delete_url(world.org_a)).status_code == 302  # to sign in
    assert Organisation.objects.filter(pk=world.org_a.pk).exists()


def test_others_do_not_see_or_restore_what_was_deleted(client_as, world):
    client_as(world.alice).post(delete_url(world.org_a))
    assert "Alpha Robotics" not in client_as(world.charlie).get("/trash/").content.decode()
    response = client_as(world.charlie).post(
        f"/trash/directory.organisation/{world.org_a.pk}/restore/"
    )
    assert response.status_code == 404
    assert not Organisation.objects.filter(pk=world.org_a.pk).exists()


def test_a_member_deletes_and_restores_its_own_product(client_as, world):
    from innohub.directory.models import Product

    product = Product.objects.create(organisation=world.org_a, name={"en": "Gripper"})
    client = client_as(world.bob)
    client.post(f"/trash/directory.product/{product.pk}/delete/")
    assert not Product.objects.filter(pk=product.pk).exists()
    client.post(f"/trash/directory.product/{product.pk}/restore/")
    assert Product.objects.filter(pk=product.pk).exists()
