"""Project-wide guarantees: translations complete, deploy checks clean, the CLI works."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command


def test_every_catalogue_is_complete_and_compiled():
    call_command("translations", "--check")


def test_hebrew_pages_are_right_to_left_and_chinese_left_to_right(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="he").content.decode()
    assert '<html lang="he" dir="rtl">' in page and "bootstrap.rtl.min.css" in page
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<html lang="zh-hans" dir="ltr">' in page


def test_production_settings_pass_the_deploy_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "innohub.config.settings.production",
        "INNOHUB_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 64 + "-production-like-secret",
        "ALLOWED_HOSTS": "innohub.example.org",
    }
    env.pop("DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "innohub.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("argv", [["--data-dir", "X", "check"], ["check", "--data-dir=X"]])
def test_the_data_directory_can_be_given_to_any_command(tmp_path, argv):
    argv = [
        str(tmp_path / "d") if a == "X" else a.replace("=X", f"={tmp_path / 'd'}") for a in argv
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("INNOHUB_DATA_DIR", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [sys.executable, "-m", "innohub.cli", *argv], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d" / "secret_key").exists()
