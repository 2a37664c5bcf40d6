"""While the database is unreachable, pages and the API answer a clean, translated 503."""

import pytest
from django.db import connections
from django.test import Client


@pytest.fixture
def database_away(transactional_db):  # type: ignore[no-untyped-def]
    """Point the connection at a database that does not exist, for real, then back."""
    connection = connections["default"]
    connection.close()
    saved = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-innohub-dir/db.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"  # nothing listens there: connection refused
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "cannot reach its database"), ("zh-hans", "数据库"), ("he", "מסד הנתונים")],
)
def test_a_page_answers_a_translated_503_while_the_database_is_away(database_away, language, text):
    client = Client(raise_request_exception=False, headers={"accept-language": language})
    response = client.get("/directory/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert text in body and "Traceback" not in body


def test_the_api_answers_a_json_503_while_the_database_is_away(database_away):
    response = Client(raise_request_exception=False).get("/api/v1/directory/organisations")
    assert response.status_code == 503
    assert "database" in response.json()["detail"]


def test_a_programming_error_is_still_a_500(db, settings):
    settings.ROOT_URLCONF = "innohub.common.tests.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500 and "Retry-After" not in response
