"""Writes to the IP portfolio: assets, their status changes, deadlines and hub settings.

Every write that changes an asset's dates or status recomputes its deadlines through the
pure engine (`deadlines.py`) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innohub.common.identifiers import IdentifierError
from innohub.directory.models import Membership, Organisation, Product
from innohub.ip import deadlines as engine
from innohub.ip import numbers
from innohub.ip.conf import engine_rules
from innohub.ip.models import (
    ALLOWED_TRANSITIONS,
    PATENT_TYPES,
    REGISTERED_TYPES,
    Asset,
    AssetEvent,
    AssetStatus,
    AssetType,
    Deadline,
    DeadlineKind,
    DeadlineState,
    HubIpSettings,
    NiceClass,
)
from innohub.network.models import Hub

S = AssetStatus
DATE_FIELDS = ("filed_on", "priority_on", "published_on", "granted_on", "registered_on")
EDITABLE_FIELDS = frozenset(
    {
        "type",
        "number",
        "title",
        "owners",
        "products",
        "nice_classes",
        *DATE_FIELDS,
        "extension_days",
        "is_confidential",
        "tracked_since",
        "notes",
    }
)
# Fields whose change moves deadlines.
ENGINE_FIELDS = frozenset({"type", *DATE_FIELDS, "extension_days", "tracked_since"})

NiceClasses = Sequence[tuple[int, str]]
ENGINE_FIELD_NAMES = {
    "granted": "granted_on",
    "registered": "registered_on",
    "priority": "priority_on",
    "filed": "filed_on",
    "published": "published_on",
}


def normalise_number(asset_type: str, value: str) -> str:
    """The stored form of a number for its type; IdentifierError when it is not valid."""
    value = (value or "").strip()
    if not value:
        return ""
    if asset_type in (AssetType.CN_INVENTION, AssetType.CN_UTILITY, AssetType.CN_DESIGN):
        kind = {"cn-invention": "invention", "cn-utility": "utility", "cn-design": "design"}
        return numbers.validate_cn_patent_application(value, kind=kind[asset_type])
    if asset_type == AssetType.CN_TRADEMARK:
        return numbers.validate_trademark_number(value)
    if asset_type == AssetType.CN_SOFTWARE:
        return numbers.validate_software_registration(value)
    if asset_type == AssetType.IL_PATENT:
        return numbers.validate_il_patent_number(value)
    return numbers.validate_pct_number(value)


def hub_today(hub: Hub) -> date:
    """Today where the hub is: a payment made on a Shanghai morning is not "in the future"
    while it is still yesterday in UTC."""
    return timezone.localtime(timezone=ZoneInfo(hub.time_zone)).date()


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


# ---------------------------------------------------------------- validation


def _check(
    asset: Asset,
    *,
    owners: Sequence[Organisation],
    products: Sequence[Product],
    nice_classes: NiceClasses,
    today: date,
) -> None:
    """All the rules one asset must meet, reported per field at once."""
    errors: dict[str, list[str]] = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if asset.number:
        try:
            asset.number = normalise_number(asset.type, asset.number)
        except IdentifierError as exc:
            fail("number", str(exc.message))
    if asset.status != S.IN_PREPARATION and not asset.number and asset.status not in (S.ABANDONED,):
        fail("number", _("A filed application or a right has a number; enter it."))
    for field in DATE_FIELDS:
        value = getattr(asset, field)
        if value is not None and value > today:
            fail(field, _("This date is in the future."))
    if asset.status == S.IN_PREPARATION and (asset.filed_on or asset.grant_date):
        fail("filed_on", _("An application in preparation has no filing date yet."))
    needs_filing = asset.status in (S.FILED, S.UNDER_EXAMINATION) or (
        asset.status != S.IN_PREPARATION and asset.type not in REGISTERED_TYPES
    )
    if needs_filing and not asset.filed_on and asset.status != S.ABANDONED:
        fail("filed_on", _("Enter the filing date."))
    started = asset.status in (S.VALID, S.LAPSED, S.EXPIRED)
    if started and asset.type == AssetType.PCT:
        fail("status", _("A PCT application is never granted itself; record the national filings."))
    elif started and asset.type in REGISTERED_TYPES and not asset.registered_on:
        fail("registered_on", _("Enter the registration date."))
    elif started and asset.type in PATENT_TYPES and not asset.granted_on:
        fail("granted_on", _("Enter the grant date."))
    if asset.type in REGISTERED_TYPES and asset.granted_on:
        fail("granted_on", _("Trademarks and software are registered, not granted."))
    if asset.type not in REGISTERED_TYPES and asset.registered_on:
        fail("registered_on", _("Patents are granted, not registered: use the grant date."))
    if asset.priority_on and asset.type not in (AssetType.PCT, *PATENT_TYPES):
        fail("priority_on", _("Only patents and PCT applications claim a priority date."))
    if asset.extension_days and asset.type != AssetType.CN_INVENTION:
        fail("extension_days", _("Only a Chinese invention patent can have a term extension."))
    try:
        engine.check_facts(asset.facts())
    except engine.EngineError as exc:
        fail(ENGINE_FIELD_NAMES.get(exc.field or "", exc.field or "__all__"), str(exc.message))
    if not owners:
        fail("owners", _("An asset needs at least one owner."))
    elif not Membership.objects.filter(organisation__in=owners, hub_id=asset.hub_id).exists():
        fail("owners", _("None of the owners has a membership record in this hub."))
    owner_ids = {o.pk for o in owners}
    if any(product.organisation_id not in owner_ids for product in products):
        fail("products", _("A linked product must be made by one of the owners."))
    if asset.type == AssetType.CN_TRADEMARK:
        if not nice_classes and asset.status != S.IN_PREPARATION:
            fail("nice_classes", _("A trademark covers at least one Nice class."))
    elif nice_classes:
        fail("nice_classes", _("Only trademarks have Nice classes."))
    seen = set()
    for number, groups in nice_classes:
        if number in seen or not 1 <= number <= 45:
            fail("nice_classes", _("Nice classes run from 1 to 45, each once."))
        seen.add(number)
        try:
            numbers.validate_similar_groups(groups)
        except IdentifierError as exc:
            fail("nice_classes", str(exc.message))
    if errors:
        raise ValidationError(errors)
    if asset.number:
        clash = Asset.objects.filter(type=asset.type, number=asset.number).exclude(pk=asset.pk)
        if clash.exists():
            raise ValidationError(
                {"number": [_("Another asset of this type already has this number.")]}
            )


def _initial_events(asset: Asset, status_on: date | None, today: date) -> list[tuple[str, date]]:
    """The status history a new record implies: filed, granted, then where it is now."""
    status = asset.status
    if status == S.IN_PREPARATION:
        return [(S.IN_PREPARATION, status_on or today)]
    events: list[tuple[str, date]] = []
    if asset.filed_on:
        events.append((S.FILED, asset.filed_on))
    if status == S.UNDER_EXAMINATION:
        events.append((S.UNDER_EXAMINATION, status_on or today))
    start = asset.grant_date
    if start and status in (S.VALID, S.LAPSED, S.EXPIRED, S.ABANDONED):
        events.append((S.VALID, start))
    if status in engine.ENDED_STATUSES:
        end = status_on
        if end is None and status == S.EXPIRED and asset.expires_on:
            end = asset.expires_on + timedelta(days=1)
        events.append((status, end or today))
    if not events:
        events.append((status, status_on or today))
    for (_s1, first), (_s2, second) in pairwise(events):
        if second < first:
            raise ValidationError(
                {"status_on": [_("The status date cannot be before the dates it follows.")]}
            )
    return events


# ---------------------------------------------------------------- assets


def _expiry_for(asset: Asset, renewals: int) -> date | None:
    return engine.expiry_of(engine.compute(asset.facts(renewals), engine_rules()))


@dataclass
class Draft:
    """An asset checked against every rule but not written: what create and update write,
    and what a spreadsheet import previews."""

    asset: Asset
    owners: list[Organisation]
    products: list[Product]
    nice_classes: list[tuple[int, str]]
    events: list[tuple[str, date]]


def asset_draft_new(
    *,
    hub: Hub,
    type: str,
    title: Any,
    owners: Iterable[Organisation],
    number: str = "",
    status: str = S.IN_PREPARATION,
    status_on: date | None = None,
    products: Iterable[Product] = (),
    nice_classes: NiceClasses = (),
    filed_on: date | None = None,
    priority_on: date | None = None,
    published_on: date | None = None,
    granted_on: date | None = None,
    registered_on: date | None = None,
    extension_days: int = 0,
    is_confidential: bool = False,
    notes: str = "",
    tracked_since: date | None = None,
    is_generated: bool = False,
    today: date | None = None,
) -> Draft:
    """A new asset and the status history it implies, checked; ValidationError if wrong."""
    today = today or hub_today(hub)
    if status not in S.values:
        raise ValidationError({"status": [_("Unknown status.")]})
    if type not in AssetType.values:
        raise ValidationError({"type": [_("Unknown type of IP.")]})
    asset = Asset(
        hub=hub,
        type=type,
        number=number or "",
        title=title,
        status=status,
        status_since=today,
        filed_on=filed_on,
        priority_on=priority_on,
        published_on=published_on,
        granted_on=granted_on,
        registered_on=registered_on,
        extension_days=extension_days or 0,
        is_confidential=is_confidential,
        notes=notes,
        tracked_since=tracked_since or today,
        is_generated=is_generated,
    )
    draft = Draft(asset, list(owners), list(products), list(nice_classes), [])
    _check(
        asset,
        owners=draft.owners,
        products=draft.products,
        nice_classes=draft.nice_classes,
        today=today,
    )
    asset.expires_on = _expiry_for(asset, 0)
    draft.events = _initial_events(asset, status_on, today)
    asset.status_since = draft.events[-1][1]
    asset.full_clean(exclude=["owners", "products"])
    asset.refresh_computed_fields()
    return draft


def asset_draft_update(*, asset: Asset, today: date | None = None, **data: Any) -> Draft:
    """The asset with `data` applied, checked; the asset object is changed, not saved."""
    today = today or hub_today(asset.hub)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            {field: [_("You cannot change this field.")] for field in sorted(unknown)}
        )
    owners = list(data.pop("owners")) if "owners" in data else list(asset.owners.all())
    products = list(data.pop("products")) if "products" in data else list(asset.products.all())
    if "nice_classes" in data:
        nice_classes = list(data.pop("nice_classes"))
    else:
        nice_classes = [(c.number, c.similar_groups) for c in asset.nice_classes.all()]
    for field, value in data.items():
        if field == "number":
            value = value or ""
        if field == "extension_days":
            value = value or 0
        if field == "tracked_since" and value is None:
            continue
        setattr(asset, field, value)
    _check(asset, owners=owners, products=products, nice_classes=nice_classes, today=today)
    asset.full_clean(exclude=["owners", "products"])
    asset.refresh_computed_fields()
    return Draft(asset, owners, products, nice_classes, [])


def _save_relations(draft: Draft, *, replace: bool) -> None:
    asset = draft.asset
    asset.owners.set(draft.owners)
    asset.products.set(draft.products)
    if replace:
        asset.nice_classes.all().delete()
    NiceClass.objects.bulk_create(
        NiceClass(asset=asset, number=n, similar_groups=numbers.validate_similar_groups(g))
        for n, g in draft.nice_classes
    )


@transaction.atomic
def asset_create(*, by: Any, today: date | None = None, **fields: Any) -> Asset:
    """Record an asset, its status history up to now, and its deadlines.

    `fields` are those of asset_draft_new: hub, type, title, owners, number, status,
    status_on, products, nice_classes, the dates, extension_days, is_confidential, notes,
    tracked_since, is_generated.
    """
    draft = asset_draft_new(today=today, **fields)
    asset = draft.asset
    asset._change_reason = "created"  # type: ignore[attr-defined]
    asset.save()
    _save_relations(draft, replace=False)
    AssetEvent.objects.bulk_create(
        AssetEvent(asset=asset, status=s, on=on, recorded_by=_user_or_none(by))
        for s, on in draft.events
    )
    deadlines_recompute(asset=asset)
    return asset


@transaction.atomic
def asset_update(*, asset: Asset, by: Any, today: date | None = None, **data: Any) -> Asset:
    """Change an asset's record; its status changes go through asset_transition."""
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    before = {field: getattr(asset, field) for field in (*DATE_FIELDS, "hub_id")}
    draft = asset_draft_update(asset=asset, today=today, **data)
    asset.save()
    _save_relations(draft, replace=True)
    _sync_events(asset, before)
    deadlines_recompute(asset=asset)
    return asset


def _sync_events(asset: Asset, before: dict[str, Any]) -> None:
    """Keep the implied history in step when a filing or grant date is corrected."""
    if before["filed_on"] != asset.filed_on and asset.filed_on:
        first = asset.events.filter(status=S.FILED).order_by("on", "id").first()
        if first is not None:
            first.on = asset.filed_on
            first.save(update_fields=["on"])
    start_before = (
        before["registered_on"] if asset.type in REGISTERED_TYPES else before["granted_on"]
    )
    if start_before != asset.grant_date and asset.grant_date:
        first = asset.events.filter(status=S.VALID).order_by("on", "id").first()
        if first is not None:
            first.on = asset.grant_date
            first.save(update_fields=["on"])
    latest = asset.events.order_by("-on", "-id").first()
    if latest is not None and latest.on != asset.status_since:
        Asset.objects.filter(pk=asset.pk).update(status_since=latest.on)
        asset.status_since = latest.on


@transaction.atomic
def asset_transition(
    *,
    asset: Asset,
    to_status: str,
    on: date | None,
    by: Any,
    note: str = "",
    number: str = "",
    today: date | None = None,
) -> Asset:
    """Move an asset to its next status (filed, granted, lapsed, …) as of a date."""
    today = today or hub_today(asset.hub)
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    if to_status not in ALLOWED_TRANSITIONS.get(asset.status, frozenset()):
        raise ValidationError(
            _("An asset cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": S(asset.status).label,
                "to": S(to_status).label if to_status in S.values else to_status,
            }
        )
    on = on or today
    if on > today:
        raise ValidationError({"on": [_("This date is in the future.")]})
    if on < asset.status_since:
        raise ValidationError(
            {"on": [_("The date of a change cannot be before the previous change.")]}
        )
    if number:
        asset.number = number
    if to_status == S.FILED and not asset.filed_on:
        asset.filed_on = on
    if to_status == S.VALID and not asset.grant_date:
        if asset.type in REGISTERED_TYPES:
            asset.registered_on = on
        else:
            asset.granted_on = on
    asset.status = to_status
    asset.status_since = on
    _check(
        asset,
        owners=list(asset.owners.all()),
        products=list(asset.products.all()),
        nice_classes=[(c.number, c.similar_groups) for c in asset.nice_classes.all()],
        today=today,
    )
    asset.refresh_computed_fields()
    asset._change_reason = f"status: {to_status}"  # type: ignore[attr-defined]
    asset.save()
    AssetEvent.objects.create(
        asset=asset, status=to_status, on=on, note=note, recorded_by=_user_or_none(by)
    )
    deadlines_recompute(asset=asset)
    return asset


@transaction.atomic
def asset_delete(*, asset: Asset, by: Any) -> None:
    """Soft-delete: the record, its history and deadlines stay for a restore (from the trash);
    every page, feed, board and reminder leaves deleted assets out."""
    asset._history_user = _user_or_none(by)  # type: ignore[attr-defined]
    asset.soft_delete()


# ---------------------------------------------------------------- deadlines


def _renewals_done(asset: Asset) -> int:
    if asset.type != AssetType.CN_TRADEMARK:
        return 0
    return asset.deadlines.filter(kind=DeadlineKind.RENEWAL, state=DeadlineState.DONE).count()


def settled_before(deadline: engine.Deadline | Deadline, tracked_since: date) -> bool:
    """A fee or renewal whose last possible day came before the record was kept."""
    if deadline.kind == engine.EXPIRY:
        return False
    return (deadline.grace_ends or deadline.due) < tracked_since


FIELDS_FROM_ENGINE = (
    "due",
    "shifted_from",
    "window_opens",
    "grace_ends",
    "provisional",
    "unverified",
    "office",
)


def deadlines_recompute(*, asset: Asset) -> None:
    """Bring the stored deadlines in line with the engine for the asset's dates and status.

    Rows are matched on (kind, sequence) so that payments and reminders survive a
    recomputation; open rows the engine no longer gives are removed, done ones stay.
    """
    rules = engine_rules()
    renewals = _renewals_done(asset)
    computed = (
        []
        if asset.is_deleted
        else engine.compute_for_status(asset.facts(renewals), asset.status, rules)
    )
    expires_on = engine.expiry_of(engine.compute(asset.facts(renewals), rules))
    if expires_on != asset.expires_on:
        Asset.objects.filter(pk=asset.pk).update(expires_on=expires_on)
        asset.expires_on = expires_on
    existing = {(row.kind, row.sequence): row for row in asset.deadlines.all()}
    to_create, to_update = [], []
    wanted = set()
    for item in computed:
        key = (item.kind, item.sequence)
        wanted.add(key)
        row = existing.get(key)
        if row is None:
            to_create.append(
                Deadline(
                    asset=asset,
                    hub_id=asset.hub_id,
                    kind=item.kind,
                    sequence=item.sequence,
                    state=DeadlineState.SETTLED
                    if settled_before(item, asset.tracked_since)
                    else DeadlineState.OPEN,
                    **{field: getattr(item, field) for field in FIELDS_FROM_ENGINE},
                )
            )
            continue
        changed = False
        for field in FIELDS_FROM_ENGINE:
            if getattr(row, field) != getattr(item, field):
                setattr(row, field, getattr(item, field))
                changed = True
        if row.hub_id != asset.hub_id:
            row.hub_id = asset.hub_id
            changed = True
        if row.state != DeadlineState.DONE and row.is_act:
            state = (
                DeadlineState.SETTLED
                if settled_before(item, asset.tracked_since)
                else DeadlineState.OPEN
            )
            if state != row.state:
                row.state = state
                changed = True
        if changed:
            to_update.append(row)
    stale = [
        row.pk
        for key, row in existing.items()
        if key not in wanted and row.state != DeadlineState.DONE
    ]
    if stale:
        Deadline.objects.filter(pk__in=stale).delete()
    done_elsewhere = [
        row
        for key, row in existing.items()
        if key not in wanted and row.state == DeadlineState.DONE and row.hub_id != asset.hub_id
    ]
    for row in done_elsewhere:
        row.hub_id = asset.hub_id
    Deadline.objects.bulk_create(to_create)
    if to_update or done_elsewhere:
        Deadline.objects.bulk_update(
            [*to_update, *done_elsewhere], [*FIELDS_FROM_ENGINE, "hub", "state"]
        )


@transaction.atomic
def deadline_complete(
    *, deadline: Deadline, by: Any, on: date | None = None, note: str = ""
) -> Deadline:
    """Record that a fee was paid, a renewal filed or the national phase entered."""
    deadline = (
        Deadline.objects.select_for_update()
        .select_related("asset", "asset__hub")
        .get(pk=deadline.pk)
    )
    if not deadline.is_act:
        raise ValidationError(_("The end of a term is not something one does."))
    if deadline.state == DeadlineState.DONE:
        raise ValidationError(_("This has already been recorded as done."))
    today = hub_today(deadline.asset.hub)
    on = on or today
    if on > today:
        raise ValidationError({"on": [_("This date is in the future.")]})
    deadline.state = DeadlineState.DONE
    deadline.done_on = on
    deadline.done_by = _user_or_none(by)
    deadline.note = note[:500]
    deadline.save(update_fields=["state", "done_on", "done_by", "note"])
    if deadline.kind == DeadlineKind.RENEWAL and deadline.asset.type == AssetType.CN_TRADEMARK:
        # A renewal adds a term: the next renewal and the new expiry appear.
        deadlines_recompute(asset=deadline.asset)
    return deadline


@transaction.atomic
def deadline_reopen(*, deadline: Deadline, by: Any) -> Deadline:
    """Undo a completion recorded by mistake."""
    deadline = Deadline.objects.select_for_update().select_related("asset").get(pk=deadline.pk)
    if deadline.state != DeadlineState.DONE:
        return deadline
    asset = deadline.asset
    if deadline.kind == DeadlineKind.RENEWAL and asset.type == AssetType.CN_TRADEMARK:
        later = asset.deadlines.filter(
            kind=DeadlineKind.RENEWAL, state=DeadlineState.DONE, sequence__gt=deadline.sequence
        )
        if later.exists():
            raise ValidationError(_("Reopen the later renewal first."))
    deadline.state = DeadlineState.OPEN
    deadline.done_on = None
    deadline.done_by = None
    deadline.save(update_fields=["state", "done_on", "done_by"])
    deadlines_recompute(asset=asset)
    return deadline


def assets_expire(*, today: date) -> int:
    """Mark valid rights past the end of their term as expired, as of the day after it.

    A trademark whose renewal grace still runs is left alone: it may yet be renewed.
    """
    count = 0
    candidates = Asset.objects.filter(status=S.VALID, expires_on__lt=today).select_related("hub")
    for asset in candidates.iterator(chunk_size=500):
        if asset.deadlines.filter(
            kind=DeadlineKind.RENEWAL, state=DeadlineState.OPEN, grace_ends__gte=today
        ).exists():
            continue
        with transaction.atomic():
            locked = Asset.objects.select_for_update().get(pk=asset.pk)
            if locked.status != S.VALID:
                continue  # another server got here first
            end = locked.expires_on + timedelta(days=1)
            locked.status = S.EXPIRED
            locked.status_since = end
            locked._change_reason = "expired"  # type: ignore[attr-defined]
            locked.save(update_fields=["status", "status_since", "updated_at"])
            AssetEvent.objects.create(asset=locked, status=S.EXPIRED, on=end)
            deadlines_recompute(asset=locked)
            count += 1
    return count


def deadlines_refresh_provisional() -> int:
    """Recompute assets with provisional dates whose year's schedule is now published.

    Run after the `holidays` package is upgraded (innohub remind does it every time).
    """
    from innohub.common.calendars import china_schedule_published_through

    last = china_schedule_published_through()
    asset_ids = (
        Deadline.objects.filter(provisional=True, due__year__lte=last)
        .values_list("asset_id", flat=True)
        .distinct()
    )
    count = 0
    for asset in Asset.objects.filter(pk__in=list(asset_ids)):
        with transaction.atomic():
            deadlines_recompute(asset=asset)
        count += 1
    return count


# ---------------------------------------------------------------- hub settings


def hub_ip_settings(hub: Hub) -> HubIpSettings:
    from innohub.ip.conf import default_reminder_days

    found = HubIpSettings.objects.filter(hub=hub).first()
    if found is None:
        return HubIpSettings(hub=hub, reminder_days=",".join(map(str, default_reminder_days())))
    return found


def parse_lead_days(text: str) -> list[int]:
    try:
        days = sorted({int(part) for part in str(text).replace(" ", "").split(",") if part})
    except ValueError as exc:
        raise ValidationError(
            {"reminder_days": [_("Enter whole numbers of days separated by commas.")]}
        ) from exc
    if not days or any(day < 1 or day > 730 for day in days) or len(days) > 8:
        raise ValidationError(
            {"reminder_days": [_("Enter one to eight lead times between 1 and 730 days.")]}
        )
    return sorted(days, reverse=True)


@transaction.atomic
def hub_ip_settings_update(*, hub: Hub, reminder_days: str, by: Any) -> HubIpSettings:
    days = parse_lead_days(reminder_days)
    found, _created = HubIpSettings.objects.update_or_create(
        hub=hub, defaults={"reminder_days": ",".join(map(str, days))}
    )
    return found
