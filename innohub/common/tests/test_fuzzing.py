"""Fuzzing of every parser and validator: any input gives a result or the documented error.

Example counts come from the hypothesis profile (conftest.py: "ci" by default, 60 examples per
test; `HYPOTHESIS_PROFILE=long` for 2,000): the suite stays fast and a longer run is one
variable away.
"""

from __future__ import annotations

import csv
import io
import string
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import icalendar
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from innohub.common.identifiers import (
    IdentifierError,
    validate_il_company_number,
    validate_uscc,
)
from innohub.common.imports import ImportContext, ImportFileError, build_preview, spec_for
from innohub.events import slots as slot_finder
from innohub.ip import deadlines as engine
from innohub.ip import numbers
from innohub.servicedesk import working_time

DB = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text that looks like what people paste: digits of several scripts, full-width forms, CJK,
# Hebrew, separators, control characters and emoji, next to anything at all.
FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
LOOKALIKES = "0123456789XxYyZz.-/ _，。、第类ZLCNPCT" + FULL_WIDTH + "٠١٢٣٤٥٦٧٨٩²³¹⁰"
messy_text = st.one_of(
    st.text(alphabet=LOOKALIKES, max_size=24),
    st.text(max_size=24),
    st.text(alphabet=string.digits, min_size=1, max_size=20),
)
# Titles of records: newlines, commas, semicolons, backslashes, RTL text and emoji are all
# ordinary in a multilingual hub and must survive an iCalendar round trip.
titles = (
    st.lists(
        st.one_of(
            st.sampled_from([*list("\n\r,;:\\\"'<>&"), "שלום", "创新", "🚀", "\u200f", "\u202e"]),
            st.characters(blacklist_categories=("Cs", "Cc")),
        ),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda t: t.strip())
)


# ---------------------------------------------------------------- identifiers and IP numbers

VALIDATORS = [
    validate_uscc,
    validate_il_company_number,
    numbers.validate_cn_patent_application,
    numbers.validate_software_registration,
    numbers.validate_trademark_number,
    numbers.validate_pct_number,
    numbers.validate_il_patent_number,
    numbers.validate_similar_groups,
]


@pytest.mark.parametrize("validate", VALIDATORS, ids=lambda f: f.__name__)
@given(text=messy_text)
def test_identifier_validators_accept_or_raise_identifier_error_only(validate, text):
    try:
        clean = validate(text)
    except IdentifierError as error:
        assert str(error)
    else:
        # What a validator returns is its own canonical form: validating it changes nothing.
        assert validate(clean) == clean


@given(text=messy_text, kind=st.sampled_from([None, "invention", "utility", "design"]))
def test_patent_numbers_of_a_kind_give_the_kind_or_identifier_error(text, kind):
    try:
        clean = numbers.validate_cn_patent_application(text, kind)
    except IdentifierError:
        return
    assert numbers.validate_cn_patent_application(clean, kind) == clean


@given(text=st.one_of(messy_text, st.integers(-100, 100), st.none()))
def test_nice_classes_parse_to_sorted_classes_or_identifier_error(text):
    try:
        classes = numbers.parse_nice_classes(text)
    except IdentifierError:
        return
    assert classes == sorted(set(classes)) and all(1 <= c <= 45 for c in classes)


# ---------------------------------------------------------------- the deadline engine

any_day = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


@given(
    asset_type=st.one_of(st.sampled_from(sorted(engine.TYPES)), st.text(max_size=12)),
    filed=any_day,
    granted=any_day,
    registered=any_day,
    published=any_day,
    priority=any_day,
    renewals=st.integers(-5, 50),
    extension_days=st.integers(-10, 5000),
    status=st.sampled_from(
        ["preparation", "filed", "examination", "valid", "lapsed", "expired", "abandoned"]
    ),
)
def test_the_deadline_engine_computes_or_raises_its_engine_error(
    asset_type, filed, granted, registered, published, priority, renewals, extension_days, status
):
    facts = engine.Facts(
        asset_type,
        filed=filed,
        granted=granted,
        registered=registered,
        published=published,
        priority=priority,
        renewals=renewals,
        extension_days=extension_days,
    )
    try:
        engine.check_facts(facts)
    except engine.EngineError:
        return
    for compute in (engine.compute, lambda f: engine.compute_for_status(f, status)):
        deadlines = compute(facts)
        dues = [d.due for d in deadlines]
        assert dues == sorted(dues)


# ---------------------------------------------------------------- the slot finder

countries = st.lists(
    st.one_of(
        st.sampled_from(["CN", "IL", "DE", "US:America/New_York", "XX", "IL:Mars/Base", ""]),
        st.text(max_size=6),
    ),
    max_size=4,
)


@settings(deadline=None)
@given(
    date_from=st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    span=st.integers(-3, 40),
    minutes=st.integers(-30, 24 * 60 + 30),
    countries=countries,
    step=st.sampled_from([0, 7, 15, 30, 60, -15]),
    hours=st.lists(st.text(alphabet="CNIL=0123456789:- ", max_size=16), max_size=2),
)
def test_the_slot_finder_proposes_or_raises_its_request_error(
    date_from, span, minutes, countries, step, hours
):
    try:
        overrides = dict(slot_finder.parse_hours(text) for text in hours)
        rules = slot_finder.rules_with_hours(overrides) if overrides else None
        found = slot_finder.slots_for_remote_session(
            date_from=date_from,
            date_to=date_from + timedelta(days=span),
            minutes=minutes,
            countries=slot_finder.parse_countries(countries),
            rules=rules,
            step_minutes=step,
            limit=20,
        )
    except slot_finder.SlotRequestError:
        return
    for slot in found:
        assert slot.end - slot.start == timedelta(minutes=minutes)


# ---------------------------------------------------------------- service desk working time

aware = st.datetimes(
    min_value=datetime(2018, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
clock = st.times().map(lambda t: t.replace(microsecond=0, second=0))


@settings(deadline=None)
@given(
    start=aware,
    end=aware,
    opens=clock,
    closes=clock,
    zone=st.sampled_from(["Asia/Shanghai", "Asia/Jerusalem", "Europe/Berlin"]),
    country=st.sampled_from(["CN", "IL"]),
    hours=st.floats(min_value=0, max_value=400, allow_nan=False),
    days=st.integers(0, 60),
)
def test_working_time_adds_and_measures_for_any_desk_hours(
    start, end, opens, closes, zone, country, hours, days
):
    try:
        desk = working_time.DeskHours(zone=zone, country=country, opens=opens, closes=closes)
    except ValueError:
        assert closes <= opens  # the one documented refusal of a desk's hours
        return
    due = working_time.add_working_hours(start, hours, desk)
    assert due >= start
    assert working_time.add_working_days(start, days, desk) >= start
    measured = working_time.working_time_between(start, end, desk)
    assert measured >= timedelta(0)
    assert working_time.timeliness(due, end, end) in {None, *vars(working_time.Timeliness).values()}


# ---------------------------------------------------------------- spreadsheet imports


def _sheet_bytes(rows: list[list[object]], as_xlsx: bool) -> tuple[bytes, str]:
    if as_xlsx:
        book = Workbook()
        sheet = book.active
        for row in rows:
            # Characters a worksheet cannot hold at all are not a case of the reader.
            sheet.append(
                [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            )
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), "fuzz.xlsx"
    text = io.StringIO()
    csv.writer(text).writerows([["" if v is None else str(v) for v in row] for row in rows])
    return text.getvalue().encode("utf-8-sig"), "fuzz.csv"


cells = st.one_of(
    st.none(),
    messy_text,
    titles,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: float(d)),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.integers(1, 80000),  # Excel date serials
    st.sampled_from(["２０２０年１２月３日", "2020/12/3", "03.12.2020", "是", "否", "—"]),
)


@st.composite
def spreadsheets(draw: st.DrawFn, kind: str) -> tuple[bytes, str]:
    spec = spec_for(kind)
    columns = draw(st.lists(st.sampled_from(spec.columns), min_size=1, max_size=8, unique=True))
    headers = [draw(st.sampled_from(sorted(c.header_names()) or [c.key])) for c in columns]
    title_rows = draw(st.lists(st.lists(titles, max_size=2), max_size=2))
    body = draw(st.lists(st.lists(cells, min_size=len(headers), max_size=len(headers)), max_size=6))
    return _sheet_bytes([*title_rows, headers, *body], draw(st.booleans()))


def _preview_or_file_error(kind: str, data: bytes, name: str, world) -> None:  # type: ignore[no-untyped-def]
    try:
        preview = build_preview(
            spec_for(kind), data, name, ImportContext(user=world.alice, hub=world.hub_a)
        )
    except ImportFileError as error:
        assert str(error)
        return
    for row in preview.rows:
        assert row.outcome in {"new", "update", "unchanged", "error", "skip"}, row.outcome
        for _column, message in row.errors:
            assert str(message)


@pytest.mark.django_db
@DB
@given(sheet=spreadsheets("organisations"))
def test_an_organisation_sheet_of_random_cells_gives_row_errors_not_exceptions(world, sheet):
    _preview_or_file_error("organisations", *sheet, world)


@pytest.mark.django_db
@DB
@given(sheet=spreadsheets("ip-assets"))
def test_an_ip_sheet_of_random_cells_gives_row_errors_not_exceptions(world, sheet):
    _preview_or_file_error("ip-assets", *sheet, world)


# ---------------------------------------------------------------- iCalendar output


def _parsed(body: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(body)
    assert calendar.name == "VCALENDAR"
    return calendar


def _summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]


def _same_text(got: str, sent: str) -> bool:
    # Line breaks and runs of white space may be folded by iCalendar; every word survives.
    # U+FEFF at a value's start reads as a byte-order mark, which the icalendar parser drops.
    return got.replace("\ufeff", "").split() == sent.replace("\ufeff", "").split()


@pytest.mark.django_db
@DB
@given(title=titles, description=titles)
def test_an_event_feed_parses_back_with_any_title(world, title, description):
    from innohub.events.ical import events_feed
    from innohub.events.tests.factories import make_event

    event = make_event(world.hub_a, title={"en": title}, description={"en": description})
    body = events_feed([event], name=title, language="en", base_url="https://hub.test/")
    calendar = _parsed(body)
    (summary,) = _summaries(calendar)
    assert _same_text(summary, title)
    assert _same_text(str(calendar["X-WR-CALNAME"]), title)


@pytest.mark.django_db
@DB
@given(title=titles)
def test_the_ip_deadline_feed_parses_back_with_any_title(world, title):
    from innohub.ip.ical import calendar_for
    from innohub.ip.models import Deadline
    from innohub.ip.tests.factories import make_asset

    asset = getattr(world, "_fuzz_asset", None) or make_asset(world)
    world._fuzz_asset = asset
    asset.title = {"en": title, "zh-hans": title}
    asset.save()
    calendar = _parsed(
        calendar_for(Deadline.objects.filter(asset=asset), name=title, base_url="https://hub.test/")
    )
    assert len(list(calendar.walk("VEVENT"))) == asset.deadlines.count()
    assert all(title.strip()[:1] in s or s for s in _summaries(calendar))


@pytest.mark.django_db
@DB
@given(title=titles, room_name=titles)
def test_a_room_feed_parses_back_with_any_booking_title(world, title, room_name):
    from innohub.spaces import ical as spaces_ical
    from innohub.spaces import services as spaces_services
    from innohub.spaces.models import RoomKind

    floor = getattr(world, "_fuzz_floor", None)
    if floor is None:
        site = spaces_services.site_create(hub=world.hub_a, name={"en": "Campus"})
        building = spaces_services.building_create(site=site, code="F", name={"en": "F"})
        floor = world._fuzz_floor = spaces_services.floor_create(building=building, level=1)
    room = spaces_services.room_create(
        floor=floor,
        code=f"F-{floor.rooms.count() + 1}",
        kind=RoomKind.MEETING,
        name={"en": room_name},
        area_m2=Decimal(30),
        capacity=8,
        in_service_from=date(2020, 1, 1),
    )
    start = datetime.combine(date(2031, 3, 4), time(10), UTC)
    booking = spaces_services.booking_create(
        room=room,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        title=title[:200],
        attendance=2,
        by=world.alice,
        enforce_rules=False,
    )
    for detailed in (True, False):
        calendar = _parsed(
            spaces_ical.room_calendar(
                room=room,
                bookings=[booking],
                domain="hub.test",
                shows_details=lambda b, d=detailed: d,
            )
        )
        (summary,) = _summaries(calendar)
        assume(detailed is False or summary)
        assert _same_text(summary, title[:200]) if detailed else summary
