"""Where a hub's members sit and meet: phases, sites, buildings, floors, rooms, leases, bookings.

Two rules are guarded by the database itself, not only by the services: no two confirmed
bookings of one room overlap, and no two live leases of one room overlap. PostgreSQL enforces
them with exclusion constraints, SQLite with triggers (see `guards.py` and migration 0002);
they are not declared in `Meta.constraints` because SQLite cannot express them there.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import SoftDeleteModel, TimeStampedModel


class Phase(TimeStampedModel, SoftDeleteModel):
    """A stage of a hub's development (phase 1 in service, phase 2 partly planned, ...)."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = I18nField(_("name"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    opened_on = models.DateField(_("first rooms in service on"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development phase")
        verbose_name_plural = _("development phases")
        ordering = ["hub_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "number"],
                condition=Q(deleted_at__isnull=True),
                name="spaces_phase_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)


class Site(TimeStampedModel, SoftDeleteModel):
    """A plot or campus of a hub; buildings stand on it."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="sites")
    name = I18nField(_("name"), max_length=200)
    address = I18nField(_("address"), blank=True, max_length=300)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    position = models.PositiveSmallIntegerField(_("position"), default=10)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["hub_id", "position", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Building(TimeStampedModel, SoftDeleteModel):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="buildings")
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buildings",
        verbose_name=_("development phase"),
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("Short label, e.g. “A” or “5”."))
    name = I18nField(_("name"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    position = models.PositiveSmallIntegerField(_("position"), default=10)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["site_id", "position", "code"]

    def __str__(self) -> str:
        return str(self.name)


class Floor(TimeStampedModel, SoftDeleteModel):
    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="floors")
    level = models.SmallIntegerField(
        _("level"),
        validators=[MinValueValidator(-10), MaxValueValidator(200)],
        help_text=_("1 is the ground floor; basements are negative."),
    )
    name = I18nField(_("name"), blank=True, max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["building_id", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "level"],
                condition=Q(deleted_at__isnull=True),
                name="spaces_floor_level_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building} · {self.label}"

    @property
    def label(self) -> str:
        if self.name:
            return str(self.name)
        return str(_("Floor %(level)s") % {"level": self.level})

    def get_absolute_url(self) -> str:
        return reverse("spaces:floor", args=[self.pk])


class RoomKind(models.TextChoices):
    OFFICE = "office", _("Office")
    EXHIBITION = "exhibition", _("Exhibition")
    ROADSHOW = "roadshow", _("Roadshow centre")
    MEETING = "meeting", _("Meeting room")
    APARTMENT = "apartment", _("Apartment")
    SUPPORT = "support", _("Support facility")


class RoomUsage(models.TextChoices):
    LEASE = "lease", _("Leased to members")
    BOOKING = "booking", _("Shared, booked by the slot")
    COMMON = "common", _("Common use")


class RoomState(models.TextChoices):
    """What a room is on a given day; computed from its dates and leases, never stored."""

    PLANNED = "planned", _("Planned")
    AVAILABLE = "available", _("Available")
    LEASED = "leased", _("Leased")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


DEFAULT_USAGE: dict[str, str] = {
    RoomKind.OFFICE: RoomUsage.LEASE,
    RoomKind.EXHIBITION: RoomUsage.LEASE,
    RoomKind.APARTMENT: RoomUsage.LEASE,
    RoomKind.ROADSHOW: RoomUsage.BOOKING,
    RoomKind.MEETING: RoomUsage.BOOKING,
    RoomKind.SUPPORT: RoomUsage.COMMON,
}


class Room(TimeStampedModel, SoftDeleteModel):
    floor = models.ForeignKey(Floor, on_delete=models.CASCADE, related_name="rooms")
    # Copied from floor → building → site so that lists and feeds filter by hub in one join.
    hub = models.ForeignKey(
        "network.Hub", on_delete=models.CASCADE, related_name="rooms", editable=False
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("Door label, e.g. “A-201”."))
    name = I18nField(_("name"), blank=True, max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RoomKind.choices)
    usage = models.CharField(_("use"), max_length=10, choices=RoomUsage.choices)
    area_m2 = models.DecimalField(
        _("area (m²)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Seats in a shared room; workplaces in an office.")
    )
    in_service_from = models.DateField(
        _("in service from"),
        null=True,
        blank=True,
        help_text=_("Empty while the room is only planned."),
    )
    out_of_service_from = models.DateField(_("out of service from"), null=True, blank=True)
    back_in_service_on = models.DateField(
        _("back in service on"),
        null=True,
        blank=True,
        help_text=_("Empty while it is out of service until further notice."),
    )
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    equipment = I18nField(_("equipment"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("shown to the public"),
        default=True,
        help_text=_("Shared rooms only: listed with their free slots for everyone."),
    )
    opens_at = models.TimeField(_("bookable from"), default=time(8, 0))
    closes_at = models.TimeField(_("bookable until"), default=time(21, 0))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=30,
        choices=[(15, "15"), (30, "30"), (60, "60")],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["hub_id", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "code"],
                condition=Q(deleted_at__isnull=True),
                name="spaces_room_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="spaces_room_hours_order"
            ),
        ]
        indexes = [models.Index(fields=["hub", "usage", "kind"])]

    def __str__(self) -> str:
        if self.name:
            return f"{self.name} ({self.code})"
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("spaces:room", args=[self.pk])

    @property
    def is_bookable(self) -> bool:
        return self.usage == RoomUsage.BOOKING

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.hub.time_zone)

    def is_in_service_on(self, day: date) -> bool:
        if self.in_service_from is None or day < self.in_service_from:
            return False
        if self.out_of_service_from is None or day < self.out_of_service_from:
            return True
        return self.back_in_service_on is not None and day >= self.back_in_service_on

    def state_on(self, day: date, *, leased: bool) -> str:
        """The room's state on `day`, given whether a live lease covers that day."""
        if self.in_service_from is None or day < self.in_service_from:
            return RoomState.PLANNED
        if not self.is_in_service_on(day):
            return RoomState.OUT_OF_SERVICE
        return RoomState.LEASED if leased else RoomState.AVAILABLE


class LeaseStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    TERMINATED = "terminated", _("Terminated early")
    CANCELLED = "cancelled", _("Cancelled")


class Lease(TimeStampedModel, SoftDeleteModel):
    """Rooms let to a member organisation over a date range; both ends are included."""

    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="leases")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="leases",
        verbose_name=_("tenant"),
    )
    rooms = models.ManyToManyField(Room, through="LeaseRoom", related_name="leases")
    reference = models.CharField(_("contract number"), max_length=60, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    terminated_on = models.DateField(
        _("ended early on"), null=True, blank=True, help_text=_("The last day actually let.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LeaseStatus.choices, default=LeaseStatus.SIGNED
    )
    rent_rate = models.DecimalField(
        _("rent (per m² per day)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Chinese office rents are quoted per square metre per day."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    payment_interval_months = models.PositiveSmallIntegerField(
        _("rent paid every (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    deposit_months = models.PositiveSmallIntegerField(
        _("deposit (months of rent)"), default=2, validators=[MaxValueValidator(12)]
    )
    rent_free_months = models.PositiveSmallIntegerField(
        _("rent-free months"), default=0, validators=[MaxValueValidator(24)]
    )
    terms = I18nField(_("terms"), blank=True, multiline=True, max_length=5000)
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        verbose_name=_("renews"),
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="spaces_lease_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | (Q(terminated_on__gte=F("starts_on")) & Q(terminated_on__lte=F("ends_on"))),
                name="spaces_lease_termination_within",
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "status", "ends_on"]),
            models.Index(fields=["organisation", "starts_on"]),
        ]

    def __str__(self) -> str:
        return self.reference or f"{self.organisation} {self.starts_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("spaces:lease", args=[self.pk])

    @property
    def last_day(self) -> date:
        return self.terminated_on or self.ends_on

    @property
    def is_live(self) -> bool:
        """A lease that occupies its rooms (not cancelled, not deleted)."""
        return self.status != LeaseStatus.CANCELLED and self.deleted_at is None

    def covers(self, day: date) -> bool:
        return self.is_live and self.starts_on <= day <= self.last_day


class LeaseRoom(models.Model):
    """One room of a lease, with the lease's effective span copied for the overlap guard."""

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="lease_rooms")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="lease_rooms")
    starts_on = models.DateField()
    ends_on = models.DateField()
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lease", "room"], name="spaces_leaseroom_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="spaces_leaseroom_dates_order"
            ),
        ]
        indexes = [models.Index(fields=["room", "starts_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.room} · {self.starts_on}–{self.ends_on}"


class LeaseReminder(models.Model):
    """A reminder sent for a lease that ends soon, so that each one goes out once."""

    lease = models.ForeignKey(Lease, on_delete=models.CASCADE, related_name="reminders")
    days_ahead = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lease", "days_ahead"], name="spaces_leasereminder_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lease} −{self.days_ahead}"


class BookingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    ROADSHOW = "roadshow", _("Roadshow")
    EVENT = "event", _("Event")
    OFFICE_HOURS = "office_hours", _("Office hours")
    OTHER = "other", _("Other")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class BookingSeries(TimeStampedModel):
    """A recurring booking: the rule as written (RFC 5545 RRULE) and who asked for it."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="booking_series")
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    first_starts_at = models.DateTimeField(_("first start"))
    title = models.CharField(_("title"), max_length=200)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_series",
    )

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")

    def __str__(self) -> str:
        return f"{self.title} ({self.rrule})"


class Booking(TimeStampedModel, SoftDeleteModel):
    """A slot of a shared room, for a meeting, a roadshow, an event or office hours.

    Other apps point a nullable foreign key at a Booking (an event's venue, a mentor's office
    hours) and create it through `services.booking_create`, the single entry point.
    """

    # Indexed by (room, starts_at) and the other composite indexes below, not on their own.
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", db_index=False
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    kind = models.CharField(
        _("purpose"), max_length=20, choices=BookingKind.choices, default=BookingKind.MEETING
    )
    title = models.CharField(_("title"), max_length=200)
    attendance = models.PositiveIntegerField(_("attendance"), validators=[MinValueValidator(1)])
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("booked for"),
        db_index=False,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="space_bookings",
        verbose_name=_("booked by"),
        db_index=False,
    )
    series = models.ForeignKey(
        BookingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancellation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="spaces_booking_times_order"
            ),
            models.CheckConstraint(
                condition=Q(attendance__gte=1), name="spaces_booking_attendance_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["organisation", "starts_at"]),
            models.Index(fields=["booked_by", "starts_at"]),
            # The bookings list of staff of many hubs (or all): a window of days, in time order;
            # partial, so that counting the window's confirmed bookings reads the index only.
            models.Index(
                fields=["starts_at", "id"],
                condition=Q(status="confirmed", deleted_at__isnull=True),
                name="spaces_booking_confirmed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.room.code} · {self.starts_at:%Y-%m-%d %H:%M} UTC"

    def get_absolute_url(self) -> str:
        return reverse("spaces:booking", args=[self.pk])

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED and self.deleted_at is None

    @cached_property
    def held_by(self) -> Any:
        """The record of another app this booking holds the room for (an event), if any.

        Other apps point a one-to-one field at the booking; spaces does not name them.
        """
        for relation in self._meta.related_objects:
            if not relation.one_to_one:
                continue
            try:
                return getattr(self, relation.get_accessor_name())
            except ObjectDoesNotExist:
                continue
        return None

    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(self.room.zone)

    def local_ends_at(self) -> datetime:
        return self.ends_at.astimezone(self.room.zone)
