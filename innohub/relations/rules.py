"""Rules of agreements and visits that need no database: status changes, dates known in part.

Nothing here imports Django models, so the rules can be tested exhaustively and quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Agreement statuses, in the order an agreement normally goes through them.
DRAFT = "draft"
SIGNED = "signed"
IN_FORCE = "in_force"
COMPLETED = "completed"
TERMINATED = "terminated"
AGREEMENT_STATUSES = (DRAFT, SIGNED, IN_FORCE, COMPLETED, TERMINATED)

# Where an agreement may go from each status. A draft that is abandoned is "terminated";
# completed and terminated agreements are closed for good (a new agreement is a new record).
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SIGNED, IN_FORCE, TERMINATED}),
    SIGNED: frozenset({IN_FORCE, COMPLETED, TERMINATED}),
    IN_FORCE: frozenset({COMPLETED, TERMINATED}),
    COMPLETED: frozenset(),
    TERMINATED: frozenset(),
}

# Statuses whose milestones still call for action (the overdue list ignores the others).
ACTIVE_STATUSES = frozenset({DRAFT, SIGNED, IN_FORCE})
# Statuses an agreement reaches only by being signed: they need a signing date (or an
# explicit statement that the date is not known).
SIGNED_STATUSES = frozenset({SIGNED, IN_FORCE, COMPLETED})

MIN_PARTIES = 2


def status_change_allowed(current: str, new: str) -> bool:
    """True when an agreement may move from `current` to `new` (staying put is always allowed)."""
    return new == current or new in STATUS_TRANSITIONS.get(current, frozenset())


# How much of a date is known. The seeds often give a day and month without the year ("June 5
# to 7"), or only "last Thursday"; the record keeps what is known and says what is not.
DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, to the month, to the year, or not at all."""

    value: date | None
    precision: str = DAY

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")

    @property
    def known(self) -> bool:
        return self.value is not None and self.precision != UNKNOWN

    def normalised(self) -> PartialDate:
        """The stored form: the first day of the month or year when only that is known."""
        if not self.known:
            return PartialDate(None, UNKNOWN)
        assert self.value is not None
        if self.precision == MONTH:
            return PartialDate(self.value.replace(day=1), MONTH)
        if self.precision == YEAR:
            return PartialDate(self.value.replace(month=1, day=1), YEAR)
        return self

    def sort_key(self) -> tuple[int, date]:
        """Known dates first, in date order; unknown dates after every known one."""
        return (0, self.value) if self.known else (1, date.max)  # type: ignore[return-value]


def normalise_range(
    start: date | None, end: date | None, precision: str
) -> tuple[date | None, date | None, str]:
    """A date range stored at its precision; an unknown start makes the whole range unknown."""
    first = PartialDate(start, precision).normalised()
    if not first.known:
        return None, None, UNKNOWN
    last = PartialDate(end, precision).normalised().value if end else None
    return first.value, last, first.precision


def range_is_ordered(start: date | None, end: date | None) -> bool:
    return start is None or end is None or start <= end


def is_overdue(due: date, done: bool, today: date) -> bool:
    """A task is overdue from the day after its due date until it is done."""
    return not done and due < today
