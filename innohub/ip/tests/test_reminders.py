"""Reminders: lead times, recipients, languages, and never twice (even from two servers)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from innohub.accounts.models import RoleKind
from innohub.common.testing import grant, make_user
from innohub.ip import services
from innohub.ip.models import Reminder
from innohub.ip.reminders import lead_for, reminders_send
from innohub.ip.tests.factories import make_asset

pytestmark = pytest.mark.django_db

# Year-5 fee of the factory patent: due Tuesday 2024-12-03, grace to 2025-06-03.
DUE = date(2024, 12, 3)


def fee(asset, sequence=5):
    return asset.deadlines.get(kind="annual-fee", sequence=sequence)


def test_the_nearest_lead_time_reached_is_the_one_sent(world):
    deadline = fee(make_asset(world))
    leads = [90, 30, 7]
    assert lead_for(deadline, DUE - timedelta(days=91), leads) is None
    assert lead_for(deadline, DUE - timedelta(days=90), leads) == 90
    assert lead_for(deadline, DUE - timedelta(days=29), leads) == 30
    assert lead_for(deadline, DUE - timedelta(days=3), leads) == 7
    assert lead_for(deadline, DUE, leads) == 7
    assert lead_for(deadline, DUE + timedelta(days=1), leads) == 0  # in grace
    assert lead_for(deadline, date(2025, 6, 4), leads) is None  # grace over


def test_owners_and_the_hubs_ip_officer_are_reminded_in_their_own_language(world):
    asset = make_asset(world, tracked_since=date(2024, 6, 1))
    world.bob.language = "zh-hans"
    world.bob.save()
    result = reminders_send(today=DUE - timedelta(days=30))
    assert result.created == 2 and result.emailed == 2
    recipients = {tuple(m.to) for m in mail.outbox}
    assert recipients == {("bob@example.test",), ("erin@example.test",)}
    to_bob = next(m for m in mail.outbox if m.to == ["bob@example.test"])
    assert "年费" in to_bob.body and "2024年12月3日" in to_bob.body
    to_erin = next(m for m in mail.outbox if m.to == ["erin@example.test"])
    assert "Annual fee" in to_erin.body and str(asset.display_number) in to_erin.body
    # Nobody else: not the staff of hub B, not another member.
    assert Reminder.objects.exclude(user__in=[world.bob, world.erin]).count() == 0


def test_running_again_sends_nothing_new_and_the_next_lead_time_sends_once(world):
    make_asset(world, tracked_since=date(2024, 6, 1))
    day = DUE - timedelta(days=30)
    reminders_send(today=day)
    sent = len(mail.outbox)
    assert reminders_send(today=day).created == 0
    assert reminders_send(today=day + timedelta(days=1)).created == 0
    assert len(mail.outbox) == sent
    assert reminders_send(today=DUE - timedelta(days=7)).created == 2
    assert set(Reminder.objects.values_list("lead_days", flat=True)) == {30, 7}


def test_a_paid_fee_is_not_reminded_and_grace_gets_one_last_reminder(world):
    asset = make_asset(world, tracked_since=date(2024, 6, 1))
    services.deadline_complete(deadline=fee(asset, 4), by=world.bob, on=date(2023, 12, 1))
    reminders_send(today=date(2024, 12, 10))
    leads = set(Reminder.objects.values_list("deadline__sequence", "lead_days"))
    assert leads == {(5, 0)}
    assert "grace period" in mail.outbox[0].body


def test_a_hub_without_an_ip_officer_reminds_its_staff(world):
    from innohub.accounts.services import role_revoke

    role_revoke(user=world.erin, kind=RoleKind.IP_OFFICER, hub=world.hub_a)
    make_asset(world, tracked_since=date(2024, 6, 1))
    reminders_send(today=DUE - timedelta(days=7))
    assert set(Reminder.objects.values_list("user__username", flat=True)) == {"bob", "alice"}


def test_reminders_appear_on_the_dashboard_until_dismissed(client_as, world):
    make_asset(world, tracked_since=date(2024, 6, 1))
    reminders_send(today=DUE - timedelta(days=7))
    client = client_as(world.bob)
    page = client.get("/ip/my/")
    reminders = page.context["reminders"]
    assert len(reminders) == 1
    assert (
        client_as(world.erin).post(f"/ip/reminders/{reminders[0].pk}/dismiss/").status_code == 404
    )
    client.post(f"/ip/reminders/{reminders[0].pk}/dismiss/")
    assert client.get("/ip/my/").context["reminders"] == []


def test_a_failed_email_is_retried_later_and_only_once(world, settings, monkeypatch):
    make_asset(world, tracked_since=date(2024, 6, 1))
    from innohub.ip import reminders as module

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(module.EmailMultiAlternatives, "send", broken)
    result = reminders_send(today=DUE - timedelta(days=7))
    assert result.created == 2 and result.emailed == 0
    monkeypatch.undo()
    # An hour later the claims are stale: the next run sends them, the one after does not.
    Reminder.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert reminders_send(today=DUE - timedelta(days=7)).retried == 2
    assert len(mail.outbox) == 2
    assert reminders_send(today=DUE - timedelta(days=7)).retried == 0
    assert len(mail.outbox) == 2


def test_the_command_reports_what_it_did(world, capsys):
    make_asset(world, tracked_since=date(2024, 6, 1))
    call_command("remind", "--today", "2024-11-26")
    assert "2 new, 2 e-mailed" in capsys.readouterr().out
    call_command("remind", "--today", "2024-11-26", "--dry-run")
    assert "0 new" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_servers_running_remind_at_the_same_moment_send_each_reminder_once(world):
    asset = make_asset(world, tracked_since=date(2024, 6, 1))
    for n in range(5):
        grant(make_user(f"rep{n}"), RoleKind.MEMBER, organisation=world.org_a)
    make_asset(
        world, number="202110000001.6", filed_on=date(2021, 11, 29), granted_on=date(2023, 1, 5)
    )
    assert asset.pk
    barrier = threading.Barrier(2)
    results = []
    errors = []

    def run():
        try:
            barrier.wait()
            results.append(reminders_send(today=date(2024, 11, 26)))
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    total = Reminder.objects.count()
    assert sum(r.created for r in results) == total
    sent = [
        (tuple(m.to), line) for m in mail.outbox for line in m.body.splitlines() if "due on" in line
    ]
    assert len(sent) == len(set(sent)) == total
