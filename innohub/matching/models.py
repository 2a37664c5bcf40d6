"""Technology offers, needs and investment theses; feedback on suggestions; introductions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import Country, SoftDeleteModel, TimeStampedModel
from innohub.directory.models import Stage


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Technology offer")
    NEED = "need", _("Technology need")
    THESIS = "thesis", _("Investment thesis")


# Which kinds answer which: offers meet needs and theses, and the other way round.
COUNTERPART_KINDS: dict[str, tuple[str, ...]] = {
    ListingKind.OFFER: (ListingKind.NEED, ListingKind.THESIS),
    ListingKind.NEED: (ListingKind.OFFER,),
    ListingKind.THESIS: (ListingKind.OFFER,),
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone, including visitors")
    MEMBERS = "members", _("Signed-in members, investors and staff")
    PRIVATE = "private", _("Only my organisation and the hub's staff")


class ListingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Maturity(models.TextChoices):
    RESEARCH = "research", _("Research")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Piloted with customers")
    MARKET = "market", _("On the market")


class Timeline(models.TextChoices):
    QUARTER = "3m", _("Within 3 months")
    HALF_YEAR = "6m", _("Within 6 months")
    YEAR = "12m", _("Within a year")
    EXPLORING = "exploring", _("No date yet: exploring")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    USD = "USD", _("US dollar (USD)")
    ILS = "ILS", _("Israeli new shekel (ILS)")
    EUR = "EUR", _("Euro (EUR)")


class Market(models.TextChoices):
    CHINA = "CN", _("China")
    ISRAEL = "IL", _("Israel")
    ASIA = "ASIA", _("Rest of Asia")
    EUROPE = "EU", _("Europe")
    AMERICAS = "AM", _("Americas")
    GLOBAL = "GLOBAL", _("Worldwide")


class Listing(TimeStampedModel, SoftDeleteModel):
    """One offer, need or thesis of an organisation, in any of the platform languages.

    The amount range means funding sought (offer), budget (need) or ticket size (thesis).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind.choices)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("organisation"),
    )
    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="listings",
        verbose_name=_("hub"),
        help_text=_("The hub whose staff look after this listing and make introductions."),
    )
    title = I18nField(_("title"), max_length=200)
    description = I18nField(_("description"), multiline=True, max_length=5000)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, editable=False, default="en"
    )
    sectors = models.ManyToManyField(
        "directory.Sector", blank=True, related_name="listings", verbose_name=_("sectors")
    )
    # Offers
    stage = models.CharField(_("company stage"), max_length=10, choices=Stage.choices, blank=True)
    maturity = models.CharField(
        _("technology maturity"), max_length=10, choices=Maturity.choices, blank=True
    )
    target_markets = models.JSONField(_("target markets"), default=list, blank=True)
    ip_assets = models.ManyToManyField(
        "ip.Asset",
        blank=True,
        related_name="listings",
        verbose_name=_("IP records"),
        help_text=_("Patents, registrations and applications of the offering organisation."),
    )
    ip_reference = models.CharField(
        _("other IP"),
        max_length=300,
        blank=True,
        help_text=_("Rights not recorded in the hub's IP portfolio, e.g. a foreign patent."),
    )
    # Needs
    timeline = models.CharField(_("timeline"), max_length=10, choices=Timeline.choices, blank=True)
    # Theses
    stages = models.JSONField(_("stages invested in"), default=list, blank=True)
    countries = models.JSONField(_("countries of origin invested in"), default=list, blank=True)
    # Offers, needs and theses
    amount_min = models.PositiveBigIntegerField(_("from (amount)"), null=True, blank=True)
    amount_max = models.PositiveBigIntegerField(_("up to (amount)"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )

    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ListingStatus.choices, default=ListingStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)

    # The stored embedding (float32, little-endian), the model that made it and a digest of
    # the text it was made from; a different model or text means it must be recomputed.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_model = models.CharField(max_length=120, blank=True, editable=False)
    embedding_digest = models.CharField(max_length=64, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    # The BM25 terms of all language versions, space-separated: an index rebuild reads them
    # instead of segmenting 100,000 texts again.
    terms = models.TextField(editable=False, default="")

    history = HistoricalRecords(
        excluded_fields=["embedding", "embedding_model", "embedding_digest", "search_text", "terms"]
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "status"]),
            models.Index(fields=["organisation", "kind"]),
            models.Index(fields=["hub", "kind"]),
            # The browse list and API in their order, and their counts by visibility.
            models.Index(
                fields=["-created_at", "-id"],
                name="matching_listing_newest",
                condition=Q(deleted_at__isnull=True),
            ),
            models.Index(
                fields=["visibility", "status"],
                name="matching_listing_visibility",
                condition=Q(deleted_at__isnull=True),
            ),
            # The trash, most recently deleted first: the index holds deleted records only.
            models.Index(
                fields=["-deleted_at"],
                name="matching_listing_trash",
                condition=Q(deleted_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="listing_amount_range_ordered",
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("matching:listing_detail", args=[self.pk])

    @property
    def counterpart_kinds(self) -> tuple[str, ...]:
        return COUNTERPART_KINDS[self.kind]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            errors["amount_max"] = _("The upper amount must not be below the lower one.")
        unknown_stages = set(self.stages or []) - set(Stage.values)
        if unknown_stages:
            errors["stages"] = _("Unknown stage: %(names)s") % {
                "names": ", ".join(sorted(unknown_stages))
            }
        unknown_countries = set(self.countries or []) - set(Country.values)
        if unknown_countries:
            errors["countries"] = _("Unknown country: %(names)s") % {
                "names": ", ".join(sorted(unknown_countries))
            }
        unknown_markets = set(self.target_markets or []) - set(Market.values)
        if unknown_markets:
            errors["target_markets"] = _("Unknown market: %(names)s") % {
                "names": ", ".join(sorted(unknown_markets))
            }
        if errors:
            raise ValidationError(errors)

    def soft_delete(self) -> None:
        # However it is deleted or restored (here, the API, Deleted records), the ranking
        # index of every process must hear of it.
        from innohub.matching.index import index_bump

        super().soft_delete()
        index_bump(self.kind)

    def restore(self) -> None:
        from innohub.matching.index import index_bump

        super().restore()
        index_bump(self.kind)

    def stage_labels(self) -> list[str]:
        return [str(Stage(s).label) for s in self.stages if s in Stage.values]

    def country_labels(self) -> list[str]:
        return [str(Country(c).label) for c in self.countries if c in Country.values]

    def market_labels(self) -> list[str]:
        return [str(Market(m).label) for m in self.target_markets if m in Market.values]


class Verdict(models.IntegerChoices):
    INTERESTED = 1, _("Interested")
    NOT_RELEVANT = -1, _("Not relevant")


class Feedback(TimeStampedModel):
    """What one user thought of one suggestion made for one listing; it reorders their matches."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matching_feedback"
    )
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="feedback_given")
    candidate = models.ForeignKey(
        Listing, on_delete=models.CASCADE, related_name="feedback_received"
    )
    verdict = models.SmallIntegerField(_("verdict"), choices=Verdict.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback on a suggestion")
        verbose_name_plural = _("feedback on suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "listing", "candidate"], name="feedback_once_per_suggestion"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.user} · {self.listing_id} → {self.candidate_id}: {self.get_verdict_display()}"
        )


class IntroductionState(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced")
    MEETING = "meeting", _("Meeting held")
    PILOT = "pilot", _("Pilot under way")
    AGREEMENT = "agreement", _("Agreement signed")
    INVESTMENT = "investment", _("Investment made")
    ENDED = "ended", _("Ended without a deal")


# The road an introduction travels; a step may be skipped but never walked back.
INTRODUCTION_PROGRESS: tuple[str, ...] = (
    IntroductionState.INTRODUCED,
    IntroductionState.MEETING,
    IntroductionState.PILOT,
    IntroductionState.AGREEMENT,
    IntroductionState.INVESTMENT,
)


class Introduction(TimeStampedModel):
    """Hub staff put two organisations in touch over a listing and a counterpart."""

    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="introductions",
        verbose_name=_("hub"),
    )
    listing = models.ForeignKey(
        Listing,
        on_delete=models.PROTECT,
        related_name="introductions_from",
        verbose_name=_("listing"),
    )
    counterpart = models.ForeignKey(
        Listing,
        on_delete=models.PROTECT,
        related_name="introductions_to",
        verbose_name=_("counterpart"),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=IntroductionState.choices,
        default=IntroductionState.INTRODUCED,
    )
    state_since = models.DateField(_("since"))
    note = models.TextField(_("note"), blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("The agreement or investment it led to, e.g. a contract number."),
    )
    agreement = models.ForeignKey(
        "relations.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("agreement"),
        help_text=_("The agreement between the two organisations that it led to."),
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-state_since", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "counterpart"], name="introduction_once_per_pair"
            ),
            models.CheckConstraint(
                name="introduction_not_to_itself",
                condition=~Q(listing=models.F("counterpart")),
            ),
        ]
        indexes = [models.Index(fields=["hub", "state"])]

    def __str__(self) -> str:
        return f"{self.listing} ↔ {self.counterpart}"

    def get_absolute_url(self) -> str:
        return reverse("matching:introduction_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state != IntroductionState.ENDED


class IntroductionEvent(models.Model):
    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("state"), max_length=12, choices=IntroductionState.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("introduction event")
        verbose_name_plural = _("introduction events")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_state_display()}"


class IndexVersion(models.Model):
    """A stamp per listing kind, changed with every change, so that each process's in-memory
    index knows when to rebuild (the processes share nothing but the database)."""

    kind = models.CharField(max_length=10, choices=ListingKind.choices, unique=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")

    def __str__(self) -> str:
        return f"{self.kind}: {self.version}"
