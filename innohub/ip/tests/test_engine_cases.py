"""The deadline engine against cases worked out by hand from DOMAIN.md's rules.

Each case names the rule it exercises and writes out every date it expects. Days off come
from the `holidays` package (China with its make-up days, Israel Sunday–Thursday); the
weekday and the holiday that moves a date are noted next to it.
"""

from __future__ import annotations

from datetime import date

import pytest

from innohub.ip.deadlines import (
    ANNUAL_FEE,
    CN_DESIGN,
    CN_INVENTION,
    CN_SOFTWARE,
    CN_TRADEMARK,
    CN_UTILITY,
    EXPIRY,
    FILED,
    IL_PATENT,
    NATIONAL_PHASE,
    PCT,
    RENEWAL,
    VALID,
    EngineError,
    Facts,
    Rules,
    compute,
    compute_for_status,
    late_surcharge_percent,
)


def d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# rule, facts, (kind, sequence), due, shifted_from, window_opens, grace_ends, provisional
# fmt: off
CASES = [
    # ---- terms: the expiry is the day before the anniversary and never moves
    (
        "invention: 20 years to the day before the anniversary (DOMAIN example)",
        Facts(CN_INVENTION, filed=d("2020-12-03")),
        (EXPIRY, 0),
        "2040-12-02", None, None, None, True,
    ),
    (
        "invention filed on a leap day: 2040 is a leap year, the day before 29 Feb",
        Facts(CN_INVENTION, filed=d("2020-02-29")),
        (EXPIRY, 0),
        "2040-02-28", None, None, None, True,
    ),
    (
        "utility model filed on a leap day ends on the last day of February 2030",
        Facts(CN_UTILITY, filed=d("2020-02-29")),
        (EXPIRY, 0),
        "2030-02-28", None, None, None, True,
    ),
    (
        "an expiry on National Day is not shifted (only acts move)",
        Facts(CN_UTILITY, filed=d("2015-10-02")),
        (EXPIRY, 0),
        "2025-10-01", None, None, None, False,
    ),
    (
        "design filed the day before the 2021-06-01 change: 10 years",
        Facts(CN_DESIGN, filed=d("2021-05-31")),
        (EXPIRY, 0),
        "2031-05-30", None, None, None, True,
    ),
    (
        "design filed on 2021-06-01: 15 years",
        Facts(CN_DESIGN, filed=d("2021-06-01")),
        (EXPIRY, 0),
        "2036-05-31", None, None, None, True,
    ),
    (
        "invention term adjustment: 100 days recorded by hand after 2030-03-14",
        Facts(CN_INVENTION, filed=d("2010-03-15"), extension_days=100),
        (EXPIRY, 0),
        "2030-06-22", None, None, None, True,
    ),
    (
        "software of a legal person: 31 December of the 50th year after publication",
        Facts(CN_SOFTWARE, filed=d("2020-07-01"), published=d("2020-06-15")),
        (EXPIRY, 0),
        "2070-12-31", None, None, None, True,
    ),
    (
        "software published on 31 December: still the end of the 50th year after",
        Facts(CN_SOFTWARE, published=d("2019-12-31")),
        (EXPIRY, 0),
        "2069-12-31", None, None, None, True,
    ),
    (
        "Israeli patent: 20 years, day before the anniversary, Israeli dates never provisional",
        Facts(IL_PATENT, filed=d("2015-03-01")),
        (EXPIRY, 0),
        "2035-02-28", None, None, None, False,
    ),
    # ---- Chinese annual fees: from the year after the grant year, due on the anniversary
    (
        "first fee after a grant in year 3 is year 4's, on Sunday 2023-12-03 → Monday",
        Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09")),
        (ANNUAL_FEE, 4),
        "2023-12-04", "2023-12-03", None, "2024-06-03", False,
    ),
    (
        "an annual fee on a Tuesday stays; grace 6 months from the due date",
        Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09")),
        (ANNUAL_FEE, 5),
        "2024-12-03", None, None, "2025-06-03", False,
    ),
    (
        "a 2025 fee whose grace ends in 2026: schedule published, not provisional",
        Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09")),
        (ANNUAL_FEE, 6),
        "2025-12-03", None, None, "2026-06-03", False,
    ),
    (
        "a 2026 fee whose grace ends in 2027 (make-up days unknown) is provisional",
        Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09")),
        (ANNUAL_FEE, 7),
        "2026-12-03", None, None, "2027-06-03", True,
    ),
    (
        "a fee due on National Day 2025-10-01 moves to 2025-10-09 after the golden week",
        Facts(CN_INVENTION, filed=d("2015-10-01"), granted=d("2019-04-10")),
        (ANNUAL_FEE, 11),
        "2025-10-09", "2025-10-01", None, "2026-04-01", False,
    ),
    (
        "a fee due on a make-up Saturday (2025-02-08) stays: it is a working day",
        Facts(CN_UTILITY, filed=d("2019-02-08"), granted=d("2019-10-10")),
        (ANNUAL_FEE, 7),
        "2025-02-08", None, None, "2025-08-08", False,
    ),
    (
        "Dragon Boat weekend 2025-05-31 → 2025-06-03; grace Sunday 2025-11-30 → Monday",
        Facts(CN_INVENTION, filed=d("2015-05-31"), granted=d("2018-01-01")),
        (ANNUAL_FEE, 11),
        "2025-06-03", "2025-05-31", None, "2025-12-01", False,
    ),
    (
        "New Year across the year boundary: 2007-12-30 → 2008-01-02",
        Facts(CN_INVENTION, filed=d("2003-12-30"), granted=d("2006-08-01")),
        (ANNUAL_FEE, 5),
        "2008-01-02", "2007-12-30", None, "2008-06-30", False,
    ),
    (
        "2006-12-30 was a make-up Saturday before New Year 2007: the fee stays",
        Facts(CN_INVENTION, filed=d("2003-12-30"), granted=d("2006-08-01")),
        (ANNUAL_FEE, 4),
        "2006-12-30", None, None, "2007-07-02", False,
    ),
    (
        "leap-day filing: the year-2 anniversary falls on Sunday 28 Feb 2021 → Monday 1 March;"
        " grace Saturday 2021-08-28 → Monday",
        Facts(CN_UTILITY, filed=d("2020-02-29"), granted=d("2020-09-01")),
        (ANNUAL_FEE, 2),
        "2021-03-01", "2021-02-28", None, "2021-08-30", False,
    ),
    (
        "leap-day filing: in a leap year the anniversary is 29 February itself",
        Facts(CN_UTILITY, filed=d("2020-02-29"), granted=d("2020-09-01")),
        (ANNUAL_FEE, 5),
        "2024-02-29", None, None, "2024-08-29", False,
    ),
    (
        "leap-day filing: 2026-02-28 is a make-up Saturday, the fee stays",
        Facts(CN_UTILITY, filed=d("2020-02-29"), granted=d("2020-09-01")),
        (ANNUAL_FEE, 7),
        "2026-02-28", None, None, "2026-08-28", False,
    ),
    (
        "a grant on the first anniversary falls in year 2: the first fee is year 3's",
        Facts(CN_UTILITY, filed=d("2018-03-12"), granted=d("2019-03-12")),
        (ANNUAL_FEE, 3),
        "2020-03-12", None, None, "2020-09-14", False,
    ),
    (
        "design from 2021-06-01: year-4 fee on Saturday 2024-06-01 → Monday; grace Sunday"
        " 2024-12-01 → Monday",
        Facts(CN_DESIGN, filed=d("2021-06-01"), granted=d("2021-12-01")),
        (ANNUAL_FEE, 4),
        "2024-06-03", "2024-06-01", None, "2024-12-02", False,
    ),
    (
        "design from 2021-06-01 pays fees up to its 15th year",
        Facts(CN_DESIGN, filed=d("2021-06-01"), granted=d("2021-12-01")),
        (ANNUAL_FEE, 15),
        "2035-06-01", None, None, "2035-12-03", True,
    ),
    # ---- trademarks: renewal due at expiry, window 12 months before, 6 months' grace
    (
        "trademark: 10 years from registration, renewal window 12 months before expiry",
        Facts(CN_TRADEMARK, filed=d("2008-11-02"), registered=d("2010-05-14")),
        (RENEWAL, 1),
        "2020-05-13", None, "2019-05-13", "2020-11-13", False,
    ),
    (
        "trademark: the expiry itself, same day as the renewal",
        Facts(CN_TRADEMARK, registered=d("2010-05-14")),
        (EXPIRY, 0),
        "2020-05-13", None, None, None, False,
    ),
    (
        "trademark registered on a leap day; renewal on make-up Saturday 2026-02-28 stays",
        Facts(CN_TRADEMARK, registered=d("2016-02-29")),
        (RENEWAL, 1),
        "2026-02-28", None, "2025-02-28", "2026-08-28", False,
    ),
    (
        "trademark renewal due on National Day moves; window and grace count from 2025-10-01",
        Facts(CN_TRADEMARK, registered=d("2015-10-02")),
        (RENEWAL, 1),
        "2025-10-09", "2025-10-01", "2024-10-01", "2026-04-01", False,
    ),
    (
        "trademark renewal due on Saturday 2024-06-01 → Monday; grace Sunday → Monday",
        Facts(CN_TRADEMARK, registered=d("2014-06-02")),
        (RENEWAL, 1),
        "2024-06-03", "2024-06-01", "2023-06-01", "2024-12-02", False,
    ),
    (
        "a renewal adds 10 years from the day after the previous expiry",
        Facts(CN_TRADEMARK, registered=d("2010-05-14"), renewals=1),
        (EXPIRY, 0),
        "2030-05-13", None, None, None, True,
    ),
    (
        "second renewal of a once-renewed mark",
        Facts(CN_TRADEMARK, registered=d("2010-05-14"), renewals=1),
        (RENEWAL, 2),
        "2030-05-13", None, "2029-05-13", "2030-11-13", True,
    ),
    (
        "leap-day mark renewed: next term 2026-03-01 … 2036-02-29 (2036 is a leap year)",
        Facts(CN_TRADEMARK, registered=d("2016-02-29"), renewals=1),
        (EXPIRY, 0),
        "2036-02-29", None, None, None, True,
    ),
    # ---- Israel: first renewal within 3 months of grant, then before the end of years
    # ---- 6, 10, 14, 18; the next-working-day shift is UNVERIFIED
    (
        "Israel: first renewal 3 months after grant, Friday 2019-10-04 → Sunday;"
        " grace Saturday 2020-04-04 → Sunday",
        Facts(IL_PATENT, filed=d("2015-03-01"), granted=d("2019-07-04")),
        (RENEWAL, 1),
        "2019-10-06", "2019-10-04", "2019-07-04", "2020-04-05", False,
    ),
    (
        "Israel: end of year 6 is Sunday 2021-02-28, a working day; window 3 months;"
        " grace Saturday 2021-08-28 → Sunday",
        Facts(IL_PATENT, filed=d("2015-03-01"), granted=d("2019-07-04")),
        (RENEWAL, 7),
        "2021-02-28", None, "2020-11-28", "2021-08-29", False,
    ),
    (
        "Israel: end of year 10 on Friday 2025-02-28 → Sunday 2025-03-02",
        Facts(IL_PATENT, filed=d("2015-03-01"), granted=d("2019-07-04")),
        (RENEWAL, 11),
        "2025-03-02", "2025-02-28", "2024-11-28", "2025-08-28", False,
    ),
    (
        "Israel: Yom Kippur 2025-10-02 → Sunday 2025-10-05; grace on Pesach 2026-04-02"
        " → Sunday 2026-04-05",
        Facts(IL_PATENT, filed=d("2019-10-03"), granted=d("2020-01-05")),
        (RENEWAL, 7),
        "2025-10-05", "2025-10-02", "2025-07-02", "2026-04-05", False,
    ),
    # ---- PCT: Chinese national phase 30 months from priority, 32 with the late fee
    (
        "PCT: national phase 30 months from the priority date, late entry to 32 months",
        Facts(PCT, filed=d("2021-03-15"), priority=d("2020-04-20")),
        (NATIONAL_PHASE, 0),
        "2022-10-20", None, None, "2022-12-20", False,
    ),
    (
        "PCT: 30 months ending on National Day 2025 moves to 2025-10-09",
        Facts(PCT, filed=d("2023-04-01")),
        (NATIONAL_PHASE, 0),
        "2025-10-09", "2025-10-01", None, "2025-12-01", False,
    ),
]
# fmt: on


@pytest.mark.parametrize(
    ("rule", "facts", "which", "due", "shifted_from", "window_opens", "grace_ends", "prov"),
    CASES,
    ids=[case[0][:70] for case in CASES],
)
def test_the_engine_gives_the_hand_worked_dates(
    rule, facts, which, due, shifted_from, window_opens, grace_ends, prov
):
    found = [x for x in compute(facts) if (x.kind, x.sequence) == which]
    assert len(found) == 1, rule
    deadline = found[0]
    assert deadline.due == d(due), rule
    assert deadline.shifted_from == d(shifted_from), rule
    assert deadline.window_opens == d(window_opens), rule
    assert deadline.grace_ends == d(grace_ends), rule
    assert deadline.provisional is prov, rule


def test_there_are_at_least_thirty_hand_worked_cases():
    assert len(CASES) >= 30


def test_an_invention_granted_in_year_3_lists_fees_for_years_4_to_20_then_the_expiry():
    deadlines = compute(Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09")))
    assert [x.sequence for x in deadlines if x.kind == ANNUAL_FEE] == list(range(4, 21))
    assert deadlines[-1].kind == EXPIRY
    assert [x.due for x in deadlines] == sorted(x.due for x in deadlines)


def test_a_design_filed_before_june_2021_pays_fees_only_to_year_10():
    deadlines = compute(Facts(CN_DESIGN, filed=d("2021-05-31"), granted=d("2021-11-30")))
    assert [x.sequence for x in deadlines if x.kind == ANNUAL_FEE] == list(range(2, 11))


def test_the_renewal_comes_before_the_expiry_on_the_same_day():
    kinds = [x.kind for x in compute(Facts(CN_TRADEMARK, registered=d("2010-05-14")))]
    assert kinds == [RENEWAL, EXPIRY]


def test_a_late_israeli_grant_skips_the_renewals_its_first_payment_covers():
    deadlines = compute(Facts(IL_PATENT, filed=d("2010-01-10"), granted=d("2017-05-02")))
    renewals = [(x.sequence, x.due) for x in deadlines if x.kind == RENEWAL]
    # First payment 3 months after grant (Wednesday 2017-08-02); end of year 6 (2016) has
    # passed, so the next is the end of year 10: Thursday 2020-01-09.
    assert renewals[:2] == [(1, d("2017-08-02")), (11, d("2020-01-09"))]
    assert [seq for seq, _due in renewals] == [1, 11, 15, 19]


def test_israeli_deadlines_say_their_shift_rule_is_unverified():
    deadlines = compute(Facts(IL_PATENT, filed=d("2015-03-01"), granted=d("2019-07-04")))
    first = next(x for x in deadlines if x.sequence == 1)
    assert first.unverified


def test_the_israeli_rules_marked_unverified_are_configurable():
    facts = Facts(IL_PATENT, filed=d("2015-03-01"), granted=d("2019-07-04"))
    rules = Rules(il_shift_days_off=False, il_renewal_window_months=1)
    deadlines = {(x.kind, x.sequence): x for x in compute(facts, rules)}
    assert deadlines[(RENEWAL, 1)].due == d("2019-10-04")  # Friday, not moved
    assert deadlines[(RENEWAL, 1)].shifted_from is None
    assert deadlines[(RENEWAL, 7)].window_opens == d("2021-01-28")  # one month before


def test_a_pending_application_has_only_its_expiry_and_an_ended_right_nothing():
    facts = Facts(CN_INVENTION, filed=d("2022-04-06"), granted=d("2025-01-08"))
    assert [(x.kind, x.due) for x in compute_for_status(facts, FILED)] == [
        (EXPIRY, d("2042-04-05"))
    ]
    assert len(compute_for_status(facts, VALID)) == 18  # fees for years 3..20 and the expiry
    assert compute_for_status(facts, "lapsed") == []
    assert compute_for_status(facts, "in_preparation") == []


def test_without_the_date_a_term_runs_from_there_is_nothing_to_compute():
    assert compute(Facts(CN_TRADEMARK, filed=d("2020-01-01"))) == []
    assert compute(Facts(CN_SOFTWARE, registered=d("2020-01-01"))) == []
    assert compute(Facts(CN_INVENTION)) == []


@pytest.mark.parametrize(
    "facts",
    [
        Facts(CN_INVENTION, filed=d("2020-01-01"), granted=d("2019-12-31")),
        Facts(CN_TRADEMARK, filed=d("2020-01-01"), registered=d("2019-12-31")),
        Facts(PCT, filed=d("2020-01-01"), priority=d("2020-02-01")),
        Facts(CN_UTILITY, filed=d("2020-01-01"), extension_days=10),
        Facts(CN_INVENTION, filed=d("2020-01-01"), renewals=1),
        Facts("cn-something", filed=d("2020-01-01")),
    ],
)
def test_impossible_dates_are_refused(facts):
    with pytest.raises(EngineError):
        compute(facts)


@pytest.mark.parametrize(
    ("paid_on", "percent"),
    [
        ("2024-12-03", 0),  # on the due date
        ("2025-01-03", 0),  # the last day of the first month late
        ("2025-01-04", 5),  # the second month begins
        ("2025-02-03", 5),
        ("2025-02-04", 10),
        ("2025-05-04", 25),  # the sixth month
        ("2025-06-03", 25),  # the last day of grace
        ("2025-06-04", None),  # too late: the patent lapsed as of 2024-12-03
    ],
)
def test_the_late_fee_surcharge_is_five_percent_per_full_month(paid_on, percent):
    facts = Facts(CN_INVENTION, filed=d("2020-12-03"), granted=d("2023-05-09"))
    fee = next(x for x in compute(facts) if x.sequence == 5)
    assert late_surcharge_percent(fee, d(paid_on)) == percent


def test_a_fee_paid_on_its_shifted_due_date_is_on_time():
    facts = Facts(CN_INVENTION, filed=d("2015-10-01"), granted=d("2019-04-10"))
    fee = next(x for x in compute(facts) if x.sequence == 11)
    assert late_surcharge_percent(fee, d("2025-10-09")) == 0
    assert late_surcharge_percent(fee, d("2025-11-01")) == 0
    assert late_surcharge_percent(fee, d("2025-11-02")) == 5
