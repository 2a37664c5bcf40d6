from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from innohub.common.nav import NavItem


class MatchingConfig(AppConfig):
    name = "innohub.matching"
    label = "matching"
    verbose_name = _("Matchmaking")
    nav_items = [
        NavItem("matching:home", _("Matchmaking"), audience="public", order=40),
        NavItem("matching:mine", _("My matches"), audience="authenticated", order=41),
        NavItem("matching:introductions", _("Introductions"), audience="staff", order=42),
    ]
    organisation_panels = ["innohub.matching.panels.organisation_listings"]

    def ready(self) -> None:
        from innohub.common import trash
        from innohub.matching.access import user_acts_for_listing
        from innohub.matching.models import Listing

        trash.register(Listing, may_delete=user_acts_for_listing)
