"""Repeated wrong passwords lock the account out for that address; the right one then fails too."""

import pytest

from innohub.common.testing import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, address="203.0.113.7"):
    return client.post(
        "/accounts/login/",
        {"username": "bob", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_five_wrong_passwords_lock_the_account_for_that_address(client, world):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Try again in 15 minutes" in locked.content.decode()
    # Even the right password is refused while locked…
    assert attempt(client, PASSWORD).status_code == 429
    # …but only from that address.
    assert attempt(client, PASSWORD, address="198.51.100.9").status_code == 302


def test_the_lockout_page_is_translated(client, world):
    for _ in range(5):
        response = client.post(
            "/accounts/login/",
            {"username": "bob", "password": "x"},
            REMOTE_ADDR="203.0.113.8",
            HTTP_ACCEPT_LANGUAGE="he",
        )
    assert response.status_code == 429 and 'dir="rtl"' in response.content.decode()
    assert "נעול" in response.content.decode()


def test_a_successful_sign_in_resets_the_count(client, world):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
