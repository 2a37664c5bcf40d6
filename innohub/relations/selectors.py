"""Reads of agreements, visits and delegations, always filtered by what the user may see."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, overload

from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _

from innohub.accounts.access import ALL_HUBS, grants_for, hub_ids_staffed_by
from innohub.common.i18n import LocalizedText
from innohub.common.text import search_terms
from innohub.directory.models import Organisation, Person
from innohub.directory.selectors import organisation_visible_q, person_visible_q
from innohub.network.models import Hub
from innohub.network.selectors import hub_list_for_user
from innohub.relations import rules
from innohub.relations.access import (
    agreement_visible_q,
    follow_up_visible_q,
    visit_visible_q,
)
from innohub.relations.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Delegation,
    DelegationMember,
    FollowUp,
    Milestone,
    Signatory,
    Visit,
    VisitStatus,
    VisitStop,
)

# ------------------------------------------------------------------ parties and the picker


@dataclass(frozen=True)
class PickerChoice:
    """An organisation, hub or person a picker offers, named by its key (org:1, hub:2, person:3)."""

    key: str
    label: LocalizedText
    detail: str


def _organisation_choice(org: Organisation) -> PickerChoice:
    return PickerChoice(
        f"org:{org.pk}",
        org.name,
        f"{org.get_kind_display()} · {org.get_country_display()}",
    )


def _hub_choice(hub: Hub) -> PickerChoice:
    return PickerChoice(f"hub:{hub.pk}", hub.name, _("Hub"))


def split_key(key: str) -> tuple[str, int] | None:
    kind, _sep, raw = (key or "").partition(":")
    if kind not in {"org", "hub"} or not raw.isdigit():
        return None
    return kind, int(raw)


def party_resolve(*, user: Any, key: str) -> Organisation | Hub | None:
    """The organisation or hub behind a picker key, if the user may see it."""
    parsed = split_key(key)
    if parsed is None:
        return None
    kind, pk = parsed
    if kind == "org":
        return Organisation.objects.filter(organisation_visible_q(user), pk=pk).first()
    return hub_list_for_user(user).filter(pk=pk).first()


def party_choices_for_keys(*, user: Any, keys: Iterable[str]) -> list[PickerChoice]:
    """The chosen parties in the order given, dropping keys the user may not see."""
    parsed = [p for p in (split_key(k) for k in keys) if p]
    org_ids = [pk for kind, pk in parsed if kind == "org"]
    hub_ids = [pk for kind, pk in parsed if kind == "hub"]
    orgs = {
        o.pk: o for o in Organisation.objects.filter(organisation_visible_q(user), pk__in=org_ids)
    }
    hubs = {h.pk: h for h in hub_list_for_user(user).filter(pk__in=hub_ids)}
    choices: list[PickerChoice] = []
    seen: set[tuple[str, int]] = set()
    for kind, pk in parsed:
        if (kind, pk) in seen:
            continue
        seen.add((kind, pk))
        if kind == "org" and pk in orgs:
            choices.append(_organisation_choice(orgs[pk]))
        elif kind == "hub" and pk in hubs:
            choices.append(_hub_choice(hubs[pk]))
    return choices


def party_search(
    *, user: Any, q: str, limit: int = 12, include_hubs: bool = True
) -> list[PickerChoice]:
    """Organisations (and hubs) whose name matches the query, in any language."""
    terms = search_terms(q)
    if not terms:
        return []
    found: list[PickerChoice] = []
    if include_hubs:
        hubs = [
            hub
            for hub in hub_list_for_user(user)
            if all(
                term in (hub.name.all_text() + " " + hub.short_name.all_text()).casefold()
                for term in terms
            )
        ]
        found += [_hub_choice(hub) for hub in hubs[:limit]]
    qs = Organisation.objects.filter(organisation_visible_q(user))
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    found += [
        _organisation_choice(org) for org in qs.order_by("sort_name", "id")[: limit - len(found)]
    ]
    return found[:limit]


def listed_party_ids(*, user: Any, parties: Iterable[AgreementParty]) -> set[str]:
    """Keys of the parties whose names the user may read (unlisted ones are shown anonymised)."""
    parties = list(parties)
    org_ids = {p.organisation_id for p in parties if p.organisation_id}
    hub_ids = {p.hub_id for p in parties if p.hub_id}
    listed = set()
    if org_ids:
        listed |= {
            f"org:{pk}"
            for pk in Organisation.objects.filter(
                organisation_visible_q(user), pk__in=org_ids
            ).values_list("pk", flat=True)
        }
    if hub_ids:
        listed |= {
            f"hub:{pk}"
            for pk in hub_list_for_user(user).filter(pk__in=hub_ids).values_list("pk", flat=True)
        }
    return listed


def mark_listed_parties(*, user: Any, agreements: Iterable[Agreement]) -> None:
    """Set `is_listed` on each prefetched party: False for a party the user may not look up."""
    agreements = list(agreements)
    parties = [p for a in agreements for p in a.parties.all()]
    listed = listed_party_ids(user=user, parties=parties)
    for party in parties:
        party.is_listed = not (party.organisation_id or party.hub_id) or party.key in listed


def _person_choice(person: Person) -> PickerChoice:
    detail = [str(person.title)] if person.title else []
    if person.organisation_id:
        detail.append(str(person.organisation.name))
    return PickerChoice(f"person:{person.pk}", person.name, " · ".join(detail))


def person_search(*, user: Any, q: str, limit: int = 12) -> list[PickerChoice]:
    """People whose name matches every word of the query in one of the three languages."""
    terms = search_terms(q)
    if not terms:
        return []
    qs = Person.objects.filter(person_visible_q(user))
    for term in terms:
        qs = qs.filter(
            Q(**{"name__en__icontains": term})
            | Q(**{"name__zh-hans__icontains": term})
            | Q(**{"name__he__icontains": term})
        )
    return [_person_choice(p) for p in qs.select_related("organisation").distinct()[:limit]]


def person_choices_for_keys(*, user: Any, keys: Iterable[str]) -> list[PickerChoice]:
    ids = [int(k.split(":", 1)[1]) for k in keys if k.startswith("person:") and k[7:].isdigit()]
    found = {
        p.pk: p
        for p in Person.objects.filter(person_visible_q(user), pk__in=ids)
        .select_related("organisation")
        .distinct()
    }
    return [_person_choice(found[pk]) for pk in dict.fromkeys(ids) if pk in found]


def people_resolve(*, user: Any, keys: Iterable[str]) -> list[Person]:
    ids = [int(k.split(":", 1)[1]) for k in keys if k.startswith("person:") and k[7:].isdigit()]
    found = {p.pk: p for p in Person.objects.filter(person_visible_q(user), pk__in=ids).distinct()}
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


# ------------------------------------------------------------------ agreements


@dataclass
class AgreementFilters:
    hub: str = ""
    organisation: str = ""
    status: str = ""
    kind: str = ""
    sector: str = ""
    year: int | None = None
    q: str = ""
    signed_from: date | None = None
    signed_to: date | None = None


def _agreement_related(qs: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return qs.select_related("hub", "visit", "event").prefetch_related(
        Prefetch(
            "parties",
            queryset=AgreementParty.objects.select_related("organisation", "hub").order_by(
                "position", "id"
            ),
        ),
        "sectors",
    )


def agreement_list(*, user: Any, filters: AgreementFilters | None = None) -> QuerySet[Agreement]:
    filters = filters or AgreementFilters()
    qs = Agreement.objects.filter(agreement_visible_q(user))
    if filters.hub:
        party_hub = AgreementParty.objects.filter(agreement=OuterRef("pk"), hub__slug=filters.hub)
        qs = qs.filter(Q(hub__slug=filters.hub) | Q(Exists(party_hub)))
    if filters.organisation:
        qs = qs.filter(
            Exists(
                AgreementParty.objects.filter(
                    agreement=OuterRef("pk"), organisation__slug=filters.organisation
                )
            )
        )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        qs = qs.filter(sectors__slug=filters.sector)
    if filters.year:
        qs = qs.filter(signed_on__year=filters.year)
    if filters.signed_from:
        qs = qs.filter(signed_on__gte=filters.signed_from)
    if filters.signed_to:
        qs = qs.filter(signed_on__lte=filters.signed_to)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    return _agreement_related(qs).order_by(
        *Agreement._meta.ordering  # type: ignore[misc]
    )


def agreement_get(*, pk: int) -> Agreement | None:
    return (
        _agreement_related(Agreement.objects.filter(pk=pk))
        .prefetch_related(
            Prefetch(
                "signatories",
                queryset=Signatory.objects.select_related("person", "party").order_by(
                    "party__position", "id"
                ),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
            Prefetch(
                "documents",
                queryset=AgreementDocument.objects.select_related("uploaded_by").order_by(
                    "-created_at", "-id"
                ),
            ),
        )
        .first()
    )


def agreements_for_organisation(
    *, user: Any, organisation: Organisation, limit: int | None = None
) -> list[Agreement]:
    """Agreements the organisation is a party to, newest first (at most `limit`)."""
    qs = agreement_list(user=user).filter(
        Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), organisation=organisation))
    )
    rows = list(qs[:limit] if limit else qs)
    mark_listed_parties(user=user, agreements=rows)
    return rows


def agreements_signed_at_event(*, user: Any, event: Any) -> list[Agreement]:
    """Agreements signed at an event that the user may see (drafts: staff and parties only)."""
    rows = list(agreement_list(user=user).filter(event=event))
    mark_listed_parties(user=user, agreements=rows)
    return rows


def _either(first: QuerySet, second: QuerySet) -> QuerySet:
    """The ids of two one-column querysets as one UNION subquery, for `pk__in`. A record that
    belongs in two ways (recorded by a hub or joined by it) filtered by an OR of the two walked
    the whole list in its order (65 ms at 20,000 agreements); the two small id sets: < 1 ms."""
    return first.order_by().union(second.order_by())


def agreements_for_hub(*, user: Any, hub: Hub, limit: int | None = None) -> list[Agreement]:
    """Agreements the hub is a party to or records, newest first (at most `limit`)."""
    ids = _either(
        Agreement.objects.filter(hub=hub).values("pk"),
        AgreementParty.objects.filter(hub=hub).values("agreement_id"),
    )
    qs = agreement_list(user=user).filter(pk__in=ids)
    rows = list(qs[:limit] if limit else qs)
    mark_listed_parties(user=user, agreements=rows)
    return rows


def signatory_people(agreement: Agreement) -> list[tuple[AgreementParty, list[Person]]]:
    """For the signatory form: each party with the directory people who could sign for it."""
    parties = list(agreement.parties.select_related("organisation", "hub__operator"))
    org_ids = {p.organisation_id for p in parties if p.organisation_id}
    org_ids |= {p.hub.operator_id for p in parties if p.hub_id and p.hub.operator_id}
    people: dict[int, list[Person]] = {}
    for person in Person.objects.filter(organisation_id__in=org_ids).order_by("id"):
        people.setdefault(person.organisation_id, []).append(person)
    result = []
    for party in parties:
        org_id = party.organisation_id or (party.hub.operator_id if party.hub_id else None)
        result.append((party, people.get(org_id, []) if org_id else []))
    return result


# ------------------------------------------------------------------ visits and delegations


@dataclass
class VisitFilters:
    hub: str = ""
    direction: str = ""
    status: str = ""
    country: str = ""
    year: int | None = None
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _visit_related(qs: QuerySet[Visit], *, with_people: bool = False) -> QuerySet[Visit]:
    stops = VisitStop.objects.select_related("host_organisation", "host_hub")
    if with_people:
        stops = stops.prefetch_related("people")
    return qs.select_related("hub", "delegation", "delegation__organisation").prefetch_related(
        Prefetch("stops", queryset=stops),
        Prefetch(
            "delegation__members",
            queryset=DelegationMember.objects.select_related("person", "organisation"),
        ),
    )


def visit_list(
    *, user: Any, filters: VisitFilters | None = None, related: bool = True
) -> QuerySet[Visit]:
    """Visible visits, newest first; `related` fetches stops and members for list pages."""
    filters = filters or VisitFilters()
    qs = Visit.objects.filter(visit_visible_q(user), delegation__deleted_at__isnull=True)
    if filters.hub:
        qs = qs.filter(hub__slug=filters.hub)
    if filters.direction:
        qs = qs.filter(direction=filters.direction)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.country:
        qs = qs.filter(delegation__origin_country=filters.country)
    if filters.year:
        qs = qs.filter(starts_on__year=filters.year)
    if filters.date_from:
        qs = qs.filter(starts_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(starts_on__lte=filters.date_to)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=term)
    qs = _visit_related(qs) if related else qs.select_related("hub", "delegation")
    return qs.order_by(*Visit._meta.ordering)  # type: ignore[misc]


def visit_get(*, pk: int) -> Visit | None:
    return _visit_related(Visit.objects.filter(pk=pk), with_people=True).first()


def visit_follow_ups(*, user: Any, visit: Visit) -> list[FollowUp]:
    return list(
        visit.follow_ups.filter(follow_up_visible_q(user)).select_related(
            "owner", "owner_organisation"
        )
    )


def visit_agreements(*, user: Any, visit: Visit) -> list[Agreement]:
    rows = list(agreement_list(user=user).filter(visit=visit))
    mark_listed_parties(user=user, agreements=rows)
    return rows


def visits_for_organisation(
    *, user: Any, organisation: Organisation, related: bool = True
) -> QuerySet[Visit]:
    """Visits the organisation sent or hosted a stop of."""
    ids = _either(
        Visit.objects.filter(delegation__organisation=organisation).values("pk"),
        VisitStop.objects.filter(host_organisation=organisation).values("visit_id"),
    )
    return visit_list(user=user, related=related).filter(pk__in=ids)


def visits_for_hub(*, user: Any, hub: Hub, related: bool = True) -> QuerySet[Visit]:
    """Visits the hub recorded or hosted a stop of."""
    ids = _either(
        Visit.objects.filter(hub=hub).values("pk"),
        VisitStop.objects.filter(host_hub=hub).values("visit_id"),
    )
    return visit_list(user=user, related=related).filter(pk__in=ids)


def delegation_get(*, pk: int) -> Delegation | None:
    return (
        Delegation.objects.select_related("hub", "organisation")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=DelegationMember.objects.select_related("person", "organisation"),
            )
        )
        .filter(pk=pk)
        .first()
    )


def delegation_visits(*, user: Any, delegation: Delegation) -> QuerySet[Visit]:
    return visit_list(user=user).filter(delegation=delegation)


def delegations_for_hub_staff(*, hub: Hub) -> QuerySet[Delegation]:
    """Delegations a visit form may reuse: those the hub has recorded before."""
    return Delegation.objects.filter(hub=hub).order_by("-created_at", "-id")


def hubs_staffed(user: Any) -> QuerySet[Hub]:
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Hub.objects.all()
    return Hub.objects.filter(pk__in=staffed or [])


# ------------------------------------------------------------------ follow-ups and milestones due


@dataclass(frozen=True)
class DueItem:
    """A milestone or follow-up action that is due: what, by when, for which record."""

    kind: str  # "milestone" or "follow_up"
    pk: int
    title: LocalizedText
    due_on: date
    done: bool
    parent_title: LocalizedText
    parent_url: str
    hub: Hub
    owners: list[str] = field(default_factory=list)
    is_generated: bool = False
    today: date | None = None

    @property
    def days_overdue(self) -> int:
        if self.today is None or self.done:
            return 0
        return max(0, (self.today - self.due_on).days)

    @property
    def is_overdue(self) -> bool:
        return self.today is not None and rules.is_overdue(self.due_on, self.done, self.today)


class DueItems(Sequence[DueItem]):
    """The due items of `due_items`, ordered by due date, kind and id, read a page at a time.

    A network holds tens of thousands of open items: they are counted, ordered and sliced in
    the database (one query over both kinds), and only the items of the slice are read whole.
    """

    def __init__(
        self,
        milestones: QuerySet[Milestone],
        follow_ups: QuerySet[FollowUp],
        *,
        today: date,
        limit: date,
    ) -> None:
        self.milestones, self.follow_ups = milestones, follow_ups
        self.today, self.limit = today, limit
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.milestones.count() + self.follow_ups.count()
        return self._count

    __len__ = count

    def overdue_count(self) -> int:
        """How many are past their due date (the rest fall due in the coming days)."""
        if self.limit < self.today:
            return self.count()  # nothing due in the coming days was asked for
        before = Q(due_on__lt=self.today)
        return self.milestones.filter(before).count() + self.follow_ups.filter(before).count()

    def __iter__(self) -> Iterator[DueItem]:
        return iter(self[:])

    @overload
    def __getitem__(self, index: int) -> DueItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[DueItem]: ...

    def __getitem__(self, index: int | slice) -> DueItem | list[DueItem]:
        if isinstance(index, int):
            position = index + self.count() if index < 0 else index
            found = self[position : position + 1] if position >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(self.count())
        if step != 1:
            return self[start:stop][::step]
        if start >= stop:
            return []
        keys = list(
            self.milestones.annotate(kind=Value("milestone", output_field=CharField()))
            .order_by()
            .values_list("due_on", "kind", "pk")
            .union(
                self.follow_ups.annotate(kind=Value("follow_up", output_field=CharField()))
                .order_by()
                .values_list("due_on", "kind", "pk"),
                all=True,
            )
            .order_by("due_on", "kind", "pk")[start:stop]
        )
        wanted = {
            kind: [pk for _due, of_kind, pk in keys if of_kind == kind]
            for kind in ("milestone", "follow_up")
        }
        milestones = self.milestones.select_related("agreement__hub").in_bulk(wanted["milestone"])
        follow_ups = self.follow_ups.select_related(
            "visit__hub", "owner", "owner_organisation"
        ).in_bulk(wanted["follow_up"])
        items = []
        for _due, kind, pk in keys:
            if kind == "milestone":
                task, parent, owners = milestones[pk], milestones[pk].agreement, []
            else:
                task, parent = follow_ups[pk], follow_ups[pk].visit
                owners = [str(o) for o in (task.owner, task.owner_organisation) if o is not None]
            items.append(
                DueItem(
                    kind=kind,
                    pk=task.pk,
                    title=task.title,
                    due_on=task.due_on,
                    done=task.done,
                    parent_title=parent.title,
                    parent_url=parent.get_absolute_url(),
                    hub=parent.hub,
                    owners=owners,
                    is_generated=task.is_generated,
                    today=self.today,
                )
            )
        return items


def due_items(
    *,
    user: Any,
    today: date,
    within_days: int = 0,
    hub: Hub | None = None,
    mine: bool = False,
) -> DueItems:
    """Open milestones and follow-ups due before today (plus the next `within_days` days).

    Only for staff: items of agreements and visits their hubs record; ordered by due date,
    the most overdue first.
    """
    grants = grants_for(user)
    staffed = hub_ids_staffed_by(user)
    limit = today + timedelta(days=within_days) if within_days else today - timedelta(days=1)
    if not grants.network_admin and not staffed:
        return DueItems(Milestone.objects.none(), FollowUp.objects.none(), today=today, limit=limit)
    milestones = Milestone.objects.filter(
        done=False,
        due_on__lte=limit,
        agreement__deleted_at__isnull=True,
        agreement__status__in=rules.ACTIVE_STATUSES,
    )
    follow_ups = FollowUp.objects.filter(
        done=False,
        due_on__lte=limit,
        visit__deleted_at__isnull=True,
    ).exclude(visit__status=VisitStatus.CANCELLED)
    if staffed is not ALL_HUBS:
        milestones = milestones.filter(agreement__hub_id__in=staffed)
        follow_ups = follow_ups.filter(visit__hub_id__in=staffed)
    if hub is not None:
        milestones = milestones.filter(agreement__hub=hub)
        follow_ups = follow_ups.filter(visit__hub=hub)
    if mine:
        milestones = milestones.none()
        follow_ups = follow_ups.filter(owner=user)
    return DueItems(milestones, follow_ups, today=today, limit=limit)
