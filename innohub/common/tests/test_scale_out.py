"""Pieces that let several app servers share one deployment: locks, replicas, storage."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import RequestFactory, override_settings

from innohub.common.locks import exclusive, lock_key
from innohub.common.replicas import PIN_COOKIE, PrimaryAfterWriteMiddleware, ReplicaRouter


def _held_elsewhere(name: str) -> bool:
    """Whether another connection (another node) finds the lock taken."""
    result = {}

    def other_node() -> None:
        try:
            with exclusive(name) as mine:
                result["mine"] = mine
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_node)
    thread.start()
    thread.join()
    return not result["mine"]


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_node_at_a_time_run_scheduled_work():
    with exclusive("remind") as mine:
        assert mine
        assert _held_elsewhere("remind")
        assert not _held_elsewhere("lease_reminders")
    assert not _held_elsewhere("remind")


@pytest.mark.django_db(transaction=True)
def test_it_skips_remind_while_another_node_runs_it():
    from django.core.management import call_command

    from innohub.ip.models import Reminder

    result: dict[str, str] = {}

    def other_node() -> None:
        import io

        out = io.StringIO()
        try:
            call_command("remind", stdout=out)
        finally:
            connections.close_all()
        result["out"] = out.getvalue()

    with exclusive("remind"):
        thread = threading.Thread(target=other_node)
        thread.start()
        thread.join()
    assert "skipped" in result["out"]
    assert not Reminder.objects.exists()


def test_it_gives_each_lock_its_own_stable_key():
    assert lock_key("remind") == lock_key("remind")
    assert lock_key("remind") != lock_key("reindex")
    assert -(2**63) <= lock_key("remind") < 2**63


@pytest.mark.django_db
@override_settings(INNOHUB_READ_REPLICAS=["replica1"])
def test_it_reads_from_a_replica_and_writes_to_the_primary():
    router = ReplicaRouter()
    # pytest-django runs this test inside a transaction: reads inside one stay on the primary.
    assert connection.in_atomic_block
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "spaces")
    assert not router.allow_migrate("replica1", "spaces")


@override_settings(INNOHUB_READ_REPLICAS=["replica1"])
def test_it_sends_reads_outside_transactions_to_a_replica():
    assert not connection.in_atomic_block
    assert ReplicaRouter().db_for_read(None) == "replica1"


@override_settings(INNOHUB_READ_REPLICAS=["replica1"], INNOHUB_REPLICA_PIN_SECONDS=10)
def test_it_reads_from_the_primary_during_and_just_after_a_write():
    seen = {}

    def view(request):  # type: ignore[no-untyped-def]
        from django.http import HttpResponse

        seen[request.method + str(bool(request.COOKIES))] = ReplicaRouter().db_for_read(None)
        return HttpResponse("ok")

    middleware = PrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    response = middleware(factory.post("/spaces/bookings/"))
    assert seen["POSTFalse"] == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    follow_up = factory.get("/spaces/bookings/")
    follow_up.COOKIES[PIN_COOKIE] = "1"
    middleware(follow_up)
    assert seen["GETTrue"] == "default"
    middleware(factory.get("/spaces/bookings/"))
    assert seen["GETFalse"] == "replica1"


def test_it_keeps_everything_on_the_primary_without_replicas():
    assert ReplicaRouter().db_for_read(None) == "default"


def test_it_takes_the_upload_storage_from_the_environment(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "INNOHUB_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "STORAGE_BACKEND": "django.core.files.storage.FileSystemStorage",
        "STORAGE_OPTIONS": json.dumps({"location": str(tmp_path / "shared"), "base_url": "/m/"}),
    }
    script = (
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage;"
        "print(default_storage.save('documents/a.txt', ContentFile(b'hello')))"
    )
    for settings_module in ("base", "production"):
        env["DJANGO_SETTINGS_MODULE"] = f"innohub.config.settings.{settings_module}"
        subprocess.run(
            [sys.executable, "-m", "innohub.cli", "shell", "-c", script],
            env=env,
            check=True,
            capture_output=True,
        )
        assert (tmp_path / "shared" / "documents" / "a.txt").read_bytes() == b"hello"
        (tmp_path / "shared" / "documents" / "a.txt").unlink()


@pytest.mark.django_db
def test_the_database_cache_keeps_every_hub_of_a_national_network(settings):
    """Without Redis the shared cache is the database's; it must hold 500 hubs' dashboard
    figures (in three languages' reports besides) without culling them as they are stored."""
    from django.core.cache import caches
    from django.core.management import call_command

    from innohub.config.settings import base

    settings.CACHES = {"default": base.DATABASE_CACHE}
    call_command("createcachetable", verbosity=0)
    cache = caches["default"]
    keys = [f"reports:hub:{n}" for n in range(2_000)]
    cache.set_many(dict.fromkeys(keys, "figures"), 300)
    assert len(cache.get_many(keys)) == len(keys)
