"""Writes to the directory: organisations, memberships and their state changes, sectors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innohub.common.i18n import localized
from innohub.common.images import photo_add, photo_delete
from innohub.directory.models import (
    ALLOWED_TRANSITIONS,
    Membership,
    MembershipEvent,
    MembershipState,
    Organisation,
    Product,
    ProductPhoto,
    Sector,
    member_period,
)
from innohub.directory.sectors import BUILTIN_SECTORS
from innohub.network.models import Hub

# Fields a member may change on its own profile; staff may change every editable field.
MEMBER_EDITABLE_FIELDS = frozenset(
    {
        "name",
        "description",
        "website",
        "email",
        "phone",
        "address",
        "sectors",
        "stage",
        "founded_year",
        "headcount",
        "uscc",
        "il_company_number",
    }
)
STAFF_EDITABLE_FIELDS = MEMBER_EDITABLE_FIELDS | {"kind", "country", "sponsor", "is_public"}


def sectors_ensure_builtin() -> None:
    """Create or refresh the built-in sectors (idempotent)."""
    for position, row in enumerate(BUILTIN_SECTORS, start=1):
        Sector.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "aliases": "\n".join(row["aliases"]),
                "position": position * 10,
                "is_builtin": True,
            },
        )


# Words the directory's own pages use at /directory/<word>/; no organisation may take them.
RESERVED_SLUGS = frozenset(
    {"new", "export", "growth", "memberships", "apply", "applications", "products", "import"}
)


def organisation_slug_base(name: Any) -> str:
    text = localized(name)
    base = slugify(text.get("en") or text.in_language("en"))[:60] or "organisation"
    return f"{base}-org" if base in RESERVED_SLUGS else base


def organisation_unique_slug(name: Any, exclude_pk: int | None = None) -> str:
    base = organisation_slug_base(name)
    slug, n = base, 2
    while Organisation.all_objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(
    organisation: Organisation, data: dict[str, Any], allowed: frozenset[str]
) -> list[Sector] | None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            {field: _("You cannot change this field.") for field in sorted(unknown)}
        )
    sectors = None
    for field, value in data.items():
        if field == "sectors":
            sectors = list(value) if value is not None else None
        elif field in {"name", "description", "address"}:
            setattr(organisation, field, localized(value))
        elif field in {"uscc", "il_company_number"}:
            setattr(organisation, field, value or None)
        elif field == "sponsor":
            organisation.sponsor = value
        else:
            setattr(
                organisation, field, value if value is not None else getattr(organisation, field)
            )
    return sectors


@transaction.atomic
def organisation_create(
    *,
    by: Any,
    hub: Hub | None = None,
    state: str = MembershipState.ADMITTED,
    on: date | None = None,
    is_generated: bool = False,
    **data: Any,
) -> Organisation:
    """Create an organisation and, when a hub is given, its membership there."""
    organisation = Organisation(is_generated=is_generated)
    sectors = _apply(organisation, data, STAFF_EDITABLE_FIELDS)
    organisation.slug = organisation_unique_slug(organisation.name)
    organisation.full_clean()
    organisation._change_reason = "created"  # type: ignore[attr-defined]
    organisation.save()
    if sectors:
        organisation.sectors.set(sectors)
    if hub is not None:
        membership_start(organisation=organisation, hub=hub, state=state, on=on, by=by)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: Any, as_staff: bool, **data: Any
) -> Organisation:
    """Change an organisation's profile; members may change only their own profile fields."""
    allowed = STAFF_EDITABLE_FIELDS if as_staff else MEMBER_EDITABLE_FIELDS
    sectors = _apply(organisation, data, allowed)
    organisation.full_clean()
    organisation.save()
    if sectors is not None:
        organisation.sectors.set(sectors)
    return organisation


def _recompute_member_period(membership: Membership) -> None:
    """member_from: first day as a member; member_until: the day it last stopped being one."""
    events = list(membership.events.order_by("on", "id").values_list("state", "on"))
    membership.member_from, membership.member_until = member_period(events)


@transaction.atomic
def membership_start(
    *, organisation: Organisation, hub: Hub, state: str, on: date | None, by: Any, note: str = ""
) -> Membership:
    if Membership.objects.filter(organisation=organisation, hub=hub).exists():
        raise ValidationError(_("This organisation already has a membership record in this hub."))
    on = on or timezone.localdate()
    membership = Membership.objects.create(
        organisation=organisation, hub=hub, state=state, state_since=on
    )
    MembershipEvent.objects.create(
        membership=membership, state=state, on=on, note=note, recorded_by=_user_or_none(by)
    )
    _recompute_member_period(membership)
    membership.save(update_fields=["member_from", "member_until"])
    return membership


@transaction.atomic
def membership_transition(
    *, membership: Membership, to_state: str, on: date | None, by: Any, note: str = ""
) -> Membership:
    """Move a membership to its next state, keeping who did it, when and why."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if to_state not in ALLOWED_TRANSITIONS.get(membership.state, frozenset()):
        raise ValidationError(
            _("A membership cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": MembershipState(membership.state).label,
                "to": MembershipState(to_state).label
                if to_state in MembershipState.values
                else to_state,
            }
        )
    on = on or timezone.localdate()
    if on < membership.state_since:
        raise ValidationError(_("The date of a change cannot be before the previous change."))
    MembershipEvent.objects.create(
        membership=membership, state=to_state, on=on, note=note, recorded_by=_user_or_none(by)
    )
    membership.state = to_state
    membership.state_since = on
    _recompute_member_period(membership)
    membership.save()
    return membership


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# ---------------------------------------------------------------------------- products

MAX_PHOTOS_PER_PRODUCT = 12
PRODUCT_FIELDS = frozenset({"name", "description", "sector", "is_public"})


@transaction.atomic
def product_create(*, organisation: Organisation, by: Any, **data: Any) -> Product:
    return product_update(product=Product(organisation=organisation), by=by, **data)


@transaction.atomic
def product_update(*, product: Product, by: Any, **data: Any) -> Product:
    """Set a product's name, description, sector or visibility (and create it if new)."""
    unknown = set(data) - PRODUCT_FIELDS
    if unknown:
        raise ValidationError({name: _("You cannot change this field.") for name in unknown})
    for key, value in data.items():
        setattr(product, key, localized(value) if key in {"name", "description"} else value)
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def product_delete(*, product: Product, by: Any) -> None:
    """Soft deletion: the product leaves the showcase; its history stays."""
    product.soft_delete()


@transaction.atomic
def product_photo_add(
    *, product: Product, data: bytes, by: Any, caption: Any = None
) -> ProductPhoto:
    """Check the upload (Pillow: real type, size, pixels), re-encode it, store it."""
    photo = photo_add(
        ProductPhoto(product=product),
        data=data,
        caption=caption,
        siblings=product.photos.all(),
        limit=MAX_PHOTOS_PER_PRODUCT,
    )
    return photo  # type: ignore[return-value]


@transaction.atomic
def product_photo_delete(*, photo: ProductPhoto, by: Any) -> None:
    photo_delete(photo)
