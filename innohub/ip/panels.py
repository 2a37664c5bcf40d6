"""The IP sections on organisation and hub pages (declared on the AppConfig)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from innohub.accounts.access import user_is_ip_officer, user_represents
from innohub.directory.models import Organisation
from innohub.ip import access, selectors
from innohub.network.models import Hub


def organisation_ip(request: HttpRequest, organisation: Organisation) -> str | None:
    """The organisation's IP that the viewer may see: the public its published rights, the
    organisation itself and the IP officers also its applications and deadlines."""
    assets = selectors.organisation_assets_for_panel(organisation=organisation, user=request.user)
    represents = user_represents(request.user, organisation.pk)
    officer = any(user_is_ip_officer(request.user, asset.hub_id) for asset in assets)
    if not assets and not represents:
        return None
    figures = selectors.statistics(
        assets=selectors.organisation_assets(organisation=organisation, user=request.user),
        on=timezone.localdate(),
    )
    return render_to_string(
        "ip/panels/organisation.html",
        {
            "organisation": organisation,
            "assets": assets,
            "figures": figures,
            "can_add": represents or access.user_is_officer_anywhere(request.user),
            "private": represents or officer,
        },
        request=request,
    )


def hub_ip(request: HttpRequest, hub: Hub) -> str | None:
    """The hub's IP figures today, as the IP bureau counts them."""
    figures = selectors.statistics(
        assets=selectors.hub_assets(hub), on=timezone.localdate(), members_only=True
    )
    if not figures.total:
        return None
    return render_to_string(
        "ip/panels/hub.html",
        {"hub": hub, "figures": figures, "is_officer": user_is_ip_officer(request.user, hub.pk)},
        request=request,
    )
