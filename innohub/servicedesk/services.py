"""Writes of the service desk: catalogue, requests and their state machine, programmes and
applications, experts and office hours. Every function checks its own permission."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innohub.accounts.access import require, user_is_hub_staff
from innohub.common.calendars import CHINA, ISRAEL
from innohub.common.i18n import I18nField, localized
from innohub.directory import services as directory_services
from innohub.directory.models import Organisation, OrganisationKind, Person
from innohub.network.models import Hub
from innohub.relations.documents import content_matches_name
from innohub.servicedesk import access, notifications
from innohub.servicedesk.eligibility import evaluate
from innohub.servicedesk.facts import collect_facts, fact_specs
from innohub.servicedesk.models import (
    APPLICATION_TRANSITIONS,
    OPEN_REQUEST_STATES,
    REQUEST_TRANSITIONS,
    ApplicationState,
    Expert,
    OfficeHour,
    OfficeHourBooking,
    OfficeHourMode,
    Programme,
    ProgrammeApplication,
    ProgrammeWindow,
    ProviderAccreditation,
    RequestEvent,
    RequestMessage,
    RequestState,
    Service,
    ServiceRequest,
    Side,
)
from innohub.servicedesk.working_time import (
    DeskHours,
    add_working_days,
    add_working_hours,
    add_working_time,
    working_time_between,
)
from innohub.spaces import services as spaces_services
from innohub.spaces.models import BookingKind, Room, RoomUsage

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_ATTACHMENT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".txt",
        ".csv",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".ods",
        ".zip",
    }
)
OFFICE_HOUR_SHORTEST = timedelta(minutes=15)
OFFICE_HOUR_LONGEST = timedelta(hours=4)
# Seats an office hour books in a room: the expert and a member's small team.
OFFICE_HOUR_ATTENDANCE = 4


def desk_hours_for(hub: Hub) -> DeskHours:
    """The desk counts 09:00–18:00 in the hub's time zone on its country's working days."""
    country = ISRAEL if hub.country == "IL" else CHINA
    return DeskHours(zone=hub.time_zone or "Asia/Shanghai", country=country)


def _application_context(application: ProgrammeApplication) -> dict[str, Any]:
    return {
        "application": application,
        "url": notifications.absolute(application.get_absolute_url()),
    }


def _booking_context(booking: OfficeHourBooking) -> dict[str, Any]:
    expert = booking.office_hour.expert
    return {
        "booking": booking,
        "office_hour": booking.office_hour,
        "expert": expert,
        "url": notifications.absolute(expert.get_absolute_url()),
    }


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _minutes(delta: timedelta) -> int:
    return max(int(delta.total_seconds() // 60), 0)


def _unique_slug(model: Any, hub: Hub, name: Any, exclude_pk: int | None = None) -> str:
    text = localized(name)
    base = slugify(text.get("en") or text.in_language("en"))[:60] or model._meta.model_name
    slug, n = base, 2
    while model.all_objects.filter(hub=hub, slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# ---------------------------------------------------------------- providers and catalogue


def accreditation_valid(hub: Hub, organisation: Organisation, on: date) -> bool:
    if organisation.is_deleted:
        return False
    accreditation = ProviderAccreditation.objects.filter(hub=hub, organisation=organisation).first()
    return accreditation is not None and accreditation.is_valid_on(on)


@transaction.atomic
def provider_accredit(
    *,
    hub: Hub,
    organisation: Organisation,
    by: Any,
    accredited_on: date | None = None,
    valid_until: date | None = None,
    scope: Any = None,
) -> ProviderAccreditation:
    require(user_is_hub_staff(by, hub.pk))
    if organisation.kind != OrganisationKind.SERVICE_PROVIDER:
        raise ValidationError(_("Only organisations of kind service provider can be accredited."))
    accreditation, _created = ProviderAccreditation.objects.update_or_create(
        hub=hub,
        organisation=organisation,
        defaults={
            "accredited_on": accredited_on or timezone.localdate(),
            "valid_until": valid_until,
            "scope": localized(scope),
        },
    )
    accreditation.full_clean()
    return accreditation


@transaction.atomic
def provider_create(
    *,
    hub: Hub,
    by: Any,
    name: Any,
    country: str = "CN",
    description: Any = None,
    website: str = "",
    email: str = "",
    phone: str = "",
    accredited_on: date | None = None,
    valid_until: date | None = None,
    scope: Any = None,
    is_generated: bool = False,
) -> ProviderAccreditation:
    """A new provider organisation in the directory, accredited by the hub (no membership)."""
    require(user_is_hub_staff(by, hub.pk))
    organisation = directory_services.organisation_create(
        by=by,
        is_generated=is_generated,
        name=name,
        kind=OrganisationKind.SERVICE_PROVIDER,
        country=country,
        description=description or {},
        website=website,
        email=email,
        phone=phone,
    )
    return provider_accredit(
        hub=hub,
        organisation=organisation,
        by=by,
        accredited_on=accredited_on,
        valid_until=valid_until,
        scope=scope,
    )


# Fields each record takes from pages and the API, in the order the forms show them.
SERVICE_FIELDS = (
    "category",
    "name",
    "summary",
    "description",
    "provider",
    "target_response_hours",
    "target_completion_days",
    "fee",
    "is_active",
    "position",
)
PROGRAMME_FIELDS = (
    "funder_kind",
    "funder",
    "name",
    "summary",
    "description",
    "benefit",
    "max_amount",
    "currency",
    "rules",
    "is_rolling",
    "source_url",
    "is_public",
)
EXPERT_FIELDS = (
    "kind",
    "expertise",
    "languages",
    "bio",
    "sectors",
    "availability",
    "can_judge",
    "is_public",
)


def _assign(obj: Any, data: dict[str, Any], allowed: tuple[str, ...]) -> list[Any] | None:
    """Set the allowed fields (multilingual ones as LocalizedText); return sectors if given."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError({f: _("You cannot change this field.") for f in sorted(unknown)})
    i18n_fields = {f.name for f in obj._meta.fields if isinstance(f, I18nField)}
    sectors = None
    for field, value in data.items():
        if field == "sectors":
            sectors = list(value)
        elif field == "languages":
            obj.language_codes = list(value)
        else:
            setattr(obj, field, localized(value) if field in i18n_fields else value)
    return sectors


def _check_provider(service: Service) -> None:
    if service.provider_id is not None and not accreditation_valid(
        service.hub, service.provider, timezone.localdate()
    ):
        raise ValidationError(
            {"provider": _("This provider is not accredited by the hub at present.")}
        )


@transaction.atomic
def service_create(*, hub: Hub, by: Any, is_generated: bool = False, **data: Any) -> Service:
    require(user_is_hub_staff(by, hub.pk))
    service = Service(hub=hub, is_generated=is_generated)
    _assign(service, data, SERVICE_FIELDS)
    _check_provider(service)
    service.slug = _unique_slug(Service, hub, service.name)
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_update(*, service: Service, by: Any, **data: Any) -> Service:
    require(user_is_hub_staff(by, service.hub_id))
    _assign(service, data, SERVICE_FIELDS)
    _check_provider(service)
    service.full_clean()
    service.save()
    return service


# ---------------------------------------------------------------- requests


def _event(
    request: ServiceRequest,
    *,
    from_state: str,
    to_state: str,
    at: datetime,
    by: Any,
    side: str,
    note: str = "",
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=request,
        from_state=from_state,
        to_state=to_state,
        at=at,
        by=_user_or_none(by),
        side=side,
        note=note,
    )


def _provider_side_recipients(request: ServiceRequest, exclude: Any = None) -> list[Any]:
    zone = request.hub.time_zone
    if request.provider_id is not None:
        return notifications.representatives(request.provider_id, zone, exclude)
    return notifications.hub_staff(request.hub_id, zone, exclude)


def _member_recipients(request: ServiceRequest, exclude: Any = None) -> list[Any]:
    zone = request.hub.time_zone
    requester = request.requested_by
    if requester is not None and requester.is_active and (exclude is None or requester != exclude):
        found = notifications.recipient_for_user(requester, zone)
        if found is not None:
            return [found]
    return notifications.representatives(request.organisation_id, zone, exclude)


def _context(request: ServiceRequest, **extra: Any) -> dict[str, Any]:
    return {
        "request": request,
        "service": request.service,
        "url": notifications.absolute(request.get_absolute_url()),
        **extra,
    }


@transaction.atomic
def request_submit(
    *,
    service: Service,
    organisation: Organisation,
    by: Any,
    subject: str,
    description: str,
    now: datetime | None = None,
    is_generated: bool = False,
) -> ServiceRequest:
    """A member asks for a service; the request goes to the service's provider (or hub staff)."""
    now = now or timezone.now()
    if not service.is_active or service.is_deleted:
        raise ValidationError(_("This service is not open for requests."))
    require(access.user_can_act_for_member(by, organisation, service.hub_id))
    subject, description = subject.strip(), description.strip()
    if not subject or not description:
        raise ValidationError(_("Give the request a subject and describe what you need."))
    hub = service.hub
    provider = service.provider
    if provider is not None and not accreditation_valid(hub, provider, now.date()):
        # A lapsed accreditation must not strand the request: the hub's staff take it.
        provider = None
    desk = desk_hours_for(hub)
    request = ServiceRequest.objects.create(
        hub=hub,
        service=service,
        organisation=organisation,
        requested_by=_user_or_none(by),
        provider=provider,
        subject=subject[:200],
        description=description,
        state=RequestState.SUBMITTED,
        submitted_at=now,
        response_due_at=add_working_hours(now, service.target_response_hours, desk),
        completion_due_at=add_working_days(now, service.target_completion_days, desk)
        if service.target_completion_days
        else None,
        is_generated=is_generated,
    )
    _event(
        request,
        from_state="",
        to_state=RequestState.SUBMITTED,
        at=now,
        by=by,
        side=Side.STAFF if access.request_side(by, request) == Side.STAFF else Side.MEMBER,
    )
    notifications.notify(
        "request_submitted",
        lambda: _provider_side_recipients(request, exclude=by),
        lambda: _context(request),
    )
    return request


def _lock(request: ServiceRequest) -> ServiceRequest:
    return (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("hub", "service", "organisation", "provider", "requested_by")
        .get(pk=request.pk)
    )


def _record_first_response(request: ServiceRequest, now: datetime, desk: DeskHours) -> None:
    if request.first_response_at is None:
        request.first_response_at = now
        request.response_minutes = _minutes(working_time_between(request.submitted_at, now, desk))


@transaction.atomic
def request_transition(
    *,
    request: ServiceRequest,
    to_state: str,
    by: Any,
    note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Move a request along submitted → accepted → in progress ⇄ waiting → done / cancelled."""
    now = now or timezone.now()
    request = _lock(request)
    side = access.request_side(by, request)
    if side is None:
        raise Http404
    if to_state not in REQUEST_TRANSITIONS.get(request.state, frozenset()):
        raise ValidationError(
            _("A request cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": RequestState(request.state).label,
                "to": RequestState(to_state).label if to_state in RequestState.values else to_state,
            }
        )
    require(
        access.user_can_move_request(by, request, to_state),
        _("Only the provider or the hub's staff can do this."),
    )
    note = note.strip()
    if to_state == RequestState.CANCELLED and side != Side.MEMBER and not note:
        raise ValidationError(_("Say why the request is cancelled; the member will read it."))
    if now < request.submitted_at:
        raise ValidationError(_("A change cannot happen before the request was submitted."))
    desk = desk_hours_for(request.hub)
    from_state = request.state
    if side in (Side.PROVIDER, Side.STAFF):
        _record_first_response(request, now, desk)
    if from_state == RequestState.WAITING_MEMBER and request.waiting_since is not None:
        paused = working_time_between(request.waiting_since, now, desk)
        request.waited += paused
        if request.completion_due_at is not None:
            request.completion_due_at = _shift(request.completion_due_at, paused, desk)
        request.waiting_since = None
    if to_state == RequestState.WAITING_MEMBER:
        request.waiting_since = now
    if to_state in (RequestState.DONE, RequestState.CANCELLED):
        request.closed_at = now
    if to_state == RequestState.DONE:
        spent = working_time_between(request.submitted_at, now, desk) - request.waited
        request.completion_minutes = _minutes(spent)
    if to_state == RequestState.CANCELLED:
        request.cancel_reason = note
    request.state = to_state
    request.save()
    _event(request, from_state=from_state, to_state=to_state, at=now, by=by, side=side, note=note)

    def context(audience: str) -> Any:
        return lambda: _context(request, note=note, from_state=from_state, audience=audience)

    if side == Side.MEMBER:
        notifications.notify(
            "request_state",
            lambda: _provider_side_recipients(request, exclude=by),
            context("provider"),
        )
    else:
        notifications.notify(
            "request_state", lambda: _member_recipients(request, exclude=by), context("member")
        )
        if side == Side.STAFF and request.provider_id is not None:
            notifications.notify(
                "request_state",
                lambda: notifications.representatives(
                    request.provider_id, request.hub.time_zone, by
                ),
                context("provider"),
            )
    return request


def _shift(due: datetime, paused: timedelta, desk: DeskHours) -> datetime:
    return add_working_time(due, paused, desk) if paused else due


def _check_upload(upload: UploadedFile) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_ATTACHMENT_SUFFIXES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(s.lstrip(".") for s in ALLOWED_ATTACHMENT_SUFFIXES))}
        )
    if upload.size is None or upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("A file can be at most 10 MB."))
    # By content, not only by name: a renamed program or web page is refused.
    if not content_matches_name(upload.name or "", upload):
        raise ValidationError(
            _("The file's content is not the kind of document its name says it is.")
        )


@transaction.atomic
def request_message_post(
    *,
    request: ServiceRequest,
    by: Any,
    body: str = "",
    upload: UploadedFile | None = None,
    now: datetime | None = None,
) -> RequestMessage:
    """A message (and file) on a request; a provider's reply counts as its first response, and a
    member's reply to a request waiting for them puts it back in progress."""
    now = now or timezone.now()
    request = _lock(request)
    side = access.request_side(by, request)
    if side is None:
        raise Http404
    body = body.strip()
    if not body and upload is None:
        raise ValidationError(_("Write a message or attach a file."))
    if request.state == RequestState.CANCELLED:
        raise ValidationError(_("This request was cancelled; messages are closed."))
    if upload is not None:
        _check_upload(upload)
    message = RequestMessage(
        request=request, author=_user_or_none(by), side=side, body=body, created_at=now
    )
    if upload is not None:
        name = (upload.name or "").replace("\x00", "")
        message.attachment_name = PurePath(name or "file").name[:200]
        message.attachment_size = upload.size
        message.attachment.save(message.attachment_name, upload, save=False)
    message.save()
    desk = desk_hours_for(request.hub)
    if side in (Side.PROVIDER, Side.STAFF) and request.first_response_at is None:
        _record_first_response(request, now, desk)
        request.save(update_fields=["first_response_at", "response_minutes", "updated_at"])
    if side == Side.MEMBER and request.state == RequestState.WAITING_MEMBER:
        _member_answered(request, by, now, desk)

    def recipients() -> list[Any]:
        if side == Side.MEMBER:
            return _provider_side_recipients(request, exclude=by)
        found = _member_recipients(request, exclude=by)
        if side == Side.STAFF and request.provider_id is not None:
            found += notifications.representatives(
                request.provider_id, request.hub.time_zone, exclude=by
            )
        return found

    notifications.notify("request_message", recipients, lambda: _context(request, message=message))
    return message


def _member_answered(request: ServiceRequest, by: Any, now: datetime, desk: DeskHours) -> None:
    """The member's answer ends the wait: back to in progress, the clock runs again."""
    paused = working_time_between(request.waiting_since or now, now, desk)
    request.waited += paused
    if request.completion_due_at is not None:
        request.completion_due_at = _shift(request.completion_due_at, paused, desk)
    request.waiting_since = None
    request.state = RequestState.IN_PROGRESS
    request.save()
    _event(
        request,
        from_state=RequestState.WAITING_MEMBER,
        to_state=RequestState.IN_PROGRESS,
        at=now,
        by=by,
        side=Side.MEMBER,
        note=_("The member answered."),
    )


@transaction.atomic
def request_rate(
    *,
    request: ServiceRequest,
    by: Any,
    rating: int,
    comment: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """The member rates a finished request from 1 (poor) to 5 (excellent)."""
    request = _lock(request)
    if access.request_side(by, request) is None:
        raise Http404
    require(access.user_can_rate_request(by, request), _("Only the member can rate a request."))
    if request.state != RequestState.DONE:
        raise ValidationError(_("A request can be rated once it is done."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    request.rating = rating
    request.rating_comment = comment.strip()
    request.rated_at = now or timezone.now()
    request.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    notifications.notify(
        "request_rated",
        lambda: _provider_side_recipients(request, exclude=by),
        lambda: _context(request),
    )
    return request


@transaction.atomic
def request_route(
    *,
    request: ServiceRequest,
    provider: Organisation | None,
    by: Any,
    note: str = "",
    now: datetime | None = None,
) -> ServiceRequest:
    """Hub staff send an open request to another accredited provider, or take it themselves."""
    now = now or timezone.now()
    request = _lock(request)
    require(access.user_can_route_request(by, request))
    if request.state not in OPEN_REQUEST_STATES:
        raise ValidationError(_("A closed request cannot be routed."))
    if provider is not None and not accreditation_valid(request.hub, provider, now.date()):
        raise ValidationError(_("This provider is not accredited by the hub at present."))
    if provider == request.provider:
        return request
    previous = request.provider
    request.provider = provider
    request.save(update_fields=["provider", "updated_at"])
    text = note.strip() or (
        _("Routed to %(provider)s.") % {"provider": provider}
        if provider
        else _("Taken over by the hub's staff.")
    )
    _event(
        request,
        from_state=request.state,
        to_state=request.state,
        at=now,
        by=by,
        side=Side.STAFF,
        note=text,
    )
    notifications.notify(
        "request_routed",
        lambda: _provider_side_recipients(request, exclude=by),
        lambda: _context(request, previous=previous),
    )
    return request


# ---------------------------------------------------------------- programmes


@transaction.atomic
def programme_create(
    *,
    hub: Hub,
    by: Any,
    windows: list[tuple[date, date]] | None = None,
    is_generated: bool = False,
    **data: Any,
) -> Programme:
    require(user_is_hub_staff(by, hub.pk))
    programme = Programme(hub=hub, is_generated=is_generated)
    _assign(programme, data, PROGRAMME_FIELDS)
    programme.slug = _unique_slug(Programme, hub, programme.name)
    programme.full_clean()
    programme.save()
    for opens_on, closes_on in windows or []:
        programme_window_add(programme=programme, by=by, opens_on=opens_on, closes_on=closes_on)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, by: Any, **data: Any) -> Programme:
    require(user_is_hub_staff(by, programme.hub_id))
    _assign(programme, data, PROGRAMME_FIELDS)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_window_add(
    *, programme: Programme, by: Any, opens_on: date, closes_on: date, note: Any = None
) -> ProgrammeWindow:
    require(user_is_hub_staff(by, programme.hub_id))
    window = ProgrammeWindow(
        programme=programme, opens_on=opens_on, closes_on=closes_on, note=localized(note)
    )
    if closes_on < opens_on:
        raise ValidationError(_("A window cannot close before it opens."))
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def programme_window_delete(*, window: ProgrammeWindow, by: Any) -> None:
    require(user_is_hub_staff(by, window.programme.hub_id))
    window.delete()


def programme_is_open(programme: Programme, on: date) -> bool:
    if programme.is_rolling:
        return True
    return any(w.opens_on <= on <= w.closes_on for w in programme.windows.all())


def eligibility_snapshot(programme: Programme, organisation: Organisation, on: date) -> dict:
    specs = fact_specs()
    facts = collect_facts([organisation], programme.hub, on)[organisation.pk]
    result = evaluate(programme.rules, facts, specs)
    return {
        "on": on.isoformat(),
        "outcome": result.outcome,
        "reasons": [
            {"outcome": r.outcome, "reason": r.reason, "fact": r.fact} for r in result.results
        ],
    }


@transaction.atomic
def application_create(
    *,
    programme: Programme,
    organisation: Organisation,
    by: Any,
    amount_requested: Decimal | None = None,
    note: str = "",
    on: date | None = None,
    is_generated: bool = False,
) -> ProgrammeApplication:
    """A member starts an application to a programme through the hub (while it is open)."""
    on = on or timezone.localdate()
    require(access.user_can_act_for_member(by, organisation, programme.hub_id))
    if programme.is_deleted:
        raise ValidationError(_("This programme no longer exists."))
    if not programme_is_open(programme, on) and not user_is_hub_staff(by, programme.hub_id):
        raise ValidationError(_("Applications to this programme are not open at present."))
    if amount_requested is not None and amount_requested < 0:
        raise ValidationError({"amount_requested": _("An amount cannot be negative.")})
    if ProgrammeApplication.objects.filter(
        programme=programme, organisation=organisation, state__in=["preparing", "submitted"]
    ).exists():
        raise ValidationError(_("This member already has an open application to this programme."))
    with transaction.atomic():
        application = ProgrammeApplication.objects.create(
            programme=programme,
            organisation=organisation,
            created_by=_user_or_none(by),
            state=ApplicationState.PREPARING,
            state_since=on,
            amount_requested=amount_requested,
            note=note.strip(),
            eligibility_snapshot=eligibility_snapshot(programme, organisation, on),
            is_generated=is_generated,
        )
    notifications.notify(
        "application_state",
        lambda: notifications.hub_staff(programme.hub_id, programme.hub.time_zone, exclude=by),
        lambda: _application_context(application),
    )
    return application


@transaction.atomic
def application_transition(
    *,
    application: ProgrammeApplication,
    to_state: str,
    by: Any,
    on: date | None = None,
    amount_granted: Decimal | None = None,
    note: str = "",
) -> ProgrammeApplication:
    """Staff record the application's way through the funder, up to the amount granted; the
    member may withdraw its own application."""
    on = on or timezone.localdate()
    application = (
        ProgrammeApplication.objects.select_for_update(of=("self",))
        .select_related("programme__hub", "organisation")
        .get(pk=application.pk)
    )
    access.access_application_for_user(by, application)
    staff = access.user_manages_application(by, application)
    require(staff or to_state == ApplicationState.WITHDRAWN)
    if to_state not in APPLICATION_TRANSITIONS.get(application.state, frozenset()):
        raise ValidationError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": ApplicationState(application.state).label,
                "to": ApplicationState(to_state).label
                if to_state in ApplicationState.values
                else to_state,
            }
        )
    if on < application.state_since:
        raise ValidationError(_("The date of a change cannot be before the previous change."))
    if to_state == ApplicationState.GRANTED:
        if amount_granted is None or amount_granted < 0:
            raise ValidationError({"amount_granted": _("Enter the amount granted.")})
        application.amount_granted = amount_granted
    elif amount_granted is not None:
        raise ValidationError({"amount_granted": _("An amount is recorded only when granted.")})
    if to_state == ApplicationState.SUBMITTED:
        application.submitted_on = on
    if to_state in (ApplicationState.GRANTED, ApplicationState.REJECTED):
        application.decided_on = on
    application.state = to_state
    application.state_since = on
    if note.strip():
        stamp = on.isoformat()
        application.note = (application.note + f"\n{stamp}: {note.strip()}").strip()
    application.save()
    zone = application.programme.hub.time_zone
    notifications.notify(
        "application_state",
        lambda: (
            notifications.representatives(application.organisation_id, zone, exclude=by)
            if staff
            else notifications.hub_staff(application.programme.hub_id, zone, exclude=by)
        ),
        lambda: _application_context(application),
    )
    return application


# ---------------------------------------------------------------- experts and office hours


@transaction.atomic
def expert_create(
    *,
    hub: Hub,
    person: Person | None = None,
    new_person: dict[str, Any] | None = None,
    by: Any,
    is_generated: bool = False,
    **data: Any,
) -> Expert:
    """Add a person of the directory to the hub's pool, or a new person given as
    `new_person={"name": ..., "title": ..., "email": ..., "organisation": ...}`."""
    require(user_is_hub_staff(by, hub.pk))
    if person is None:
        if not new_person or not localized(new_person.get("name")):
            raise ValidationError(_("Choose a person or enter the name of a new one."))
        person = Person(
            name=localized(new_person["name"]),
            title=localized(new_person.get("title")),
            email=new_person.get("email") or "",
            organisation=new_person.get("organisation"),
        )
        person.full_clean()
        person.save()
    if Expert.all_objects.filter(hub=hub, person=person, deleted_at__isnull=True).exists():
        raise ValidationError(_("This person is already in the hub's expert pool."))
    expert = Expert(hub=hub, person=person, is_generated=is_generated)
    sectors = _assign(expert, data, EXPERT_FIELDS)
    expert.full_clean()
    expert.save()
    if sectors:
        expert.sectors.set(sectors)
    return expert


@transaction.atomic
def expert_update(*, expert: Expert, by: Any, **data: Any) -> Expert:
    require(access.user_manages_office_hours(by, expert))
    if "can_judge" in data or "is_public" in data:
        require(user_is_hub_staff(by, expert.hub_id))
    sectors = _assign(expert, data, EXPERT_FIELDS)
    expert.full_clean()
    expert.save()
    if sectors is not None:
        expert.sectors.set(sectors)
    return expert


@transaction.atomic
def expert_judge_appoint(*, expert: Expert, by: Any) -> Any:
    """Make an expert of the pool a contest judge of its hub (the judge role on their account),
    so that the hub's contests can assign entries to them."""
    from innohub.accounts.models import RoleKind
    from innohub.accounts.services import role_grant

    require(access.user_can_manage_hub_desk(by, expert.hub_id))
    if not expert.can_judge:
        raise ValidationError(_("This expert is not available as a contest judge."))
    user = expert.person.user
    if user is None or not user.is_active:
        raise ValidationError(
            _("This expert has no account yet; invite them to the platform first.")
        )
    return role_grant(user=user, kind=RoleKind.JUDGE, hub=expert.hub, by=by)


@transaction.atomic
def office_hour_create(
    *,
    expert: Expert,
    by: Any,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    location: str = "",
    room: Room | None = None,
    meeting_url: str = "",
    note: str = "",
    now: datetime | None = None,
) -> OfficeHour:
    """An office hour of an expert; it may not overlap another live one of the same expert.

    In person it takes place in a meeting room of the hub (booked through spaces, so the room
    cannot be taken twice) or at a place described in words.
    """
    now = now or timezone.now()
    require(access.user_manages_office_hours(by, expert))
    # Serialise slot creation per expert so two overlapping slots cannot both pass the check.
    Expert.objects.select_for_update(of=("self",)).filter(pk=expert.pk).first()
    if starts_at <= now:
        raise ValidationError(_("An office hour must start in the future."))
    if not OFFICE_HOUR_SHORTEST <= ends_at - starts_at <= OFFICE_HOUR_LONGEST:
        raise ValidationError(_("An office hour lasts from 15 minutes to 4 hours."))
    if mode != OfficeHourMode.IN_PERSON:
        room = None
    if mode == OfficeHourMode.IN_PERSON and not location.strip() and room is None:
        raise ValidationError({"location": _("Say where the office hour takes place.")})
    if room is not None and (room.hub_id != expert.hub_id or room.usage != RoomUsage.BOOKING):
        raise ValidationError({"room": _("Choose a shared room of the expert's hub.")})
    overlapping = OfficeHour.objects.filter(
        expert=expert, cancelled_at__isnull=True, starts_at__lt=ends_at, ends_at__gt=starts_at
    )
    if overlapping.exists():
        raise ValidationError(_("The expert already has an office hour at that time."))
    office_hour = OfficeHour(
        expert=expert,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        location=location.strip(),
        room=room,
        meeting_url=meeting_url.strip(),
        note=note.strip(),
        created_by=_user_or_none(by),
    )
    office_hour.full_clean()
    if room is not None:
        try:
            office_hour.room_booking = spaces_services.booking_create(
                room=room,
                starts_at=starts_at,
                ends_at=ends_at,
                title=_("Office hour: %(expert)s") % {"expert": expert.person.name},
                # The expert and a member's team; a small room is enough.
                attendance=min(OFFICE_HOUR_ATTENDANCE, room.capacity),
                by=None,
                kind=BookingKind.OFFICE_HOURS,
                enforce_rules=False,
            )
        except ValidationError as exc:
            raise ValidationError({"room": exc.messages}) from exc
    office_hour.save()
    return office_hour


def _expert_recipients(expert: Expert, zone: str) -> list[Any]:
    person = expert.person
    if person.user_id is not None:
        found = notifications.recipient_for_user(person.user, zone)
        return [found] if found else []
    if not person.email:
        return []
    # Without an account, write in the first platform language the expert speaks.
    language = next(
        (
            {"zh": "zh-hans", "en": "en", "he": "he"}[code]
            for code in expert.language_codes
            if code in ("zh", "en", "he")
        ),
        "en",
    )
    return [notifications.Recipient(person.email, language, zone, str(person.name))]


@transaction.atomic
def office_hour_book(
    *,
    office_hour: OfficeHour,
    organisation: Organisation,
    by: Any,
    topic: str,
    now: datetime | None = None,
    is_generated: bool = False,
) -> OfficeHourBooking:
    """A member books an office hour. The database refuses a second live booking of a slot."""
    now = now or timezone.now()
    office_hour = OfficeHour.objects.select_related("expert__person", "expert__hub").get(
        pk=office_hour.pk
    )
    expert = office_hour.expert
    require(access.user_can_act_for_member(by, organisation, expert.hub_id))
    if office_hour.cancelled_at is not None or expert.is_deleted:
        raise ValidationError(_("This office hour is no longer offered."))
    if office_hour.starts_at <= now:
        raise ValidationError(_("This office hour has already started."))
    if not topic.strip():
        raise ValidationError({"topic": _("Say what you would like to discuss.")})
    try:
        with transaction.atomic():
            booking = OfficeHourBooking.objects.create(
                office_hour=office_hour,
                organisation=organisation,
                booked_by=_user_or_none(by),
                topic=topic.strip(),
                is_generated=is_generated,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Someone has just booked this office hour.")) from exc
    zone = expert.hub.time_zone
    notifications.notify(
        "booking_confirmed",
        lambda: (
            notifications.representatives(organisation.pk, zone) + _expert_recipients(expert, zone)
        ),
        lambda: _booking_context(booking),
    )
    return booking


@transaction.atomic
def booking_cancel(
    *, booking: OfficeHourBooking, by: Any, now: datetime | None = None
) -> OfficeHourBooking:
    now = now or timezone.now()
    booking = (
        OfficeHourBooking.objects.select_for_update(of=("self",))
        .select_related("office_hour__expert__person", "office_hour__expert__hub")
        .get(pk=booking.pk)
    )
    if not access.user_sees_booking(by, booking):
        raise Http404
    if booking.cancelled_at is not None:
        return booking
    if booking.office_hour.starts_at <= now:
        raise ValidationError(_("An office hour that has started cannot be cancelled."))
    booking.cancelled_at = now
    booking.cancelled_by = _user_or_none(by)
    booking.save(update_fields=["cancelled_at", "cancelled_by", "updated_at"])
    expert = booking.office_hour.expert
    zone = expert.hub.time_zone
    notifications.notify(
        "booking_cancelled",
        lambda: (
            notifications.representatives(booking.organisation_id, zone, exclude=by)
            + _expert_recipients(expert, zone)
        ),
        lambda: _booking_context(booking),
    )
    return booking


@transaction.atomic
def office_hour_cancel(
    *, office_hour: OfficeHour, by: Any, now: datetime | None = None
) -> OfficeHour:
    """Withdraw a slot; a live booking of it is cancelled and the member told."""
    now = now or timezone.now()
    office_hour = OfficeHour.objects.select_for_update(of=("self",)).get(pk=office_hour.pk)
    require(access.user_manages_office_hours(by, office_hour.expert))
    if office_hour.cancelled_at is not None:
        return office_hour
    for booking in office_hour.bookings.filter(cancelled_at__isnull=True):
        booking_cancel(booking=booking, by=by, now=now)
    office_hour.cancelled_at = now
    office_hour.save(update_fields=["cancelled_at", "updated_at"])
    room_booking = office_hour.room_booking
    if room_booking is not None and room_booking.is_confirmed and room_booking.ends_at > now:
        # The room is free again for others.
        spaces_services.booking_cancel(
            booking=room_booking, by=None, reason=_("The office hour was withdrawn.")
        )
    return office_hour
