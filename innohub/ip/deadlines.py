"""The IP deadline engine: terms, annual fees, renewals, windows and grace periods of a right.

A pure module (no database): it takes the dates of one asset and returns every deadline the
rules of DOMAIN.md give it. Each convention for computed dates lives in exactly one function
below (`anniversary`, `term_end`, `shift`, `grace_end`, `provisional`), so that a rule that
turns out differently in practice changes in one place.

Rules, by type (see DOMAIN.md, "Terms and fees" and "Conventions for computed dates"):
  cn-invention / cn-utility / cn-design  term 20 / 10 / 15 years from filing (design: 10
      years if filed before 2021-06-01); annual fees from the year after the grant year, each
      due on the filing-date anniversary that starts its patent year; 6 months' grace.
  cn-trademark  10 years from registration; renewal due at expiry, window 12 months before,
      6 months' grace; each renewal adds 10 years from the day after the previous expiry.
  cn-software   ends 31 December of the 50th year after first publication; no fees.
  il-patent     20 years from filing; first renewal within 3 months of grant, then before the
      end of years 6, 10, 14 and 18; 6 months' grace.
  pct           entry into the Chinese national phase 30 months from the priority date
      (32 months with the late-entry fee) — PCT Art. 22 and the Chinese implementing rules,
      not in DOMAIN.md, so flagged as unverified.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from innohub.common.calendars import CHINA, ISRAEL, china_schedule_published_through
from innohub.common.calendars import next_working_day as _next_working_day

# Asset types (the values the CLI, the API and the database use).
CN_INVENTION = "cn-invention"
CN_UTILITY = "cn-utility"
CN_DESIGN = "cn-design"
CN_TRADEMARK = "cn-trademark"
CN_SOFTWARE = "cn-software"
IL_PATENT = "il-patent"
PCT = "pct"
TYPES = (CN_INVENTION, CN_UTILITY, CN_DESIGN, CN_TRADEMARK, CN_SOFTWARE, IL_PATENT, PCT)
CN_PATENTS = (CN_INVENTION, CN_UTILITY, CN_DESIGN)

# Kinds of deadline.
EXPIRY = "expiry"
ANNUAL_FEE = "annual-fee"
RENEWAL = "renewal"
NATIONAL_PHASE = "national-phase"
KINDS = (ANNUAL_FEE, RENEWAL, NATIONAL_PHASE, EXPIRY)

# Statuses of an asset (the engine decides which deadlines apply in each).
IN_PREPARATION = "in_preparation"
FILED = "filed"
UNDER_EXAMINATION = "under_examination"
VALID = "valid"
LAPSED = "lapsed"
EXPIRED = "expired"
ABANDONED = "abandoned"
REJECTED = "rejected"
STATUSES = (
    IN_PREPARATION,
    FILED,
    UNDER_EXAMINATION,
    VALID,
    LAPSED,
    EXPIRED,
    ABANDONED,
    REJECTED,
)
PENDING_STATUSES = (FILED, UNDER_EXAMINATION)
ENDED_STATUSES = (LAPSED, EXPIRED, ABANDONED, REJECTED)

# Patent Law Art. 42 as amended in force 2021-06-01: designs filed from then get 15 years.
DESIGN_TERM_CHANGE = date(2021, 6, 1)
TERM_YEARS = {CN_INVENTION: 20, CN_UTILITY: 10, IL_PATENT: 20, CN_TRADEMARK: 10}
GRACE_MONTHS = 6
TRADEMARK_WINDOW_MONTHS = 12
SOFTWARE_TERM_YEARS = 50
IL_FIRST_RENEWAL_MONTHS = 3
IL_RENEWAL_YEARS = (6, 10, 14, 18)
PCT_ENTRY_MONTHS = 30
PCT_LATE_ENTRY_MONTHS = 32
SURCHARGE_PERCENT_PER_MONTH = 5

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

OFFICE = {
    CN_INVENTION: CHINA,
    CN_UTILITY: CHINA,
    CN_DESIGN: CHINA,
    CN_TRADEMARK: CHINA,
    CN_SOFTWARE: CHINA,
    IL_PATENT: ISRAEL,
    PCT: CHINA,  # the deadline computed is the entry into the Chinese national phase
}


class EngineError(ValueError):
    """The dates given cannot describe a real asset (e.g. granted before it was filed)."""

    def __init__(self, message: str | Promise, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Rules:
    """The rules DOMAIN.md marks UNVERIFIED, as settings (see IP_RULES in the settings)."""

    # Whether the Israel Patent Office moves a deadline that ends on a day off.
    il_shift_days_off: bool = True
    # How many months before it is due an Israeli renewal fee may be paid (1 or 3).
    il_renewal_window_months: int = 3


DEFAULT_RULES = Rules()


@dataclass(frozen=True)
class Facts:
    """What the engine needs to know about one asset."""

    type: str
    filed: date | None = None
    granted: date | None = None
    registered: date | None = None
    published: date | None = None
    priority: date | None = None
    # Trademarks: how many renewals have been made (each adds 10 years).
    renewals: int = 0
    # Inventions: a term adjustment for examination delay, in days (recorded by hand).
    extension_days: int = 0

    @classmethod
    def from_mapping(cls, data: Any) -> Facts:
        """From a form's, command's or query's values (missing or empty counts as none)."""
        return cls(
            type=data["type"],
            filed=data.get("filed"),
            granted=data.get("granted"),
            registered=data.get("registered"),
            published=data.get("published"),
            priority=data.get("priority"),
            renewals=data.get("renewals") or 0,
            extension_days=data.get("extension_days") or 0,
        )


class Deadline(NamedTuple):
    """One deadline (a tuple: the engine makes millions of them, see bench/)."""

    kind: str
    # Which fee or renewal: the patent year (annual fees, Israeli renewals: the first year
    # covered), the renewal's number (trademarks), 0 for an expiry or a national-phase entry.
    sequence: int
    due: date
    window_opens: date | None = None
    grace_ends: date | None = None
    shifted_from: date | None = None
    provisional: bool = False
    office: str = CHINA
    # True when the date rests on a rule DOMAIN.md marks UNVERIFIED (say so in the UI).
    unverified: bool = False

    @property
    def is_act(self) -> bool:
        return self.kind != EXPIRY

    def as_json(self) -> dict[str, object]:
        """The public shape (`innohub ip-deadlines --json` and the API)."""
        return {
            "kind": self.kind,
            "due": self.due.isoformat(),
            "window_opens": _iso(self.window_opens),
            "grace_ends": _iso(self.grace_ends),
            "shifted_from": _iso(self.shifted_from),
            "provisional": self.provisional,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# ---------------------------------------------------------------- conventions (one place each)


def add_months(day: date, months: int) -> date:
    """The same-numbered day `months` later (or earlier), or that month's last day if none.

    This is CNIPA's reading of a month or year period, and the 29-February rule: an
    anniversary that does not exist falls on 28 February.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    number = day.day
    if number > 28:
        last = _MONTH_DAYS[month]
        if month == 1 and _calendar.isleap(year):
            last = 29
        number = min(number, last)
    return date(year, month + 1, number)


def anniversary(start: date, years: int) -> date:
    """The `years`-th anniversary of a date (29 February → 28 February in a common year)."""
    return add_months(start, 12 * years)


def term_end(start: date, years: int) -> date:
    """The last day of a term of `years` years that starts on `start`: the day before the
    anniversary (filed 2020-12-03 → 2040-12-02). When the anniversary does not exist (a
    29 February start ending in a common year), the term ends on the last day of February:
    the day before the 1 March that follows it.
    """
    target_year = start.year + years
    if start.month == 2 and start.day == 29 and not _calendar.isleap(target_year):
        return date(target_year, 2, 28)
    return anniversary(start, years) - timedelta(days=1)


def shift(day: date, office: str, rules: Rules = DEFAULT_RULES) -> tuple[date, date | None]:
    """Move a deadline for an act off a day off: (the due date, the date it moved from).

    CNIPA: to the first working day after a weekend or public holiday (a make-up working day
    counts as working). Israel: the next working day — UNVERIFIED, see Rules.
    Never applied to the end of a term.
    """
    if office == ISRAEL and not rules.il_shift_days_off:
        return day, None
    moved = _next_working_day(day, office)
    return (moved, day) if moved != day else (day, None)


def grace_end(original_due: date, office: str, rules: Rules = DEFAULT_RULES) -> date:
    """Grace runs 6 calendar months from the original, unshifted due date; its last day is
    itself a deadline for an act and moves off a day off like any other."""
    return shift(add_months(original_due, GRACE_MONTHS), office, rules)[0]


def provisional(days: Iterable[date | None], office: str) -> bool:
    """A computed date in a year whose Chinese make-up days are not yet published."""
    if office != CHINA:
        return False
    last = china_schedule_published_through()
    return any(day is not None and day.year > last for day in days)


# ---------------------------------------------------------------- the rules per type


def _act(
    kind: str,
    sequence: int,
    original_due: date,
    office: str,
    rules: Rules,
    *,
    window_opens: date | None = None,
    grace: bool = True,
    grace_ends: date | None = None,
    unverified: bool = False,
) -> Deadline:
    due, shifted_from = shift(original_due, office, rules)
    if grace and grace_ends is None:
        grace_ends = grace_end(original_due, office, rules)
    return Deadline(
        kind=kind,
        sequence=sequence,
        due=due,
        window_opens=window_opens,
        grace_ends=grace_ends,
        shifted_from=shifted_from,
        provisional=provisional((due, shifted_from, grace_ends, window_opens), office),
        office=office,
        unverified=unverified or (office == ISRAEL and shifted_from is not None),
    )


def _expiry(day: date, office: str, unverified: bool = False) -> Deadline:
    return Deadline(
        kind=EXPIRY,
        sequence=0,
        due=day,
        provisional=provisional((day,), office),
        office=office,
        unverified=unverified,
    )


def patent_term_years(asset_type: str, filed: date) -> int:
    if asset_type == CN_DESIGN:
        return 15 if filed >= DESIGN_TERM_CHANGE else 10
    return TERM_YEARS[asset_type]


def patent_year_of(filed: date, day: date) -> int:
    """The patent year (1, 2, …) that contains `day`; patent years run from the filing date."""
    year = max(day.year - filed.year, 0)
    while year > 0 and anniversary(filed, year) > day:
        year -= 1
    while anniversary(filed, year + 1) <= day:
        year += 1
    return year + 1


def patent_expiry(asset_type: str, filed: date, extension_days: int = 0) -> date:
    return term_end(filed, patent_term_years(asset_type, filed)) + timedelta(days=extension_days)


def _cn_patent(facts: Facts, rules: Rules) -> list[Deadline]:
    filed = facts.filed
    assert filed is not None
    years = patent_term_years(facts.type, filed)
    out = [_expiry(patent_expiry(facts.type, filed, facts.extension_days), CHINA)]
    if facts.granted is None:
        return out
    # The grant year's fee is paid with the registration formalities, before the grant;
    # each later year's fee is due on the anniversary that starts that year.
    grant_year = patent_year_of(filed, facts.granted)
    fees = [_cn_annual_fee(filed, year) for year in range(grant_year + 1, years + 1)]
    return [*fees, *out]


@lru_cache(maxsize=1 << 18)
def _cn_annual_fee(filed: date, year: int) -> Deadline:
    """The fee for patent year `year` of a Chinese patent filed on `filed`.

    Depends on nothing else (CNIPA's shift rule is not configurable), so it is cached: a
    portfolio of a million patents has only some thousands of filing dates.
    """
    return _act(ANNUAL_FEE, year, anniversary(filed, year - 1), CHINA, DEFAULT_RULES)


def _trademark(facts: Facts, rules: Rules) -> list[Deadline]:
    registered = facts.registered
    assert registered is not None
    expiry = term_end(registered, TERM_YEARS[CN_TRADEMARK])
    for _renewal in range(facts.renewals):
        expiry = term_end(expiry + timedelta(days=1), TERM_YEARS[CN_TRADEMARK])
    renewal = _act(
        RENEWAL,
        facts.renewals + 1,
        expiry,
        CHINA,
        rules,
        window_opens=add_months(expiry, -TRADEMARK_WINDOW_MONTHS),
    )
    end = _expiry(expiry, CHINA)
    # The renewal may be filed after a term that ends on a day off: then it comes second.
    return [renewal, end] if renewal.due <= expiry else [end, renewal]


def _software(facts: Facts) -> list[Deadline]:
    published = facts.published
    assert published is not None
    return [_expiry(date(published.year + SOFTWARE_TERM_YEARS, 12, 31), CHINA)]


def _il_patent(facts: Facts, rules: Rules) -> list[Deadline]:
    filed = facts.filed
    assert filed is not None
    end = _expiry(term_end(filed, TERM_YEARS[IL_PATENT]), ISRAEL)
    if facts.granted is None:
        return [end]
    first_due = add_months(facts.granted, IL_FIRST_RENEWAL_MONTHS)
    out = [_act(RENEWAL, 1, first_due, ISRAEL, rules, window_opens=facts.granted)]
    for year in IL_RENEWAL_YEARS:
        due = term_end(filed, year)  # "before the end of year N": its last day
        if due <= first_due:
            continue  # a late grant: the first payment already covers this period
        out.append(
            _act(
                RENEWAL,
                year + 1,
                due,
                ISRAEL,
                rules,
                window_opens=add_months(due, -rules.il_renewal_window_months),
                unverified=True,  # how early one may pay is UNVERIFIED
            )
        )
    return [*out, end]


def _pct(facts: Facts, rules: Rules) -> list[Deadline]:
    base = facts.priority or facts.filed
    assert base is not None
    late = shift(add_months(base, PCT_LATE_ENTRY_MONTHS), CHINA, rules)[0]
    return [
        _act(
            NATIONAL_PHASE,
            0,
            add_months(base, PCT_ENTRY_MONTHS),
            CHINA,
            rules,
            grace_ends=late,
            unverified=True,
        )
    ]


# Dates the engine accepts: older rights are long gone, later ones cannot have been filed.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
MAX_RENEWALS = 50


def check_facts(facts: Facts) -> None:
    """Raise EngineError when the dates cannot belong to one real asset."""
    if facts.type not in TYPES:
        raise EngineError(_("Unknown type of IP: %(type)s.") % {"type": facts.type}, "type")
    for name in ("filed", "granted", "registered", "published", "priority"):
        day = getattr(facts, name)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise EngineError(
                _("Dates must fall between %(first)s and %(last)s.")
                % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
                name,
            )
    if facts.renewals > MAX_RENEWALS or facts.extension_days > 5 * 366:
        raise EngineError(_("Too many renewals or too long an extension."))
    if facts.filed and facts.granted and facts.granted < facts.filed:
        raise EngineError(_("The grant date cannot be before the filing date."), "granted")
    if facts.filed and facts.registered and facts.registered < facts.filed:
        raise EngineError(
            _("The registration date cannot be before the filing date."), "registered"
        )
    if facts.priority and facts.filed and facts.priority > facts.filed:
        raise EngineError(_("The priority date cannot be after the filing date."), "priority")
    if facts.renewals < 0 or facts.extension_days < 0:
        raise EngineError(_("Renewals and extension days cannot be negative."))
    if facts.extension_days and facts.type != CN_INVENTION:
        raise EngineError(
            _("Only a Chinese invention patent can have a term extension."), "extension_days"
        )
    if facts.renewals and facts.type != CN_TRADEMARK:
        raise EngineError(_("Only a trademark is renewed."), "renewals")


def required_date(asset_type: str) -> str:
    """The date a type's term runs from (what `compute` needs to say anything)."""
    return {
        CN_TRADEMARK: "registered",
        CN_SOFTWARE: "published",
    }.get(asset_type, "filed")


def compute(facts: Facts, rules: Rules = DEFAULT_RULES) -> list[Deadline]:
    """Every deadline of the asset, ordered by due date (acts before an expiry on the same day).

    Without the date its term runs from (filing; registration for a trademark; first
    publication for software) there is nothing to compute and the list is empty.
    """
    check_facts(facts)
    if getattr(facts, required_date(facts.type)) is None and not (
        facts.type == PCT and facts.priority
    ):
        return []
    # Each rule builds its list in due-date order already (checked by the property tests).
    if facts.type in CN_PATENTS:
        return _cn_patent(facts, rules)
    if facts.type == CN_TRADEMARK:
        return _trademark(facts, rules)
    if facts.type == CN_SOFTWARE:
        return _software(facts)
    if facts.type == IL_PATENT:
        return _il_patent(facts, rules)
    return _pct(facts, rules)


def compute_for_status(facts: Facts, status: str, rules: Rules = DEFAULT_RULES) -> list[Deadline]:
    """The deadlines that apply to an asset in a given status.

    In preparation or ended (lapsed, expired, abandoned, rejected): none. Pending (filed,
    under examination): the term already runs from filing, so its expiry, and a PCT
    application's national-phase entry; fees and renewals start with the grant or
    registration. Valid: all.
    """
    if status == VALID:
        return compute(facts, rules)
    if status in PENDING_STATUSES:
        return [d for d in compute(facts, rules) if d.kind in (EXPIRY, NATIONAL_PHASE)]
    return []


def expiry_of(deadlines: Iterable[Deadline]) -> date | None:
    for deadline in deadlines:
        if deadline.kind == EXPIRY:
            return deadline.due
    return None


def late_surcharge_percent(deadline: Deadline, paid_on: date) -> int | None:
    """The surcharge on a Chinese annual fee paid on `paid_on`, as a percentage of the fee.

    0 up to the (shifted) due date and in the first month after the original due date, then
    5% for each further month begun, up to 25% in the sixth; None once the grace has ended
    (the right has lapsed as of the original due date).
    """
    original = deadline.shifted_from or deadline.due
    if paid_on <= deadline.due:
        return 0
    if deadline.grace_ends is None or paid_on > deadline.grace_ends:
        return None
    months = 0
    while months < GRACE_MONTHS - 1 and add_months(original, months + 1) < paid_on:
        months += 1
    return months * SURCHARGE_PERCENT_PER_MONTH
