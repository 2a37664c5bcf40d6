"""Health probes: /healthz never touches the database, /readyz only passes when migrated."""

import json
import os
import subprocess
import sys

import pytest


def test_healthz_answers_without_the_database(client):
    # No db fixture: pytest-django makes any database access here raise.
    response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_answers_when_the_database_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True}


def test_readyz_refuses_an_unmigrated_database(tmp_path):
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz', HTTP_HOST='127.0.0.1');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "INNOHUB_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "innohub.config.settings.base",
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["status"] == 503
    assert "migrations pending" in result["body"]["reason"]


def test_ping_is_constant_and_needs_no_database(client):
    assert client.get("/ping").content == b"pong"
