"""Events API: events, programme, registrations, check-in, slots and contests, with the same
services, selectors and access rules as the pages."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from innohub.accounts.access import require, user_is_hub_staff, user_is_staff_anywhere
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.accounts.models import User
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory.models import Organisation
from innohub.events import access, contest_selectors, contest_services, selectors, services, tokens
from innohub.events.models import (
    Assignment,
    Contest,
    Entry,
    Event,
    RegistrationStatus,
    Round,
    Session,
)
from innohub.events.schemas import (
    EARLIEST_DATE,
    LATEST_DATE,
    AssignmentIn,
    AssignmentOut,
    AttendanceOut,
    CheckInIn,
    CheckInOut,
    ConflictIn,
    ConflictOut,
    ContestCreateIn,
    ContestOut,
    ContestPatchIn,
    CriterionIn,
    CriterionOut,
    EntryFileOut,
    EntryIn,
    EntryOut,
    EventCreateIn,
    EventDetailOut,
    EventOut,
    EventPatchIn,
    InvitationIn,
    RankingOut,
    RegistrationIn,
    RegistrationOut,
    ResultsOut,
    RoundIn,
    RoundOpenIn,
    RoundOut,
    ScorecardIn,
    ScorecardOut,
    SessionCreateIn,
    SessionOut,
    SessionPatchIn,
    SlotOut,
)
from innohub.events.slots import (
    SlotRequestError,
    parse_countries,
    parse_hours,
    rules_with_hours,
    slots_for_remote_session,
)
from innohub.network.models import Hub

router = Router(tags=["events"])


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _event(request: HttpRequest, slug: str) -> Event:
    return access.access_event_for_user(api_user(request), selectors.event_get(slug=slug))


def _staff_event(request: HttpRequest, slug: str) -> Event:
    return access.access_event_for_staff(api_user(request), selectors.event_get(slug=slug))


def _with_visibility(user: Any, event: Event) -> Event:
    mine = selectors.registration_for_user(event, user)
    event.show_online_url = access.user_can_manage_event(user, event) or (  # type: ignore[attr-defined]
        mine is not None and mine.status == RegistrationStatus.CONFIRMED
    )
    return event


def _partners(slugs: list[str] | None) -> list[Organisation] | None:
    if slugs is None:
        return None
    found = list(Organisation.objects.filter(slug__in=slugs))
    missing = set(slugs) - {o.slug for o in found}
    if missing:
        raise ValidationError(
            {
                "partners": _("Unknown organisation: %(names)s")
                % {"names": ", ".join(sorted(missing))}
            }
        )
    return found


def _event_data(payload: Any) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if "partners" in data:
        data["partners"] = _partners(data["partners"])
    if data.get("room") is not None:
        room = selectors.room_choices_all().filter(pk=data["room"]).first()
        if room is None:
            raise ValidationError({"room": _("Unknown room.")})
        data["room"] = room
    return data


class EventFilterIn(Schema):
    hub: Key = ""
    kind: Key = ""
    q: SearchText = ""
    date_from: date | None = Field(None, ge=EARLIEST_DATE, le=LATEST_DATE)
    date_to: date | None = Field(None, ge=EARLIEST_DATE, le=LATEST_DATE)
    include_past: bool = False


class SlotQueryIn(Schema):
    date_from: date = Field(ge=EARLIEST_DATE, le=LATEST_DATE)
    date_to: date = Field(ge=EARLIEST_DATE, le=LATEST_DATE)
    minutes: int = Field(ge=1, le=24 * 60)
    countries: str = Field("CN,IL", max_length=200)
    limit: int | None = Field(None, ge=1, le=500)
    hours: str = Field("", max_length=200)


# ---------------------------------------------------------------- fixed paths first


@router.get("/slots", response=list[SlotOut], auth=AUTH_OPTIONAL)
def slots(request: HttpRequest, query: Query[SlotQueryIn]) -> Any:
    """Times inside working hours in every country, best first (see `innohub slots`)."""
    try:
        overrides = dict(parse_hours(part) for part in query.hours.split(",") if part.strip())
        found = slots_for_remote_session(
            date_from=query.date_from,
            date_to=query.date_to,
            minutes=query.minutes,
            countries=parse_countries(query.countries),
            limit=query.limit or 50,
            rules=rules_with_hours(overrides) if overrides else None,
        )
    except SlotRequestError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from None
    return [slot.as_json() for slot in found]


@router.post("/check-in", response=CheckInOut)
def check_in(request: HttpRequest, payload: CheckInIn) -> Any:
    """Check a participant in with the code from their QR (the code or the whole link)."""
    user = api_user(request)
    require(user_is_staff_anywhere(user))
    registration = selectors.registration_get(
        tokens.registration_id_from_check_in_code(payload.code)
    )
    if registration is None or registration.event.is_deleted:
        raise Http404
    require(access.user_can_manage_event(user, registration.event))
    registration, new = services.registration_check_in(registration=registration, by=user)
    return {"registration": registration, "newly_checked_in": new}


@router.get("/registrations/{registration_id}", response=RegistrationOut)
def registration_detail(request: HttpRequest, registration_id: int) -> Any:
    return access.access_registration_for_user(
        api_user(request), selectors.registration_get(registration_id)
    )


@router.post("/registrations/{registration_id}/cancel", response=RegistrationOut)
def registration_cancel(request: HttpRequest, registration_id: int) -> Any:
    user = api_user(request)
    registration = access.access_registration_for_user(
        user, selectors.registration_get(registration_id)
    )
    return services.registration_cancel(
        registration=registration, by=user, base_url=_base_url(request)
    )


@router.post("/registrations/{registration_id}/check-in", response=CheckInOut)
def registration_check_in(request: HttpRequest, registration_id: int) -> Any:
    user = api_user(request)
    registration = selectors.registration_get(registration_id)
    if registration is None:
        raise Http404
    access.access_event_for_staff(user, registration.event)
    registration, new = services.registration_check_in(registration=registration, by=user)
    return {"registration": registration, "newly_checked_in": new}


@router.patch("/sessions/{session_id}", response=SessionOut)
def session_update(request: HttpRequest, session_id: int, payload: SessionPatchIn) -> Any:
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    user = api_user(request)
    access.access_event_for_staff(user, session.event)
    data = payload.dict(exclude_unset=True)
    speakers = data.pop("speakers", None)
    return services.session_update(session=session, by=user, speakers=speakers, **data)


@router.delete("/sessions/{session_id}", response={204: None})
def session_delete(request: HttpRequest, session_id: int) -> Any:
    session = get_object_or_404(Session.objects.select_related("event"), pk=session_id)
    user = api_user(request)
    access.access_event_for_staff(user, session.event)
    services.session_delete(session=session, by=user)
    return Status(204, None)


# ---------------------------------------------------------------- contests


def _contest(request: HttpRequest, slug: str) -> Contest:
    return access.access_contest_for_user(
        api_user(request), contest_selectors.contest_get(slug=slug)
    )


def _staff_contest(request: HttpRequest, slug: str) -> Contest:
    return access.access_contest_for_staff(
        api_user(request), contest_selectors.contest_get(slug=slug)
    )


def _event_for_contest(slug: str | None) -> Event | None:
    if not slug:
        return None
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise ValidationError({"event": _("Unknown event.")})
    return event


def _ranking_payload(contest: Contest, round_: Round) -> dict[str, Any]:
    rows = []
    for row in contest_selectors.round_ranking(round_):
        result = row.result
        rows.append(
            {
                "rank": result.rank,
                "entry": row.entry.pk,
                "title": dict(row.entry.title),
                "team_name": row.entry.team_name,
                "organisation": dict(row.entry.organisation.name)
                if row.entry.organisation_id
                else row.entry.organisation_name,
                "total": str(result.total) if result.total is not None else None,
                "judges": result.judges,
                "criterion_means": {k: str(v) for k, v in result.criterion_means.items()},
                "tie_break": result.tie_break,
                "tie_break_criterion": result.tie_break_criterion,
            }
        )
    return {
        "contest": contest.slug,
        "round": round_.pk,
        "round_status": round_.status,
        "tie_rule": str(contest_selectors.TIE_RULE),
        "rows": rows,
    }


@router.get("/contests", response=list[ContestOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def contest_list(request: HttpRequest, hub: Key = "") -> Any:
    return contest_selectors.contest_list(user=api_user(request), hub=hub).prefetch_related(
        "criteria", "rounds"
    )


@router.post("/contests", response={201: ContestOut})
def contest_create(request: HttpRequest, payload: ContestCreateIn) -> Any:
    user = api_user(request)
    data = payload.dict(exclude_unset=True)
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    require(hub is not None and user_is_hub_staff(user, hub.pk))
    if "event" in data:
        data["event"] = _event_for_contest(data["event"])
    contest = contest_services.contest_create(by=user, hub=hub, **data)
    return Status(201, contest)


@router.get("/contests/entries/{entry_id}", response=EntryOut)
def entry_detail(request: HttpRequest, entry_id: int) -> Any:
    """An entry: 403 for a judge with a conflict of interest or not assigned to it."""
    return access.access_entry_for_user(api_user(request), contest_selectors.entry_get(entry_id))


@router.post("/contests/entries/{entry_id}/files", response={201: EntryFileOut})
def entry_file_add(request: HttpRequest, entry_id: int, file: File[UploadedFile]) -> Any:
    user = api_user(request)
    entry = access.access_entry_for_user(user, contest_selectors.entry_get(entry_id))
    as_staff = access.user_can_manage_contest(user, entry.contest)
    require(as_staff or (access.user_is_entrant(user, entry) and entry.contest.accepts_entries()))
    return Status(201, contest_services.entry_file_add(entry=entry, by=user, upload=file))


@router.put("/contests/entries/{entry_id}/rounds/{round_id}/scorecard", response=ScorecardOut)
def scorecard_save(request: HttpRequest, entry_id: int, round_id: int, payload: ScorecardIn) -> Any:
    """A judge's marks for an entry in a round (criterion id → mark); 403 when conflicted."""
    user = api_user(request)
    entry = access.access_entry_for_user(user, contest_selectors.entry_get(entry_id))
    round_ = get_object_or_404(Round, pk=round_id, contest=entry.contest)
    return contest_services.scorecard_save(
        round_=round_, entry=entry, judge=user, marks=payload.marks, comment=payload.comment
    )


@router.get("/contests/rounds/{round_id}/scorecards", response=list[ScorecardOut])
def scorecards(request: HttpRequest, round_id: int) -> Any:
    """Staff: all scorecards. A judge: their own while the round is open, all (without their
    conflicts) once it is closed."""
    user = api_user(request)
    round_ = get_object_or_404(Round.objects.select_related("contest"), pk=round_id)
    contest = access.access_contest_for_user(user, round_.contest)
    if access.user_sees_other_judges_scores(user, round_):
        conflicted = (
            set()
            if access.user_can_manage_contest(user, contest)
            else contest_selectors.conflicted_entry_ids(user, contest)
        )
        return contest_selectors.scorecards_of_round(round_, exclude_entries=conflicted)
    require(access.user_is_contest_judge(user, contest))
    return [c for c in contest_selectors.scorecards_of_round(round_) if c.judge_id == user.pk]


@router.delete("/contests/assignments/{assignment_id}", response={204: None})
def assignment_delete(request: HttpRequest, assignment_id: int) -> Any:
    user = api_user(request)
    assignment = get_object_or_404(
        Assignment.objects.select_related("round__contest", "entry", "judge"), pk=assignment_id
    )
    access.access_contest_for_staff(user, assignment.round.contest)
    contest_services.assignment_delete(assignment=assignment, by=user)
    return Status(204, None)


@router.get("/contests/{slug}", response=ContestOut, auth=AUTH_OPTIONAL)
def contest_detail(request: HttpRequest, slug: Key) -> Any:
    return _contest(request, slug)


@router.patch("/contests/{slug}", response=ContestOut)
def contest_update(request: HttpRequest, slug: Key, payload: ContestPatchIn) -> Any:
    user = api_user(request)
    contest = _staff_contest(request, slug)
    data = payload.dict(exclude_unset=True)
    if "event" in data:
        data["event"] = _event_for_contest(data["event"])
    return contest_services.contest_update(contest=contest, by=user, **data)


@router.post("/contests/{slug}/criteria", response={201: CriterionOut})
def criterion_create(request: HttpRequest, slug: Key, payload: CriterionIn) -> Any:
    contest = _staff_contest(request, slug)
    criterion = contest_services.criterion_create(
        contest=contest, by=api_user(request), **payload.dict(exclude_unset=True)
    )
    return Status(201, criterion)


@router.post("/contests/{slug}/rounds", response={201: RoundOut})
def round_create(request: HttpRequest, slug: Key, payload: RoundIn) -> Any:
    contest = _staff_contest(request, slug)
    return Status(
        201, contest_services.round_create(contest=contest, by=api_user(request), name=payload.name)
    )


@router.post("/contests/{slug}/rounds/{round_id}/open", response=RoundOut)
def round_open(request: HttpRequest, slug: Key, round_id: int, payload: RoundOpenIn) -> Any:
    contest = _staff_contest(request, slug)
    round_ = get_object_or_404(Round, pk=round_id, contest=contest)
    entries = None
    if payload.entries is not None:
        entries = list(contest.entries.filter(pk__in=payload.entries))
    return contest_services.round_open(round_=round_, by=api_user(request), entries=entries)


@router.post("/contests/{slug}/rounds/{round_id}/close", response=RoundOut)
def round_close(request: HttpRequest, slug: Key, round_id: int) -> Any:
    contest = _staff_contest(request, slug)
    round_ = get_object_or_404(Round, pk=round_id, contest=contest)
    return contest_services.round_close(round_=round_, by=api_user(request))


@router.get("/contests/{slug}/entries", response=list[EntryOut])
def entry_list(request: HttpRequest, slug: Key) -> Any:
    """Staff: every entry. A judge: the ones assigned to them, conflicts left out. An entrant:
    their own."""
    return contest_selectors.entries_for_user(
        user=api_user(request), contest=_contest(request, slug)
    )


@router.post("/contests/{slug}/entries", response={201: EntryOut})
def entry_create(request: HttpRequest, slug: Key, payload: EntryIn) -> Any:
    user = api_user(request)
    contest = _contest(request, slug)
    data = payload.dict(exclude_unset=True)
    organisation = None
    if data.get("organisation"):
        organisation = Organisation.objects.filter(slug=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": _("Unknown organisation.")})
    data["organisation"] = organisation
    entry = contest_services.entry_create(
        contest=contest,
        by=user,
        as_staff=access.user_can_manage_contest(user, contest),
        **data,
    )
    return Status(201, entry)


@router.post("/contests/{slug}/assignments", response={201: AssignmentOut})
def assignment_create(request: HttpRequest, slug: Key, payload: AssignmentIn) -> Any:
    contest = _staff_contest(request, slug)
    round_ = get_object_or_404(Round, pk=payload.round, contest=contest)
    entry = get_object_or_404(Entry, pk=payload.entry, contest=contest)
    judge = User.objects.filter(username=payload.judge).first()
    if judge is None:
        raise ValidationError({"judge": _("Unknown user.")})
    assignment = contest_services.assignment_create(
        round_=round_, entry=entry, judge=judge, by=api_user(request)
    )
    return Status(201, assignment)


@router.post("/contests/{slug}/conflicts", response={201: ConflictOut})
def conflict_declare(request: HttpRequest, slug: Key, payload: ConflictIn) -> Any:
    """A judge declares a conflict of interest with an entry of the contest."""
    user = api_user(request)
    contest = access.access_contest_for_judge(user, contest_selectors.contest_get(slug=slug))
    entry = get_object_or_404(Entry, pk=payload.entry, contest=contest)
    conflict = contest_services.conflict_declare(
        entry=entry, judge=user, by=user, reason=payload.reason
    )
    return Status(201, conflict)


@router.get("/contests/{slug}/ranking", response=RankingOut)
def contest_ranking(request: HttpRequest, slug: Key, round: int | None = None) -> Any:
    """A round's ranking: staff at any time, judges once the round is closed."""
    user = api_user(request)
    contest = _contest(request, slug)
    round_ = (
        get_object_or_404(Round, pk=round, contest=contest)
        if round
        else contest_selectors.current_round(contest)
    )
    if round_ is None:
        raise Http404
    require(access.user_sees_ranking(user, contest, round_))
    return _ranking_payload(contest, round_)


@router.post("/contests/{slug}/publish", response=ContestOut)
def contest_publish(request: HttpRequest, slug: Key) -> Any:
    contest = _staff_contest(request, slug)
    return contest_services.contest_publish_results(contest=contest, by=api_user(request))


@router.get("/contests/{slug}/results", response=ResultsOut, auth=AUTH_OPTIONAL)
def contest_results(request: HttpRequest, slug: Key) -> Any:
    """The published results (staff may look before they are published)."""
    user = api_user(request)
    contest = _contest(request, slug)
    final = contest_selectors.final_round(contest)
    if final is None or not (
        contest.results_published or access.user_can_manage_contest(user, contest)
    ):
        raise Http404
    return {
        **_ranking_payload(contest, final),
        "announcement": dict(contest.results_announcement),
        "published_at": contest.results_published_at,
    }


# ---------------------------------------------------------------- events


@router.get("", response=list[EventOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def event_list(request: HttpRequest, filters: Query[EventFilterIn]) -> Any:
    """Events the caller may see; upcoming ones unless a date range or include_past is given."""
    return selectors.event_list(
        user=api_user(request),
        filters=selectors.EventFilters(
            hub=filters.hub,
            kind=filters.kind,
            q=filters.q[:200],
            date_from=filters.date_from,
            date_to=filters.date_to,
            include_past=filters.include_past,
        ),
    ).prefetch_related("partners")


@router.post("", response={201: EventDetailOut})
def event_create(request: HttpRequest, payload: EventCreateIn) -> Any:
    user = api_user(request)
    data = _event_data(payload)
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    require(hub is not None and user_is_hub_staff(user, hub.pk))
    event = services.event_create(by=user, hub=hub, **data)
    return Status(201, _with_visibility(user, event))


@router.get("/{slug}", response=EventDetailOut, auth=AUTH_OPTIONAL)
def event_detail(request: HttpRequest, slug: Key) -> Any:
    return _with_visibility(api_user(request), _event(request, slug))


@router.patch("/{slug}", response=EventDetailOut)
def event_update(request: HttpRequest, slug: Key, payload: EventPatchIn) -> Any:
    user = api_user(request)
    event = _staff_event(request, slug)
    event = services.event_update(
        event=event, by=user, base_url=_base_url(request), **_event_data(payload)
    )
    return _with_visibility(user, event)


@router.post("/{slug}/cancel", response=EventDetailOut)
def event_cancel(request: HttpRequest, slug: Key) -> Any:
    user = api_user(request)
    event = services.event_cancel(
        event=_staff_event(request, slug), by=user, base_url=_base_url(request)
    )
    return _with_visibility(user, event)


@router.delete("/{slug}", response={204: None})
def event_delete(request: HttpRequest, slug: Key) -> Any:
    services.event_delete(event=_staff_event(request, slug), by=api_user(request))
    return Status(204, None)


@router.get("/{slug}/sessions", response=list[SessionOut], auth=AUTH_OPTIONAL)
def session_list(request: HttpRequest, slug: Key) -> Any:
    return selectors.event_programme(_event(request, slug))


@router.post("/{slug}/sessions", response={201: SessionOut})
def session_create(request: HttpRequest, slug: Key, payload: SessionCreateIn) -> Any:
    event = _staff_event(request, slug)
    data = payload.dict(exclude_unset=True)
    speakers = data.pop("speakers", None) or []
    session = services.session_create(event=event, by=api_user(request), speakers=speakers, **data)
    return Status(201, session)


@router.post("/{slug}/registrations", response={201: RegistrationOut}, auth=AUTH_OPTIONAL)
def registration_create(request: HttpRequest, slug: Key, payload: RegistrationIn) -> Any:
    """Register for a public event (anyone, like the page): confirmed or on the waiting list."""
    event = _event(request, slug)
    if payload.language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose zh-hans, en or he.")})
    registration = services.registration_create(
        event=event, user=api_user(request), base_url=_base_url(request), **payload.dict()
    )
    return Status(201, registration)


@router.get("/{slug}/registrations", response=list[RegistrationOut])
@paginate(Pagination)
def registration_list(request: HttpRequest, slug: Key, q: SearchText = "", status: Key = "") -> Any:
    event = _staff_event(request, slug)
    return selectors.registration_list(event=event, q=q[:100], status=status).select_related(
        "event"
    )


@router.post("/{slug}/invitations", response={201: RegistrationOut})
def invitation_create(request: HttpRequest, slug: Key, payload: InvitationIn) -> Any:
    event = _staff_event(request, slug)
    registration = services.invitation_create(
        event=event, by=api_user(request), base_url=_base_url(request), **payload.dict()
    )
    return Status(201, registration)


@router.get("/{slug}/attendance", response=AttendanceOut)
def attendance(request: HttpRequest, slug: Key) -> Any:
    return selectors.attendance_figures(_staff_event(request, slug))
