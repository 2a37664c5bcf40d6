"""Properties of the deadline engine over many generated assets (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from innohub.common.calendars import is_working_day, next_working_day
from innohub.ip.deadlines import (
    CN_PATENTS,
    CN_SOFTWARE,
    CN_TRADEMARK,
    EXPIRY,
    IL_PATENT,
    PCT,
    Facts,
    _cn_annual_fee,
    compute,
)

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2045, 12, 31))


@st.composite
def assets(draw: st.DrawFn) -> Facts:
    asset_type = draw(st.sampled_from([*CN_PATENTS, CN_TRADEMARK, CN_SOFTWARE, IL_PATENT, PCT]))
    filed = draw(days)
    later = st.integers(min_value=0, max_value=3650).map(lambda n: filed + timedelta(days=n))
    granted = draw(st.none() | later) if asset_type in (*CN_PATENTS, IL_PATENT) else None
    registered = draw(later) if asset_type in (CN_TRADEMARK, CN_SOFTWARE) else None
    published = draw(days) if asset_type == CN_SOFTWARE else None
    priority = filed - timedelta(days=draw(st.integers(0, 365))) if asset_type == PCT else None
    renewals = draw(st.integers(0, 4)) if asset_type == CN_TRADEMARK else 0
    extension = draw(st.integers(0, 1500)) if asset_type == "cn-invention" else 0
    return Facts(
        asset_type,
        filed=filed,
        granted=granted,
        registered=registered,
        published=published,
        priority=priority,
        renewals=renewals,
        extension_days=extension,
    )


@settings(max_examples=400, deadline=None)
@given(assets())
def test_no_deadline_for_an_act_lands_on_a_day_off(facts):
    for deadline in compute(facts):
        if deadline.kind == EXPIRY:
            continue
        assert is_working_day(deadline.due, deadline.office), deadline
        if deadline.grace_ends is not None:
            assert is_working_day(deadline.grace_ends, deadline.office), deadline
        if deadline.shifted_from is not None:
            assert not is_working_day(deadline.shifted_from, deadline.office)
            assert deadline.due == next_working_day(deadline.shifted_from, deadline.office)


@settings(max_examples=400, deadline=None)
@given(assets())
def test_every_date_is_reproducible(facts):
    first = [x.as_json() for x in compute(facts)]
    # Nothing may depend on what earlier computations left in the caches.
    next_working_day.cache_clear()
    _cn_annual_fee.cache_clear()
    again = [x.as_json() for x in compute(facts)]
    rebuilt = [x.as_json() for x in compute(Facts(**facts.__dict__))]
    assert first == again == rebuilt


@settings(max_examples=300, deadline=None)
@given(assets())
def test_deadlines_are_ordered_and_acts_come_before_the_end_of_the_term(facts):
    deadlines = compute(facts)
    assert [x.due for x in deadlines] == sorted(x.due for x in deadlines)
    expiries = [x for x in deadlines if x.kind == EXPIRY]
    assert len(expiries) <= 1
    for deadline in deadlines:
        if deadline.grace_ends is not None:
            assert deadline.grace_ends > deadline.due
        if deadline.window_opens is not None:
            assert deadline.window_opens <= deadline.due
        if expiries and deadline.kind != EXPIRY and facts.type != CN_TRADEMARK:
            # Fees and renewals fall inside the term (a trademark renews at its end).
            assert (deadline.shifted_from or deadline.due) < expiries[0].due
