"""Times shown in the viewer's zone and side by side in Shanghai and Jerusalem, across Israel's
clock changes (summer time 2025: from Friday 28 March 02:00 to Sunday 26 October 02:00)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from innohub.events.tests.factories import make_event
from innohub.events.times import resolve_viewer_zone, utc_offset_label, zoned_spans


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def clock(span) -> str:
    return f"{span.start:%Y-%m-%d %H:%M}–{span.end:%H:%M} {span.offset}"


def test_the_viewer_comes_first_then_shanghai_and_jerusalem():
    spans = zoned_spans(utc(2025, 3, 27, 7), utc(2025, 3, 27, 10), viewer_zone="Europe/Berlin")
    assert [s.zone for s in spans] == ["Europe/Berlin", "Asia/Shanghai", "Asia/Jerusalem"]
    assert [s.is_viewer for s in spans] == [True, False, False]
    assert [clock(s) for s in spans] == [
        "2025-03-27 08:00–11:00 UTC+1",
        "2025-03-27 15:00–18:00 UTC+8",
        "2025-03-27 09:00–12:00 UTC+2",
    ]


def test_a_viewer_in_shanghai_sees_two_rows():
    spans = zoned_spans(utc(2025, 3, 27, 7), utc(2025, 3, 27, 8), viewer_zone="Asia/Shanghai")
    assert [s.zone for s in spans] == ["Asia/Shanghai", "Asia/Jerusalem"]
    assert spans[0].is_viewer and spans[0].is_reference


@pytest.mark.parametrize(
    ("start", "jerusalem", "offset"),
    [
        (utc(2025, 3, 27, 7), "09:00", "UTC+2"),  # Thursday: still winter time
        (utc(2025, 3, 28, 7), "10:00", "UTC+3"),  # Friday: summer time from 02:00
        (utc(2025, 10, 23, 7), "10:00", "UTC+3"),  # the last Thursday of summer time
        (utc(2025, 10, 26, 7), "09:00", "UTC+2"),  # Sunday: winter time again from 02:00
        (utc(2026, 3, 26, 7), "09:00", "UTC+2"),
        (utc(2026, 3, 27, 7), "10:00", "UTC+3"),  # 2026: the Friday before 29 March
    ],
)
def test_jerusalem_follows_israeli_summer_time_while_shanghai_stays(start, jerusalem, offset):
    shanghai, israel = zoned_spans(start, start + timedelta(hours=1), viewer_zone="Asia/Shanghai")
    assert f"{shanghai.start:%H:%M}" == "15:00"
    assert shanghai.offset == "UTC+8"
    assert f"{israel.start:%H:%M}" == jerusalem
    assert israel.offset == offset


def test_a_span_across_the_spring_change_loses_an_hour_on_the_wall_clock():
    # 22:00–01:00 UTC on the night of 27–28 March 2025: three real hours, 00:00–04:00 in
    # Jerusalem because 02:00 became 03:00.
    spans = zoned_spans(utc(2025, 3, 27, 22), utc(2025, 3, 28, 1), viewer_zone="Asia/Jerusalem")
    jerusalem = spans[0]
    assert f"{jerusalem.start:%H:%M}" == "00:00"
    assert f"{jerusalem.end:%H:%M}" == "04:00"
    assert jerusalem.start.utcoffset() == timedelta(hours=2)
    assert jerusalem.end.utcoffset() == timedelta(hours=3)


def test_a_viewer_far_west_sees_the_previous_day():
    spans = zoned_spans(utc(2025, 3, 27, 1), utc(2025, 3, 27, 3), viewer_zone="America/New_York")
    assert f"{spans[0].start:%Y-%m-%d %H:%M}" == "2025-03-26 21:00"
    assert spans[0].offset == "UTC−4"
    assert f"{spans[1].start:%Y-%m-%d %H:%M}" == "2025-03-27 09:00"


def test_offsets_are_written_the_usual_way():
    india = zoned_spans(utc(2025, 1, 1), utc(2025, 1, 1, 1), viewer_zone="Asia/Kolkata")[0]
    assert utc_offset_label(india.start) == "UTC+5:30"
    assert utc_offset_label(utc(2025, 1, 1)) == "UTC"


def test_the_viewer_zone_is_the_first_valid_choice():
    assert resolve_viewer_zone("Mars/Base", "", "Europe/Paris") == "Europe/Paris"
    assert resolve_viewer_zone(None, fallback="Asia/Jerusalem") == "Asia/Jerusalem"


def rows(html: str) -> list[str]:
    """Zone, offset and clock of each row of the page's times table, as text."""
    found = []
    for zone, body in re.findall(r'<tr data-zone="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        text = re.sub(r"<[^>]+>", " ", body)
        found.append(zone + " " + " ".join(text.split()))
    return found


@pytest.mark.django_db
def test_the_event_page_shows_the_chosen_zone_and_both_reference_zones(world, client):
    before = make_event(world.hub_a, starts_at=utc(2025, 3, 27, 7), ends_at=utc(2025, 3, 27, 10))
    after = make_event(world.hub_a, starts_at=utc(2025, 3, 30, 7), ends_at=utc(2025, 3, 30, 10))
    page = client.get(before.get_absolute_url() + "?tz=Europe/Berlin").content.decode()
    assert rows(page) == [
        "Europe/Berlin Europe/Berlin your time UTC+1 Thursday, March 27, 2025 08:00–11:00",
        "Asia/Shanghai Shanghai UTC+8 Thursday, March 27, 2025 15:00–18:00",
        "Asia/Jerusalem Jerusalem UTC+2 Thursday, March 27, 2025 09:00–12:00",
    ]
    page = client.get(after.get_absolute_url() + "?tz=Europe/Berlin").content.decode()
    assert rows(page)[1:] == [
        "Asia/Shanghai Shanghai UTC+8 Sunday, March 30, 2025 15:00–18:00",
        "Asia/Jerusalem Jerusalem UTC+3 Sunday, March 30, 2025 10:00–13:00",
    ]


@pytest.mark.django_db
def test_the_zone_comes_from_the_profile_then_the_browser_then_the_event(world, client_as):
    event = make_event(world.hub_a, starts_at=utc(2025, 3, 27, 7), ends_at=utc(2025, 3, 27, 10))
    world.mallory.time_zone = "Asia/Tokyo"
    world.mallory.save()
    assert rows(client_as(world.mallory).get(event.get_absolute_url()).content.decode())[
        0
    ].startswith("Asia/Tokyo")
    visitor = client_as(None)
    visitor.cookies["innohub_tz"] = "Europe/London"
    assert rows(visitor.get(event.get_absolute_url()).content.decode())[0].startswith(
        "Europe/London"
    )
    visitor.cookies["innohub_tz"] = "Nowhere/Special"
    first = rows(visitor.get(event.get_absolute_url()).content.decode())[0]
    assert first.startswith("Asia/Shanghai Shanghai your time")  # the event's own zone


@pytest.mark.django_db
def test_the_programme_shows_each_session_in_both_zones(world, client):
    from innohub.events import services

    event = make_event(world.hub_a, starts_at=utc(2025, 10, 23, 6), ends_at=utc(2025, 10, 23, 9))
    services.session_create(
        event=event,
        by=None,
        title={"en": "Remote keynote"},
        starts_at=utc(2025, 10, 23, 7),
        ends_at=utc(2025, 10, 23, 7, 30),
        speakers=[{"guest_name": {"en": "Dr. Remote"}, "mode": "remote"}],
    )
    page = client.get(event.get_absolute_url()).content.decode()
    session = page[page.index("Remote keynote") :]
    text = " ".join(re.sub(r"<[^>]+>", " ", session[:3000]).split())
    assert "15:00–15:30 Shanghai" in text
    assert "10:00–10:30 Jerusalem" in text
    assert "Remote" in text
