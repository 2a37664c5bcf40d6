"""Organisations, their people, products and sectors, and their membership of hubs."""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.identifiers import (
    IdentifierError,
    validate_il_company_number,
    validate_uscc,
)
from innohub.common.images import StoredImage
from innohub.common.models import Country, HttpsURLField, SoftDeleteModel, TimeStampedModel
from innohub.common.text import search_normalise


def uscc_validator(value: str) -> None:
    try:
        validate_uscc(value)
    except IdentifierError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


def il_company_number_validator(value: str) -> None:
    try:
        validate_il_company_number(value)
    except IdentifierError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


class Sector(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = I18nField(_("name"), max_length=100)
    aliases = models.TextField(
        _("other names"), blank=True, help_text=_("One per line; imports recognise them too.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_builtin = models.BooleanField(_("built in"), default=False, editable=False)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return str(self.name)

    def all_names(self) -> list[str]:
        names = [self.slug, *self.name.values()]
        names += [line for line in self.aliases.splitlines() if line.strip()]
        return names


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    STARTUP = "startup", _("Startup")
    INCUBATOR = "incubator", _("Incubator")
    ACCELERATOR = "accelerator", _("Accelerator")
    UNIVERSITY = "university", _("University or institute")
    INVESTOR = "investor", _("Investor")
    GOVERNMENT = "government", _("Government body")
    ASSOCIATION = "association", _("Association")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    SEED = "seed", _("Seed")
    EARLY = "early", _("Early growth")
    GROWTH = "growth", _("Growth")
    MATURE = "mature", _("Established")


class Organisation(TimeStampedModel, SoftDeleteModel):
    slug = models.SlugField(_("web address name"), unique=True, max_length=80)
    name = I18nField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(
        _("country of origin"), max_length=5, choices=Country.choices, default=Country.CHINA
    )
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="organisations", verbose_name=_("sectors")
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    uscc = models.CharField(
        _("Unified Social Credit Code"),
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[uscc_validator],
    )
    il_company_number = models.CharField(
        _("Israeli company number"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[il_company_number_validator],
    )
    website = HttpsURLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = I18nField(_("address"), blank=True, max_length=300)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    sponsor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored",
        verbose_name=_("sponsoring incubator"),
        limit_choices_to={"kind__in": ["incubator", "accelerator"]},
    )
    is_public = models.BooleanField(_("listed in the public directory"), default=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    search_text = models.TextField(editable=False, default="")
    sort_name = models.CharField(max_length=200, editable=False, default="", db_index=True)
    history = HistoricalRecords(excluded_fields=["search_text", "sort_name"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["country", "kind"]),
            models.Index(fields=["is_public", "sort_name"]),
            # The trash, most recently deleted first: the index holds deleted records only.
            models.Index(
                fields=["-deleted_at"],
                name="directory_org_trash",
                condition=models.Q(deleted_at__isnull=False),
            ),
            # The public directory in its order, and its count read from the index alone.
            models.Index(
                fields=["sort_name", "id"],
                name="directory_org_public_order",
                condition=models.Q(is_public=True, deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", args=[self.slug])

    def clean_fields(self, exclude: object = None) -> None:
        # Store identifiers normalised (full-width, spaces, lower case) before they are checked.
        for field, validator in (
            ("uscc", validate_uscc),
            ("il_company_number", validate_il_company_number),
        ):
            value = getattr(self, field)
            if value:
                with suppress(IdentifierError):
                    setattr(self, field, validator(value))
        super().clean_fields(exclude=exclude)  # type: ignore[arg-type]

    def clean(self) -> None:
        if self.sponsor_id and self.sponsor_id == self.pk:
            raise ValidationError({"sponsor": _("An organisation cannot sponsor itself.")})

    def refresh_search_fields(self) -> None:
        """Recompute the denormalised text used for searching and sorting."""
        parts = [
            self.name.all_text(),
            self.description.all_text(),
            self.uscc or "",
            self.il_company_number or "",
            self.website,
        ]
        self.search_text = search_normalise(" ".join(p for p in parts if p))
        self.sort_name = search_normalise(self.name.get("en") or self.name.in_language("en"))[:200]

    def save(self, *args: object, **kwargs: object) -> None:
        self.uscc = self.uscc or None
        self.il_company_number = self.il_company_number or None
        self.refresh_search_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class MembershipState(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    UNDER_REVIEW = "under_review", _("Under review")
    ADMITTED = "admitted", _("Admitted")
    RESIDENT = "resident", _("Resident")
    GRADUATED = "graduated", _("Graduated")
    LEFT = "left", _("Left")
    DECLINED = "declined", _("Declined")


MEMBER_STATES = frozenset({MembershipState.ADMITTED, MembershipState.RESIDENT})
PUBLIC_STATES = frozenset(
    {MembershipState.ADMITTED, MembershipState.RESIDENT, MembershipState.GRADUATED}
)


def member_period(events: list[tuple[str, date]]) -> tuple[date | None, date | None]:
    """(member_from, member_until) of a membership from its (state, day) events in order.

    member_from is the first day as a member; member_until the day it last stopped being one
    (None while it still is).
    """
    member_from = member_until = None
    for state, on in events:
        if state in MEMBER_STATES:
            member_from = member_from or on
            member_until = None
        elif member_from is not None and member_until is None:
            member_until = on
    return member_from, member_until


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    MembershipState.APPLICANT: frozenset(
        {
            MembershipState.UNDER_REVIEW,
            MembershipState.ADMITTED,
            MembershipState.DECLINED,
            MembershipState.LEFT,
        }
    ),
    MembershipState.UNDER_REVIEW: frozenset(
        {
            MembershipState.APPLICANT,
            MembershipState.ADMITTED,
            MembershipState.DECLINED,
            MembershipState.LEFT,  # the applicant withdrew during the review
        }
    ),
    MembershipState.ADMITTED: frozenset(
        {MembershipState.RESIDENT, MembershipState.GRADUATED, MembershipState.LEFT}
    ),
    MembershipState.RESIDENT: frozenset({MembershipState.GRADUATED, MembershipState.LEFT}),
    MembershipState.GRADUATED: frozenset({MembershipState.RESIDENT, MembershipState.LEFT}),
    MembershipState.LEFT: frozenset({MembershipState.APPLICANT, MembershipState.ADMITTED}),
    MembershipState.DECLINED: frozenset({MembershipState.APPLICANT}),
}


class Membership(TimeStampedModel):
    """An organisation's standing in one hub; its events are the history of that standing."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="memberships")
    state = models.CharField(_("state"), max_length=20, choices=MembershipState.choices)
    state_since = models.DateField(_("since"))
    member_from = models.DateField(_("member from"), null=True, blank=True, editable=False)
    member_until = models.DateField(_("member until"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hub"], name="membership_unique"),
        ]
        indexes = [
            models.Index(fields=["hub", "member_from", "member_until"]),
            models.Index(fields=["hub", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.hub} · {self.get_state_display()}"

    def is_member_on(self, day: date) -> bool:
        return (
            self.member_from is not None
            and self.member_from <= day
            and (self.member_until is None or self.member_until > day)
        )


def members_on_q(day: date, prefix: str = "") -> Q:
    """Rows (memberships, or via `prefix` related rows) that were members on `day`."""
    return Q(**{f"{prefix}member_from__lte": day}) & (
        Q(**{f"{prefix}member_until__isnull": True}) | Q(**{f"{prefix}member_until__gt": day})
    )


class MembershipEvent(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("state"), max_length=20, choices=MembershipState.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_state_display()}"


class Person(TimeStampedModel, SoftDeleteModel):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    name = I18nField(_("name"), max_length=200)
    title = I18nField(_("title"), blank=True, max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    wechat = models.CharField(_("WeChat ID"), max_length=60, blank=True)
    country = models.CharField(_("country"), max_length=5, choices=Country.choices, blank=True)
    is_public = models.BooleanField(_("name and title shown publicly"), default=True)
    is_primary_contact = models.BooleanField(_("primary contact"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["organisation_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Product(TimeStampedModel, SoftDeleteModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="products", verbose_name=_("maker")
    )
    name = I18nField(_("name"), max_length=200)
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("sector")
    )
    is_public = models.BooleanField(_("shown in the public showcase"), default=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["organisation_id", "id"]
        indexes = [
            # The showcase, newest first: its first page is read from the top of the index.
            models.Index(
                F("created_at").desc(),
                F("id").desc(),
                name="directory_product_showcase",
                condition=models.Q(is_public=True, deleted_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = search_normalise(
            " ".join(p for p in (self.name.all_text(), self.description.all_text()) if p)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ProductPhoto(StoredImage):
    storage_folder = "products"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.product} · {self.pk}"


# ---------------------------------------------------------------------------- applications


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INFO_REQUESTED = "info_requested", _("More information requested")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION_STATUSES = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.INFO_REQUESTED,
    }
)


class HubService(models.TextChoices):
    """What an applicant wants from the hub."""

    OFFICE = "office", _("Office space")
    INCUBATION = "incubation", _("Incubation")
    MARKET_ENTRY = "market_entry", _("Help entering the Chinese market")
    INVESTORS = "investors", _("Introductions to investors")


class SponsorStatus(models.TextChoices):
    NONE = "", _("No sponsor")
    REQUESTED = "requested", _("Waiting for the incubator")
    CONFIRMED = "confirmed", _("Confirmed by the incubator")
    REFUSED = "refused", _("Refused by the incubator")


class Application(TimeStampedModel):
    """A request to join a hub; the organisation's membership there starts with it."""

    hub = models.ForeignKey(
        "network.Hub", on_delete=models.CASCADE, related_name="applications", verbose_name=_("hub")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    wants = models.JSONField(_("wants from the hub"), default=list, blank=True)
    motivation = models.TextField(_("message to the hub"), blank=True, max_length=5000)
    # What the applicant typed, kept as submitted even when the profile changes later.
    submitted = models.JSONField(default=dict, editable=False)
    contacts = models.JSONField(default=list, editable=False)
    sponsor = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_applications",
        verbose_name=_("sponsoring incubator"),
    )
    sponsor_status = models.CharField(
        _("sponsorship"), max_length=10, choices=SponsorStatus.choices, blank=True, default=""
    )
    language = models.CharField(_("language of the applicant"), max_length=10, default="en")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    member_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["hub", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.organisation}"

    @property
    def reference(self) -> str:
        year = self.created_at.year if self.created_at else timezone.now().year
        return f"{year}-{self.pk or 0:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATUSES

    def get_absolute_url(self) -> str:
        return reverse("directory:application_detail", args=[self.pk])

    def wants_display(self) -> list[str]:
        labels = dict(HubService.choices)
        return [str(labels[value]) for value in self.wants if value in labels]

    @property
    def contact_email(self) -> str:
        return self.contacts[0].get("email", "") if self.contacts else ""

    @property
    def contact_name(self) -> str:
        return self.contacts[0].get("name", "") if self.contacts else ""


class ApplicationAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REVIEW_STARTED = "review_started", _("Review started")
    INFO_REQUESTED = "info_requested", _("More information requested")
    INFO_PROVIDED = "info_provided", _("Information provided")
    SCORED = "scored", _("Scored")
    NOTE = "note", _("Note")
    SPONSOR_CONFIRMED = "sponsor_confirmed", _("Sponsorship confirmed")
    SPONSOR_REFUSED = "sponsor_refused", _("Sponsorship refused")
    ADMITTED = "admitted", _("Admitted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INVITED = "invited", _("Member account invited")


# What the applicant sees of the record on the status page; notes and scores stay internal.
APPLICANT_VISIBLE_ACTIONS = frozenset(
    {
        ApplicationAction.SUBMITTED,
        ApplicationAction.REVIEW_STARTED,
        ApplicationAction.INFO_REQUESTED,
        ApplicationAction.INFO_PROVIDED,
        ApplicationAction.ADMITTED,
        ApplicationAction.DECLINED,
        ApplicationAction.WITHDRAWN,
    }
)


class ApplicationEvent(models.Model):
    """One step of an application: what happened, who did it and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=ApplicationAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_applicant = models.BooleanField(default=False)
    by_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    message = models.TextField(_("message"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    @property
    def visible_to_applicant(self) -> bool:
        return self.action in APPLICANT_VISIBLE_ACTIONS


class RubricCriterion(models.Model):
    """One line of the scoring rubric: a hub's own, or the default one (hub empty)."""

    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rubric",
        verbose_name=_("hub"),
        help_text=_("Empty: the rubric of every hub that has none of its own."),
    )
    slug = models.SlugField(_("short name"))
    name = I18nField(_("name"), max_length=120)
    guidance = I18nField(_("what to look for"), blank=True, multiline=True, max_length=1000)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "slug"], name="rubric_criterion_unique"),
        ]

    def __str__(self) -> str:
        return str(self.name)


class ApplicationScore(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "scorer"], name="application_score_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.criterion_id} {self.points}"
