"""Events of a hub, their programme and registrations, and the contests judged at them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import Country, SoftDeleteModel, TimeStampedModel


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    FORUM = "forum", _("Forum")
    EXHIBITION = "exhibition", _("Exhibition")
    ROADSHOW = "roadshow", _("Roadshow")
    CEREMONY = "ceremony", _("Ceremony")
    WORKSHOP = "workshop", _("Workshop")
    COMPETITION = "competition", _("Competition")
    DELEGATION_RECEPTION = "delegation_reception", _("Delegation reception")


class VenueKind(models.TextChoices):
    ROOM = "room", _("A room of the hub")
    ONLINE = "online", _("Online")
    ELSEWHERE = "elsewhere", _("Elsewhere")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public")
    INVITATION = "invitation", _("By invitation only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Event(TimeStampedModel, SoftDeleteModel):
    hub = models.ForeignKey(
        "network.Hub", on_delete=models.PROTECT, related_name="events", verbose_name=_("hub")
    )
    slug = models.SlugField(_("web address name"), unique=True, max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = I18nField(_("title"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=10000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("local time zone"),
        max_length=64,
        default="Asia/Shanghai",
        help_text=_("The zone of the venue; times are stored in UTC."),
    )
    date_is_approximate = models.BooleanField(
        _("the date is approximate"),
        default=False,
        help_text=_("For past events whose exact date is not known."),
    )
    venue_kind = models.CharField(
        _("venue"), max_length=12, choices=VenueKind.choices, default=VenueKind.ELSEWHERE
    )
    venue_address = I18nField(
        _("place"), blank=True, max_length=300, help_text=_("Name and address of the venue.")
    )
    room = models.ForeignKey(
        "spaces.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("room"),
        help_text=_("A shared room of the hub, held for the event through a booking."),
    )
    # The spaces booking that holds the room; created, moved and cancelled with the event.
    booking = models.OneToOneField(
        "spaces.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        editable=False,
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Shown to confirmed participants and staff only."),
    )
    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.PUBLISHED
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=True)
    partners = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="events",
        verbose_name=_("organisations taking part"),
    )
    # Incremented whenever the time or place changes, so calendars replace the old entry.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["sequence"])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_it_starts", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "starts_at"]),
            models.Index(fields=["status", "audience", "starts_at"]),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC and self.status != EventStatus.DRAFT

    def soft_delete(self) -> None:
        # However it is deleted (the event page, the API, the trash), its room is freed...
        from innohub.events.services import event_room_sync

        super().soft_delete()
        event_room_sync(event=self, by=None)

    def restore(self) -> None:
        # ... and held again when it comes back (refused if the room was taken meanwhile).
        from innohub.events.services import event_room_sync

        super().restore()
        event_room_sync(event=self, by=None)

    @property
    def room_label(self) -> str:
        """The room and its building, as the venue line shows them; empty when not in a room."""
        if self.venue_kind != VenueKind.ROOM or self.room_id is None:
            return ""
        room = self.room
        return f"{room} · {room.floor.building.name}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    def accepts_registrations(self, now: object = None) -> bool:
        now = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and self.registration_open
            and self.ends_at > now
            and (self.registration_closes_at is None or self.registration_closes_at > now)
        )


class Session(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = I18nField(_("title"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = I18nField(_("room or stage"), blank=True, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_it_starts", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)


class SpeakerMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    KEYNOTE = "keynote", _("Keynote speaker")
    PANELLIST = "panellist", _("Panellist")
    MODERATOR = "moderator", _("Moderator")
    HOST = "host", _("Host")


class Speaker(models.Model):
    """One speaker of a session: a person of the directory, or a guest named here."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speaking",
        verbose_name=_("person in the directory"),
    )
    guest_name = I18nField(_("guest's name"), blank=True, max_length=200)
    guest_affiliation = I18nField(_("guest's title and organisation"), blank=True, max_length=300)
    role = models.CharField(
        _("role"), max_length=12, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    mode = models.CharField(
        _("takes part"), max_length=12, choices=SpeakerMode.choices, default=SpeakerMode.IN_PERSON
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> object:
        return self.person.name if self.person_id else self.guest_name

    @property
    def affiliation(self) -> object:
        if not self.person_id:
            return self.guest_affiliation
        return self.person.title

    @property
    def is_remote(self) -> bool:
        return self.mode == SpeakerMode.REMOTE


class RegistrationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")


ACTIVE_REGISTRATION_STATES = (
    RegistrationStatus.INVITED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class Registration(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=5, choices=Country.choices, blank=True)
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # Order of the waiting list: the earliest here is promoted first.
    waitlisted_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True, editable=False)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["invited", "confirmed", "waitlisted"]),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REGISTRATION_STATES


# ---------------------------------------------------------------- contests


class Contest(TimeStampedModel, SoftDeleteModel):
    hub = models.ForeignKey(
        "network.Hub", on_delete=models.PROTECT, related_name="contests", verbose_name=_("hub")
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contests",
        verbose_name=_("event"),
    )
    slug = models.SlugField(_("web address name"), unique=True, max_length=100)
    title = I18nField(_("title"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=10000)
    is_public = models.BooleanField(_("shown to the public"), default=True)
    submissions_open = models.BooleanField(_("accepting entries"), default=False)
    submission_deadline = models.DateTimeField(_("entries close"), null=True, blank=True)
    results_announcement = I18nField(
        _("results announcement"), blank=True, multiline=True, max_length=5000
    )
    results_published_at = models.DateTimeField(
        _("results published"), null=True, blank=True, editable=False
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("events:contest_detail", args=[self.slug])

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def accepts_entries(self, now: object = None) -> bool:
        now = now or timezone.now()
        return self.submissions_open and (
            self.submission_deadline is None or self.submission_deadline > now
        )


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    name = I18nField(_("name"), max_length=200)
    description = I18nField(_("what judges look for"), blank=True, multiline=True, max_length=2000)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest mark"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return str(self.name)


class RoundStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    OPEN = "open", _("Judging")
    CLOSED = "closed", _("Closed")


class Round(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="rounds")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    name = I18nField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.PENDING
    )
    entries = models.ManyToManyField("Entry", blank=True, related_name="rounds")
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["contest_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="round_position_unique"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DISQUALIFIED = "disqualified", _("Disqualified")


class Entry(TimeStampedModel, SoftDeleteModel):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    title = I18nField(_("project"), max_length=200)
    team_name = models.CharField(_("team"), max_length=200)
    team_members = models.TextField(_("team members"), blank=True, help_text=_("One per line."))
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_entries",
        verbose_name=_("organisation in the directory"),
    )
    organisation_name = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("If not in the directory.")
    )
    description = I18nField(_("project description"), multiline=True, max_length=10000)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_entries",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("events:entry_detail", args=[self.pk])

    @property
    def organisation_label(self) -> object:
        return self.organisation.name if self.organisation_id else self.organisation_name


def entry_file_path(instance: EntryFile, filename: str) -> str:
    # A random folder per file: names stay readable and can never be guessed or collide.
    return (
        f"contest-entries/{instance.entry.contest_id}/{uuid.uuid4().hex}/{PurePath(filename).name}"
    )


class EntryFile(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=entry_file_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A judge is to score an entry in a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["round_id", "entry_id", "judge_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "entry", "judge"], name="assignment_unique_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge} → {self.entry}"


class Conflict(models.Model):
    """A judge's declared conflict of interest with an entry: they never see or score it."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judging_conflicts"
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["declared_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="conflict_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} ≠ {self.entry}"


class Scorecard(models.Model):
    """One judge's marks for one entry in one round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scorecards")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scorecards")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorecards"
    )
    comment = models.TextField(_("comment"), blank=True, max_length=5000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["round_id", "entry_id", "judge_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entry", "judge"], name="scorecard_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.entry}"


class Mark(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="marks")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="marks")
    value = models.PositiveSmallIntegerField(_("mark"))

    class Meta:
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
