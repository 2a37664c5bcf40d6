"""The demo hub's events and contests follow the seed articles."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from innohub.events import contest_selectors
from innohub.events.models import Contest, Event, RegistrationStatus, Scorecard
from innohub.events.selectors import attendance_figures

pytestmark = pytest.mark.django_db

SH = ZoneInfo("Asia/Shanghai")


def event_titled(text: str) -> Event:
    return next(e for e in Event.objects.all() if text in e.title["en"])


def speakers(event: Event) -> dict[str, str]:
    return {
        str(s.display_name.in_language("en")): s.mode
        for session in event.sessions.all()
        for s in session.speakers.all()
    }


def test_the_first_anniversary_with_the_digital_innovation_conference(demo):
    event = event_titled("First anniversary")
    assert "2020 Shanghai Digital Innovation Conference" in event.title["en"]
    assert event.kind == "ceremony"
    assert event.hub.slug == "ciih-shanghai"
    assert event.starts_at.astimezone(SH).date() == date(2020, 12, 3)
    assert event.starts_at.astimezone(SH).hour < 12  # the morning
    assert "Taopu Smart City" in event.venue_address["en"]
    named = {k: v for k, v in speakers(event).items() if not k.startswith("Heads of")}
    assert named == {"Huang Wei": "in_person", "Ami Appelbaum": "remote"}
    figures = attendance_figures(event)
    assert figures.confirmed > 200
    assert 0 < figures.checked_in < figures.confirmed


def test_israel_day_at_nanjing_techweek_with_remote_israeli_speakers(demo):
    event = event_titled("Israel Day")
    assert event.kind == "forum"
    assert event.hub.slug == "jiangsu-nanjing"
    assert "Jiangning Development Zone" in event.venue_address["en"]
    assert event.date_is_approximate
    assert "approximation" in event.description["en"]
    remote = {name for name, mode in speakers(event).items() if mode == "remote"}
    assert {
        "Amir Peretz",
        "Prof. Alon Chen",
        "Prof. Arieh Warshel",
        "Prof. Dan Shechtman",
        "Prof. Ariel Porat",
        "Prof. Adi Shamir",
        "Yossi Ben Shitrit",
    } <= remote
    # Shown at 14:00 in Nanjing, 09:00 in Israel (summer time).
    assert event.starts_at.astimezone(ZoneInfo("Asia/Jerusalem")).hour == 9


def test_the_youth_coding_competition_has_published_results(demo, client):
    contest = Contest.objects.get(title__en="International Youth Coding Competition 2020")
    assert contest.event.kind == "competition"
    assert contest.results_published
    page = client.get(contest.get_absolute_url()).content.decode()
    assert 'id="results"' in page


def test_the_2020_startup_contest_has_entries_scores_and_a_resolved_tie(demo):
    contest = Contest.objects.get(title__en="China–Israel Startup Contest 2020")
    assert contest.entries.count() == 8
    assert Scorecard.objects.filter(round__contest=contest).count() > 20
    final = contest_selectors.final_round(contest)
    rows = contest_selectors.round_ranking(final)
    assert [r.entry.title["en"] for r in rows[:2]] == ["NeuroGrip", "AquaSense"]
    assert rows[0].result.total == rows[1].result.total
    assert rows[1].result.tie_break == "criterion"
    assert contest.results_published
    assert all(contest.results_announcement.get(code) for code in ("en", "zh-hans", "he"))


def test_a_contest_is_being_judged_with_a_declared_conflict(demo, client_as):
    judge = demo.users["judge"]
    contest = next(c for c in Contest.objects.all() if c.rounds.filter(status="open").exists())
    conflict = contest.conflicts.get(judge=judge)
    tasks = contest_selectors.judge_tasks(user=judge, contest=contest)
    assert conflict.entry_id not in {t.entry.pk for t in tasks}
    assert any(not t.complete for t in tasks) and any(t.complete for t in tasks)
    assert client_as(judge).get(f"/events/contests/entries/{conflict.entry_id}/").status_code == 403


def test_upcoming_events_include_a_full_workshop_with_a_waiting_list(demo):
    workshop = event_titled("Entering the Chinese market")
    figures = attendance_figures(workshop)
    assert figures.confirmed == workshop.capacity
    assert figures.waitlisted > 0
    roadshow = event_titled("medical technology roadshow")
    assert roadshow.accepts_registrations()
    assert (
        roadshow.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        < roadshow.capacity
    )
    # Chosen by the slot finder: inside both working days.
    local = roadshow.starts_at.astimezone(SH)
    assert 13 <= local.hour <= 17
