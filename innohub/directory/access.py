"""Who may see and change an organisation, its people and its membership records."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from innohub.accounts.access import (
    hub_ids_staffed_by,
    require,
    user_is_hub_staff,
    user_is_network_admin,
    user_is_staff_of_any,
    user_represents,
)
from innohub.directory.models import Application, Organisation, Product


def organisation_hub_ids(organisation: Organisation) -> list[int]:
    cached = getattr(organisation, "_hub_ids", None)
    if cached is None:
        cached = list(organisation.memberships.values_list("hub_id", flat=True))
        organisation._hub_ids = cached  # type: ignore[attr-defined]
    return cached


def user_is_staff_for_organisation(user: Any, organisation: Organisation) -> bool:
    """Staff of a hub the organisation belongs to (or applied to), or a network admin."""
    if user_is_network_admin(user):
        return True
    return user_is_staff_of_any(user, organisation_hub_ids(organisation))


def user_sees_private(user: Any, organisation: Organisation) -> bool:
    """Contacts, identifiers, memberships and history: the organisation and its hubs' staff."""
    if user_represents(user, organisation.pk):
        return True
    return user_is_staff_for_organisation(user, organisation)


def user_can_edit_profile(user: Any, organisation: Organisation) -> bool:
    if user_represents(user, organisation.pk):
        return True
    return user_is_staff_for_organisation(user, organisation)


def access_organisation_for_user(user: Any, organisation: Organisation | None) -> Organisation:
    """The organisation if the user may see it at all; 404 otherwise (its existence is private)."""
    if organisation is None or organisation.is_deleted:
        raise Http404
    if organisation.is_public:
        return organisation
    if user_sees_private(user, organisation):
        return organisation
    raise Http404


def access_organisation_for_edit(user: Any, organisation: Organisation | None) -> Organisation:
    organisation = access_organisation_for_user(user, organisation)
    require(user_can_edit_profile(user, organisation))
    return organisation


def staff_hub_ids(user: Any) -> frozenset[int] | None:
    return hub_ids_staffed_by(user)


def access_application_for_staff(user: Any, pk: int) -> Application:
    """An application, for the staff of its hub only; 404 for everyone else (it is private)."""
    application = (
        Application.objects.select_related("hub", "organisation", "sponsor", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    if not user_is_hub_staff(user, application.hub_id):
        raise Http404
    return application


def access_application_for_sponsor(user: Any, pk: int) -> Application:
    """An application naming the user's incubator as sponsor; 404 for everyone else."""
    application = (
        Application.objects.select_related("hub", "organisation", "sponsor").filter(pk=pk).first()
    )
    if application is None or application.sponsor_id is None:
        raise Http404
    if not user_represents(user, application.sponsor_id):
        raise Http404
    return application


def user_can_manage_products(user: Any, organisation: Organisation) -> bool:
    """The organisation's own representatives and the staff of its hubs."""
    if user_represents(user, organisation.pk):
        return True
    return user_is_staff_for_organisation(user, organisation)


def product_is_public(product: Product) -> bool:
    organisation = product.organisation
    return product.is_public and organisation.is_public and not organisation.is_deleted


def access_product_for_user(user: Any, product: Product | None) -> Product:
    """A product if the user may see it: public ones, or the maker's and its hubs' staff."""
    if product is None or product.is_deleted or product.organisation.is_deleted:
        raise Http404
    if product_is_public(product):
        return product
    if user_can_manage_products(user, product.organisation):
        return product
    raise Http404


def access_product_for_edit(user: Any, product: Product | None) -> Product:
    product = access_product_for_user(user, product)
    require(user_can_manage_products(user, product.organisation))
    return product


def user_may_delete_organisation(user: Any, organisation: Organisation) -> bool:
    """Only the staff of its hubs (or a network admin) delete an organisation."""
    return user_is_staff_for_organisation(user, organisation)


def user_may_delete_person_or_product(user: Any, obj: Any) -> bool:
    organisation = obj.organisation
    if organisation is None:
        return user_is_network_admin(user)
    return user_can_edit_profile(user, organisation)


def register_trash() -> None:
    from innohub.common import trash
    from innohub.directory.models import Person, Product

    trash.register(Organisation, may_delete=user_may_delete_organisation)
    trash.register(Person, may_delete=user_may_delete_person_or_product)
    trash.register(Product, may_delete=user_may_delete_person_or_product)
