"""Writes about contests: rubric, rounds, entries and files, judges, conflicts, scores, results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innohub.accounts.access import require, user_is_judge
from innohub.common.i18n import LANGUAGE_CODES, localized
from innohub.directory.models import Organisation
from innohub.events import access, contest_selectors
from innohub.events.models import (
    Assignment,
    Conflict,
    Contest,
    Criterion,
    Entry,
    EntryFile,
    EntryStatus,
    Event,
    Mark,
    Round,
    RoundStatus,
    Scorecard,
)
from innohub.events.services import slug_source
from innohub.network.models import Hub
from innohub.relations.documents import content_matches_name

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_ENTRY = 10
ALLOWED_FILE_SUFFIXES = frozenset(
    {
        ".pdf",
        ".ppt",
        ".pptx",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".odt",
        ".odp",
        ".png",
        ".jpg",
        ".jpeg",
        ".zip",
        ".mp4",
        ".txt",
        ".md",
    }
)
CONTEST_FIELDS = frozenset(
    {
        "title",
        "description",
        "event",
        "is_public",
        "submissions_open",
        "submission_deadline",
        "results_announcement",
    }
)
# In the order the entry form shows them.
ENTRY_FIELDS = (
    "title",
    "team_name",
    "team_members",
    "organisation",
    "organisation_name",
    "description",
    "contact_name",
    "contact_email",
)


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def contest_unique_slug(title: Any, exclude_pk: int | None = None) -> str:
    text = localized(title)
    base = slugify(slug_source(text.get("en") or text.in_language("en")))[:80] or "contest"
    slug, n = base, 2
    while Contest.all_objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(obj: Any, data: Mapping[str, Any], allowed: frozenset[str], i18n: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({f: _("You cannot change this field.") for f in sorted(unknown)})
    for field, value in data.items():
        setattr(obj, field, localized(value) if field in i18n else value)


def _check_event(contest: Contest) -> None:
    event: Event | None = contest.event
    if event is not None and event.hub_id != contest.hub_id:
        raise ValidationError({"event": _("The event must belong to the same hub.")})


# ---------------------------------------------------------------- contest, rubric, rounds


@transaction.atomic
def contest_create(
    *,
    by: Any,
    hub: Hub,
    criteria: Sequence[Mapping[str, Any]] = (),
    rounds: Sequence[Any] = (),
    is_generated: bool = False,
    **data: Any,
) -> Contest:
    """A contest with its rubric and rounds (one judging round when none is named)."""
    contest = Contest(hub=hub, is_generated=is_generated)
    _apply(contest, data, CONTEST_FIELDS, {"title", "description", "results_announcement"})
    _check_event(contest)
    contest.slug = contest_unique_slug(contest.title)
    contest.full_clean(exclude=["slug", "hub", "event"])
    contest.save()
    for row in criteria:
        criterion_create(contest=contest, by=by, **row)
    for name in rounds or [{"en": "Judging", "zh-hans": "评审", "he": "שיפוט"}]:
        round_create(contest=contest, by=by, name=name)
    return contest


@transaction.atomic
def contest_update(*, contest: Contest, by: Any, **data: Any) -> Contest:
    _apply(contest, data, CONTEST_FIELDS, {"title", "description", "results_announcement"})
    _check_event(contest)
    contest.full_clean(exclude=["slug", "hub", "event"])
    contest.save()
    return contest


def _rubric_is_editable(contest: Contest) -> None:
    if contest.rounds.exclude(status=RoundStatus.PENDING).exists():
        raise ValidationError(
            _("The rubric cannot change once judging has started: scores would no longer compare.")
        )


@transaction.atomic
def criterion_create(
    *,
    contest: Contest,
    by: Any,
    name: Any,
    weight: int = 1,
    max_score: int = 10,
    description: Any = None,
    position: int | None = None,
) -> Criterion:
    _rubric_is_editable(contest)
    criterion = Criterion(
        contest=contest,
        name=localized(name),
        description=localized(description),
        weight=weight,
        max_score=max_score,
        position=position if position is not None else contest.criteria.count(),
    )
    criterion.full_clean(exclude=["contest"])
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(*, criterion: Criterion, by: Any, **data: Any) -> Criterion:
    _rubric_is_editable(criterion.contest)
    _apply(
        criterion,
        data,
        frozenset({"name", "description", "weight", "max_score", "position"}),
        {"name", "description"},
    )
    criterion.full_clean(exclude=["contest"])
    criterion.save()
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: Any) -> None:
    _rubric_is_editable(criterion.contest)
    criterion.delete()


@transaction.atomic
def round_create(*, contest: Contest, by: Any, name: Any) -> Round:
    last = contest.rounds.order_by("-position").first()
    if last is not None and last.status == RoundStatus.CLOSED and contest.results_published:
        raise ValidationError(_("The results are published; no round can follow."))
    round_ = Round(
        contest=contest, name=localized(name), position=(last.position + 1) if last else 1
    )
    round_.full_clean(exclude=["contest"])
    round_.save()
    return round_


@transaction.atomic
def round_open(*, round_: Round, by: Any, entries: Iterable[Entry] | None = None) -> Round:
    """Start judging a round. The first takes every submitted entry unless told otherwise;
    a later round takes the entries chosen from the previous round (the finalists)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    contest = round_.contest
    if round_.status != RoundStatus.PENDING:
        raise ValidationError(_("This round has already been opened."))
    if not contest.criteria.exists():
        raise ValidationError(_("Add at least one criterion to the rubric first."))
    earlier = list(contest.rounds.filter(position__lt=round_.position).order_by("position"))
    if any(r.status != RoundStatus.CLOSED for r in earlier):
        raise ValidationError(_("Close the earlier rounds first."))
    pool = contest_selectors.active_entries(contest)
    if earlier:
        pool = pool.filter(rounds=earlier[-1])
    chosen = list(pool) if entries is None else list(entries)
    allowed = set(pool.values_list("pk", flat=True))
    if any(e.pk not in allowed for e in chosen):
        raise ValidationError(
            _("A round can only take submitted entries that were in the previous round.")
        )
    if not chosen:
        raise ValidationError(_("There are no entries to judge in this round."))
    round_.entries.set(chosen)
    round_.status = RoundStatus.OPEN
    round_.opened_at = timezone.now()
    round_.save(update_fields=["status", "opened_at"])
    return round_


@transaction.atomic
def round_close(*, round_: Round, by: Any) -> Round:
    """End judging: scores freeze and judges may now see each other's scores and the ranking."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("Only a round that is being judged can be closed."))
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    return round_


@transaction.atomic
def contest_publish_results(*, contest: Contest, by: Any) -> Contest:
    """Make the final ranking public, with the announcement in all three languages."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.rounds.filter(status=RoundStatus.OPEN).exists():
        raise ValidationError(_("Close the round being judged first."))
    if contest_selectors.final_round(contest) is None:
        raise ValidationError(_("No round has been closed yet: there is nothing to publish."))
    missing = [code for code in LANGUAGE_CODES if not contest.results_announcement.get(code)]
    if missing:
        raise ValidationError(
            {
                "results_announcement": _(
                    "Write the results announcement in Chinese, English and Hebrew "
                    "before publishing."
                )
            }
        )
    contest.results_published_at = timezone.now()
    contest.save(update_fields=["results_published_at", "updated_at"])
    return contest


@transaction.atomic
def contest_unpublish_results(*, contest: Contest, by: Any) -> Contest:
    contest.results_published_at = None
    contest.save(update_fields=["results_published_at", "updated_at"])
    return contest


# ---------------------------------------------------------------- entries and files


def _check_organisation(value: Any) -> Organisation | None:
    if value is None or isinstance(value, Organisation):
        return value
    raise ValidationError({"organisation": _("Unknown organisation.")})


@transaction.atomic
def entry_create(
    *,
    contest: Contest,
    by: Any,
    as_staff: bool = False,
    files: Sequence[UploadedFile] = (),
    is_generated: bool = False,
    submitted_at: datetime | None = None,
    **data: Any,
) -> Entry:
    """Enter a project; entrants while the contest accepts entries, staff at any time."""
    if not as_staff and not contest.accepts_entries():
        raise ValidationError(_("This contest is not accepting entries."))
    entry = Entry(contest=contest, submitted_by=_user_or_none(by), is_generated=is_generated)
    _apply(entry, data, frozenset(ENTRY_FIELDS), {"title", "description"})
    entry.organisation = _check_organisation(entry.organisation)
    if not entry.organisation_id and not entry.organisation_name and not entry.team_name:
        raise ValidationError({"team_name": _("Name the team or its organisation.")})
    entry.full_clean(exclude=["contest", "organisation", "submitted_by"])
    entry.save()
    if submitted_at is not None:
        Entry.objects.filter(pk=entry.pk).update(created_at=submitted_at)
        entry.created_at = submitted_at
    for upload in files:
        entry_file_add(entry=entry, by=by, upload=upload)
    open_first = contest.rounds.filter(position=1, status=RoundStatus.OPEN).first()
    if open_first is not None and as_staff:
        open_first.entries.add(entry)
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, by: Any, as_staff: bool, **data: Any) -> Entry:
    if not as_staff and not entry.contest.accepts_entries():
        raise ValidationError(_("Entries can no longer be changed."))
    _apply(entry, data, frozenset(ENTRY_FIELDS), {"title", "description"})
    entry.organisation = _check_organisation(entry.organisation)
    entry.full_clean(exclude=["contest", "organisation", "submitted_by"])
    entry.save()
    return entry


@transaction.atomic
def entry_withdraw(*, entry: Entry, by: Any) -> Entry:
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    return entry


def _check_upload(upload: UploadedFile) -> str:
    name = PurePath(upload.name or "file").name[:200]
    if PurePath(name).suffix.lower() not in ALLOWED_FILE_SUFFIXES:
        raise ValidationError(
            {
                "files": _(
                    "Files of this type are not accepted: %(name)s. "
                    "Use PDF, Office documents, images, ZIP or MP4."
                )
                % {"name": name}
            }
        )
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ValidationError({"files": _("%(name)s is larger than 20 MB.") % {"name": name}})
    # By content, not only by name: a renamed program or web page is refused.
    if not content_matches_name(name, upload):
        raise ValidationError(
            {"files": _("The file's content is not the kind of document its name says it is.")}
        )
    return name


@transaction.atomic
def entry_file_add(*, entry: Entry, by: Any, upload: UploadedFile) -> EntryFile:
    name = _check_upload(upload)
    if entry.files.count() >= MAX_FILES_PER_ENTRY:
        raise ValidationError({"files": _("An entry may have at most 10 files.")})
    stored = EntryFile(entry=entry, name=name, size=upload.size or 0, uploaded_by=_user_or_none(by))
    stored.file.save(name, upload, save=False)
    stored.save()
    return stored


@transaction.atomic
def entry_file_delete(*, stored: EntryFile, by: Any) -> None:
    stored.file.delete(save=False)
    stored.delete()


# ---------------------------------------------------------------- judges and conflicts


def _remove_judge_from_entry(judge: Any, entry: Entry) -> None:
    Assignment.objects.filter(entry=entry, judge=judge).delete()
    Scorecard.objects.filter(entry=entry, judge=judge).delete()


@transaction.atomic
def assignment_create(*, round_: Round, entry: Entry, judge: Any, by: Any) -> Assignment:
    """Give an entry to a judge of the hub for a round; never one with a conflict of interest."""
    if round_.status == RoundStatus.CLOSED:
        raise ValidationError(_("This round is closed."))
    if entry.contest_id != round_.contest_id:
        raise ValidationError(_("The entry belongs to another contest."))
    if not user_is_judge(judge, round_.contest.hub_id):
        raise ValidationError({"judge": _("Only a judge of this hub can be assigned.")})
    if access.conflict_reason(judge, entry):
        raise ValidationError(
            {"judge": _("This judge has a conflict of interest with this entry.")}
        )
    if round_.status == RoundStatus.OPEN and not round_.entries.filter(pk=entry.pk).exists():
        raise ValidationError(_("The entry is not in this round."))
    assignment, _created = Assignment.objects.get_or_create(
        round=round_, entry=entry, judge=judge, defaults={"assigned_by": _user_or_none(by)}
    )
    return assignment


@transaction.atomic
def assignments_for_all_judges(
    *, round_: Round, by: Any, judges: Iterable[Any] | None = None
) -> int:
    """Assign every judge of the hub to every entry of the round, conflicts left out."""
    judges = (
        list(judges)
        if judges is not None
        else contest_selectors.judges_of_hub(round_.contest.hub_id)
    )
    entries = list(round_.entries.filter(status=EntryStatus.SUBMITTED).values_list("pk", flat=True))
    existing = set(round_.assignments.values_list("entry_id", "judge_id"))
    missing = [
        Assignment(round=round_, entry_id=entry_id, judge=judge, assigned_by=_user_or_none(by))
        for judge in judges
        for entry_id in sorted(
            set(entries) - contest_selectors.conflicted_entry_ids(judge, round_.contest)
        )
        if (entry_id, judge.pk) not in existing
    ]
    Assignment.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def assignment_delete(*, assignment: Assignment, by: Any) -> None:
    """Take an entry away from a judge; their scorecard for it in that round no longer counts."""
    if assignment.round.status == RoundStatus.CLOSED:
        raise ValidationError(_("This round is closed."))
    Scorecard.objects.filter(
        round=assignment.round, entry=assignment.entry, judge=assignment.judge
    ).delete()
    assignment.delete()


@transaction.atomic
def conflict_declare(*, entry: Entry, judge: Any, by: Any, reason: str = "") -> Conflict:
    """Record a judge's conflict with an entry: their assignments and scores for it go away."""
    contest = entry.contest
    if contest.results_published:
        raise ValidationError(_("The results are published; ask the hub staff."))
    if not user_is_judge(judge, contest.hub_id):
        raise ValidationError(_("Only a judge of this hub can declare a conflict of interest."))
    conflict, _created = Conflict.objects.get_or_create(
        contest=contest,
        entry=entry,
        judge=judge,
        defaults={"reason": (reason or "").strip()[:2000], "declared_by": _user_or_none(by)},
    )
    _remove_judge_from_entry(judge, entry)
    return conflict


@transaction.atomic
def conflict_delete(*, conflict: Conflict, by: Any) -> None:
    """Staff correct a conflict recorded by mistake (the judge is not reassigned by itself)."""
    conflict.delete()


# ---------------------------------------------------------------- scores


@transaction.atomic
def scorecard_save(
    *, round_: Round, entry: Entry, judge: Any, marks: Mapping[int, int | None], comment: str = ""
) -> Scorecard:
    """Save a judge's marks (all or some: it counts once every criterion has a mark)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    # Who may score comes first: an entrant must get "forbidden", not news of the round.
    require(access.judge_may_score(judge, entry, round_))
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("Scores can only be given while the round is being judged."))
    criteria = {c.pk: c for c in round_.contest.criteria.all()}
    unknown = set(marks) - set(criteria)
    if unknown:
        raise ValidationError({"marks": _("Unknown criterion.")})
    errors = {}
    for criterion_id, value in marks.items():
        criterion = criteria[criterion_id]
        if value is not None and not 0 <= int(value) <= criterion.max_score:
            errors[f"criterion_{criterion_id}"] = _("Give a mark from 0 to %(highest)d.") % {
                "highest": criterion.max_score
            }
    if errors:
        raise ValidationError(errors)
    card, _created = Scorecard.objects.get_or_create(round=round_, entry=entry, judge=judge)
    card.comment = (comment or "").strip()[:5000]
    card.save()
    for criterion_id, value in marks.items():
        if value is None:
            Mark.objects.filter(scorecard=card, criterion_id=criterion_id).delete()
        else:
            Mark.objects.update_or_create(
                scorecard=card, criterion_id=criterion_id, defaults={"value": int(value)}
            )
    return card
