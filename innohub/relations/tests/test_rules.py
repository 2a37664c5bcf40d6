"""The pure rules: status changes, dates known in part, what counts as overdue."""

from datetime import date

import pytest

from innohub.relations import rules
from innohub.relations.rules import PartialDate


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("draft", "signed", True),
        ("draft", "in_force", True),
        ("draft", "terminated", True),
        ("draft", "completed", False),
        ("signed", "in_force", True),
        ("signed", "draft", False),
        ("in_force", "completed", True),
        ("in_force", "signed", False),
        ("completed", "in_force", False),
        ("terminated", "signed", False),
        ("completed", "completed", True),
    ],
)
def test_it_allows_only_the_forward_status_changes(current, new, allowed):
    assert rules.status_change_allowed(current, new) is allowed


def test_every_status_has_its_transitions_defined():
    assert set(rules.STATUS_TRANSITIONS) == set(rules.AGREEMENT_STATUSES)
    for targets in rules.STATUS_TRANSITIONS.values():
        assert targets <= set(rules.AGREEMENT_STATUSES)


def test_it_stores_a_month_or_year_date_as_its_first_day():
    assert PartialDate(date(2020, 6, 17), "month").normalised() == PartialDate(
        date(2020, 6, 1), "month"
    )
    assert PartialDate(date(2020, 6, 17), "year").normalised() == PartialDate(
        date(2020, 1, 1), "year"
    )
    assert PartialDate(date(2020, 6, 17), "day").normalised().value == date(2020, 6, 17)


def test_an_unknown_date_keeps_no_value_and_sorts_after_known_ones():
    unknown = PartialDate(date(2020, 6, 5), "unknown").normalised()
    assert unknown.value is None and not unknown.known
    dates = [
        PartialDate(None, "unknown"),
        PartialDate(date(2019, 1, 1)),
        PartialDate(date(2021, 1, 1)),
    ]
    ordered = sorted(dates, key=PartialDate.sort_key)
    assert [d.value for d in ordered] == [date(2019, 1, 1), date(2021, 1, 1), None]


def test_an_unknown_start_makes_the_whole_range_unknown():
    assert rules.normalise_range(None, date(2020, 6, 7), "day") == (None, None, "unknown")
    assert rules.normalise_range(date(2020, 6, 5), date(2020, 6, 7), "day") == (
        date(2020, 6, 5),
        date(2020, 6, 7),
        "day",
    )


def test_it_rejects_an_unknown_precision():
    with pytest.raises(ValueError):
        PartialDate(date(2020, 1, 1), "week")


def test_a_task_is_overdue_from_the_day_after_its_due_date_until_done():
    due = date(2025, 3, 10)
    assert not rules.is_overdue(due, False, date(2025, 3, 10))
    assert rules.is_overdue(due, False, date(2025, 3, 11))
    assert not rules.is_overdue(due, True, date(2025, 4, 1))
