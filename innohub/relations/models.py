"""Delegations, their visits (itinerary, follow-ups), and agreements between two or more parties."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from innohub.common.i18n import I18nField
from innohub.common.models import Country, SoftDeleteModel, TimeStampedModel
from innohub.relations import rules


class DatePrecision(models.TextChoices):
    DAY = rules.DAY, _("Exact date")
    MONTH = rules.MONTH, _("Month known, day not known")
    YEAR = rules.YEAR, _("Year known, month not known")
    UNKNOWN = rules.UNKNOWN, _("Date not known")


# ------------------------------------------------------------------ delegations and visits


class Delegation(TimeStampedModel, SoftDeleteModel):
    """A group that travels together: a government, corporate or academic delegation."""

    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("recorded by hub"),
    )
    name = I18nField(_("name"), max_length=200)
    origin_country = models.CharField(
        _("country of origin"), max_length=5, choices=Country.choices, default=Country.ISRAEL
    )
    origin_place = I18nField(
        _("coming from"), blank=True, max_length=200, help_text=_("City, province or region.")
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("sending organisation"),
    )
    description = I18nField(_("description"), blank=True, multiline=True, max_length=5000)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("relations:delegation_detail", args=[self.pk])


class DelegationMember(TimeStampedModel):
    """One member of a delegation, with the title they held on that trip."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegation_memberships",
        verbose_name=_("person in the directory"),
    )
    # Kept on the row so the list still reads right if the person's record changes later.
    name = I18nField(_("name"), max_length=200)
    title = I18nField(_("title"), blank=True, max_length=200)
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    is_leader = models.BooleanField(_("leads the delegation"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["-is_leader", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(is_leader=True),
                name="delegation_one_leader",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name_is_public(self) -> bool:
        """A member linked to a person who is not listed publicly is named only to insiders."""
        return self.person_id is None or self.person.is_public


class VisitDirection(models.TextChoices):
    INCOMING = "incoming", _("Received (incoming)")
    OUTGOING = "outgoing", _("Sent abroad (outgoing)")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Took place")
    CANCELLED = "cancelled", _("Cancelled")


class Visit(TimeStampedModel, SoftDeleteModel):
    """One trip of a delegation: its dates, its itinerary of stops and what came out of it."""

    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("recorded by hub"),
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="visits", verbose_name=_("delegation")
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=VisitDirection.choices,
        default=VisitDirection.INCOMING,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.COMPLETED
    )
    title = I18nField(pgettext_lazy("heading", "title"), max_length=200)
    purpose = I18nField(_("purpose"), blank=True, multiline=True, max_length=5000)
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    date_precision = models.CharField(
        _("how much of the date is known"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    date_note = I18nField(
        _("note on the date"),
        blank=True,
        max_length=500,
        help_text=_("What the sources say when the date is not fully known."),
    )
    destination = I18nField(
        _("destination"), blank=True, max_length=300, help_text=_("Cities or sites visited.")
    )
    destination_country = models.CharField(
        _("destination country"), max_length=5, choices=Country.choices, blank=True
    )
    time_zone = models.CharField(
        _("local time zone"),
        max_length=64,
        default="Asia/Shanghai",
        help_text=_("Times of the itinerary are entered and shown in this zone."),
    )
    is_public = models.BooleanField(_("shown to the public"), default=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = [models.F("starts_on").desc(nulls_last=True), "-id"]
        indexes = [
            models.Index(fields=["hub", "starts_on"]),
            models.Index(fields=["is_public", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="visit_dates_ordered",
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("relations:visit_detail", args=[self.pk])


class StopKind(models.TextChoices):
    COMPANY = "company", _("Visit to a company")
    MEETING = "meeting", _("Meeting with officials")
    INSPECTION = "inspection", _("Inspection")
    CEREMONY = "ceremony", _("Signing ceremony")
    PRESENTATION = "presentation", _("Presentation or roadshow")
    OTHER = "other", _("Other")


class VisitStop(TimeStampedModel):
    """One stop of a visit's itinerary: when, where, hosted by whom, meeting whom."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(
        _("kind"), max_length=15, choices=StopKind.choices, default=StopKind.COMPANY
    )
    title = I18nField(pgettext_lazy("heading", "title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = I18nField(_("place"), blank=True, max_length=300)
    host_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_stops",
        verbose_name=_("host organisation"),
    )
    host_hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_stops",
        verbose_name=_("host hub"),
    )
    people = models.ManyToManyField(
        "directory.Person", blank=True, related_name="visit_stops", verbose_name=_("met with")
    )
    notes = I18nField(_("notes"), blank=True, multiline=True, max_length=5000)
    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        verbose_name = _("itinerary stop")
        verbose_name_plural = _("itinerary stops")
        ordering = [models.F("starts_at").asc(nulls_last=True), "position", "id"]
        constraints = [
            models.CheckConstraint(
                name="stop_one_host_kind",
                condition=Q(host_organisation__isnull=True) | Q(host_hub__isnull=True),
            ),
            models.CheckConstraint(
                name="stop_times_ordered",
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def host(self) -> object | None:
        return self.host_organisation or self.host_hub


class FollowUp(TimeStampedModel):
    """An action agreed during a visit, with who owns it and when it is due."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="follow_ups")
    title = I18nField(_("action"), max_length=300)
    notes = I18nField(_("notes"), blank=True, multiline=True, max_length=5000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relations_follow_ups",
        verbose_name=_("owner (user)"),
    )
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("owner (organisation)"),
    )
    due_on = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["done", "due_on", "id"]
        indexes = [models.Index(fields=["done", "due_on"])]

    def __str__(self) -> str:
        return str(self.title)


# ------------------------------------------------------------------ agreements


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    COOPERATION = "cooperation", _("Cooperation agreement")
    INVESTMENT = "investment", _("Investment agreement")
    LEASE = "lease", _("Lease agreement")
    FRAMEWORK = "framework", _("Framework agreement")
    OTHER = "other", _("Other agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draft")
    SIGNED = rules.SIGNED, _("Signed")
    IN_FORCE = rules.IN_FORCE, _("In force")
    COMPLETED = rules.COMPLETED, _("Completed")
    TERMINATED = rules.TERMINATED, _("Terminated")


class Currency(models.TextChoices):
    CNY = "CNY", _("Chinese yuan (CNY)")
    ILS = "ILS", _("Israeli new shekel (ILS)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


class Agreement(TimeStampedModel, SoftDeleteModel):
    """An MoU, cooperation, investment or lease agreement between two or more parties."""

    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        related_name="recorded_agreements",
        verbose_name=_("recorded by hub"),
    )
    kind = models.CharField(
        _("kind"), max_length=15, choices=AgreementKind.choices, default=AgreementKind.COOPERATION
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    title = I18nField(pgettext_lazy("heading", "title"), max_length=300)
    subject = I18nField(_("subject"), blank=True, multiline=True, max_length=5000)
    reference = models.CharField(
        _("reference number"), max_length=60, blank=True, help_text=_("The filing number, if any.")
    )
    sectors = models.ManyToManyField(
        "directory.Sector", blank=True, related_name="agreements", verbose_name=_("sectors")
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_precision = models.CharField(
        _("how much of the signing date is known"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    signed_note = I18nField(
        _("note on the signing date"),
        blank=True,
        max_length=500,
        help_text=_("What the sources say when the date is not fully known."),
    )
    signing_place = I18nField(
        _("place or occasion of signing"),
        blank=True,
        max_length=300,
        help_text=_("For example the ceremony or conference where it was signed."),
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("signed during the visit"),
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements_signed",
        verbose_name=_("signed at the event"),
    )
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("When it was completed or terminated.")
    )
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the parties and hub staff see a confidential agreement."),
    )
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = [models.F("signed_on").desc(nulls_last=True), "-id"]
        indexes = [
            models.Index(fields=["hub", "status"]),
            models.Index(fields=["status", "signed_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="agreement_term_ordered",
                condition=Q(effective_from__isnull=True)
                | Q(expires_on__isnull=True)
                | Q(expires_on__gte=models.F("effective_from")),
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("relations:agreement_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == AgreementStatus.DRAFT

    @property
    def is_public_record(self) -> bool:
        """Seen by everyone: signed (or later) and not confidential."""
        return not self.is_draft and not self.is_confidential


class AgreementParty(TimeStampedModel):
    """A party to an agreement: an organisation of the directory, a hub, or one outside both."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    hub = models.ForeignKey(
        "network.Hub",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_parties",
        verbose_name=_("hub"),
    )
    name = I18nField(
        _("name of a party outside the directory"),
        blank=True,
        max_length=300,
        help_text=_("Only for a party that is neither an organisation nor a hub here."),
    )
    role = I18nField(_("role in the agreement"), blank=True, max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                name="party_organisation_or_hub",
                condition=Q(organisation__isnull=True) | Q(hub__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                condition=Q(organisation__isnull=False),
                name="party_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["agreement", "hub"],
                condition=Q(hub__isnull=False),
                name="party_hub_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> object:
        if self.organisation_id:
            return self.organisation.name
        if self.hub_id:
            return self.hub.name
        return self.name

    @property
    def target(self) -> object | None:
        return self.organisation or self.hub

    @property
    def key(self) -> str:
        """How forms and the party picker name a party: org:<id>, hub:<id>."""
        if self.organisation_id:
            return f"org:{self.organisation_id}"
        if self.hub_id:
            return f"hub:{self.hub_id}"
        return f"name:{self.pk}"


class Signatory(TimeStampedModel):
    """A person of the directory who signed for one party, with the title they signed under."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        related_name="signatories",
        verbose_name=_("signed for"),
    )
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("person"),
    )
    title = I18nField(_("title at signing"), blank=True, max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["party__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["party", "person"], name="signatory_once_per_party"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class Milestone(TimeStampedModel):
    """Something an agreement commits to by a date, ticked off when done."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="milestones")
    title = I18nField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    notes = I18nField(_("notes"), blank=True, multiline=True, max_length=2000)
    is_generated = models.BooleanField(_("generated demo record"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done", "due_on"])]

    def __str__(self) -> str:
        return str(self.title)


def document_upload_path(instance: AgreementDocument, filename: str) -> str:
    """A random file name under the agreement's folder; the original name is kept in the row."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"relations/agreements/{instance.agreement_id}/{uuid.uuid4().hex}{extension}"


class AgreementDocument(TimeStampedModel, SoftDeleteModel):
    """A file attached to an agreement, stored outside the web root and served after a check."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=document_upload_path, max_length=255)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    is_public = models.BooleanField(
        _("anyone who sees the agreement may download it"), default=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_absolute_url(self) -> str:
        return reverse("relations:document_download", args=[self.pk])
