"""The service desk: catalogue, member requests, support programmes and the expert pool."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import HttpsURLField, SoftDeleteModel, TimeStampedModel
from innohub.servicedesk.working_time import timeliness


class ServiceCategory(models.TextChoices):
    COMPANY_SETUP = "company_setup", _("Company set-up in China")
    IP = "ip", _("IP filing and protection")
    LEGAL = "legal", _("Legal")
    ACCOUNTING_TAX = "accounting_tax", _("Accounting and tax")
    VISAS = "visas", _("Visas and work permits")
    RECRUITMENT = "recruitment", _("Recruitment")
    MARKET_ENTRY = "market_entry", _("Market-entry advice")
    INVESTORS = "investors", _("Investor introductions")
    TRANSLATION = "translation", _("Translation and interpretation")
    OTHER = "other", _("Other services")


class ProviderAccreditation(TimeStampedModel):
    """A hub's accreditation of a service provider organisation, for a period."""

    hub = models.ForeignKey(
        "network.Hub", on_delete=models.CASCADE, related_name="provider_accreditations"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=_("provider"),
        limit_choices_to={"kind": "service_provider"},
    )
    accredited_on = models.DateField(_("accredited on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    scope = I18nField(_("scope"), blank=True, max_length=500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("provider accreditation")
        verbose_name_plural = _("provider accreditations")
        ordering = ["hub_id", "organisation__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "organisation"], name="servicedesk_accreditation_unique"
            ),
            models.CheckConstraint(
                name="servicedesk_accreditation_period",
                condition=Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("accredited_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.hub}"

    def is_valid_on(self, day: Any) -> bool:
        return self.accredited_on <= day and (self.valid_until is None or day <= self.valid_until)


class Service(TimeStampedModel, SoftDeleteModel):
    """One service in a hub's catalogue, offered by hub staff or by an accredited provider."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="services")
    slug = models.SlugField(_("web address name"), max_length=80)
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    name = I18nField(_("name"), max_length=200)
    summary = I18nField(_("summary"), blank=True, max_length=300)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    provider = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services_provided",
        verbose_name=_("provider"),
        help_text=_("Leave empty when the hub's own staff offer the service."),
        limit_choices_to={"kind": "service_provider"},
    )
    target_response_hours = models.PositiveSmallIntegerField(
        _("target response time (working hours)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
        help_text=_("Counted in the desk's working hours (09:00–18:00 on working days)."),
    )
    target_completion_days = models.PositiveSmallIntegerField(
        _("target completion time (working days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    fee = I18nField(_("fee"), blank=True, max_length=300)
    is_active = models.BooleanField(_("open for requests"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["hub_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="servicedesk_service_slug"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:service_detail", args=[self.pk])

    def clean(self) -> None:
        if self.provider_id is not None and self.provider.kind != "service_provider":
            raise ValidationError(
                {"provider": _("Choose an organisation of kind service provider.")}
            )

    @property
    def offered_by_staff(self) -> bool:
        return self.provider_id is None


class RequestState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING_MEMBER = "waiting_member", _("Waiting for the member")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_REQUEST_STATES = frozenset(
    {
        RequestState.SUBMITTED,
        RequestState.ACCEPTED,
        RequestState.IN_PROGRESS,
        RequestState.WAITING_MEMBER,
    }
)
REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestState.SUBMITTED: frozenset({RequestState.ACCEPTED, RequestState.CANCELLED}),
    RequestState.ACCEPTED: frozenset(
        {
            RequestState.IN_PROGRESS,
            RequestState.WAITING_MEMBER,
            RequestState.DONE,
            RequestState.CANCELLED,
        }
    ),
    RequestState.IN_PROGRESS: frozenset(
        {RequestState.WAITING_MEMBER, RequestState.DONE, RequestState.CANCELLED}
    ),
    RequestState.WAITING_MEMBER: frozenset(
        {RequestState.IN_PROGRESS, RequestState.DONE, RequestState.CANCELLED}
    ),
    RequestState.DONE: frozenset(),
    RequestState.CANCELLED: frozenset(),
}


class Side(models.TextChoices):
    """Who acts on a request: the requesting member, the provider, or hub staff."""

    MEMBER = "member", _("Member")
    PROVIDER = "provider", _("Provider")
    STAFF = "staff", _("Hub staff")


class ServiceRequest(TimeStampedModel):
    """A member's request for one service, routed to the provider (or to hub staff)."""

    hub = models.ForeignKey(
        "network.Hub", on_delete=models.PROTECT, related_name="service_requests"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("member"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
    )
    provider = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routed_requests",
        verbose_name=_("routed to"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("what you need"), max_length=10000)
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"))
    response_due_at = models.DateTimeField(_("response due"))
    completion_due_at = models.DateTimeField(_("completion due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Desk time spent waiting for the member; it moves the completion due time.
    waited = models.DurationField(default=timedelta, editable=False)
    response_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    completion_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("comment on the service"), blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, max_length=2000)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="servicedesk_request_rating_range",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
            models.CheckConstraint(
                name="servicedesk_request_rated_only_when_done",
                condition=Q(rating__isnull=True) | Q(state="done"),
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "state"]),
            models.Index(fields=["hub", "submitted_at"]),
            models.Index(fields=["provider", "state"]),
            models.Index(fields=["organisation", "state"]),
            # The lists' order, newest first: a network's hundred thousand requests.
            models.Index(fields=["-submitted_at", "-id"], name="servicedesk_request_newest"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_REQUEST_STATES

    def response_timeliness(self, now: datetime | None = None) -> str | None:
        if self.state == RequestState.CANCELLED and self.first_response_at is None:
            return None
        return timeliness(self.response_due_at, self.first_response_at, now or timezone.now())

    def completion_timeliness(self, now: datetime | None = None) -> str | None:
        if self.state == RequestState.CANCELLED:
            return None
        done = self.closed_at if self.state == RequestState.DONE else None
        if self.state == RequestState.WAITING_MEMBER:
            return timeliness(self.completion_due_at, None, self.waiting_since or timezone.now())
        return timeliness(self.completion_due_at, done, now or timezone.now())


class RequestEvent(models.Model):
    """One change of a request's state (or its routing), who made it and why."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=20, choices=RequestState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=RequestState.choices)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=Side.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_to_state_display()}"


def attachment_path(instance: RequestMessage, filename: str) -> str:
    """Uploads live under a random name; the original name is kept on the message."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"servicedesk/requests/{instance.request_id}/{uuid.uuid4().hex}{suffix}"


class RequestMessage(models.Model):
    """A message (optionally with a file) between the member, the provider and hub staff."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    body = models.TextField(_("message"), blank=True, max_length=10000)
    attachment = models.FileField(_("file"), upload_to=attachment_path, blank=True, max_length=200)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_size = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("request message")
        verbose_name_plural = _("request messages")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="servicedesk_message_not_empty", condition=~Q(body="") | ~Q(attachment="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


# ---------------------------------------------------------------- support programmes


class FunderKind(models.TextChoices):
    GOVERNMENT = "government", _("Government programme")
    HUB = "hub", _("Hub programme")


class Programme(TimeStampedModel, SoftDeleteModel):
    """A government or hub support programme, with eligibility rules stored as data."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="programmes")
    slug = models.SlugField(_("web address name"), max_length=80)
    funder_kind = models.CharField(_("kind"), max_length=12, choices=FunderKind.choices)
    funder = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funded_programmes",
        verbose_name=_("funded by"),
    )
    name = I18nField(_("name"), max_length=200)
    summary = I18nField(_("summary"), blank=True, max_length=500)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=8000)
    benefit = I18nField(_("benefit"), blank=True, max_length=500)
    max_amount = models.DecimalField(
        _("highest amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    rules = models.JSONField(_("eligibility rules"), default=list, blank=True)
    is_rolling = models.BooleanField(
        _("applications any time"),
        default=False,
        help_text=_("Otherwise applications are accepted only within the windows below."),
    )
    source_url = HttpsURLField(_("official policy text"), blank=True)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["hub_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="servicedesk_programme_slug"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:programme_detail", args=[self.pk])

    def clean(self) -> None:
        from innohub.servicedesk.eligibility import RuleError, validate_rules
        from innohub.servicedesk.facts import fact_specs

        try:
            validate_rules(self.rules, fact_specs())
        except RuleError as exc:
            raise ValidationError({"rules": exc.messages}) from exc


class ProgrammeWindow(models.Model):
    """A period in which applications to a programme are accepted."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="windows")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    note = I18nField(_("note"), blank=True, max_length=300)

    class Meta:
        verbose_name = _("application window")
        verbose_name_plural = _("application windows")
        ordering = ["opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="servicedesk_window_order", condition=Q(closes_on__gte=models.F("opens_on"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opens_on} – {self.closes_on}"


class ApplicationState(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted to the funder")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATES = frozenset({ApplicationState.PREPARING, ApplicationState.SUBMITTED})
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationState.PREPARING: frozenset({ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN}),
    ApplicationState.SUBMITTED: frozenset(
        {ApplicationState.GRANTED, ApplicationState.REJECTED, ApplicationState.WITHDRAWN}
    ),
    ApplicationState.GRANTED: frozenset(),
    ApplicationState.REJECTED: frozenset(),
    ApplicationState.WITHDRAWN: frozenset(),
}


class ProgrammeApplication(TimeStampedModel):
    """A member's application to a programme made through the hub, tracked to the amount granted."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="programme_applications",
        verbose_name=_("member"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ApplicationState.choices,
        default=ApplicationState.PREPARING,
    )
    state_since = models.DateField(_("since"))
    submitted_on = models.DateField(_("submitted to the funder on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_granted = models.DecimalField(
        _("amount granted"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)
    eligibility_snapshot = models.JSONField(default=dict, blank=True, editable=False)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme application")
        verbose_name_plural = _("programme applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="servicedesk_application_amount_only_when_granted",
                condition=Q(amount_granted__isnull=True) | Q(state="granted"),
            ),
            models.CheckConstraint(
                name="servicedesk_application_amounts_not_negative",
                condition=(Q(amount_granted__isnull=True) | Q(amount_granted__gte=0))
                & (Q(amount_requested__isnull=True) | Q(amount_requested__gte=0)),
            ),
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=Q(state__in=["preparing", "submitted"]),
                name="servicedesk_one_open_application",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:application_detail", args=[self.pk])


# ---------------------------------------------------------------- expert pool


class ExpertKind(models.TextChoices):
    SCIENTIST = "scientist", _("Scientist")
    MENTOR = "mentor", _("Mentor")
    CONSULTANT = "consultant", _("Consultant")


class SpokenLanguage(models.TextChoices):
    CHINESE = "zh", _("Chinese")
    CANTONESE = "yue", _("Cantonese")
    ENGLISH = "en", _("English")
    HEBREW = "he", _("Hebrew")
    RUSSIAN = "ru", _("Russian")
    ARABIC = "ar", _("Arabic")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    JAPANESE = "ja", _("Japanese")
    KOREAN = "ko", _("Korean")


class Expert(TimeStampedModel, SoftDeleteModel):
    """A scientist, mentor or consultant of a hub's pool: a person of the directory."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="experts")
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="expert_roles",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ExpertKind.choices)
    expertise = I18nField(_("fields of expertise"), max_length=500)
    bio = I18nField(_("biography"), blank=True, multiline=True, max_length=5000)
    sectors = models.ManyToManyField(
        "directory.Sector", blank=True, related_name="experts", verbose_name=_("sectors")
    )
    # Space-delimited codes with a space at each end (" zh en "), so one LIKE finds a language
    # on every database.
    languages = models.CharField(_("languages"), max_length=100, default=" en ")
    availability = I18nField(_("availability"), blank=True, max_length=300)
    can_judge = models.BooleanField(_("available as a contest judge"), default=False)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["hub_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "person"], name="servicedesk_expert_once_per_hub"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("servicedesk:expert_detail", args=[self.pk])

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()

    @language_codes.setter
    def language_codes(self, codes: list[str]) -> None:
        self.languages = " " + " ".join(dict.fromkeys(codes)) + " "

    def get_language_labels(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.language_codes]

    def clean(self) -> None:
        unknown = set(self.language_codes) - set(SpokenLanguage.values)
        if unknown or not self.language_codes:
            raise ValidationError({"languages": _("Choose at least one language from the list.")})


class OfficeHourMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class OfficeHour(TimeStampedModel):
    """A mentoring slot an expert offers; one member organisation can book it."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="office_hours")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("where"), max_length=10, choices=OfficeHourMode.choices)
    location = models.CharField(_("place"), max_length=200, blank=True)
    room = models.ForeignKey(
        "spaces.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="office_hours",
        verbose_name=_("meeting room"),
        help_text=_("A shared room of the hub, booked for the office hour."),
    )
    # The spaces booking that holds the room; cancelled when the office hour is withdrawn.
    room_booking = models.OneToOneField(
        "spaces.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="office_hour",
        editable=False,
    )
    meeting_url = HttpsURLField(_("meeting link"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("office hour")
        verbose_name_plural = _("office hours")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="servicedesk_office_hour_order", condition=Q(ends_at__gt=models.F("starts_at"))
            ),
        ]
        indexes = [models.Index(fields=["expert", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.expert} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return self.expert.get_absolute_url()

    @property
    def place(self) -> str:
        """Where an in-person office hour is held: the room, and what the place field adds."""
        parts = [str(self.room)] if self.room_id else []
        if self.location:
            parts.append(self.location)
        return " · ".join(parts)


class OfficeHourBooking(TimeStampedModel):
    """A member's booking of an office hour; the database admits one live booking per slot."""

    office_hour = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="bookings")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="office_hour_bookings",
        verbose_name=_("member"),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.TextField(_("what you would like to discuss"), max_length=2000)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)

    class Meta:
        verbose_name = _("office-hour booking")
        verbose_name_plural = _("office-hour bookings")
        ordering = ["office_hour__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office_hour"],
                condition=Q(cancelled_at__isnull=True),
                name="servicedesk_office_hour_booked_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office_hour} · {self.organisation}"
