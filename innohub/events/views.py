"""Event pages: the public calendar, one event, registration, staff tools, check-in, slots."""

from __future__ import annotations

import calendar as month_calendar
import csv
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innohub.accounts.access import (
    ALL_HUBS,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_is_staff_anywhere,
)
from innohub.common.feeds import feed_response
from innohub.common.i18n import normalise_language
from innohub.events import access, emails, ical, qr, selectors, services, tokens
from innohub.events.forms import (
    CalendarFilterForm,
    CheckInForm,
    EventForm,
    InvitationForm,
    RegistrationFilterForm,
    RegistrationForm,
    SessionForm,
    SlotFinderForm,
    SpeakerFormSet,
    ZoneForm,
    room_choice_field,
    utc_to_local,
)
from innohub.events.models import Event, Registration, RegistrationStatus, Session
from innohub.events.slots import SlotRequestError, rules_with_hours, slots_for_remote_session
from innohub.events.times import as_local, is_zone, resolve_viewer_zone, zone_label, zoned_spans
from innohub.network.models import Hub
from innohub.network.selectors import current_hub, hub_choices_for
from innohub.relations import selectors as relations_selectors
from innohub.spaces import access as spaces_access

TZ_COOKIE = "innohub_tz"


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def viewer_zone(request: HttpRequest, fallback: str) -> tuple[str, str]:
    """The zone to show times in, and where it came from (chosen, profile, browser, default)."""
    chosen = request.GET.get("tz")
    if is_zone(chosen):
        return str(chosen), "chosen"
    user = request.user
    profile = user.time_zone if getattr(user, "is_authenticated", False) else ""
    if is_zone(profile):
        return profile, "profile"
    browser = unquote(request.COOKIES.get(TZ_COOKIE, ""))
    if is_zone(browser):
        return str(browser), "browser"
    return resolve_viewer_zone(fallback=fallback), "default"


def _remember_zone(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    chosen = request.GET.get("tz")
    if is_zone(chosen):
        response.set_cookie(
            TZ_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax", secure=request.is_secure()
        )
    return response


def _staff_hubs(user: Any) -> Any:
    staffed = hub_ids_staffed_by(user)
    return Hub.objects.all() if staffed is ALL_HUBS else Hub.objects.filter(pk__in=staffed or [])


def _fallback_zone(request: HttpRequest) -> str:
    hub = current_hub(request)
    return hub.time_zone if hub is not None else settings.INNOHUB_DEFAULT_HUB_TIME_ZONE


# ---------------------------------------------------------------- calendar


def event_calendar(request: HttpRequest) -> HttpResponse:
    hubs = hub_choices_for(request)
    form = CalendarFilterForm(request.GET or None, hubs=hubs)
    hub = kind = ""
    month = None
    if form.is_valid():
        hub, kind, month = (
            form.cleaned_data["hub"],
            form.cleaned_data["kind"],
            form.cleaned_data["month"],
        )
    zone, zone_source = viewer_zone(request, _fallback_zone(request))
    today = timezone.now().astimezone(ZoneInfo(zone)).date()
    year, month_number = month or (today.year, today.month)
    events = selectors.events_in_month(
        user=request.user, year=year, month=month_number, hub=hub, kind=kind, zone=zone
    )
    weeks = _month_grid(year, month_number, events, zone, today)
    upcoming = []
    date_from = form.cleaned_data.get("date_from") if form.is_valid() else None
    date_to = form.cleaned_data.get("date_to") if form.is_valid() else None
    if date_from and date_to:
        # The events of a period (the reports link here): all of them, past ones included.
        upcoming = list(
            selectors.event_list(
                user=request.user,
                filters=selectors.EventFilters(
                    hub=hub, kind=kind, date_from=date_from, date_to=date_to, include_past=True
                ),
            )[:500]
        )
    elif month is None:
        upcoming = list(
            selectors.event_list(
                user=request.user, filters=selectors.EventFilters(hub=hub, kind=kind)
            )[:20]
        )
    listed = upcoming or events
    staffed = hub_ids_staffed_by(request.user)
    fill = selectors.attendance_by_event(
        [e for e in listed if staffed is ALL_HUBS or e.hub_id in (staffed or ())]
    )
    previous = date(year, month_number, 1) - timedelta(days=1)
    following = date(year, month_number, 28) + timedelta(days=7)
    selected_hub = next((h for h in hubs if h.slug == hub), None)
    context = {
        "form": form,
        "weeks": weeks,
        "weekday_names": _weekday_names(),
        "month_start": date(year, month_number, 1),
        "previous_month": f"{previous.year}-{previous.month:02d}",
        "next_month": f"{following.year}-{following.month:02d}",
        "month_events": events,
        "upcoming": upcoming,
        "period": (date_from, date_to) if date_from and date_to else None,
        "fill": fill,
        "viewer_zone": zone,
        "zone_source": zone_source,
        "zone_form": ZoneForm(initial={"tz": zone}),
        "selected_hub": selected_hub,
        # The selected hub's feed, else the visitor's hub's (each hub's page links its own).
        "feed_hub": selected_hub or current_hub(request),
        "can_create": user_is_staff_anywhere(request.user),
    }
    template = "events/calendar.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "calendar-body":
        template += "#body"
    return _remember_zone(request, render(request, template, context))


def _first_weekday() -> int:
    """Sunday (0) or Monday (1) first, as the active language's format says; Python's 6 or 0."""
    first = int(get_format("FIRST_DAY_OF_WEEK"))
    return 6 if first == 0 else first - 1


def _weekday_names() -> list[str]:
    first = _first_weekday()
    reference = date(2024, 1, 1)  # a Monday
    names = []
    for i in range(7):
        day = reference + timedelta(days=(first + i) % 7)
        names.append(date_format(day, "D"))
    return names


DAY_CELL_EVENTS = 4


def _month_grid(
    year: int, month: int, events: list[Event], zone: str, today: date
) -> list[list[dict[str, Any]]]:
    info = ZoneInfo(zone)
    by_day: dict[date, list[Event]] = {}
    for event in events:
        first = event.starts_at.astimezone(info).date()
        last = (event.ends_at - timedelta(seconds=1)).astimezone(info).date()
        day = first
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)

    def cell(day: date) -> dict[str, Any]:
        shown = by_day.get(day, [])
        return {
            "date": day,
            "iso": day.isoformat(),
            "month": f"{day.year}-{day.month:02d}",
            "in_month": day.month == month,
            "is_today": day == today,
            # A busy day (a whole network's events) shows its first few; the rest are a
            # link away, in the day's list.
            "events": shown[:DAY_CELL_EVENTS],
            "more": max(len(shown) - DAY_CELL_EVENTS, 0),
        }

    grid = month_calendar.Calendar(firstweekday=_first_weekday()).monthdatescalendar(year, month)
    return [[cell(day) for day in week] for week in grid]


def hub_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The hub's public events as a subscribable iCalendar feed (?lang=zh-hans|en|he),
    rendered again only when one of them changes."""
    hub = get_object_or_404(Hub, slug=slug, is_public=True)
    language = normalise_language(request.GET.get("lang") or translation.get_language())
    base = base_url(request)

    def render() -> bytes:
        with translation.override(language):
            return ical.events_feed(
                selectors.public_events_of_hub(hub),
                name=_("%(hub)s — events") % {"hub": hub.name.in_language(language)},
                language=language,
                base_url=base,
            )

    return feed_response(
        request,
        version=("events", language, base, *selectors.public_feed_version(hub)),
        render=render,
        filename=f"{hub.slug}-events.ics",
        cache_control="public, max-age=900",
    )


# ---------------------------------------------------------------- one event


def _registration_from_token(token: str | None) -> Registration | None:
    return selectors.registration_get(tokens.registration_id_from_manage_token(token or ""))


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_user(request.user, selectors.event_get(slug=slug))
    return _render_detail(request, event, RegistrationForm(initial=_registration_initial(request)))


def _registration_initial(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    initial: dict[str, Any] = {"language": normalise_language(translation.get_language())}
    if getattr(user, "is_authenticated", False):
        initial.update(name=str(user), email=user.email, language=user.language)
        person = getattr(user, "person", None) if hasattr(user, "person") else None
        if person is not None and person.organisation_id:
            initial["organisation_name"] = str(person.organisation.name)
            initial["country"] = person.organisation.country
    return initial


def _render_detail(
    request: HttpRequest, event: Event, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    zone, zone_source = viewer_zone(request, event.time_zone)
    is_staff = access.user_can_manage_event(request.user, event)
    mine = selectors.registration_for_user(event, request.user)
    figures = selectors.attendance_figures(event)
    context = {
        "event": event,
        "spans": zoned_spans(event.starts_at, event.ends_at, viewer_zone=zone),
        "event_zone_span": zoned_spans(event.starts_at, event.ends_at, viewer_zone=event.time_zone)[
            0
        ],
        "viewer_zone": zone,
        "zone_source": zone_source,
        "zone_form": ZoneForm(initial={"tz": zone}),
        "programme": _programme(event, zone),
        "partners": list(event.partners.all()),
        "contests": [c for c in event.contests.all() if c.is_public or is_staff],
        "is_staff": is_staff,
        "registration": mine,
        "registration_url": reverse("events:registration", args=[tokens.manage_token(mine.pk)])
        if mine
        else None,
        "form": form if event.accepts_registrations() and event.audience == "public" else None,
        "figures": figures,
        "show_online_url": is_staff
        or (mine is not None and mine.status == RegistrationStatus.CONFIRMED),
        "room_link": event.room_label and spaces_access.user_sees_room(request.user, event.room),
        "agreements": relations_selectors.agreements_signed_at_event(
            user=request.user, event=event
        ),
    }
    response = render(request, "events/event_detail.html", context, status=status)
    return _remember_zone(request, response)


def _programme(event: Event, zone: str) -> list[dict[str, Any]]:
    rows = []
    for session in selectors.event_programme(event):
        speakers = list(session.speakers.all())
        rows.append(
            {
                "session": session,
                "spans": zoned_spans(session.starts_at, session.ends_at, viewer_zone=zone),
                "speakers": speakers,
                "has_remote": any(s.is_remote for s in speakers),
            }
        )
    return rows


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_user(request.user, selectors.event_get(slug=slug))
    language = normalise_language(request.GET.get("lang") or translation.get_language())
    data = ical.single_event_ics(event, language=language, base_url=base_url(request))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_user(request.user, selectors.event_get(slug=slug))
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                base_url=base_url(request),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(
                    request, _("You are registered. A confirmation is on its way to your inbox.")
                )
            else:
                messages.info(request, _("The event is full: you are on the waiting list."))
            return redirect("events:registration", tokens.manage_token(registration.pk))
    return _render_detail(request, event, form, status=400)


def _form_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# ---------------------------------------------------------------- a participant's registration


def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    """What the private link in the e-mails opens: status, QR code, cancel or answer."""
    registration = _registration_from_token(token)
    if registration is None or registration.event.is_deleted:
        raise Http404
    event = access.access_event_for_user(request.user, registration.event, guest_of=registration)
    zone, _source = viewer_zone(request, event.time_zone)
    context = {
        "registration": registration,
        "event": event,
        "token": token,
        "spans": zoned_spans(event.starts_at, event.ends_at, viewer_zone=zone),
        "viewer_zone": zone,
        "check_in_url": emails.check_in_url(registration, base_url(request)),
        "check_in_code": tokens.check_in_code(registration.pk),
        "position": selectors.waitlist_position(registration),
        "show_online_url": registration.status == RegistrationStatus.CONFIRMED,
    }
    return render(request, "events/registration.html", context)


def registration_qr(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_from_token(token)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    if registration.event.is_deleted:
        raise Http404
    response = HttpResponse(
        qr.qr_svg(emails.check_in_url(registration, base_url(request))),
        content_type="image/svg+xml",
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_from_token(token)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(
            registration=registration, by=request.user, base_url=base_url(request)
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token)


@require_POST
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration_from_token(token)
    if registration is None:
        raise Http404
    try:
        if request.POST.get("answer") == "accept":
            services.invitation_accept(
                registration=registration, base_url=base_url(request), user=request.user
            )
            messages.success(request, _("Thank you: your answer has been recorded."))
        else:
            services.invitation_decline(registration=registration)
            messages.info(request, _("You have declined the invitation."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("events:registration", token)


# ---------------------------------------------------------------- staff: events and programme


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require(user_is_staff_anywhere(request.user))
    hubs = _staff_hubs(request.user)
    initial = _create_initial(request, hubs)
    hub_ids = list(hubs.values_list("pk", flat=True))
    chosen = _hub_in(hubs, request.POST.get("hub")) if request.method == "POST" else None
    chosen = chosen or initial["hub"]
    form = EventForm(
        request.POST or None,
        hubs=hubs,
        partners=selectors.organisation_choices(hub_ids),
        rooms=selectors.room_choices([chosen.pk] if chosen else []),
        rooms_url=reverse("events:room_options") if len(hub_ids) > 1 else None,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        hub = data.pop("hub")
        require(user_is_hub_staff(request.user, hub.pk))
        try:
            event = services.event_create(by=request.user, hub=hub, **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The event has been created."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form})


def _hub_in(hubs: Any, value: str | None) -> Hub | None:
    try:
        return forms.ModelChoiceField(queryset=hubs).clean(value)
    except ValidationError:
        return None


@login_required
def room_options(request: HttpRequest) -> HttpResponse:
    """The rooms of the hub chosen in the event form, as the options of its room list."""
    hub = _hub_in(_staff_hubs(request.user), request.GET.get("hub"))
    if hub is None:
        raise Http404
    field = room_choice_field(selectors.room_choices([hub.pk]))
    return render(request, "events/includes/room_options.html", {"choices": field.choices})


def _create_initial(request: HttpRequest, hubs: Any) -> dict[str, Any]:
    hub = current_hub(request)
    if hub is None or not hubs.filter(pk=hub.pk).exists():
        hub = hubs.first()
    zone = hub.time_zone if hub else settings.INNOHUB_DEFAULT_HUB_TIME_ZONE
    initial: dict[str, Any] = {
        "hub": hub,
        "time_zone": zone,
        "status": "published",
        "audience": "public",
    }
    start = request.GET.get("start")
    if start:
        try:
            moment = datetime.fromisoformat(start.replace("Z", "+00:00"))
            minutes = int(request.GET.get("minutes", "60"))
        except ValueError:
            return initial
        if timezone.is_aware(moment) and 0 < minutes <= 24 * 60:
            initial.update(
                starts_at=utc_to_local(moment, zone),
                ends_at=utc_to_local(moment + timedelta(minutes=minutes), zone),
                venue_kind="online",
            )
    return initial


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    hubs = Hub.objects.filter(pk=event.hub_id)
    form = EventForm(
        request.POST or None,
        hubs=hubs,
        partners=selectors.organisation_choices(
            [event.hub_id], keep=list(event.partners.values_list("pk", flat=True))
        ),
        rooms=selectors.room_choices([event.hub_id]),
        initial=EventForm.initial_for(event),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("hub")
        if event.is_cancelled:
            data.pop("status")  # a cancelled event stays cancelled: participants were told
        try:
            services.event_update(event=event, by=request.user, base_url=base_url(request), **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The event has been saved."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    services.event_cancel(event=event, by=request.user, base_url=base_url(request))
    messages.success(
        request, _("The event has been cancelled and everyone registered has been told.")
    )
    return redirect(event)


@login_required
@require_POST
def event_delete(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    services.event_delete(event=event, by=request.user)
    messages.success(request, _("The event has been deleted."))
    return redirect("events:calendar")


def _speaker_rows(formset: Any) -> list[dict[str, Any]]:
    return [row for form in formset.forms if (row := form.speaker_row()) is not None]


def _speaker_initial(session: Session) -> list[dict[str, Any]]:
    return [
        {
            "person": speaker.person_id,
            "guest_name": speaker.guest_name.in_language() if not speaker.person_id else "",
            "guest_affiliation": speaker.guest_affiliation.in_language()
            if not speaker.person_id
            else "",
            "role": speaker.role,
            "mode": speaker.mode,
        }
        for speaker in session.speakers.all()
    ]


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    session = get_object_or_404(Session, pk=pk, event=event) if pk else None
    zone = event.time_zone
    if session is not None:
        initial = {
            "title": session.title,
            "description": session.description,
            "location": session.location,
            "starts_at": utc_to_local(session.starts_at, zone),
            "ends_at": utc_to_local(session.ends_at, zone),
        }
        speakers_initial = _speaker_initial(session)
    else:
        initial = {
            "starts_at": utc_to_local(event.starts_at, zone),
            "ends_at": utc_to_local(min(event.ends_at, event.starts_at + timedelta(hours=1)), zone),
        }
        speakers_initial = []
    people = selectors.person_choices([event.hub_id])
    form = SessionForm(request.POST or None, zone=zone, initial=initial)
    formset = SpeakerFormSet(
        request.POST or None, initial=speakers_initial, people=people, prefix="speakers"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if session is None:
                services.session_create(
                    event=event,
                    by=request.user,
                    speakers=_speaker_rows(formset),
                    **form.cleaned_data,
                )
            else:
                services.session_update(
                    session=session,
                    by=request.user,
                    speakers=_speaker_rows(formset),
                    **form.cleaned_data,
                )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The programme has been saved."))
            return redirect(event)
    return render(
        request,
        "events/session_form.html",
        {"form": form, "formset": formset, "event": event, "session": session},
    )


@login_required
@require_POST
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    session = get_object_or_404(Session, pk=pk, event=event)
    services.session_delete(session=session, by=request.user)
    messages.success(request, _("The session has been removed from the programme."))
    return redirect(event)


# ---------------------------------------------------------------- staff: registrations and check-in

REGISTRATIONS_PAGE_SIZE = 50


@login_required
def registration_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    form = RegistrationFilterForm(request.GET or None)
    q = status = ""
    if form.is_valid():
        q, status = form.cleaned_data["q"], form.cleaned_data["status"]
    page = Paginator(
        selectors.registration_list(event=event, q=q, status=status), REGISTRATIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    zone, _source = viewer_zone(request, event.time_zone)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "figures": selectors.attendance_figures(event),
        "invitation_form": InvitationForm(
            initial={"language": normalise_language(translation.get_language())}
        ),
        "viewer_zone": zone,
    }
    template = "events/registration_list.html"
    if (
        request.headers.get("HX-Request")
        and request.headers.get("HX-Target") == "registration-rows"
    ):
        template += "#rows"
    return render(request, template, context)


@login_required
def registration_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 (Chinese, Hebrew) correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Country"),
            _("Status"),
            _("Registered"),
            _("Checked in"),
        ]
    )
    zone = ZoneInfo(event.time_zone)
    for r in selectors.registration_list(event=event):
        writer.writerow(
            [
                r.name,
                r.email,
                r.organisation_name,
                r.get_country_display() if r.country else "",
                r.get_status_display(),
                r.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                r.checked_in_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                if r.checked_in_at
                else "",
            ]
        )
    return response


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                event=event, by=request.user, base_url=base_url(request), **form.cleaned_data
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The invitation has been sent."))
    else:
        messages.error(request, _("Give a name and a valid e-mail address."))
    return redirect("events:registrations", event.slug)


def _staff_registration(request: HttpRequest, slug: str, pk: int) -> Registration:
    event = access.access_event_for_staff(request.user, selectors.event_get(slug=slug))
    return get_object_or_404(Registration.objects.select_related("event"), pk=pk, event=event)


@login_required
@require_POST
def registration_staff_action(
    request: HttpRequest, slug: str, pk: int, action: str
) -> HttpResponse:
    registration = _staff_registration(request, slug, pk)
    try:
        if action == "check-in":
            _r, new = services.registration_check_in(registration=registration, by=request.user)
            messages.success(
                request,
                _("%(name)s has checked in.") % {"name": registration.name}
                if new
                else _("%(name)s had already checked in.") % {"name": registration.name},
            )
        elif action == "undo-check-in":
            services.registration_undo_check_in(registration=registration, by=request.user)
            messages.success(
                request,
                _("The check-in of %(name)s has been undone.") % {"name": registration.name},
            )
        elif action == "cancel":
            services.registration_cancel(
                registration=registration, by=request.user, base_url=base_url(request)
            )
            messages.success(
                request,
                _("The registration of %(name)s is cancelled.") % {"name": registration.name},
            )
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(request.POST.get("next") or reverse("events:registrations", args=[slug]))


@login_required
def check_in(request: HttpRequest) -> HttpResponse:
    """Staff type, paste or scan a participant's code here."""
    require(user_is_staff_anywhere(request.user))
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pk = tokens.registration_id_from_check_in_code(form.cleaned_data["code"])
        if pk is None:
            form.add_error("code", _("This is not a valid check-in code."))
        else:
            return redirect("events:check_in_code", tokens.check_in_code(pk))
    return render(request, "events/check_in.html", {"form": form})


@login_required
def check_in_code(request: HttpRequest, code: str) -> HttpResponse:
    """What a phone opens from the QR code: the participant, and a button to check them in."""
    registration = selectors.registration_get(tokens.registration_id_from_check_in_code(code))
    if registration is None or registration.event.is_deleted:
        raise Http404
    require(access.user_can_manage_event(request.user, registration.event))
    if request.method == "POST":
        try:
            _r, new = services.registration_check_in(registration=registration, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if new:
                messages.success(
                    request, _("%(name)s has checked in.") % {"name": registration.name}
                )
            else:
                messages.info(
                    request, _("%(name)s had already checked in.") % {"name": registration.name}
                )
        return redirect("events:check_in_code", code)
    zone, _source = viewer_zone(request, registration.event.time_zone)
    return render(
        request,
        "events/check_in_result.html",
        {
            "registration": registration,
            "event": registration.event,
            "checked_in_local": as_local(registration.checked_in_at, zone)
            if registration.checked_in_at
            else None,
            "figures": selectors.attendance_figures(registration.event),
            "form": CheckInForm(),
        },
    )


# ---------------------------------------------------------------- slot finder


@login_required
def slot_finder(request: HttpRequest) -> HttpResponse:
    zone, _source = viewer_zone(request, _fallback_zone(request))
    today = timezone.now().astimezone(ZoneInfo(zone)).date()
    form = SlotFinderForm(request.GET or None, initial=SlotFinderForm.defaults(today))
    results: list[dict[str, Any]] | None = None
    provisional = False
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            found = slots_for_remote_session(
                date_from=data["date_from"],
                date_to=data["date_to"],
                minutes=data["minutes"],
                countries=data["country_list"],
                limit=data["limit"],
                rules=rules_with_hours(data["hour_overrides"]) if data["hour_overrides"] else None,
                not_before=timezone.now(),
            )
        except SlotRequestError as exc:
            form.add_error(None, str(exc))
        else:
            results = [
                {
                    "slot": slot,
                    "spans": zoned_spans(slot.start, slot.end, viewer_zone=zone)
                    + [
                        span
                        for extra in slot.local
                        if extra not in (zone, "Asia/Shanghai", "Asia/Jerusalem")
                        for span in zoned_spans(slot.start, slot.end, viewer_zone=extra)[:1]
                    ],
                    "percent": round(slot.score * 100),
                    "start_iso": slot.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
                for slot in found
            ]
            provisional = any(slot.provisional for slot in found)
    return render(
        request,
        "events/slot_finder.html",
        {
            "form": form,
            "results": results,
            "provisional": provisional,
            "viewer_zone": zone,
            "viewer_zone_label": zone_label(zone),
            "can_create": user_is_staff_anywhere(request.user),
        },
    )
