"""Admin views of spaces. Leases and bookings are read-only here: their rules (no overlap, the
guard rows of a lease) live in the services that the pages and the API use."""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.spaces.models import Booking, Building, Floor, Lease, LeaseRoom, Phase, Room, Site


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["hub", "number", "name", "opened_on", "planned_completion"]
    list_filter = ["hub"]


@admin.register(Site)
class SiteAdmin(SimpleHistoryAdmin):
    list_display = ["hub", "name", "position"]
    list_filter = ["hub"]


@admin.register(Building)
class BuildingAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "site", "phase"]
    list_filter = ["site__hub", "phase"]


@admin.register(Floor)
class FloorAdmin(SimpleHistoryAdmin):
    list_display = ["building", "level", "name"]
    list_filter = ["building__site__hub"]


@admin.register(Room)
class RoomAdmin(SimpleHistoryAdmin):
    list_display = ["code", "hub", "kind", "usage", "area_m2", "capacity", "in_service_from"]
    list_filter = ["hub", "kind", "usage"]
    search_fields = ["code"]
    raw_id_fields = ["floor"]

    def save_model(self, request: Any, obj: Room, form: Any, change: bool) -> None:
        obj.hub_id = obj.floor.building.site.hub_id
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class LeaseRoomInline(admin.TabularInline):
    model = LeaseRoom
    extra = 0
    can_delete = False
    readonly_fields = ["room", "starts_on", "ends_on", "is_active"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Lease)
class LeaseAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "hub", "starts_on", "ends_on", "terminated_on", "status"]
    list_filter = ["hub", "status", "is_generated"]
    search_fields = ["reference", "organisation__search_text"]
    inlines = [LeaseRoomInline]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["title", "room", "starts_at", "ends_at", "status", "kind", "organisation"]
    list_filter = ["room__hub", "status", "kind"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
