"""Reads about contests: entries a user may see, assignments, scorecards and the ranking."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by
from innohub.directory.models import Person
from innohub.events import ranking
from innohub.events.models import (
    Assignment,
    Conflict,
    Contest,
    Criterion,
    Entry,
    EntryStatus,
    Mark,
    Round,
    RoundStatus,
    Scorecard,
)

# The rule of ranking.py in words, shown with every ranking (pages and API alike).
TIE_RULE = _(
    "How entries are ranked: by the average of the judges' weighted totals (0–100, compared "
    "to two decimals). When two entries have the same total, the one with the higher average "
    "on the most heavily weighted criterion ranks higher, then on the next criterion by "
    "weight; if still equal, the one whose lowest total from a single judge is higher; if "
    "still equal, the one submitted earlier."
)


def contest_visible_q(user: Any) -> Q:
    visible = Q(is_public=True)
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    grants = grants_for(user)
    hubs = set(staffed or ()) | set(grants.judge_hubs)
    if hubs:
        visible |= Q(hub_id__in=hubs)
    return visible


def contest_list(*, user: Any, hub: str = "") -> QuerySet[Contest]:
    qs = Contest.objects.filter(contest_visible_q(user)).select_related("hub", "event")
    if hub:
        qs = qs.filter(hub__slug=hub)
    return qs.order_by("-created_at", "-id")


def contest_get(*, slug: str) -> Contest | None:
    return Contest.objects.select_related("hub", "event").filter(slug=slug).first()


def entry_get(pk: int) -> Entry | None:
    return (
        Entry.objects.select_related("contest", "contest__hub", "organisation", "submitted_by")
        .filter(pk=pk)
        .first()
    )


def criteria_of(contest: Contest) -> list[Criterion]:
    return list(contest.criteria.all())


def rounds_of(contest: Contest) -> list[Round]:
    return list(contest.rounds.all())


def current_round(contest: Contest) -> Round | None:
    """The open round, else the last closed one, else the first."""
    rounds = rounds_of(contest)
    for round_ in rounds:
        if round_.status == RoundStatus.OPEN:
            return round_
    closed = [r for r in rounds if r.status == RoundStatus.CLOSED]
    if closed:
        return closed[-1]
    return rounds[0] if rounds else None


def final_round(contest: Contest) -> Round | None:
    """The round whose ranking is the result: the last closed one."""
    closed = [r for r in rounds_of(contest) if r.status == RoundStatus.CLOSED]
    return closed[-1] if closed else None


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_innohub_person", False)
    if cached is False:
        cached = Person.objects.filter(user=user).first()
        user._innohub_person = cached
    return cached


def declared_conflict(user: Any, entry: Entry) -> Conflict | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Conflict.objects.filter(entry=entry, judge=user).first()


def conflicted_entry_ids(user: Any, contest: Contest) -> set[int]:
    """Every entry of the contest the judge must stay away from, declared or known."""
    if not getattr(user, "is_authenticated", False):
        return set()
    grants = grants_for(user)
    person = person_of(user)
    known = Q(submitted_by=user)
    if grants.organisations:
        known |= Q(organisation_id__in=grants.organisations)
    if person is not None and person.organisation_id:
        known |= Q(organisation_id=person.organisation_id)
    ids = set(contest.entries.filter(known).values_list("pk", flat=True))
    ids |= set(
        Conflict.objects.filter(contest=contest, judge=user).values_list("entry_id", flat=True)
    )
    return ids


def is_assigned(user: Any, entry: Entry, round_: Round | None = None) -> bool:
    qs = Assignment.objects.filter(entry=entry, judge=user)
    if round_ is not None:
        qs = qs.filter(round=round_)
    return qs.exists()


def entries_of(contest: Contest) -> QuerySet[Entry]:
    return contest.entries.select_related("organisation").prefetch_related("files")


def active_entries(contest: Contest) -> QuerySet[Entry]:
    return entries_of(contest).filter(status=EntryStatus.SUBMITTED)


def entries_for_user(*, user: Any, contest: Contest) -> list[Entry]:
    """Staff: all; a judge: those assigned to them without a conflict; an entrant: their own."""
    from innohub.events.access import (
        user_can_manage_contest,
        user_is_contest_judge,
        user_is_entrant,
    )

    entries = list(entries_of(contest))
    if user_can_manage_contest(user, contest):
        return entries
    if user_is_contest_judge(user, contest):
        conflicted = conflicted_entry_ids(user, contest)
        assigned = set(
            Assignment.objects.filter(round__contest=contest, judge=user).values_list(
                "entry_id", flat=True
            )
        )
        return [e for e in entries if e.pk in assigned and e.pk not in conflicted]
    return [e for e in entries if user_is_entrant(user, e)]


@dataclass
class JudgeTask:
    entry: Entry
    round: Round
    scorecard: Scorecard | None
    complete: bool


def judge_tasks(*, user: Any, contest: Contest) -> list[JudgeTask]:
    """The judge's assignments in the contest (conflicts left out), with how far they got."""
    conflicted = conflicted_entry_ids(user, contest)
    criteria_count = contest.criteria.count()
    assignments = (
        Assignment.objects.filter(round__contest=contest, judge=user)
        .exclude(entry_id__in=conflicted)
        .exclude(entry__status=EntryStatus.WITHDRAWN)
        .filter(entry__deleted_at__isnull=True)
        .select_related("entry", "entry__organisation", "round")
        .order_by("round__position", "entry__created_at", "entry_id")
    )
    cards = {
        (card.round_id, card.entry_id): card
        for card in Scorecard.objects.filter(round__contest=contest, judge=user).prefetch_related(
            "marks"
        )
    }
    tasks = []
    for assignment in assignments:
        card = cards.get((assignment.round_id, assignment.entry_id))
        complete = card is not None and len(card.marks.all()) >= criteria_count > 0
        tasks.append(JudgeTask(assignment.entry, assignment.round, card, complete))
    return tasks


def scorecard_for(*, user: Any, entry: Entry, round_: Round) -> Scorecard | None:
    return (
        Scorecard.objects.filter(round=round_, entry=entry, judge=user)
        .prefetch_related("marks")
        .first()
    )


def scorecards_of_round(
    round_: Round, *, exclude_entries: set[int] | None = None
) -> list[Scorecard]:
    qs = (
        Scorecard.objects.filter(round=round_)
        .select_related("judge", "entry")
        .prefetch_related(Prefetch("marks", queryset=Mark.objects.select_related("criterion")))
        .order_by("entry_id", "judge_id")
    )
    if exclude_entries:
        qs = qs.exclude(entry_id__in=exclude_entries)
    return list(qs)


def assignments_of_round(round_: Round) -> list[Assignment]:
    return list(round_.assignments.select_related("judge", "entry"))


@dataclass
class RankingRow:
    entry: Entry
    result: ranking.RankedEntry


def round_ranking(round_: Round) -> list[RankingRow]:
    """The round's entries ranked by the stated rule (see ranking.py)."""
    criteria = criteria_of(round_.contest)
    specs = [ranking.CriterionSpec(c.pk, c.weight, c.max_score) for c in criteria]
    entries = {
        e.pk: e
        for e in round_.entries.filter(status=EntryStatus.SUBMITTED, deleted_at__isnull=True)
        .select_related("organisation")
        .order_by("created_at", "id")
    }
    cards: dict[int, list[dict[int, int]]] = {pk: [] for pk in entries}
    for card in Scorecard.objects.filter(round=round_, entry_id__in=entries).prefetch_related(
        "marks"
    ):
        cards[card.entry_id].append({m.criterion_id: m.value for m in card.marks.all()})
    marks = [
        ranking.EntryMarks(pk, entry.created_at, tuple(cards[pk])) for pk, entry in entries.items()
    ]
    return [RankingRow(entries[r.entry_id], r) for r in ranking.rank_entries(marks, specs)]


def judges_of_hub(hub_id: int) -> list[Any]:
    from innohub.accounts.models import RoleKind, User

    return list(
        User.objects.filter(roles__kind=RoleKind.JUDGE, roles__hub_id=hub_id, is_active=True)
        .distinct()
        .order_by("display_name", "username")
    )
