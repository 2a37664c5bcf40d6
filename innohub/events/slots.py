"""Proposes meeting times inside the working hours of every participating country, best first.

A pure module (no database): `slots_for_remote_session` takes a date range, a duration and the
participants' countries and returns candidate slots ranked by how comfortable they are for the
side that is worst off. Each country's rules are the constants below; a caller may pass its own.

How a day counts, per country (in that country's own time zone):
- A working day of `innohub.common.calendars` (China: Monday–Friday plus the announced make-up
  days, minus public holidays; Israel: Sunday–Thursday minus public holidays) has the country's
  normal working hours.
- A "short day" has only the morning: in Israel every Friday that is not a holiday (offices that
  open on Friday close around midday, before Shabbat begins at sunset) and the eve of a public
  holiday (holiday eves are short days but `holidays` does not list them). Its comfort is scaled
  down by `short_day_factor`.
- Any other day (weekend, public holiday) has no working hours at all.

Comfort: within working hours each country has bands of comfort between 0 and 1 (the lunch break
in China, the first and last hour of the day are less welcome). A slot's comfort for a country
is the time-weighted mean over the slot, times the day's factor; the slot's score is the lowest
of the participants' comforts (the side that is worst off decides), rounded to 3 decimals.
Ties go to the higher mean comfort, then to the earlier start.

Dates in the range are read in the time zone of the first country given (Asia/Shanghai for
"CN,IL"). Slots start on the hour and half hour (UTC), every `SLOT_STEP_MINUTES`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from innohub.common import calendars

SHANGHAI = "Asia/Shanghai"
JERUSALEM = "Asia/Jerusalem"
# The two zones every time is also shown in, whoever looks at it.
REFERENCE_ZONES: tuple[str, ...] = (SHANGHAI, JERUSALEM)

SLOT_STEP_MINUTES = 30
MAX_RANGE_DAYS = 366
MIN_DURATION_MINUTES = 15
MAX_DURATION_MINUTES = 10 * 60
# Far enough for any plan; the calendars and zone conversions are not meant for year 1 or 9999.
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


class SlotRequestError(ValueError):
    """The request cannot be answered as asked (bad range, duration or country)."""


@dataclass(frozen=True)
class ComfortBand:
    """Local clock times [start, end) and how welcome a meeting is then (0–1)."""

    start: time
    end: time
    comfort: float


@dataclass(frozen=True)
class WorkingRules:
    """When one country works and how comfortable each hour of its working day is."""

    country: str
    zone: str
    hours: tuple[time, time]
    bands: tuple[ComfortBand, ...]
    short_weekdays: frozenset[int] = frozenset()  # Monday = 0; worked in the morning only
    short_day_hours: tuple[time, time] | None = None
    short_day_factor: float = 1.0
    holiday_eves_are_short: bool = False

    def comfort_at(self, minute_of_day: int) -> float:
        for band in self.bands:
            if _minutes(band.start) <= minute_of_day < _minutes(band.end):
                return band.comfort
        return DEFAULT_COMFORT


# Inside working hours but in no band (only for rules a caller builds with gaps).
DEFAULT_COMFORT = 0.8

# China: 09:00–18:00 Asia/Shanghai; the lunch break (午休, 12:00–13:30) is kept free where
# possible; the first and last hour are less welcome than the core of the day.
CHINA_RULES = WorkingRules(
    country=calendars.CHINA,
    zone=SHANGHAI,
    hours=(time(9), time(18)),
    bands=(
        ComfortBand(time(9), time(10), 0.8),
        ComfortBand(time(10), time(12), 1.0),
        ComfortBand(time(12), time(13, 30), 0.4),
        ComfortBand(time(13, 30), time(17), 1.0),
        ComfortBand(time(17), time(18), 0.7),
    ),
)

# Israel: 08:00–18:00 Asia/Jerusalem, Sunday–Thursday; Friday and holiday eves 08:00–13:00
# at half the comfort (Shabbat and holidays begin at sunset); Saturday never.
ISRAEL_RULES = WorkingRules(
    country=calendars.ISRAEL,
    zone=JERUSALEM,
    hours=(time(8), time(18)),
    bands=(
        ComfortBand(time(8), time(9), 0.6),
        ComfortBand(time(9), time(16), 1.0),
        ComfortBand(time(16), time(17), 0.8),
        ComfortBand(time(17), time(18), 0.6),
    ),
    short_weekdays=frozenset({4}),
    short_day_hours=(time(8), time(13)),
    short_day_factor=0.5,
    holiday_eves_are_short=True,
)

# Any other country: its own weekend and public holidays, 09:00–18:00 with softer edges.
GENERIC_BANDS = (
    ComfortBand(time(9), time(10), 0.8),
    ComfortBand(time(10), time(17), 1.0),
    ComfortBand(time(17), time(18), 0.7),
)

DEFAULT_RULES: Mapping[str, WorkingRules] = {
    calendars.CHINA: CHINA_RULES,
    calendars.ISRAEL: ISRAEL_RULES,
}


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime
    score: float
    comfort: Mapping[str, float]  # country → comfort of that side
    local: Mapping[str, datetime]  # zone → start in that zone
    provisional: bool = False  # falls in a year whose Chinese schedule is not yet published

    def as_json(self) -> dict[str, object]:
        """The shape `innohub slots --json` prints and the API returns."""
        return {
            "start": iso_utc(self.start),
            "end": iso_utc(self.end),
            "local": {zone: moment.isoformat() for zone, moment in self.local.items()},
            "score": self.score,
        }


@dataclass(frozen=True)
class _Day:
    opens: int  # minutes after local midnight
    closes: int
    factor: float


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """Country code → the IANA zones that belong to it (tzdata's zone1970 table).

    A zone shared by several countries belongs to the one listed first (Europe/Zurich to CH,
    not DE), so Germany has one zone and the United States many.
    """
    import tzdata

    found: dict[str, list[str]] = {}
    table = Path(tzdata.__file__).parent / "zoneinfo" / "zone1970.tab"
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        found.setdefault(parts[0].split(",")[0], []).append(parts[2])
    return {country: tuple(zones) for country, zones in found.items()}


def rules_for(spec: str, overrides: Mapping[str, WorkingRules] | None = None) -> WorkingRules:
    """Rules for "CN", "IL", another country ("DE"), or one with a zone ("US:America/Chicago")."""
    code, _sep, zone = spec.strip().partition(":")
    code = code.strip().upper()
    zone = zone.strip()
    known = {**DEFAULT_RULES, **(overrides or {})}
    if code in known:
        rules = known[code]
        if zone and zone != rules.zone:
            _check_zone(zone)
            rules = replace(rules, zone=zone)
        return rules
    try:
        calendars.calendar(code)
    except ValueError:
        raise SlotRequestError(
            _("No working-day calendar is known for the country “%(code)s”.") % {"code": code}
        ) from None
    if not zone:
        zones = _zones_by_country().get(code, ())
        if len(zones) != 1:
            example = f"{code}:{zones[0] if zones else 'Area/City'}"
            raise SlotRequestError(
                _("The country %(code)s has several time zones; name one, e.g. %(example)s.")
                % {"code": code, "example": example}
            )
        zone = zones[0]
    _check_zone(zone)
    return WorkingRules(country=code, zone=zone, hours=(time(9), time(18)), bands=GENERIC_BANDS)


def _check_zone(zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SlotRequestError(_("“%(zone)s” is not a known time zone.") % {"zone": zone}) from None


def working_window(rules: WorkingRules, day: date) -> tuple[time, time, float] | None:
    """The hours a country works on a local date and the comfort factor, None on a day off."""
    found = _working_window(rules, day)
    if found is None:
        return None
    return (
        time(found.opens // 60, found.opens % 60),
        time(found.closes // 60, found.closes % 60),
        found.factor,
    )


def _is_holiday(rules: WorkingRules, day: date) -> bool:
    return calendars.holiday_name(day, rules.country) is not None


def _working_window(rules: WorkingRules, day: date) -> _Day | None:
    short = _Day(
        _minutes(rules.short_day_hours[0]) if rules.short_day_hours else 0,
        _minutes(rules.short_day_hours[1]) if rules.short_day_hours else 0,
        rules.short_day_factor,
    )
    if calendars.is_working_day(day, rules.country):
        tomorrow = day + timedelta(days=1)
        if (
            rules.holiday_eves_are_short
            and rules.short_day_hours
            and _is_holiday(rules, tomorrow)
            and not _is_holiday(rules, day)
        ):
            return short
        return _Day(_minutes(rules.hours[0]), _minutes(rules.hours[1]), 1.0)
    if (
        rules.short_day_hours
        and day.weekday() in rules.short_weekdays
        and not _is_holiday(rules, day)
    ):
        return short
    return None


def _comfort(rules: WorkingRules, start_minute: int, duration: int, factor: float) -> float:
    """Time-weighted mean comfort over [start, start + duration) local minutes, times factor."""
    total = 0.0
    edges = sorted(
        {start_minute, start_minute + duration}
        | {
            m
            for band in rules.bands
            for m in (_minutes(band.start), _minutes(band.end))
            if start_minute < m < start_minute + duration
        }
    )
    for left, right in itertools.pairwise(edges):
        total += rules.comfort_at(left) * (right - left)
    return total / duration * factor


def _fit(
    rules: WorkingRules,
    start: datetime,
    end: datetime,
    window_cache: dict[tuple[str, date], _Day | None],
) -> float | None:
    """The country's comfort for the slot, None when the slot leaves its working hours."""
    local_start = start.astimezone(ZoneInfo(rules.zone))
    day = local_start.date()
    key = (rules.country + rules.zone, day)
    if key not in window_cache:
        window_cache[key] = _working_window(rules, day)
    window = window_cache[key]
    if window is None:
        return None
    begins = local_start.hour * 60 + local_start.minute
    # Wall-clock length can differ from real length across a DST change: use real minutes.
    duration = int((end - start).total_seconds() // 60)
    if begins < window.opens or begins + duration > window.closes:
        return None
    return _comfort(rules, begins, duration, window.factor)


def slots_for_remote_session(
    *,
    date_from: date,
    date_to: date,
    minutes: int,
    countries: Sequence[str],
    limit: int | None = None,
    rules: Mapping[str, WorkingRules] | None = None,
    not_before: datetime | None = None,
    step_minutes: int = SLOT_STEP_MINUTES,
) -> list[Slot]:
    """Every slot that fits all countries' working days and hours, best first.

    `countries` holds codes ("CN", "IL", "DE") or code:zone ("US:America/New_York");
    `rules` overrides the built-in rules per country code (e.g. other working hours);
    `not_before` drops slots that start earlier (pass "now" from a page).
    """
    if date_to < date_from:
        raise SlotRequestError(_("The range ends before it starts."))
    if date_from.year < EARLIEST_YEAR or date_to.year > LATEST_YEAR:
        raise SlotRequestError(
            _("Choose dates between %(first)d and %(last)d.")
            % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
        )
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise SlotRequestError(
            _("The range may cover at most %(days)d days.") % {"days": MAX_RANGE_DAYS}
        )
    if not MIN_DURATION_MINUTES <= minutes <= MAX_DURATION_MINUTES:
        raise SlotRequestError(
            _("The duration must be between %(low)d and %(high)d minutes.")
            % {"low": MIN_DURATION_MINUTES, "high": MAX_DURATION_MINUTES}
        )
    if step_minutes <= 0 or 24 * 60 % step_minutes:
        raise SlotRequestError(_("The step must divide a day into whole steps."))
    specs = [c for c in countries if c and c.strip()]
    if not specs:
        raise SlotRequestError(_("Name at least one country."))
    plan = tuple(rules_for(spec, rules) for spec in specs)
    ranked = _ranked_slots(date_from, date_to, minutes, plan, step_minutes)
    if not_before is not None:
        ranked = tuple(slot for slot in ranked if slot.start >= not_before)
    return list(ranked if limit is None else ranked[: max(limit, 0)])


@lru_cache(maxsize=32)
def _ranked_slots(
    date_from: date,
    date_to: date,
    minutes: int,
    plan: tuple[WorkingRules, ...],
    step_minutes: int,
) -> tuple[Slot, ...]:
    """Every fitting slot of the range, best first. A pure function of its arguments (the
    calendars are installed data), kept for the last few ranges asked: a two-week search is
    asked again and again (the scheduling form, the API) and costs milliseconds each time."""
    zones = list(dict.fromkeys([r.zone for r in plan] + list(REFERENCE_ZONES)))
    reference = ZoneInfo(plan[0].zone)
    duration = timedelta(minutes=minutes)
    step = timedelta(minutes=step_minutes)
    window_cache: dict[tuple[str, date], _Day | None] = {}
    found: list[tuple[float, float, Slot]] = []
    for day in calendars.days(date_from, date_to):
        day_start = datetime.combine(day, time(0), reference).astimezone(UTC)
        day_end = datetime.combine(day + timedelta(days=1), time(0), reference).astimezone(UTC)
        epoch_minutes = int(day_start.timestamp() // 60)
        moment = day_start + timedelta(minutes=(-epoch_minutes) % step_minutes)
        while moment < day_end:
            end = moment + duration
            comforts = {}
            for country_rules in plan:
                fit = _fit(country_rules, moment, end, window_cache)
                if fit is None:
                    break
                comforts[country_rules.country] = round(fit, 3)
            else:
                score = round(min(comforts.values()), 3)
                mean = sum(comforts.values()) / len(comforts)
                found.append(
                    (
                        score,
                        mean,
                        Slot(
                            start=moment,
                            end=end,
                            score=score,
                            # Read-only: the ranked slots are shared by every caller.
                            comfort=MappingProxyType(comforts),
                            local=MappingProxyType(
                                {z: moment.astimezone(ZoneInfo(z)) for z in zones}
                            ),
                            provisional=any(
                                calendars.is_provisional(
                                    moment.astimezone(ZoneInfo(r.zone)).date(), r.country
                                )
                                for r in plan
                            ),
                        ),
                    )
                )
            moment += step
    found.sort(key=lambda row: (-row[0], -row[1], row[2].start))
    return tuple(row[2] for row in found)


def parse_countries(text: str | Iterable[str]) -> list[str]:
    """ "CN,IL" or ["CN", "IL"] → ["CN", "IL"] (order kept, duplicates dropped)."""
    items = text.split(",") if isinstance(text, str) else list(text)
    return list(
        dict.fromkeys(
            item.strip().upper() if ":" not in item else item.strip()
            for item in items
            if item.strip()
        )
    )


def parse_hours(text: str) -> tuple[str, tuple[time, time]]:
    """ "IL=08:30-17:00" → ("IL", (08:30, 17:00)) for overriding a country's working hours."""
    try:
        code, span = text.split("=", 1)
        opens, closes = (time.fromisoformat(part.strip()) for part in span.split("-", 1))
    except ValueError:
        raise SlotRequestError(
            _("Write working hours as CC=HH:MM-HH:MM, not “%(text)s”.") % {"text": text}
        ) from None
    if closes <= opens:
        raise SlotRequestError(
            _("Working hours must end after they start: “%(text)s”.") % {"text": text}
        )
    return code.strip().upper(), (opens, closes)


def rules_with_hours(
    overrides: Mapping[str, tuple[time, time]], base: Mapping[str, WorkingRules] | None = None
) -> dict[str, WorkingRules]:
    """Rules where some countries work other hours; comfort bands are clipped to the new hours."""
    result = dict(base or DEFAULT_RULES)
    for code, (opens, closes) in overrides.items():
        rules = result.get(code) or rules_for(code)
        bands = tuple(
            ComfortBand(max(band.start, opens), min(band.end, closes), band.comfort)
            for band in rules.bands
            if band.end > opens and band.start < closes
        )
        short = rules.short_day_hours
        if short is not None:
            short = (max(short[0], opens), min(short[1], closes))
            short = short if short[0] < short[1] else None
        result[code] = replace(rules, hours=(opens, closes), bands=bands, short_day_hours=short)
    return result
