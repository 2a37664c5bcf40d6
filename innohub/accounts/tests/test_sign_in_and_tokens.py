"""Signing in, the remembered language, and API tokens."""

import pytest

from innohub.accounts.models import ApiToken
from innohub.common.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_signs_in_with_the_password_and_out_with_a_post(client, world):
    response = client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/accounts/me/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/me/").status_code == 302


def test_a_wrong_password_is_refused_with_a_translated_message(client, world):
    response = client.post(
        "/accounts/login/", {"username": "bob", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_the_language_choice_is_remembered_on_the_account(client_as, world):
    client = client_as(world.bob)
    client.post("/accounts/language/", {"language": "he", "next": "/"})
    world.bob.refresh_from_db()
    assert world.bob.language == "he"
    fresh = client_as(world.bob)  # a new browser: no cookie, the account's choice applies
    page = fresh.get("/directory/").content.decode()
    assert 'lang="he" dir="rtl"' in page


def test_a_token_is_stored_hashed_and_authenticates_api_calls(client_as, world):
    client = client_as(world.alice)
    page = client.post("/accounts/tokens/", {"name": "sync script"}).content.decode()
    token = ApiToken.objects.get(user=world.alice)
    key = page.split('id="new-token">')[1].split("<")[0]
    assert key.startswith("ih_") and token.key_hash != key and key not in token.key_hint
    from django.test import Client

    me = Client(headers={"Authorization": f"Bearer {key}"}).get("/api/v1/accounts/me").json()
    assert me["username"] == "alice" and me["staff_hubs"] == [world.hub_a.pk]


def test_a_revoked_or_wrong_token_gets_401(client_as, world, api_as):
    from django.test import Client

    assert (
        Client(headers={"Authorization": "Bearer ih_wrong"}).get("/api/v1/accounts/me").status_code
        == 401
    )
    assert (
        Client(headers={"Authorization": "Bearer ih_wrong"}).get("/api/v1/network/hubs").status_code
        == 401
    )
    client = api_as(world.alice)
    token = ApiToken.objects.get(user=world.alice)
    assert client.get("/api/v1/accounts/me").status_code == 200
    client_as(world.alice).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert client.get("/api/v1/accounts/me").status_code == 401


def test_createadmin_makes_a_network_admin(capsys):
    from django.core.management import call_command

    from innohub.accounts.access import user_is_network_admin
    from innohub.accounts.models import User

    call_command("createadmin", "--username", "root", "--password", "s3cret-Passw0rd")
    user = User.objects.get(username="root")
    assert user.check_password("s3cret-Passw0rd") and user_is_network_admin(user)
