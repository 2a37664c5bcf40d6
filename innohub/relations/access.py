"""Who may see and change agreements, visits, delegations and their documents.

Agreements: a signed, non-confidential agreement is public; a draft or a confidential one is
seen only by the staff of the hub that records it, the parties (representatives of a party
organisation, staff of a party hub) and network admins. Only the recording hub's staff change
it; parties may tick its milestones off.
Visits: a public visit is seen by everyone; a private one by the recording hub's staff, the
sending organisation and the organisations or hubs that host a stop. Follow-up actions are
seen by the recording hub's staff and by their owners.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from innohub.accounts.access import (
    grants_for,
    require,
    user_is_hub_staff,
    user_represents,
)
from innohub.relations.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatus,
    Delegation,
    FollowUp,
    Visit,
    VisitStop,
)

# ------------------------------------------------------------------ agreements


def _party_rows(agreement: Agreement) -> list[AgreementParty]:
    """The parties, from a prefetch when the caller made one."""
    return list(agreement.parties.all())


def user_is_agreement_staff(user: Any, agreement: Agreement) -> bool:
    """Staff of the hub that records the agreement (or a network admin): they manage it."""
    return user_is_hub_staff(user, agreement.hub_id)


def user_is_agreement_party(user: Any, agreement: Agreement) -> bool:
    """A representative of a party organisation, or staff of a party hub."""
    for party in _party_rows(agreement):
        if party.organisation_id and user_represents(user, party.organisation_id):
            return True
        if party.hub_id and user_is_hub_staff(user, party.hub_id):
            return True
    return False


def user_sees_agreement_private(user: Any, agreement: Agreement) -> bool:
    """Drafts, confidential agreements, milestones and documents: staff and parties."""
    if user_is_agreement_staff(user, agreement):
        return True
    return user_is_agreement_party(user, agreement)


def user_sees_agreement(user: Any, agreement: Agreement) -> bool:
    if agreement.is_public_record:
        return True
    return user_sees_agreement_private(user, agreement)


def access_agreement_for_user(user: Any, agreement: Agreement | None) -> Agreement:
    """The agreement if the user may see it; 404 otherwise (a draft's existence is private)."""
    if agreement is None or agreement.is_deleted:
        raise Http404
    if not user_sees_agreement(user, agreement):
        raise Http404
    return agreement


def access_agreement_for_edit(user: Any, agreement: Agreement | None) -> Agreement:
    agreement = access_agreement_for_user(user, agreement)
    require(user_is_agreement_staff(user, agreement))
    return agreement


def access_agreement_milestones(user: Any, agreement: Agreement | None) -> Agreement:
    """Ticking milestones off: the recording hub's staff and the parties."""
    agreement = access_agreement_for_user(user, agreement)
    require(user_sees_agreement_private(user, agreement))
    return agreement


def agreement_visible_q(user: Any) -> Q:
    """The agreements a user may see, as a filter (the same rule as user_sees_agreement)."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(is_confidential=False) & ~Q(status=AgreementStatus.DRAFT)
    if grants.staff_hubs:
        visible |= Q(hub_id__in=grants.staff_hubs)
        visible |= Q(
            Exists(
                AgreementParty.objects.filter(
                    agreement=OuterRef("pk"), hub_id__in=grants.staff_hubs
                )
            )
        )
    if grants.organisations:
        visible |= Q(
            Exists(
                AgreementParty.objects.filter(
                    agreement=OuterRef("pk"), organisation_id__in=grants.organisations
                )
            )
        )
    return visible


def user_may_download(user: Any, document: AgreementDocument) -> bool:
    agreement = document.agreement
    if not user_sees_agreement(user, agreement):
        return False
    if document.is_public:
        return True
    return user_sees_agreement_private(user, agreement)


def access_document_for_user(user: Any, document: AgreementDocument | None) -> AgreementDocument:
    if document is None or document.is_deleted or document.agreement.is_deleted:
        raise Http404
    if not user_may_download(user, document):
        raise Http404
    return document


# ------------------------------------------------------------------ visits and delegations


def user_is_visit_staff(user: Any, visit: Visit) -> bool:
    return user_is_hub_staff(user, visit.hub_id)


def user_is_visit_insider(user: Any, visit: Visit) -> bool:
    """The recording hub's staff, the sending organisation, and the hosts of its stops."""
    if user_is_visit_staff(user, visit):
        return True
    if user_represents(user, visit.delegation.organisation_id):
        return True
    for stop in visit.stops.all():
        if stop.host_organisation_id and user_represents(user, stop.host_organisation_id):
            return True
        if stop.host_hub_id and user_is_hub_staff(user, stop.host_hub_id):
            return True
    return False


def user_sees_visit(user: Any, visit: Visit) -> bool:
    if visit.is_public:
        return True
    return user_is_visit_insider(user, visit)


def access_visit_for_user(user: Any, visit: Visit | None) -> Visit:
    if visit is None or visit.is_deleted or visit.delegation.is_deleted:
        raise Http404
    if not user_sees_visit(user, visit):
        raise Http404
    return visit


def access_visit_for_edit(user: Any, visit: Visit | None) -> Visit:
    visit = access_visit_for_user(user, visit)
    require(user_is_visit_staff(user, visit))
    return visit


def visit_visible_q(user: Any, prefix: str = "") -> Q:
    """The visits a user may see, as a filter; `prefix` reaches them through a relation."""
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(**{f"{prefix}is_public": True})
    pk = f"{prefix}pk" if prefix else "pk"
    if grants.staff_hubs:
        visible |= Q(**{f"{prefix}hub_id__in": grants.staff_hubs})
        visible |= Q(
            Exists(VisitStop.objects.filter(visit=OuterRef(pk), host_hub_id__in=grants.staff_hubs))
        )
    if grants.organisations:
        visible |= Q(**{f"{prefix}delegation__organisation_id__in": grants.organisations})
        visible |= Q(
            Exists(
                VisitStop.objects.filter(
                    visit=OuterRef(pk), host_organisation_id__in=grants.organisations
                )
            )
        )
    return visible


def user_sees_follow_up(user: Any, follow_up: FollowUp, visit: Visit) -> bool:
    if user_is_visit_staff(user, visit):
        return True
    if follow_up.owner_id is not None and follow_up.owner_id == getattr(user, "pk", None):
        return True
    return user_represents(user, follow_up.owner_organisation_id)


def follow_up_visible_q(user: Any) -> Q:
    grants = grants_for(user)
    if grants.network_admin:
        return Q()
    visible = Q(pk__in=[])
    if grants.staff_hubs:
        visible |= Q(visit__hub_id__in=grants.staff_hubs)
    if grants.authenticated:
        visible |= Q(owner_id=user.pk)
    if grants.organisations:
        visible |= Q(owner_organisation_id__in=grants.organisations)
    return visible


def access_follow_up_for_update(user: Any, follow_up: FollowUp | None) -> FollowUp:
    """Ticking a follow-up off: the recording hub's staff and the follow-up's owners."""
    if follow_up is None:
        raise Http404
    visit = access_visit_for_user(user, follow_up.visit)
    if not user_sees_follow_up(user, follow_up, visit):
        raise Http404
    return follow_up


def user_is_delegation_staff(user: Any, delegation: Delegation) -> bool:
    return user_is_hub_staff(user, delegation.hub_id)


def user_sees_delegation(user: Any, delegation: Delegation) -> bool:
    """Through any visit the user may see, or as the recording hub's staff or the sender."""
    if user_is_delegation_staff(user, delegation):
        return True
    if user_represents(user, delegation.organisation_id):
        return True
    return Visit.objects.filter(visit_visible_q(user), delegation=delegation).exists()


def access_delegation_for_user(user: Any, delegation: Delegation | None) -> Delegation:
    if delegation is None or delegation.is_deleted:
        raise Http404
    if not user_sees_delegation(user, delegation):
        raise Http404
    return delegation


def access_delegation_for_edit(user: Any, delegation: Delegation | None) -> Delegation:
    delegation = access_delegation_for_user(user, delegation)
    require(user_is_delegation_staff(user, delegation))
    return delegation


def register_trash() -> None:
    """Deleted agreements, visits, delegations and documents can be restored by their staff."""
    from innohub.common import trash

    trash.register(Agreement, may_delete=user_is_agreement_staff)
    trash.register(Visit, may_delete=user_is_visit_staff)
    trash.register(Delegation, may_delete=user_is_delegation_staff)
    trash.register(
        AgreementDocument,
        may_delete=lambda user, document: user_is_agreement_staff(user, document.agreement),
    )
