"""IP API: the same selectors, services, engine and access rules as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from innohub.accounts.access import require, user_is_ip_officer
from innohub.accounts.api_auth import AUTH_OPTIONAL, api_user
from innohub.common.pagination import Pagination
from innohub.common.params import Key, SearchText
from innohub.directory.models import Organisation, Product
from innohub.ip import access, selectors, services
from innohub.ip import deadlines as engine
from innohub.ip.conf import engine_rules
from innohub.ip.models import Asset, Deadline, Reminder
from innohub.ip.reminders import reminder_dismiss
from innohub.ip.schemas import (
    AssetCreateIn,
    AssetListOut,
    AssetOut,
    AssetPatchIn,
    AssetTransitionIn,
    BoardOut,
    CompleteIn,
    ComputedDeadlineOut,
    Day,
    DeadlineOut,
    HubSettingsIO,
    ReminderOut,
    StatisticsOut,
)
from innohub.ip.services import hub_today
from innohub.network.models import Hub, Network
from innohub.network.selectors import hub_list_for_user

router = Router(tags=["ip"])


class PortfolioQuery(Schema):
    hub: Key = ""
    type: Key = ""
    status: Key = ""
    owner: Key = ""
    nice_class: int | None = Field(default=None, ge=1, le=45)
    q: SearchText = ""


@router.get("/assets", response=list[AssetListOut], auth=AUTH_OPTIONAL)
@paginate(Pagination)
def asset_list(request: HttpRequest, filters: Query[PortfolioQuery]) -> Any:
    data = filters.dict()
    data["q"] = data["q"][:200]
    qs = selectors.asset_list(user=api_user(request), filters=selectors.PortfolioFilters(**data))
    return qs.select_related("hub").prefetch_related("owners", "nice_classes")


def _load(pk: int) -> Asset | None:
    return selectors.asset_get(pk=pk)


def _detail(user: Any, asset: Asset) -> Asset:
    asset.show_private = access.user_sees_private(user, asset)  # type: ignore[attr-defined]
    return asset


@router.get("/assets/{asset_id}", response=AssetOut, auth=AUTH_OPTIONAL)
def asset_detail(request: HttpRequest, asset_id: int) -> Any:
    user = api_user(request)
    return _detail(user, access.access_asset_for_user(user, _load(asset_id)))


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("owners") is not None:
        found = list(Organisation.objects.filter(slug__in=data["owners"]))
        missing = set(data["owners"]) - {o.slug for o in found}
        if missing:
            raise ValidationError(
                {
                    "owners": _("Unknown organisation: %(names)s")
                    % {"names": ", ".join(sorted(missing))}
                }
            )
        data["owners"] = found
    if data.get("products") is not None:
        products = list(Product.objects.filter(pk__in=data["products"]))
        if len(products) != len(set(data["products"])):
            raise ValidationError({"products": _("Unknown product.")})
        data["products"] = products
    if data.get("nice_classes") is not None:
        data["nice_classes"] = [
            (c["number"], c.get("similar_groups") or "") for c in data["nice_classes"]
        ]
    # null for a field that cannot be empty means "leave it as it is".
    for key in ("type", "title", "number", "is_confidential", "extension_days", "notes"):
        if key in data and data[key] is None:
            del data[key]
    for key in ("owners", "products", "nice_classes"):
        if key in data and data[key] is None:
            del data[key]
    return data


@router.post("/assets", response={201: AssetOut})
def asset_create(request: HttpRequest, payload: AssetCreateIn) -> Any:
    user = api_user(request)
    data = _resolve(payload.dict(exclude_unset=True))
    hub = Hub.objects.filter(slug=data.pop("hub")).first()
    if hub is None:
        raise ValidationError({"hub": _("Unknown hub.")})
    owners = data.get("owners") or []
    require(
        user_is_ip_officer(user, hub.pk)
        or (bool(owners) and all(access.user_represents(user, o.pk) for o in owners))
    )
    asset = services.asset_create(by=user, hub=hub, **data)
    return Status(201, _detail(user, _load(asset.pk)))


@router.patch("/assets/{asset_id}", response=AssetOut)
def asset_update(request: HttpRequest, asset_id: int, payload: AssetPatchIn) -> Any:
    user = api_user(request)
    asset = access.access_asset_for_edit(user, _load(asset_id))
    data = _resolve(payload.dict(exclude_unset=True))
    if "owners" in data and not user_is_ip_officer(user, asset.hub_id):
        added = {o.pk for o in data["owners"]} - set(access.owner_ids(asset))
        require(all(access.user_represents(user, o) for o in added))
    services.asset_update(asset=asset, by=user, **data)
    return _detail(user, _load(asset_id))


@router.delete("/assets/{asset_id}", response={204: None})
def asset_delete(request: HttpRequest, asset_id: int) -> Any:
    user = api_user(request)
    asset = access.access_asset_for_user(user, _load(asset_id))
    access.require_ip_officer(user, asset.hub_id)
    services.asset_delete(asset=asset, by=user)
    return Status(204, None)


@router.post("/assets/{asset_id}/transition", response=AssetOut)
def asset_transition(request: HttpRequest, asset_id: int, payload: AssetTransitionIn) -> Any:
    user = api_user(request)
    asset = access.access_asset_for_edit(user, _load(asset_id))
    services.asset_transition(
        asset=asset,
        to_status=payload.status,
        on=payload.on,
        by=user,
        note=payload.note,
        number=payload.number,
    )
    return _detail(user, _load(asset_id))


@router.get("/assets/{asset_id}/deadlines", response=list[DeadlineOut])
def asset_deadlines(request: HttpRequest, asset_id: int) -> Any:
    user = api_user(request)
    asset = access.access_asset_for_user(user, _load(asset_id))
    if not access.user_sees_private(user, asset):
        raise Http404
    return selectors.asset_deadlines(asset)


def _deadline_for_edit(user: Any, deadline_id: int) -> Deadline:
    deadline = get_object_or_404(Deadline.objects.select_related("asset"), pk=deadline_id)
    access.access_asset_for_edit(user, deadline.asset)
    return deadline


@router.post("/deadlines/{deadline_id}/complete", response=DeadlineOut)
def deadline_complete(request: HttpRequest, deadline_id: int, payload: CompleteIn) -> Any:
    user = api_user(request)
    deadline = _deadline_for_edit(user, deadline_id)
    return services.deadline_complete(deadline=deadline, by=user, on=payload.on, note=payload.note)


@router.post("/deadlines/{deadline_id}/reopen", response=DeadlineOut)
def deadline_reopen(request: HttpRequest, deadline_id: int) -> Any:
    user = api_user(request)
    deadline = _deadline_for_edit(user, deadline_id)
    return services.deadline_reopen(deadline=deadline, by=user)


class ComputeQuery(Schema):
    type: Key = Field(max_length=20)
    filed: Day | None = None
    granted: Day | None = None
    registered: Day | None = None
    published: Day | None = None
    priority: Day | None = None
    renewals: int = Field(default=0, ge=0, le=50)
    extension_days: int = Field(default=0, ge=0, le=5 * 365)


@router.get("/compute", response=list[ComputedDeadlineOut], auth=AUTH_OPTIONAL)
def compute(request: HttpRequest, query: Query[ComputeQuery]) -> Any:
    """The deadline engine as a what-if: the same list as `innohub ip-deadlines --json`."""
    facts = engine.Facts.from_mapping(query.dict())
    try:
        return [d.as_json() for d in engine.compute(facts, engine_rules())]
    except engine.EngineError as exc:
        raise ValidationError({exc.field or "__all__": str(exc.message)}) from exc


@router.get("/board", response=BoardOut)
def board(request: HttpRequest, hub: Key, today: Day | None = None) -> Any:
    user = api_user(request)
    found = get_object_or_404(Hub, slug=hub)
    access.require_ip_officer(user, found.pk)
    day = today or hub_today(found)
    result = selectors.board_for(hub_ids=frozenset({found.pk}), today=day)
    return {
        "hub": found.slug,
        "today": day,
        "overdue": result.overdue,
        "in_grace": result.in_grace,
        "due_this_month": result.due_this_month,
        "coming": result.coming,
    }


@router.get("/statistics", response=StatisticsOut, auth=AUTH_OPTIONAL)
def statistics(
    request: HttpRequest,
    on: Day | None = None,
    hub: Key = "",
    network: Key = "",
    organisation: Key = "",
) -> Any:
    """Counts by type and status on a day, for a hub, a network, an organisation or all hubs."""
    user = api_user(request)
    day = on or timezone.localdate()
    hubs = list(hub_list_for_user(user))
    if organisation:
        from innohub.directory.access import access_organisation_for_user

        org = access_organisation_for_user(
            user, Organisation.objects.filter(slug=organisation).first()
        )
        assets = selectors.organisation_assets(organisation=org, user=user)
        scope = f"organisation:{org.slug}"
        figures = selectors.statistics(assets=assets, on=day)
    else:
        if hub:
            found = next((h for h in hubs if h.slug == hub), None)
            if found is None:
                raise Http404
            hubs, scope = [found], f"hub:{found.slug}"
        elif network:
            net = get_object_or_404(Network, slug=network)
            hubs, scope = [h for h in hubs if h.network_id == net.pk], f"network:{net.slug}"
        else:
            scope = "all"
        figures = selectors.hubs_statistics_cached(hubs=hubs, on=day)
    return {
        "on": day,
        "scope": scope,
        "counts": figures.counts,
        "totals_by_status": figures.totals_by_status,
        "total": figures.total,
    }


@router.get("/reminders", response=list[ReminderOut])
@paginate(Pagination)
def reminder_list(request: HttpRequest, include_dismissed: bool = False) -> Any:
    return selectors.reminders_for_user(user=api_user(request), include_dismissed=include_dismissed)


@router.post("/reminders/{reminder_id}/dismiss", response={204: None})
def reminder_dismiss_endpoint(request: HttpRequest, reminder_id: int) -> Any:
    user = api_user(request)
    reminder = Reminder.objects.filter(pk=reminder_id, user=user).first()
    if reminder is None:
        raise Http404
    reminder_dismiss(reminder=reminder, by=user)
    return Status(204, None)


@router.get("/hubs/{slug}/settings", response=HubSettingsIO)
def hub_settings(request: HttpRequest, slug: Key) -> Any:
    hub = get_object_or_404(Hub, slug=slug)
    access.require_ip_officer(api_user(request), hub.pk)
    return {"reminder_days": services.hub_ip_settings(hub).lead_days()}


@router.put("/hubs/{slug}/settings", response=HubSettingsIO)
def hub_settings_update(request: HttpRequest, slug: Key, payload: HubSettingsIO) -> Any:
    user = api_user(request)
    hub = get_object_or_404(Hub, slug=slug)
    access.require_ip_officer(user, hub.pk)
    found = services.hub_ip_settings_update(
        hub=hub, reminder_days=",".join(map(str, payload.reminder_days)), by=user
    )
    return {"reminder_days": found.lead_days()}
