"""Who may see a hub's dashboard, the network dashboard and the annual report."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from innohub.accounts.access import Grants, require, user_is_hub_staff, user_is_network_admin
from innohub.network.models import Hub


class FigureReader:
    """Reads the figures with every hub's records in view.

    Figures are only ever shown to a hub's staff or a network admin, who see all of that hub's
    records, so counting through the other apps' selectors as this reader gives the same
    numbers whoever asks (and lets one cached copy serve every permitted viewer of a hub).
    """

    is_authenticated = True
    is_anonymous = False
    is_superuser = False
    pk = None
    id = None
    _innohub_grants = Grants(authenticated=True, network_admin=True)


READER = FigureReader()


def access_hub_figures_for_user(user: Any, slug: str) -> Hub:
    """The hub whose figures the user may see: its staff and network admins only."""
    hub = Hub.objects.select_related("network").filter(slug=slug).first()
    if hub is None or not (hub.is_public or user_is_hub_staff(user, hub.pk)):
        raise Http404  # a private hub's existence is itself private
    require(user_is_hub_staff(user, hub.pk))
    return hub


def access_network_figures_for_user(user: Any) -> None:
    require(user_is_network_admin(user))
