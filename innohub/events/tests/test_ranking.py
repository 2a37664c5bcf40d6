"""Ranking of contest entries and the tie rule, worked out by hand.

Rubric used below: innovation (id 1, weight 3, out of 10), market (id 2, weight 2, out of 10),
team (id 3, weight 1, out of 5). A judge's total = (3·a/10 + 2·b/10 + c/5) / 6 × 100.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from innohub.events.ranking import (
    TIE_BY_CRITERION,
    TIE_BY_LOWEST_JUDGE,
    TIE_BY_SUBMISSION,
    CriterionSpec,
    EntryMarks,
    judge_total,
    published,
    rank_entries,
)

RUBRIC = [CriterionSpec(1, 3, 10), CriterionSpec(2, 2, 10), CriterionSpec(3, 1, 5)]
T0 = datetime(2020, 11, 1, 9, 0)


def entry(entry_id: int, *cards: dict[int, int], minutes: int = 0) -> EntryMarks:
    return EntryMarks(entry_id, T0 + timedelta(minutes=minutes), cards)


def test_a_judge_total_is_the_weighted_share_of_the_highest_marks():
    assert judge_total({1: 10, 2: 10, 3: 5}, RUBRIC) == 100
    assert judge_total({1: 0, 2: 0, 3: 0}, RUBRIC) == 0
    # (2.4 + 1.2 + 0.8) / 6 × 100 = 73.33…
    assert judge_total({1: 8, 2: 6, 3: 4}, RUBRIC) == Fraction(220, 3)
    assert published(Fraction(220, 3)) == Decimal("73.33")
    assert published(Fraction(1, 200)) == Decimal("0.01")  # halves round up


def test_it_ranks_by_the_mean_of_the_judges_totals():
    ranking = rank_entries(
        [
            entry(1, {1: 5, 2: 5, 3: 3}),  # (1.5 + 1 + 0.6)/6 = 51.67
            entry(2, {1: 9, 2: 8, 3: 4}, {1: 7, 2: 6, 3: 3}),  # 85.00 and 65.00 → 75.00
            entry(3, {1: 10, 2: 9, 3: 5}),  # (3 + 1.8 + 1)/6 = 96.67
        ],
        RUBRIC,
    )
    assert [(r.entry_id, r.rank, r.total) for r in ranking] == [
        (3, 1, Decimal("96.67")),
        (2, 2, Decimal("75.00")),
        (1, 3, Decimal("51.67")),
    ]
    assert ranking[1].judges == 2
    assert all(r.tie_break is None for r in ranking)


def test_an_equal_total_goes_to_the_heavier_criterion():
    # Both 73.33: entry 1 has 80 on innovation, entry 2 has 100 → entry 2 first.
    ranking = rank_entries(
        [entry(1, {1: 8, 2: 6, 3: 4}), entry(2, {1: 10, 2: 5, 3: 2}, minutes=5)], RUBRIC
    )
    assert [r.entry_id for r in ranking] == [2, 1]
    assert ranking[0].total == ranking[1].total == Decimal("73.33")
    assert ranking[1].tie_break == TIE_BY_CRITERION
    assert ranking[1].tie_break_criterion == 1
    assert ranking[0].tie_break is None


def test_then_the_next_criterion_by_weight():
    # Totals equal (66.67) and innovation equal (60): market decides (entry 2: 80 > 60).
    # entry 1: (1.8 + 1.2 + 1.0)/6 = 66.67; entry 2: (1.8 + 1.6 + 0.6)/6 = 66.67.
    ranking = rank_entries([entry(1, {1: 6, 2: 6, 3: 5}), entry(2, {1: 6, 2: 8, 3: 3})], RUBRIC)
    assert [r.entry_id for r in ranking] == [2, 1]
    assert ranking[1].tie_break == TIE_BY_CRITERION
    assert ranking[1].tie_break_criterion == 2


def test_then_the_least_convinced_judge():
    # Entry 4's judges gave 100 and 46.67 (mean 73.33, innovation 80, market 60, team 80):
    # the same total and criterion averages as entry 1, whose single judge gave 73.33.
    ranking = rank_entries(
        [
            entry(4, {1: 10, 2: 10, 3: 5}, {1: 6, 2: 2, 3: 3}),
            entry(1, {1: 8, 2: 6, 3: 4}, minutes=30),
        ],
        RUBRIC,
    )
    assert [r.entry_id for r in ranking] == [1, 4]
    assert ranking[0].criterion_means == ranking[1].criterion_means
    assert ranking[1].tie_break == TIE_BY_LOWEST_JUDGE
    assert ranking[1].lowest_judge_total == Decimal("46.67")


def test_then_the_earlier_submission():
    ranking = rank_entries(
        [entry(7, {1: 8, 2: 6, 3: 4}, minutes=90), entry(9, {1: 8, 2: 6, 3: 4}, minutes=10)],
        RUBRIC,
    )
    assert [r.entry_id for r in ranking] == [9, 7]
    assert [r.rank for r in ranking] == [1, 2]
    assert ranking[1].tie_break == TIE_BY_SUBMISSION


def test_three_way_tie_is_resolved_step_by_step():
    ranking = rank_entries(
        [
            entry(1, {1: 8, 2: 6, 3: 4}, minutes=1),  # 73.33, innovation 80
            entry(2, {1: 10, 2: 5, 3: 2}, minutes=2),  # 73.33, innovation 100
            entry(3, {1: 8, 2: 6, 3: 4}, minutes=0),  # like entry 1, submitted first
            entry(4, {1: 9, 2: 9, 3: 5}, minutes=3),  # (2.7 + 1.8 + 1)/6 = 91.67
        ],
        RUBRIC,
    )
    assert [(r.entry_id, r.rank, r.tie_break) for r in ranking] == [
        (4, 1, None),
        (2, 2, None),
        (3, 3, TIE_BY_CRITERION),
        (1, 4, TIE_BY_SUBMISSION),
    ]


def test_totals_are_compared_as_published_to_two_decimals():
    # Weights 1 and 2 out of 10000: entry 1 is exactly 80.00; entry 2 is 80.0033…, published
    # as 80.00 too, so the heavier criterion decides and entry 1 (80.00 > 79.99) ranks first.
    rubric = [CriterionSpec(1, 1, 10000), CriterionSpec(2, 2, 10000)]
    ranking = rank_entries([entry(1, {1: 8000, 2: 8000}), entry(2, {1: 8003, 2: 7999})], rubric)
    assert [r.entry_id for r in ranking] == [1, 2]
    assert ranking[0].total == ranking[1].total == Decimal("80.00")
    assert ranking[1].tie_break == TIE_BY_CRITERION
    assert ranking[1].tie_break_criterion == 2


def test_incomplete_scorecards_do_not_count_and_unscored_entries_come_last():
    ranking = rank_entries(
        [
            entry(5, {1: 2}),  # incomplete only
            entry(6, {1: 9, 2: 9, 3: 5}, {1: 1}),  # one complete, one incomplete card
            entry(2),  # nobody scored it
        ],
        RUBRIC,
    )
    assert [(r.entry_id, r.rank, r.judges) for r in ranking] == [
        (6, 1, 1),
        (2, None, 0),
        (5, None, 0),
    ]
    assert ranking[0].total == Decimal("91.67")
    assert ranking[1].total is None


def test_without_criteria_nothing_is_ranked():
    assert [r.rank for r in rank_entries([entry(1, {})], [])] == [None]
