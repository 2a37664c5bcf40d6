"""E-mails to people who registered, in the language they chose, with the event as an .ics file."""

from __future__ import annotations

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from innohub.events import ical, qr, tokens
from innohub.events.models import Registration, RegistrationStatus
from innohub.events.times import resolve_viewer_zone, zoned_spans

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"
PROMOTED = "promoted"
INVITED = "invited"
CANCELLED = "cancelled"
EVENT_CHANGED = "event_changed"
EVENT_CANCELLED = "event_cancelled"

# Which messages carry the event's calendar entry and the check-in QR code.
WITH_CALENDAR = {CONFIRMED, PROMOTED, EVENT_CHANGED}
WITH_CANCELLATION = {CANCELLED, EVENT_CANCELLED}
WITH_QR = {CONFIRMED, PROMOTED, EVENT_CHANGED}
QR_CONTENT_ID = "check-in-qr"


def _subject(kind: str, title: str) -> str:
    subjects = {
        CONFIRMED: _("Registration confirmed: %(event)s"),
        WAITLISTED: _("You are on the waiting list: %(event)s"),
        PROMOTED: _("A place has opened up for you: %(event)s"),
        INVITED: _("Invitation: %(event)s"),
        CANCELLED: _("Registration cancelled: %(event)s"),
        EVENT_CHANGED: _("New time or place: %(event)s"),
        EVENT_CANCELLED: _("Event cancelled: %(event)s"),
    }
    return subjects[kind] % {"event": title}


def check_in_url(registration: Registration, base_url: str) -> str:
    path = reverse("events:check_in_code", args=[tokens.check_in_code(registration.pk)])
    return base_url.rstrip("/") + path


def manage_url(registration: Registration, base_url: str) -> str:
    path = reverse("events:registration", args=[tokens.manage_token(registration.pk)])
    return base_url.rstrip("/") + path


def registration_email(
    registration: Registration, *, kind: str, base_url: str
) -> EmailMultiAlternatives:
    """The message for one registration (built, not sent), entirely in its language."""
    event = registration.event
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        title = event.title.in_language(language)
        user_zone = registration.user.time_zone if registration.user_id else ""
        zone = resolve_viewer_zone(user_zone, fallback=event.time_zone)
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "language": language,
            "title": title,
            "description": event.description.in_language(language),
            "place": ical.event_location(event, language),
            "spans": zoned_spans(event.starts_at, event.ends_at, viewer_zone=zone),
            "manage_url": manage_url(registration, base_url),
            "event_url": base_url.rstrip("/") + event.get_absolute_url(),
            "check_in_url": check_in_url(registration, base_url) if kind in WITH_QR else "",
            "online_url": event.online_url if confirmed else "",
            "qr_content_id": QR_CONTENT_ID,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
        message = EmailMultiAlternatives(
            subject=_subject(kind, title),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            headers={"Content-Language": language},
        )
        message.attach_alternative(html, "text/html")
        if kind in WITH_CALENDAR or kind in WITH_CANCELLATION:
            extra = ""
            if context["online_url"]:
                extra = _("Join online: %(url)s") % {"url": context["online_url"]}
            data = ical.single_event_ics(
                event,
                language=language,
                base_url=base_url,
                cancelled=kind in WITH_CANCELLATION,
                extra_description=extra,
            )
            message.attach("event.ics", data, "text/calendar")
        if kind in WITH_QR:
            image = MIMEImage(qr.qr_png(context["check_in_url"]), "png")
            image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
            image.add_header("Content-Disposition", "inline", filename="check-in.png")
            message.attach(image)
    return message


def registration_send(registration: Registration, *, kind: str, base_url: str) -> None:
    registration_email(registration, kind=kind, base_url=base_url).send()
