"""API shapes of events, registrations and contests. Times are UTC; `local` adds the zones."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, field_validator

from innohub.directory.schemas import I18nText, _check_i18n
from innohub.events.slots import REFERENCE_ZONES
from innohub.events.times import as_local

# Dates and times the API accepts: wide enough for history and plans, and far from the ends of
# the calendar where converting between zones would overflow.
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def _reasonable_moment(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("give the time zone, e.g. 2031-05-05T07:00:00Z")
    if not EARLIEST_DATE <= value.astimezone(UTC).date() <= LATEST_DATE:
        raise ValueError("the time must lie between 1990 and 2100")
    return value


Moment = Annotated[datetime, AfterValidator(_reasonable_moment)]
# A primary key as the databases store it (a larger number would overflow in a list lookup).
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def local_times(moment: datetime | None, zone: str) -> dict[str, str]:
    """The moment in the event's zone and in Shanghai and Jerusalem time (ISO 8601)."""
    if moment is None:
        return {}
    return {z: as_local(moment, z).isoformat() for z in dict.fromkeys([zone, *REFERENCE_ZONES])}


class SpeakerOut(Schema):
    person_id: int | None
    name: I18nText
    affiliation: I18nText
    role: str
    mode: str

    @staticmethod
    def resolve_name(obj: Any) -> dict[str, str]:
        return dict(obj.display_name)

    @staticmethod
    def resolve_affiliation(obj: Any) -> dict[str, str]:
        return dict(obj.affiliation or {})


class SessionOut(Schema):
    id: int
    title: I18nText
    description: I18nText
    location: I18nText
    starts_at: datetime
    ends_at: datetime
    local_start: dict[str, str]
    local_end: dict[str, str]
    speakers: list[SpeakerOut]

    @staticmethod
    def resolve_local_start(obj: Any) -> dict[str, str]:
        return local_times(obj.starts_at, obj.event.time_zone)

    @staticmethod
    def resolve_local_end(obj: Any) -> dict[str, str]:
        return local_times(obj.ends_at, obj.event.time_zone)

    @staticmethod
    def resolve_speakers(obj: Any) -> list[Any]:
        return list(obj.speakers.all())


class EventRoomOut(Schema):
    """The hub room an event is held in."""

    id: int
    code: str
    name: I18nText
    building: I18nText
    capacity: int

    @staticmethod
    def resolve_name(obj: Any) -> dict[str, str]:
        return dict(obj.name or {})

    @staticmethod
    def resolve_building(obj: Any) -> dict[str, str]:
        return dict(obj.floor.building.name)


class EventOut(Schema):
    slug: str
    hub: str
    kind: str
    title: I18nText
    description: I18nText
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    local_start: dict[str, str]
    local_end: dict[str, str]
    date_is_approximate: bool
    venue_kind: Literal["room", "online", "elsewhere"]
    venue_address: I18nText
    room: EventRoomOut | None
    audience: str
    status: str
    registration_open: bool
    accepts_registrations: bool
    capacity: int | None
    waitlist_enabled: bool
    partners: list[str]
    url: str
    # Only for hub staff and confirmed participants (obj.show_online_url).
    online_url: str | None = None

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_local_start(obj: Any) -> dict[str, str]:
        return local_times(obj.starts_at, obj.time_zone)

    @staticmethod
    def resolve_local_end(obj: Any) -> dict[str, str]:
        return local_times(obj.ends_at, obj.time_zone)

    @staticmethod
    def resolve_accepts_registrations(obj: Any) -> bool:
        return obj.accepts_registrations() and obj.audience == "public"

    @staticmethod
    def resolve_partners(obj: Any) -> list[str]:
        return [o.slug for o in obj.partners.all()]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_online_url(obj: Any) -> str | None:
        return obj.online_url if getattr(obj, "show_online_url", False) else None

    @staticmethod
    def resolve_room(obj: Any) -> Any:
        return obj.room if obj.venue_kind == "room" else None


class EventDetailOut(EventOut):
    sessions: list[SessionOut]

    @staticmethod
    def resolve_sessions(obj: Any) -> list[Any]:
        return list(obj.sessions.prefetch_related("speakers__person").all())


class EventPatchIn(Schema):
    kind: str | None = None
    title: I18nText | None = None
    description: I18nText | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    time_zone: str | None = Field(default=None, max_length=64)
    date_is_approximate: bool | None = None
    venue_kind: str | None = None
    venue_address: I18nText | None = None
    room: RecordId | None = None
    online_url: str | None = Field(default=None, max_length=200)
    audience: str | None = None
    status: str | None = None
    registration_open: bool | None = None
    registration_closes_at: Moment | None = None
    capacity: int | None = Field(default=None, ge=1, le=100000)
    waitlist_enabled: bool | None = None
    partners: list[str] | None = None

    _i18n = field_validator("title", "description", "venue_address")(_check_i18n)


class EventCreateIn(EventPatchIn):
    hub: str
    kind: str
    title: I18nText
    starts_at: Moment
    ends_at: Moment


class SpeakerIn(Schema):
    person: RecordId | None = None
    guest_name: I18nText | None = None
    guest_affiliation: I18nText | None = None
    role: str = "speaker"
    mode: str = "in_person"

    _i18n = field_validator("guest_name", "guest_affiliation")(_check_i18n)


class SessionPatchIn(Schema):
    title: I18nText | None = None
    description: I18nText | None = None
    location: I18nText | None = None
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    speakers: list[SpeakerIn] | None = None

    _i18n = field_validator("title", "description", "location")(_check_i18n)


class SessionCreateIn(SessionPatchIn):
    title: I18nText
    starts_at: Moment
    ends_at: Moment


class RegistrationIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    organisation_name: str = Field(default="", max_length=200)
    country: str = Field(default="", max_length=5)
    language: str = "en"


class InvitationIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(min_length=3, max_length=254)
    language: str = "en"


class RegistrationOut(Schema):
    id: int
    event: str
    name: str
    email: str
    organisation_name: str
    country: str
    language: str
    status: str
    waitlist_position: int | None
    created_at: datetime
    checked_in_at: datetime | None
    # The signed links of this registration: its holder's private page and the check-in code.
    manage_url: str
    check_in_code: str | None

    @staticmethod
    def resolve_event(obj: Any) -> str:
        return obj.event.slug

    @staticmethod
    def resolve_waitlist_position(obj: Any) -> int | None:
        from innohub.events.selectors import waitlist_position

        return waitlist_position(obj)

    @staticmethod
    def resolve_manage_url(obj: Any) -> str:
        from django.urls import reverse

        from innohub.events.tokens import manage_token

        return reverse("events:registration", args=[manage_token(obj.pk)])

    @staticmethod
    def resolve_check_in_code(obj: Any) -> str | None:
        from innohub.events.tokens import check_in_code

        return check_in_code(obj.pk) if obj.status == "confirmed" else None


class CheckInIn(Schema):
    code: str = Field(min_length=1, max_length=500)


class CheckInOut(Schema):
    registration: RegistrationOut
    newly_checked_in: bool


class AttendanceOut(Schema):
    capacity: int | None
    confirmed: int
    waitlisted: int
    invited: int
    cancelled: int
    declined: int
    checked_in: int
    no_shows: int
    free_places: int | None
    attendance_rate: float | None
    by_country: list[dict[str, Any]]

    @staticmethod
    def resolve_by_country(obj: Any) -> list[dict[str, Any]]:
        return [
            {"country": country, "confirmed": confirmed, "checked_in": arrived}
            for country, confirmed, arrived in obj.by_country
        ]


class SlotOut(Schema):
    start: str
    end: str
    local: dict[str, str]
    score: float


# ---------------------------------------------------------------- contests


class CriterionIn(Schema):
    name: I18nText
    description: I18nText | None = None
    weight: int = Field(default=1, ge=1, le=100)
    max_score: int = Field(default=10, ge=1, le=100)

    _i18n = field_validator("name", "description")(_check_i18n)


class CriterionOut(Schema):
    id: int
    name: I18nText
    description: I18nText
    weight: int
    max_score: int


class RoundOut(Schema):
    id: int
    position: int
    name: I18nText
    status: str
    opened_at: datetime | None
    closed_at: datetime | None


class ContestPatchIn(Schema):
    title: I18nText | None = None
    description: I18nText | None = None
    event: str | None = None
    is_public: bool | None = None
    submissions_open: bool | None = None
    submission_deadline: Moment | None = None
    results_announcement: I18nText | None = None

    _i18n = field_validator("title", "description", "results_announcement")(_check_i18n)


class ContestCreateIn(ContestPatchIn):
    hub: str
    title: I18nText
    criteria: list[CriterionIn] = []
    rounds: list[I18nText] = []


class ContestOut(Schema):
    slug: str
    hub: str
    event: str | None
    title: I18nText
    description: I18nText
    is_public: bool
    submissions_open: bool
    submission_deadline: datetime | None
    results_published: bool
    results_announcement: I18nText
    criteria: list[CriterionOut]
    rounds: list[RoundOut]
    url: str

    @staticmethod
    def resolve_hub(obj: Any) -> str:
        return obj.hub.slug

    @staticmethod
    def resolve_event(obj: Any) -> str | None:
        return obj.event.slug if obj.event_id else None

    @staticmethod
    def resolve_criteria(obj: Any) -> list[Any]:
        return list(obj.criteria.all())

    @staticmethod
    def resolve_rounds(obj: Any) -> list[Any]:
        return list(obj.rounds.all())

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class EntryFileOut(Schema):
    id: int
    name: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        from django.urls import reverse

        return reverse("events:entry_file", args=[obj.entry_id, obj.pk])


class EntryIn(Schema):
    title: I18nText
    team_name: str = Field(default="", max_length=200)
    team_members: str = Field(default="", max_length=5000)
    organisation: str | None = None
    organisation_name: str = Field(default="", max_length=200)
    description: I18nText
    contact_name: str = Field(default="", max_length=200)
    contact_email: str = Field(default="", max_length=254)

    _i18n = field_validator("title", "description")(_check_i18n)


class EntryOut(Schema):
    id: int
    contest: str
    title: I18nText
    team_name: str
    team_members: str
    organisation: str | None
    organisation_name: str
    description: I18nText
    status: str
    submitted_at: datetime
    files: list[EntryFileOut]

    @staticmethod
    def resolve_contest(obj: Any) -> str:
        return obj.contest.slug

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.slug if obj.organisation_id else None

    @staticmethod
    def resolve_submitted_at(obj: Any) -> datetime:
        return obj.created_at

    @staticmethod
    def resolve_files(obj: Any) -> list[Any]:
        return list(obj.files.all())


class RoundOpenIn(Schema):
    entries: list[RecordId] | None = Field(default=None, max_length=10_000)


class RoundIn(Schema):
    name: I18nText

    _i18n = field_validator("name")(_check_i18n)


class AssignmentIn(Schema):
    round: RecordId
    entry: RecordId
    judge: str = Field(description="the judge's username")


class AssignmentOut(Schema):
    id: int
    round: int
    entry: int
    judge: str

    @staticmethod
    def resolve_round(obj: Any) -> int:
        return obj.round_id

    @staticmethod
    def resolve_entry(obj: Any) -> int:
        return obj.entry_id

    @staticmethod
    def resolve_judge(obj: Any) -> str:
        return obj.judge.username


class ConflictIn(Schema):
    entry: RecordId
    reason: str = Field(default="", max_length=2000)


class ConflictOut(Schema):
    id: int
    entry: int
    declared_at: datetime

    @staticmethod
    def resolve_entry(obj: Any) -> int:
        return obj.entry_id


class ScorecardIn(Schema):
    marks: dict[RecordId, Annotated[int, Field(ge=0, le=100)] | None]
    comment: str = Field(default="", max_length=5000)


class ScorecardOut(Schema):
    round: int
    entry: int
    judge: str
    marks: dict[int, int]
    comment: str
    updated_at: datetime

    @staticmethod
    def resolve_round(obj: Any) -> int:
        return obj.round_id

    @staticmethod
    def resolve_entry(obj: Any) -> int:
        return obj.entry_id

    @staticmethod
    def resolve_judge(obj: Any) -> str:
        return obj.judge.username

    @staticmethod
    def resolve_marks(obj: Any) -> dict[int, int]:
        return {m.criterion_id: m.value for m in obj.marks.all()}


class RankingRowOut(Schema):
    rank: int | None
    entry: int
    title: I18nText
    team_name: str
    organisation: I18nText | str
    total: str | None
    judges: int
    criterion_means: dict[int, str]
    tie_break: str | None
    tie_break_criterion: int | None


class RankingOut(Schema):
    contest: str
    round: int
    round_status: str
    tie_rule: str
    rows: list[RankingRowOut]


class ResultsOut(RankingOut):
    announcement: I18nText
    published_at: datetime | None
