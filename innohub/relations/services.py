"""Writes of delegations, visits, itineraries, follow-ups, agreements, milestones and documents.

Every function is keyword-only, validates what it is given and runs in one transaction. The
callers (pages and API) have already checked who may do it with `relations.access`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from innohub.common.i18n import localized
from innohub.common.text import search_normalise
from innohub.directory.models import Organisation, Person, Sector
from innohub.network.models import Hub
from innohub.relations import rules
from innohub.relations.documents import DEFAULT_MAX_BYTES, DocumentRejected, check_document
from innohub.relations.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatus,
    DatePrecision,
    Delegation,
    DelegationMember,
    FollowUp,
    Milestone,
    Signatory,
    Visit,
    VisitStop,
)

I18N_FIELDS = frozenset(
    {
        "name",
        "origin_place",
        "description",
        "title",
        "purpose",
        "date_note",
        "destination",
        "subject",
        "signed_note",
        "signing_place",
        "place",
        "notes",
        "role",
    }
)


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _assign(obj: Any, data: dict[str, Any], allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            {field: _("You cannot change this field.") for field in sorted(unknown)}
        )
    for field, value in data.items():
        if field in I18N_FIELDS:
            value = localized(value)
        elif value is None and field in {"reference", "currency", "destination_country"}:
            value = ""
        setattr(obj, field, value)


def _check_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError({"time_zone": _("Unknown time zone.")}) from exc
    return name


def refresh_visit_search(visit: Visit) -> None:
    """Recompute the denormalised text the visit list searches (title, delegation, stops)."""
    delegation = visit.delegation
    parts = [
        visit.title.all_text(),
        visit.purpose.all_text(),
        visit.destination.all_text(),
        delegation.name.all_text(),
        delegation.origin_place.all_text(),
    ]
    for stop in visit.stops.select_related("host_organisation", "host_hub"):
        parts += [stop.title.all_text(), stop.place.all_text()]
        if stop.host_organisation_id:
            parts.append(stop.host_organisation.name.all_text())
        if stop.host_hub_id:
            parts.append(stop.host_hub.name.all_text())
    text = search_normalise(" ".join(p for p in parts if p))
    Visit.all_objects.filter(pk=visit.pk).update(search_text=text)
    visit.search_text = text


def refresh_agreement_search(agreement: Agreement) -> None:
    """Recompute the denormalised text the agreement list searches (title, subject, parties)."""
    parts = [
        agreement.title.all_text(),
        agreement.subject.all_text(),
        agreement.signing_place.all_text(),
        agreement.reference,
    ]
    for party in agreement.parties.select_related("organisation", "hub"):
        parts.append(localized(party.display_name).all_text())
    text = search_normalise(" ".join(p for p in parts if p))
    Agreement.all_objects.filter(pk=agreement.pk).update(search_text=text)
    agreement.search_text = text


# ------------------------------------------------------------------ delegations

DELEGATION_FIELDS = frozenset(
    {"name", "origin_country", "origin_place", "organisation", "description"}
)


@transaction.atomic
def delegation_create(*, by: Any, hub: Hub, is_generated: bool = False, **data: Any) -> Delegation:
    delegation = Delegation(hub=hub, is_generated=is_generated)
    _assign(delegation, data, DELEGATION_FIELDS)
    delegation.full_clean()
    delegation.save()
    return delegation


@transaction.atomic
def delegation_update(*, delegation: Delegation, by: Any, **data: Any) -> Delegation:
    _assign(delegation, data, DELEGATION_FIELDS)
    delegation.full_clean()
    delegation.save()
    for visit in delegation.visits.all():
        refresh_visit_search(visit)
    return delegation


@transaction.atomic
def delegation_member_add(
    *,
    delegation: Delegation,
    by: Any,
    person: Person | None = None,
    name: Any = None,
    title: Any = None,
    organisation: Organisation | None = None,
    is_leader: bool = False,
) -> DelegationMember:
    """Add a member, from the directory (name and title copied) or by name alone."""
    name = localized(name)
    title = localized(title)
    if person is not None:
        name = name or person.name
        title = title or person.title
        organisation = organisation or person.organisation
        if delegation.members.filter(person=person).exists():
            raise ValidationError({"person": _("This person is already in the delegation.")})
    if not name:
        raise ValidationError({"name": _("Choose a person or enter a name.")})
    if is_leader:
        # One leader at a time: naming a new one steps the previous one down.
        for previous in delegation.members.select_for_update().filter(is_leader=True):
            previous.is_leader = False
            previous.save(update_fields=["is_leader", "updated_at"])
    position = (delegation.members.aggregate(n=Max("position"))["n"] or 0) + 1
    member = DelegationMember(
        delegation=delegation,
        person=person,
        name=name,
        title=title,
        organisation=organisation,
        is_leader=is_leader,
        position=position,
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def delegation_member_make_leader(*, member: DelegationMember, by: Any) -> DelegationMember:
    for previous in member.delegation.members.select_for_update().filter(is_leader=True):
        if previous.pk != member.pk:
            previous.is_leader = False
            previous.save(update_fields=["is_leader", "updated_at"])
    member.is_leader = True
    member.save(update_fields=["is_leader", "updated_at"])
    return member


@transaction.atomic
def delegation_member_remove(*, member: DelegationMember, by: Any) -> None:
    member.delete()


# ------------------------------------------------------------------ visits

VISIT_FIELDS = frozenset(
    {
        "title",
        "direction",
        "status",
        "purpose",
        "starts_on",
        "ends_on",
        "date_precision",
        "date_note",
        "destination",
        "destination_country",
        "time_zone",
        "is_public",
    }
)


def _normalise_visit_dates(visit: Visit) -> None:
    start, end, precision = rules.normalise_range(
        visit.starts_on, visit.ends_on, visit.date_precision or DatePrecision.DAY
    )
    if not rules.range_is_ordered(start, end):
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
    if precision == rules.UNKNOWN and not visit.date_note:
        raise ValidationError(
            {"date_note": _("Say what is known about the date when it is not known.")}
        )
    visit.starts_on, visit.ends_on, visit.date_precision = start, end, precision


def _check_stops_fit(visit: Visit) -> None:
    """Itinerary times must fall within the visit's days when both are known exactly."""
    for stop in visit.stops.all():
        _check_stop_within_visit(visit, stop.starts_at, stop.ends_at)


@transaction.atomic
def visit_create(
    *, by: Any, hub: Hub, delegation: Delegation, is_generated: bool = False, **data: Any
) -> Visit:
    if delegation.hub_id != hub.pk:
        raise ValidationError({"delegation": _("This delegation is recorded by another hub.")})
    visit = Visit(
        hub=hub,
        delegation=delegation,
        is_generated=is_generated,
        created_by=_user_or_none(by),
        time_zone=hub.time_zone,
    )
    _assign(visit, data, VISIT_FIELDS)
    visit.time_zone = _check_zone(visit.time_zone or hub.time_zone)
    _normalise_visit_dates(visit)
    visit.full_clean()
    visit.save()
    refresh_visit_search(visit)
    return visit


@transaction.atomic
def visit_record(
    *,
    by: Any,
    hub: Hub,
    delegation: Delegation | None = None,
    new_delegation: dict[str, Any] | None = None,
    **data: Any,
) -> Visit:
    """Record a visit of a delegation recorded before, or of a new one described alongside."""
    if delegation is None:
        new_delegation = dict(new_delegation or {})
        if not localized(new_delegation.get("name")):
            raise ValidationError(
                {"delegation_name": _("Choose a delegation recorded before or name a new one.")}
            )
        delegation = delegation_create(by=by, hub=hub, **new_delegation)
    return visit_create(by=by, hub=hub, delegation=delegation, **data)


@transaction.atomic
def visit_update(*, visit: Visit, by: Any, **data: Any) -> Visit:
    _assign(visit, data, VISIT_FIELDS)
    visit.time_zone = _check_zone(visit.time_zone)
    _normalise_visit_dates(visit)
    _check_stops_fit(visit)
    visit.full_clean()
    visit.save()
    refresh_visit_search(visit)
    return visit


@transaction.atomic
def visit_delete(*, visit: Visit, by: Any) -> None:
    visit.soft_delete()


STOP_FIELDS = frozenset(
    {
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "host_organisation",
        "host_hub",
        "notes",
        "position",
    }
)


def local_datetime(value: datetime | None, zone: str) -> datetime | None:
    """A naive wall-clock time entered in `zone` made aware; aware values pass through."""
    if value is None or timezone.is_aware(value):
        return value
    return timezone.make_aware(value, ZoneInfo(zone))


def _check_stop_within_visit(
    visit: Visit, starts_at: datetime | None, ends_at: datetime | None
) -> None:
    if visit.date_precision != DatePrecision.DAY or visit.starts_on is None:
        return
    zone = ZoneInfo(visit.time_zone)
    last_day = visit.ends_on or visit.starts_on
    for field, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if moment is None:
            continue
        day = moment.astimezone(zone).date()
        if not visit.starts_on <= day <= last_day:
            raise ValidationError(
                {
                    field: _("This time is outside the days of the visit (%(first)s to %(last)s).")
                    % {"first": visit.starts_on.isoformat(), "last": last_day.isoformat()}
                }
            )


def _validate_stop(stop: VisitStop) -> None:
    for field in ("starts_at", "ends_at"):
        moment = getattr(stop, field)
        # Beyond these years a wall-clock time cannot be moved between zones safely.
        if moment is not None and not 1900 <= moment.year <= 2200:
            raise ValidationError({field: _("Enter a year between 1900 and 2200.")})
    if stop.host_organisation_id and stop.host_hub_id:
        raise ValidationError({"host_hub": _("Choose an organisation or a hub as host, not both.")})
    stop.starts_at = local_datetime(stop.starts_at, stop.visit.time_zone)
    stop.ends_at = local_datetime(stop.ends_at, stop.visit.time_zone)
    if stop.starts_at and stop.ends_at and stop.ends_at < stop.starts_at:
        raise ValidationError({"ends_at": _("A stop cannot end before it starts.")})
    if stop.ends_at and not stop.starts_at:
        raise ValidationError({"starts_at": _("Give the start time when you give the end time.")})
    _check_stop_within_visit(stop.visit, stop.starts_at, stop.ends_at)


@transaction.atomic
def visit_stop_add(
    *, visit: Visit, by: Any, people: Sequence[Person] = (), **data: Any
) -> VisitStop:
    stop = VisitStop(visit=visit)
    data.setdefault("position", (visit.stops.aggregate(n=Max("position"))["n"] or 0) + 1)
    _assign(stop, data, STOP_FIELDS)
    _validate_stop(stop)
    stop.full_clean()
    stop.save()
    if people:
        stop.people.set(people)
    refresh_visit_search(stop.visit)
    return stop


@transaction.atomic
def visit_stop_update(
    *, stop: VisitStop, by: Any, people: Sequence[Person] | None = None, **data: Any
) -> VisitStop:
    _assign(stop, data, STOP_FIELDS)
    _validate_stop(stop)
    stop.full_clean()
    stop.save()
    if people is not None:
        stop.people.set(people)
    refresh_visit_search(stop.visit)
    return stop


@transaction.atomic
def visit_stop_remove(*, stop: VisitStop, by: Any) -> None:
    stop.delete()
    refresh_visit_search(stop.visit)


FOLLOW_UP_FIELDS = frozenset({"title", "notes", "owner", "owner_organisation", "due_on"})


def _validate_follow_up(follow_up: FollowUp) -> None:
    if follow_up.owner_id is None and follow_up.owner_organisation_id is None:
        raise ValidationError(
            {"owner": _("Name who owns the action: a user, an organisation or both.")}
        )
    if follow_up.owner is not None and not follow_up.owner.is_active:
        raise ValidationError({"owner": _("This user can no longer sign in.")})


@transaction.atomic
def follow_up_add(*, visit: Visit, by: Any, is_generated: bool = False, **data: Any) -> FollowUp:
    follow_up = FollowUp(visit=visit, is_generated=is_generated)
    _assign(follow_up, data, FOLLOW_UP_FIELDS)
    _validate_follow_up(follow_up)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, by: Any, **data: Any) -> FollowUp:
    _assign(follow_up, data, FOLLOW_UP_FIELDS)
    _validate_follow_up(follow_up)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_set_done(
    *, follow_up: FollowUp, by: Any, done: bool, on: date | None = None
) -> FollowUp:
    follow_up.done = done
    follow_up.done_on = (on or timezone.localdate()) if done else None
    follow_up.save(update_fields=["done", "done_on", "updated_at"])
    return follow_up


@transaction.atomic
def follow_up_remove(*, follow_up: FollowUp, by: Any) -> None:
    follow_up.delete()


# ------------------------------------------------------------------ agreements


@dataclass(frozen=True)
class PartyInput:
    """One party as a caller names it: an organisation, a hub, or a name outside both."""

    organisation: Organisation | None = None
    hub: Hub | None = None
    name: Any = None
    role: Any = None

    @property
    def key(self) -> tuple[str, Any]:
        if self.organisation is not None:
            return ("org", self.organisation.pk)
        if self.hub is not None:
            return ("hub", self.hub.pk)
        return ("name", localized(self.name).in_language("en"))


AGREEMENT_FIELDS = frozenset(
    {
        "kind",
        "status",
        "title",
        "subject",
        "reference",
        "signed_on",
        "signed_precision",
        "signed_note",
        "signing_place",
        "visit",
        "event",
        "effective_from",
        "expires_on",
        "ended_on",
        "amount",
        "currency",
        "is_confidential",
    }
)


def _check_parties(parties: Sequence[PartyInput]) -> None:
    keys = []
    for party in parties:
        if party.organisation is not None and party.hub is not None:
            raise ValidationError({"parties": _("A party is an organisation or a hub, not both.")})
        if party.organisation is None and party.hub is None and not localized(party.name):
            raise ValidationError(
                {"parties": _("Every party needs an organisation, a hub or a name.")}
            )
        keys.append(party.key)
    if len(set(keys)) != len(keys):
        raise ValidationError({"parties": _("The same party is named twice.")})
    if len(keys) < rules.MIN_PARTIES:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")})


def _validate_agreement(agreement: Agreement) -> None:
    """Signing date at its precision, term in order, amount with a currency, visit consistent.

    No signing date with an exact precision means "not signed yet" (fine for drafts and
    abandoned drafts); the precision "unknown" means "signed, but the sources do not say when",
    and then the note must say what is known.
    """
    if agreement.signed_precision == rules.UNKNOWN:
        agreement.signed_on = None
        if not agreement.signed_note:
            raise ValidationError({"signed_note": _("Say what is known about the signing date.")})
    elif agreement.signed_on is not None:
        normal = rules.PartialDate(agreement.signed_on, agreement.signed_precision).normalised()
        agreement.signed_on = normal.value
    elif agreement.status in rules.SIGNED_STATUSES:
        raise ValidationError(
            {
                "signed_on": _(
                    "Give the signing date, or mark it as not known and say what is known."
                )
            }
        )
    if not rules.range_is_ordered(agreement.effective_from, agreement.expires_on):
        raise ValidationError({"expires_on": _("It cannot expire before it comes into force.")})
    if agreement.amount is not None:
        if agreement.amount < 0:
            raise ValidationError({"amount": _("The amount cannot be negative.")})
        if not agreement.currency:
            raise ValidationError({"currency": _("Choose the currency of the amount.")})
    visit = agreement.visit
    if visit is not None:
        if visit.hub_id != agreement.hub_id:
            raise ValidationError({"visit": _("The visit is recorded by another hub.")})
        if (
            agreement.signed_on
            and agreement.signed_precision == rules.DAY
            and visit.date_precision == rules.DAY
            and visit.starts_on
        ):
            last = visit.ends_on or visit.starts_on
            if not visit.starts_on <= agreement.signed_on <= last:
                raise ValidationError(
                    {"signed_on": _("The signing date is outside the days of the visit.")}
                )
    event = agreement.event
    if event is not None:
        if event.is_deleted:
            raise ValidationError({"event": _("Unknown event.")})
        if (
            agreement.signed_on
            and agreement.signed_precision == rules.DAY
            and not event.date_is_approximate
        ):
            zone = ZoneInfo(event.time_zone)
            first, last = (
                event.starts_at.astimezone(zone).date(),
                event.ends_at.astimezone(zone).date(),
            )
            if not first <= agreement.signed_on <= last:
                raise ValidationError(
                    {"signed_on": _("The signing date is outside the days of the event.")}
                )


def _save_parties(agreement: Agreement, parties: Sequence[PartyInput]) -> None:
    """Replace the parties, keeping the rows (and their signatories) of parties that stay."""
    existing = {
        (
            ("org", p.organisation_id)
            if p.organisation_id
            else ("hub", p.hub_id)
            if p.hub_id
            else ("name", p.name.in_language("en"))
        ): p
        for p in agreement.parties.all()
    }
    wanted = {party.key for party in parties}
    for key, row in existing.items():
        if key not in wanted:
            if row.signatories.exists():
                raise ValidationError(
                    {
                        "parties": _("Remove the signatories of %(party)s before removing it.")
                        % {"party": row.display_name}
                    }
                )
            row.delete()
    for position, party in enumerate(parties, start=1):
        row = existing.get(party.key) or AgreementParty(agreement=agreement)
        row.organisation = party.organisation
        row.hub = party.hub
        row.name = localized(party.name) if party.organisation is None and party.hub is None else {}
        row.role = localized(party.role)
        row.position = position
        row.full_clean(exclude=["agreement"])
        row.save()


@transaction.atomic
def agreement_create(
    *,
    by: Any,
    hub: Hub,
    parties: Sequence[PartyInput],
    sectors: Iterable[Sector] = (),
    is_generated: bool = False,
    **data: Any,
) -> Agreement:
    """Record an agreement and its parties (at least two)."""
    _check_parties(parties)
    agreement = Agreement(hub=hub, is_generated=is_generated, created_by=_user_or_none(by))
    _assign(agreement, data, AGREEMENT_FIELDS)
    _validate_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    _save_parties(agreement, parties)
    sectors = list(sectors)
    if sectors:
        agreement.sectors.set(sectors)
    refresh_agreement_search(agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    by: Any,
    parties: Sequence[PartyInput] | None = None,
    sectors: Iterable[Sector] | None = None,
    **data: Any,
) -> Agreement:
    """Change an agreement; a status change must follow the allowed transitions."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    previous_status = agreement.status
    new_status = data.get("status", previous_status)
    if not rules.status_change_allowed(previous_status, new_status):
        raise ValidationError(
            {
                "status": _("An agreement cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": AgreementStatus(previous_status).label,
                    "to": AgreementStatus(new_status).label
                    if new_status in AgreementStatus.values
                    else new_status,
                }
            }
        )
    if parties is not None:
        _check_parties(parties)
    _assign(agreement, data, AGREEMENT_FIELDS)
    if (
        new_status in {AgreementStatus.COMPLETED, AgreementStatus.TERMINATED}
        and previous_status != new_status
        and agreement.ended_on is None
    ):
        agreement.ended_on = timezone.localdate()
    _validate_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    if parties is not None:
        _save_parties(agreement, parties)
    if sectors is not None:
        agreement.sectors.set(list(sectors))
    refresh_agreement_search(agreement)
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, by: Any) -> None:
    agreement.soft_delete()


def _check_signatory_party(agreement: Agreement, party: AgreementParty, person: Person) -> None:
    if party.agreement_id != agreement.pk:
        raise ValidationError({"party": _("This party is not a party to the agreement.")})
    if (
        party.organisation_id
        and person.organisation_id
        and person.organisation_id != party.organisation_id
    ):
        raise ValidationError(
            {
                "person": _(
                    "This person belongs to another organisation than the party they sign for."
                )
            }
        )


@transaction.atomic
def signatory_add(
    *,
    agreement: Agreement,
    by: Any,
    party: AgreementParty,
    person: Person | None = None,
    new_person_name: Any = None,
    title: Any = None,
) -> Signatory:
    """Record who signed for a party: a person of the directory, added there if new."""
    title = localized(title)
    if person is None:
        name = localized(new_person_name)
        if not name:
            raise ValidationError({"person": _("Choose a person or enter the name of a new one.")})
        organisation = party.organisation or (party.hub.operator if party.hub_id else None)
        person = Person(organisation=organisation, name=name, title=title, is_public=True)
        person.full_clean()
        person.save()
    _check_signatory_party(agreement, party, person)
    if Signatory.objects.filter(party=party, person=person).exists():
        raise ValidationError({"person": _("This person already signed for this party.")})
    signatory = Signatory(
        agreement=agreement, party=party, person=person, title=title or person.title
    )
    signatory.full_clean()
    signatory.save()
    return signatory


@transaction.atomic
def signatory_remove(*, signatory: Signatory, by: Any) -> None:
    signatory.delete()


MILESTONE_FIELDS = frozenset({"title", "due_on", "notes"})


@transaction.atomic
def milestone_add(
    *, agreement: Agreement, by: Any, is_generated: bool = False, **data: Any
) -> Milestone:
    milestone = Milestone(agreement=agreement, is_generated=is_generated)
    _assign(milestone, data, MILESTONE_FIELDS)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by: Any, **data: Any) -> Milestone:
    _assign(milestone, data, MILESTONE_FIELDS)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_set_done(
    *, milestone: Milestone, by: Any, done: bool, on: date | None = None
) -> Milestone:
    milestone.done = done
    milestone.done_on = (on or timezone.localdate()) if done else None
    milestone.save(update_fields=["done", "done_on", "updated_at"])
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: Milestone, by: Any) -> None:
    milestone.delete()


def document_max_bytes() -> int:
    return int(getattr(settings, "INNOHUB_AGREEMENT_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


@transaction.atomic
def document_attach(
    *,
    agreement: Agreement,
    by: Any,
    upload: UploadedFile,
    title: str = "",
    is_public: bool = False,
) -> AgreementDocument:
    """Store a checked file under MEDIA_ROOT with a random name; keep its original name."""
    try:
        kind = check_document(
            upload.name or "", upload.size or 0, upload, max_bytes=document_max_bytes()
        )
    except DocumentRejected as exc:
        raise ValidationError({"file": exc.message}, code=exc.code) from exc
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = AgreementDocument(
        agreement=agreement,
        title=(title or "").strip()[:200],
        original_name=(upload.name or "document").replace("\x00", "")[-255:],
        content_type=kind.content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        is_public=is_public,
        uploaded_by=_user_or_none(by),
    )
    document.file.save(upload.name or f"document{kind.extension}", upload, save=False)
    document.save()
    return document


@transaction.atomic
def document_remove(*, document: AgreementDocument, by: Any) -> None:
    document.soft_delete()
