from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.directory.models import (
    Membership,
    MembershipEvent,
    Organisation,
    Person,
    Product,
    Sector,
)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "position", "is_builtin"]


class MembershipEventInline(admin.TabularInline):
    model = MembershipEvent
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["sort_name", "kind", "country", "is_public", "is_generated"]
    list_filter = ["kind", "country", "is_public", "is_generated"]
    search_fields = ["search_text", "slug"]
    filter_horizontal = ["sectors"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "hub", "state", "state_since", "member_from", "member_until"]
    list_filter = ["hub", "state"]
    inlines = [MembershipEventInline]
    raw_id_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "is_public"]
    raw_id_fields = ["organisation", "user"]


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "sector", "is_public"]
    raw_id_fields = ["organisation"]
