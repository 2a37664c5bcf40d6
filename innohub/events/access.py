"""Who may see and manage events, registrations, contests, entries and scores."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from innohub.accounts.access import (
    require,
    user_is_hub_staff,
    user_is_judge,
    user_represents,
)
from innohub.events import contest_selectors
from innohub.events.models import (
    Audience,
    Contest,
    Entry,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Round,
)

# ---------------------------------------------------------------- events


def user_can_manage_event(user: Any, event: Event) -> bool:
    return user_is_hub_staff(user, event.hub_id)


def user_is_invited(user: Any, event: Event) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        event.registrations.filter(user=user).exclude(status=RegistrationStatus.DECLINED).exists()
    )


def user_sees_event(user: Any, event: Event) -> bool:
    """Public events once published; invitation-only ones to their guests; all to hub staff."""
    if event.is_deleted:
        return False
    if user_can_manage_event(user, event):
        return True
    if event.status == EventStatus.DRAFT:
        return False
    if event.audience == Audience.PUBLIC:
        return True
    return user_is_invited(user, event)


def access_event_for_user(
    user: Any, event: Event | None, *, guest_of: Registration | None = None
) -> Event:
    """The event if the user may see it; 404 otherwise (an unlisted event's existence is private).

    `guest_of` is a registration proven by its signed link: its holder sees the event too.
    """
    if event is None:
        raise Http404
    if guest_of is not None and guest_of.event_id == event.pk and not event.is_deleted:
        return event
    if not user_sees_event(user, event):
        raise Http404
    return event


def access_event_for_staff(user: Any, event: Event | None) -> Event:
    event = access_event_for_user(user, event)
    require(user_can_manage_event(user, event))
    return event


def user_owns_registration(user: Any, registration: Registration) -> bool:
    return bool(getattr(user, "is_authenticated", False) and registration.user_id == user.pk)


def access_registration_for_user(user: Any, registration: Registration | None) -> Registration:
    if registration is None or registration.event.is_deleted:
        raise Http404
    if user_owns_registration(user, registration):
        return registration
    if user_can_manage_event(user, registration.event):
        return registration
    raise Http404


# ---------------------------------------------------------------- contests


def user_can_manage_contest(user: Any, contest: Contest) -> bool:
    return user_is_hub_staff(user, contest.hub_id)


def user_is_contest_judge(user: Any, contest: Contest) -> bool:
    return user_is_judge(user, contest.hub_id)


def user_is_entrant(user: Any, entry: Entry) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if entry.submitted_by_id == user.pk:
        return True
    return user_represents(user, entry.organisation_id)


def user_sees_contest(user: Any, contest: Contest) -> bool:
    if contest.is_deleted:
        return False
    if contest.is_public:
        return True
    if user_can_manage_contest(user, contest):
        return True
    return user_is_contest_judge(user, contest)


def access_contest_for_user(user: Any, contest: Contest | None) -> Contest:
    if contest is None or not user_sees_contest(user, contest):
        raise Http404
    return contest


def access_contest_for_staff(user: Any, contest: Contest | None) -> Contest:
    contest = access_contest_for_user(user, contest)
    require(user_can_manage_contest(user, contest))
    return contest


def access_contest_for_judge(user: Any, contest: Contest | None) -> Contest:
    contest = access_contest_for_user(user, contest)
    require(user_is_contest_judge(user, contest))
    return contest


def conflict_reason(user: Any, entry: Entry) -> str | None:
    """Why the judge must stay away from the entry, None when they need not.

    Declared conflicts first; then the ones the platform knows without being told: the judge
    entered it, represents its organisation, or works there according to the directory.
    """
    if contest_selectors.declared_conflict(user, entry) is not None:
        return "declared"
    if entry.submitted_by_id is not None and entry.submitted_by_id == getattr(user, "pk", None):
        return "entrant"
    if user_represents(user, entry.organisation_id):
        return "represents"
    person = contest_selectors.person_of(user)
    if (
        person is not None
        and entry.organisation_id
        and person.organisation_id == entry.organisation_id
    ):
        return "works_there"
    return None


def judge_may_score(user: Any, entry: Entry, round_: Round) -> bool:
    if not user_is_contest_judge(user, entry.contest):
        return False
    if conflict_reason(user, entry):
        return False
    return contest_selectors.is_assigned(user, entry, round_)


def access_entry_for_user(user: Any, entry: Entry | None) -> Entry:
    """An entry's full file: hub staff, its entrants, and the judges assigned to it.

    A judge with a conflict of interest gets 403 even when assigned (the assignment is removed
    when the conflict is declared, but the rule does not rely on that), as does a judge of the
    hub who is not assigned to it. Everyone else gets 404: unpublished entries are private.
    """
    if entry is None or entry.is_deleted or entry.contest.is_deleted:
        raise Http404
    contest = entry.contest
    if user_can_manage_contest(user, contest):
        return entry
    if user_is_contest_judge(user, contest):
        require(conflict_reason(user, entry) is None)
        require(contest_selectors.is_assigned(user, entry))
        return entry
    if user_is_entrant(user, entry):
        return entry
    raise Http404


def user_sees_other_judges_scores(user: Any, round_: Round) -> bool:
    """Staff always; judges only once the round has closed."""
    if user_can_manage_contest(user, round_.contest):
        return True
    return round_.is_closed and user_is_contest_judge(user, round_.contest)


def user_sees_ranking(user: Any, contest: Contest, round_: Round) -> bool:
    if user_can_manage_contest(user, contest):
        return True
    return round_.is_closed and user_is_contest_judge(user, contest)


def user_may_delete_event(user: Any, event: Event) -> bool:
    return user_can_manage_event(user, event)


def user_may_delete_contest_record(user: Any, obj: Any) -> bool:
    contest = obj if isinstance(obj, Contest) else obj.contest
    return user_can_manage_contest(user, contest)


def register_trash() -> None:
    """Deleted events, contests and entries can be restored from the "Deleted records" page."""
    from innohub.common import trash

    trash.register(Event, may_delete=user_may_delete_event)
    trash.register(Contest, may_delete=user_may_delete_contest_record)
    trash.register(Entry, may_delete=user_may_delete_contest_record)
