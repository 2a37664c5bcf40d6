"""The IP portfolio: assets, their status history and Nice classes, their deadlines, reminders.

An asset belongs to exactly one hub's portfolio (`hub`: the hub whose IP bureau counts it)
and is owned by one or more organisations (`owners`). Deadlines are computed by the pure
engine in `deadlines.py` and stored, so that boards, reminders and calendar feeds are simple
indexed reads; `services.deadlines_recompute` keeps them in step with the asset.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import SoftDeleteModel, TimeStampedModel
from innohub.common.text import search_normalise
from innohub.ip import deadlines as engine


class AssetType(models.TextChoices):
    CN_INVENTION = engine.CN_INVENTION, _("Invention patent (China)")
    CN_UTILITY = engine.CN_UTILITY, _("Utility model patent (China)")
    CN_DESIGN = engine.CN_DESIGN, _("Design patent (China)")
    CN_TRADEMARK = engine.CN_TRADEMARK, _("Trademark (China)")
    CN_SOFTWARE = engine.CN_SOFTWARE, _("Software copyright registration (China)")
    IL_PATENT = engine.IL_PATENT, _("Patent (Israel)")
    PCT = engine.PCT, _("PCT international application")


class AssetStatus(models.TextChoices):
    IN_PREPARATION = engine.IN_PREPARATION, _("In preparation")
    FILED = engine.FILED, _("Filed")
    UNDER_EXAMINATION = engine.UNDER_EXAMINATION, _("Under examination")
    VALID = engine.VALID, _("Granted or registered, valid")
    LAPSED = engine.LAPSED, _("Lapsed")
    EXPIRED = engine.EXPIRED, _("Expired")
    ABANDONED = engine.ABANDONED, _("Abandoned")
    REJECTED = engine.REJECTED, _("Rejected")


PATENT_TYPES = frozenset(
    {AssetType.CN_INVENTION, AssetType.CN_UTILITY, AssetType.CN_DESIGN, AssetType.IL_PATENT}
)
# Types whose right starts with a registration rather than a grant.
REGISTERED_TYPES = frozenset({AssetType.CN_TRADEMARK, AssetType.CN_SOFTWARE})

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    AssetStatus.IN_PREPARATION: frozenset({AssetStatus.FILED, AssetStatus.ABANDONED}),
    AssetStatus.FILED: frozenset(
        {
            AssetStatus.UNDER_EXAMINATION,
            AssetStatus.VALID,
            AssetStatus.ABANDONED,
            AssetStatus.REJECTED,
        }
    ),
    AssetStatus.UNDER_EXAMINATION: frozenset(
        {AssetStatus.VALID, AssetStatus.ABANDONED, AssetStatus.REJECTED}
    ),
    AssetStatus.VALID: frozenset({AssetStatus.LAPSED, AssetStatus.EXPIRED, AssetStatus.ABANDONED}),
    # A lapsed right can be restored (fee paid late with a request); a rejection reviewed.
    AssetStatus.LAPSED: frozenset({AssetStatus.VALID}),
    AssetStatus.REJECTED: frozenset({AssetStatus.UNDER_EXAMINATION}),
    AssetStatus.ABANDONED: frozenset(),
    AssetStatus.EXPIRED: frozenset(),
}


class Asset(TimeStampedModel, SoftDeleteModel):
    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="ip_assets",
        verbose_name=_("portfolio of hub"),
        help_text=_("The hub whose IP portfolio counts this right."),
    )
    type = models.CharField(_("type"), max_length=20, choices=AssetType.choices)
    number = models.CharField(
        _("number"),
        max_length=40,
        blank=True,
        help_text=_(
            "Application number of a patent, registration number of a trademark or software."
        ),
    )
    title = I18nField(_("title"), max_length=300)
    owners = models.ManyToManyField(
        "directory.Organisation", related_name="ip_assets", verbose_name=_("owners")
    )
    products = models.ManyToManyField(
        "directory.Product", blank=True, related_name="ip_assets", verbose_name=_("products")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssetStatus.choices,
        default=AssetStatus.IN_PREPARATION,
    )
    status_since = models.DateField(_("status since"))
    filed_on = models.DateField(_("filing date"), null=True, blank=True)
    priority_on = models.DateField(_("priority date"), null=True, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    granted_on = models.DateField(_("grant date"), null=True, blank=True)
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(
        _("term extension (days)"),
        default=0,
        validators=[MaxValueValidator(5 * 365)],
        help_text=_("Invention patents: term adjustment for examination delay."),
    )
    is_confidential = models.BooleanField(
        _("kept private"),
        default=False,
        help_text=_("Hide from the public even after the office has published it."),
    )
    tracked_since = models.DateField(
        _("tracked since"),
        help_text=_("Fees and renewals whose grace ended before this day count as settled."),
    )
    notes = models.TextField(_("internal notes"), blank=True)
    # Computed: the end of the current term, and the day the public may first see the asset.
    expires_on = models.DateField(_("expires on"), null=True, blank=True, editable=False)
    disclosed_on = models.DateField(null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords(excluded_fields=["disclosed_on", "search_text"])

    class Meta:
        verbose_name = _("IP asset")
        verbose_name_plural = _("IP assets")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "number"],
                condition=~Q(number="") & Q(deleted_at__isnull=True),
                name="ip_asset_number_unique",
            ),
            models.CheckConstraint(
                name="ip_asset_extension_only_for_inventions",
                condition=Q(extension_days=0) | Q(type=engine.CN_INVENTION),
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "type", "status"]),
            models.Index(fields=["status", "expires_on"]),
            models.Index(fields=["disclosed_on"]),
            # The lists' filters by type and status across hubs, and their counts.
            models.Index(
                fields=["type", "status"],
                name="ip_asset_type_status_live",
                condition=models.Q(deleted_at__isnull=True),
            ),
            # The trash, most recently deleted first: the index holds deleted records only.
            models.Index(
                fields=["-deleted_at"],
                name="ip_asset_trash",
                condition=models.Q(deleted_at__isnull=False),
            ),
            # ip_asset_newest_filed (migration 0002): the lists' order, filed_on DESC NULLS LAST.
        ]

    def __str__(self) -> str:
        return f"{self.display_number or self.get_type_display()} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("ip:detail", args=[self.pk])

    @property
    def display_number(self) -> str:
        """The number as it is usually written: ZL + application number for a granted CN patent."""
        if not self.number:
            return ""
        if self.type in (AssetType.CN_INVENTION, AssetType.CN_UTILITY, AssetType.CN_DESIGN) and (
            self.granted_on
        ):
            return f"ZL{self.number}"
        return self.number

    @property
    def grant_date(self) -> date | None:
        """The day the right started: grant for a patent, registration otherwise."""
        return self.registered_on if self.type in REGISTERED_TYPES else self.granted_on

    def compute_disclosed_on(self) -> date | None:
        """When the office made the asset public: publication or grant for patents, filing
        for a trademark (the application is published), registration for software."""
        if self.status == AssetStatus.IN_PREPARATION:
            return None
        if self.type == AssetType.CN_TRADEMARK:
            candidates = [self.filed_on, self.registered_on]
        elif self.type == AssetType.CN_SOFTWARE:
            candidates = [self.registered_on]
        else:
            candidates = [self.published_on, self.granted_on]
        known = [day for day in candidates if day is not None]
        return min(known) if known else None

    def refresh_computed_fields(self) -> None:
        """The denormalised values: when it became public, and the text searched."""
        self.disclosed_on = self.compute_disclosed_on()
        parts = [self.title.all_text(), self.number, self.display_number]
        self.search_text = search_normalise(" ".join(p for p in parts if p))

    def facts(self, renewals: int = 0) -> engine.Facts:
        return engine.Facts(
            type=self.type,
            filed=self.filed_on,
            granted=self.granted_on,
            registered=self.registered_on,
            published=self.published_on,
            priority=self.priority_on,
            renewals=renewals,
            extension_days=self.extension_days,
        )


class AssetEvent(models.Model):
    """One change of status, on the day it took effect: the history statistics read."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=AssetStatus.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["asset", "on"])]

    def __str__(self) -> str:
        return f"{self.on} {self.get_status_display()}"


class NiceClass(models.Model):
    """A class of goods or services a trademark covers (Nice classification, 1–45)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="nice_classes")
    number = models.PositiveSmallIntegerField(
        _("Nice class"), validators=[MinValueValidator(1), MaxValueValidator(45)]
    )
    similar_groups = models.CharField(
        _("similar groups"),
        max_length=200,
        blank=True,
        help_text=_("CNIPA similar-group codes, e.g. 0901,0907."),
    )

    class Meta:
        verbose_name = _("Nice class")
        verbose_name_plural = _("Nice classes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "number"], name="ip_nice_class_unique"),
            models.CheckConstraint(
                name="ip_nice_class_range", condition=Q(number__gte=1, number__lte=45)
            ),
        ]

    def __str__(self) -> str:
        return str(self.number)


class DeadlineKind(models.TextChoices):
    ANNUAL_FEE = engine.ANNUAL_FEE, _("Annual fee")
    RENEWAL = engine.RENEWAL, _("Renewal")
    NATIONAL_PHASE = engine.NATIONAL_PHASE, _("National phase entry")
    EXPIRY = engine.EXPIRY, _("Expiry")


class DeadlineState(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    SETTLED = "settled", _("Settled before tracking")


class Deadline(models.Model):
    """One computed deadline of an asset, and whether the act it asks for has been done."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="deadlines")
    # Copied from the asset so that a hub's board is one indexed read at any scale.
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=DeadlineKind.choices)
    sequence = models.PositiveSmallIntegerField(_("year or renewal"), default=0)
    due = models.DateField(_("due"))
    shifted_from = models.DateField(_("moved from"), null=True, blank=True)
    window_opens = models.DateField(_("window opens"), null=True, blank=True)
    grace_ends = models.DateField(_("grace ends"), null=True, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    unverified = models.BooleanField(_("unverified rule"), default=False)
    office = models.CharField(_("office"), max_length=2, default="CN")
    state = models.CharField(
        _("state"), max_length=10, choices=DeadlineState.choices, default=DeadlineState.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "kind", "sequence"], name="ip_deadline_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["hub", "state", "due"]),
            models.Index(fields=["state", "due"]),
            models.Index(fields=["asset", "due"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due}"

    @property
    def is_act(self) -> bool:
        return self.kind != DeadlineKind.EXPIRY

    @property
    def label(self) -> str:
        """What the deadline is for, in the active language."""
        if self.kind == DeadlineKind.ANNUAL_FEE:
            return gettext("Annual fee, year %(year)d") % {"year": self.sequence}
        if self.kind == DeadlineKind.RENEWAL and self.office == "IL":
            if self.sequence <= 1:
                return gettext("First renewal fee (years 1–6)")
            return gettext("Renewal fee for years %(first)d–%(last)d") % {
                "first": self.sequence,
                "last": min(self.sequence + 3, 20),
            }
        if self.kind == DeadlineKind.RENEWAL:
            return gettext("Renewal no. %(number)d") % {"number": self.sequence}
        if self.kind == DeadlineKind.NATIONAL_PHASE:
            return gettext("Entry into the Chinese national phase")
        return gettext("End of term")

    @property
    def is_open(self) -> bool:
        return self.state == DeadlineState.OPEN and self.is_act

    def as_engine(self) -> engine.Deadline:
        return engine.Deadline(
            kind=self.kind,
            sequence=self.sequence,
            due=self.due,
            window_opens=self.window_opens,
            grace_ends=self.grace_ends,
            shifted_from=self.shifted_from,
            provisional=self.provisional,
            office=self.office,
            unverified=self.unverified,
        )

    def phase_on(self, today: date) -> str:
        """Where an open act stands on a day: upcoming, window (may be done now), grace
        (past due, grace running) or overdue (past its grace: the right lapses unless paid)."""
        if self.state != DeadlineState.OPEN or not self.is_act:
            return "done" if self.is_act else "term"
        if today <= self.due:
            if self.window_opens and today >= self.window_opens:
                return "window"
            return "upcoming"
        if self.grace_ends and today <= self.grace_ends:
            return "grace"
        return "overdue"


class HubIpSettings(models.Model):
    """Per hub: when reminders go out before a deadline."""

    hub = models.OneToOneField("network.Hub", on_delete=models.CASCADE, related_name="ip_settings")
    reminder_days = models.CharField(
        _("reminder lead times (days)"),
        max_length=60,
        help_text=_("Days before a deadline, comma-separated, e.g. 90,30,7."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IP settings of a hub")
        verbose_name_plural = _("IP settings of hubs")

    def __str__(self) -> str:
        return f"{self.hub}: {self.reminder_days}"

    def lead_days(self) -> list[int]:
        return sorted({int(d) for d in self.reminder_days.split(",") if d.strip()}, reverse=True)


class Reminder(models.Model):
    """One reminder of one deadline to one person at one lead time.

    The unique constraint is what makes `innohub remind` safe to run repeatedly and on
    several servers at once: whoever inserts the row first sends it; nobody sends it twice.
    """

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ip_reminders"
    )
    # Days before the due date; 0: the due date has passed and the grace period runs.
    lead_days = models.SmallIntegerField(_("days before"))
    due = models.DateField(_("due"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "lead_days", "due"], name="ip_reminder_once"
            ),
        ]
        indexes = [models.Index(fields=["user", "dismissed_at", "due"])]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.user} ({self.lead_days})"


class CalendarFeed(models.Model):
    """A private iCalendar subscription of one user to the deadlines of a hub or organisation.

    Calendar programs cannot sign in, so the URL carries a secret; only its hash is stored
    and every fetch checks the user's rights again.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ip_calendar_feeds"
    )
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, null=True, blank=True)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, null=True, blank=True
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        constraints = [
            models.CheckConstraint(
                name="ip_feed_one_scope",
                condition=(Q(hub__isnull=False, organisation__isnull=True))
                | Q(hub__isnull=True, organisation__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.hub or self.organisation}"
