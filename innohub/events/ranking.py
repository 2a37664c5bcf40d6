"""Ranks contest entries by their weighted rubric scores and resolves ties by one stated rule.

A pure module (no database). The rule, in the order it is applied:
1. the higher average total: each judge's complete scorecard gives a total from 0 to 100
   (Σ weight × mark / highest mark, over Σ weight), and an entry's total is the mean of its
   judges' totals; totals are compared as published, to two decimals;
2. when totals are equal, the higher average on the most heavily weighted criterion (0–100),
   then on the next criterion by weight (criteria of equal weight in rubric order);
3. when still equal, the higher lowest total from a single judge (the least convinced judge);
4. when still equal, the entry submitted earlier.
Entries without a complete scorecard are listed last, unranked. Incomplete scorecards do not count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

TWO_PLACES = Decimal("0.01")

# Codes of what separated an entry from the one ranked just above it on an equal total.
TIE_BY_CRITERION = "criterion"
TIE_BY_LOWEST_JUDGE = "lowest_judge"
TIE_BY_SUBMISSION = "submitted_earlier"


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: int
    max_score: int


@dataclass(frozen=True)
class EntryMarks:
    entry_id: int
    submitted_at: datetime
    # One mapping criterion id → mark per judge.
    cards: Sequence[Mapping[int, int]] = ()


@dataclass(frozen=True)
class RankedEntry:
    entry_id: int
    rank: int | None
    total: Decimal | None
    judges: int
    criterion_means: Mapping[int, Decimal] = field(default_factory=dict)
    lowest_judge_total: Decimal | None = None
    # Set when the total equals the entry above: how the tie was resolved.
    tie_break: str | None = None
    tie_break_criterion: int | None = None


def published(value: Fraction) -> Decimal:
    """A score as it is published: two decimals, halves rounded up."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def is_complete(card: Mapping[int, int], criteria: Sequence[CriterionSpec]) -> bool:
    return all(c.id in card for c in criteria)


def judge_total(card: Mapping[int, int], criteria: Sequence[CriterionSpec]) -> Fraction:
    """One judge's total for an entry, 0–100, exact."""
    weights = sum(c.weight for c in criteria)
    if not weights:
        return Fraction(0)
    earned = sum(Fraction(c.weight * card[c.id], c.max_score) for c in criteria)
    return earned / weights * 100


def tie_break_order(criteria: Sequence[CriterionSpec]) -> list[CriterionSpec]:
    """Criteria by weight, heaviest first; equal weights keep their rubric order."""
    return sorted(criteria, key=lambda c: -c.weight)


def rank_entries(
    entries: Sequence[EntryMarks], criteria: Sequence[CriterionSpec]
) -> list[RankedEntry]:
    """The entries in ranking order, ranks 1…n without shared places (see the module rule)."""
    order = tie_break_order(criteria)
    scored: list[tuple[tuple, EntryMarks, RankedEntry]] = []
    unscored: list[RankedEntry] = []
    for entry in entries:
        cards = [card for card in entry.cards if is_complete(card, criteria)]
        if not cards or not criteria:
            unscored.append(RankedEntry(entry_id=entry.entry_id, rank=None, total=None, judges=0))
            continue
        totals = [judge_total(card, criteria) for card in cards]
        total = published(sum(totals, Fraction(0)) / len(totals))
        means = {
            c.id: published(
                sum((Fraction(card[c.id] * 100, c.max_score) for card in cards), Fraction(0))
                / len(cards)
            )
            for c in criteria
        }
        lowest = published(min(totals))
        key = (
            -total,
            tuple(-means[c.id] for c in order),
            -lowest,
            entry.submitted_at,
            entry.entry_id,
        )
        scored.append(
            (
                key,
                entry,
                RankedEntry(
                    entry_id=entry.entry_id,
                    rank=None,
                    total=total,
                    judges=len(cards),
                    criterion_means=means,
                    lowest_judge_total=lowest,
                ),
            )
        )
    scored.sort(key=lambda row: row[0])
    ranked: list[RankedEntry] = []
    previous_key: tuple | None = None
    for position, (key, _entry, row) in enumerate(scored, start=1):
        tie_break, tie_criterion = None, None
        if previous_key is not None and previous_key[0] == key[0]:
            tie_break, tie_criterion = _what_separated(previous_key, key, order)
        ranked.append(
            RankedEntry(
                entry_id=row.entry_id,
                rank=position,
                total=row.total,
                judges=row.judges,
                criterion_means=row.criterion_means,
                lowest_judge_total=row.lowest_judge_total,
                tie_break=tie_break,
                tie_break_criterion=tie_criterion,
            )
        )
        previous_key = key
    unscored.sort(key=lambda row: row.entry_id)
    return ranked + unscored


def _what_separated(
    above: tuple, below: tuple, order: Sequence[CriterionSpec]
) -> tuple[str, int | None]:
    for criterion, mine, theirs in zip(order, below[1], above[1], strict=True):
        if mine != theirs:
            return TIE_BY_CRITERION, criterion.id
    if below[2] != above[2]:
        return TIE_BY_LOWEST_JUDGE, None
    return TIE_BY_SUBMISSION, None
