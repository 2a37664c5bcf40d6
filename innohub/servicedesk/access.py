"""Who may see and do what at the service desk, built on the role predicates of accounts.

A request is seen by three parties only: the member organisation that made it, the provider
it is routed to (users holding the member role on that provider organisation), and the staff
of its hub. Anyone else gets a 404: even the existence of a request is private.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from innohub.accounts.access import (
    ALL_HUBS,
    grants_for,
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_represents,
)
from innohub.directory.models import MEMBER_STATES, Membership, Organisation
from innohub.servicedesk.models import (
    Expert,
    OfficeHourBooking,
    Programme,
    ProgrammeApplication,
    RequestState,
    Service,
    ServiceRequest,
    Side,
)

# ---------------------------------------------------------------- requests


def request_side(user: Any, request: ServiceRequest) -> str | None:
    """The part the user plays on this request (staff first), or None for an outsider."""
    if user_is_hub_staff(user, request.hub_id):
        return Side.STAFF
    if request.provider_id is not None and user_represents(user, request.provider_id):
        return Side.PROVIDER
    if user_represents(user, request.organisation_id):
        return Side.MEMBER
    return None


def access_request_for_user(user: Any, request: ServiceRequest | None) -> ServiceRequest:
    if request is None:
        raise Http404
    if request_side(user, request) is None:
        raise Http404
    return request


def request_visible_q(user: Any) -> Q:
    """Requests the user may see: its organisations', those routed to them, its hubs'."""
    grants = grants_for(user)
    if not grants.authenticated:
        return Q(pk__in=[])
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    visible = Q(hub_id__in=staffed)
    if grants.organisations:
        visible |= Q(organisation_id__in=grants.organisations)
        visible |= Q(provider_id__in=grants.organisations)
    return visible


# Which side may move a request to which state (the state machine itself is in models).
SIDES_FOR_STATE: dict[str, frozenset[str]] = {
    RequestState.ACCEPTED: frozenset({Side.PROVIDER, Side.STAFF}),
    RequestState.IN_PROGRESS: frozenset({Side.PROVIDER, Side.STAFF}),
    RequestState.WAITING_MEMBER: frozenset({Side.PROVIDER, Side.STAFF}),
    RequestState.DONE: frozenset({Side.PROVIDER, Side.STAFF}),
    RequestState.CANCELLED: frozenset({Side.MEMBER, Side.PROVIDER, Side.STAFF}),
}


def user_can_move_request(user: Any, request: ServiceRequest, to_state: str) -> bool:
    side = request_side(user, request)
    return side is not None and side in SIDES_FOR_STATE.get(to_state, frozenset())


def user_can_route_request(user: Any, request: ServiceRequest) -> bool:
    return user_is_hub_staff(user, request.hub_id)


def user_can_rate_request(user: Any, request: ServiceRequest) -> bool:
    return request_side(user, request) == Side.MEMBER


# ---------------------------------------------------------------- membership


def organisation_is_member(organisation: Organisation, hub_id: int) -> bool:
    return Membership.objects.filter(
        organisation=organisation, hub_id=hub_id, state__in=MEMBER_STATES
    ).exists()


def member_organisations_for(user: Any, hub_id: int) -> list[Organisation]:
    """The organisations the user represents that are members (admitted/resident) of the hub."""
    ids = grants_for(user).member_organisations
    if not ids:
        return []
    return list(
        Organisation.objects.filter(
            pk__in=ids,
            memberships__hub_id=hub_id,
            memberships__state__in=MEMBER_STATES,
        ).order_by("sort_name")
    )


def user_can_act_for_member(user: Any, organisation: Organisation, hub_id: int) -> bool:
    """Hub staff on behalf of a member, or the member's own representative."""
    if not organisation_is_member(organisation, hub_id):
        return False
    if user_is_hub_staff(user, hub_id):
        return True
    return organisation.pk in grants_for(user).member_organisations


# ---------------------------------------------------------------- catalogue


def user_can_manage_hub_desk(user: Any, hub_id: int) -> bool:
    return user_is_hub_staff(user, hub_id)


def access_service_for_user(user: Any, service: Service | None) -> Service:
    if service is None or service.is_deleted:
        raise Http404
    if user_is_hub_staff(user, service.hub_id):
        return service
    if not service.is_active or not service.hub.is_public:
        raise Http404
    return service


def access_service_for_edit(user: Any, service: Service | None) -> Service:
    service = access_service_for_user(user, service)
    require(user_can_manage_hub_desk(user, service.hub_id))
    return service


# ---------------------------------------------------------------- programmes


def access_programme_for_user(user: Any, programme: Programme | None) -> Programme:
    if programme is None or programme.is_deleted:
        raise Http404
    if user_is_hub_staff(user, programme.hub_id):
        return programme
    if not programme.is_public:
        raise Http404
    return programme


def user_sees_eligibility(user: Any, organisation: Organisation, hub_id: int) -> bool:
    """An organisation's eligibility is its own business and its hub's staff's."""
    if user_is_hub_staff(user, hub_id):
        return True
    return user_represents(user, organisation.pk)


def application_visible_q(user: Any) -> Q:
    grants = grants_for(user)
    if not grants.authenticated:
        return Q(pk__in=[])
    staffed = hub_ids_staffed_by(user)
    if staffed is ALL_HUBS:
        return Q()
    return Q(programme__hub_id__in=staffed) | Q(organisation_id__in=grants.member_organisations)


def access_application_for_user(
    user: Any, application: ProgrammeApplication | None
) -> ProgrammeApplication:
    if application is None:
        raise Http404
    if user_is_hub_staff(user, application.programme.hub_id):
        return application
    if application.organisation_id in grants_for(user).member_organisations:
        return application
    raise Http404


def user_manages_application(user: Any, application: ProgrammeApplication) -> bool:
    return user_is_hub_staff(user, application.programme.hub_id)


# ---------------------------------------------------------------- experts


def user_is_the_expert(user: Any, expert: Expert) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and expert.person.user_id is not None
        and expert.person.user_id == user.pk
    )


def access_expert_for_user(user: Any, expert: Expert | None) -> Expert:
    if expert is None or expert.is_deleted or expert.person.is_deleted:
        raise Http404
    if user_is_hub_staff(user, expert.hub_id) or user_is_the_expert(user, expert):
        return expert
    if not expert.is_public:
        raise Http404
    return expert


def user_manages_office_hours(user: Any, expert: Expert) -> bool:
    return user_is_hub_staff(user, expert.hub_id) or user_is_the_expert(user, expert)


def user_sees_booking(user: Any, booking: OfficeHourBooking) -> bool:
    """The booking member, the expert and the hub's staff (who see the topic and the link)."""
    expert = booking.office_hour.expert
    if user_manages_office_hours(user, expert):
        return True
    return user_represents(user, booking.organisation_id)


def user_can_cancel_booking(user: Any, booking: OfficeHourBooking) -> bool:
    return user_sees_booking(user, booking)


# ---------------------------------------------------------------- deleted records


def user_may_delete_desk_record(user: Any, obj: Service | Programme | Expert) -> bool:
    """Services, programmes and experts are deleted (and restored) by their hub's staff."""
    return user_is_hub_staff(user, obj.hub_id)


def register_trash() -> None:
    from innohub.common import trash

    for model in (Service, Programme, Expert):
        trash.register(model, may_delete=user_may_delete_desk_record)
