"""Admin views of the IP portfolio, for inspection only: the pages and the API do the editing,
because every change of dates or status recomputes the deadlines."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.ip.models import Asset, AssetEvent, Deadline, HubIpSettings, NiceClass, Reminder


class AssetEventInline(admin.TabularInline):
    model = AssetEvent
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


class NiceClassInline(admin.TabularInline):
    model = NiceClass
    extra = 0


class DeadlineInline(admin.TabularInline):
    model = Deadline
    extra = 0
    can_delete = False
    fields = ["kind", "sequence", "due", "shifted_from", "grace_ends", "state", "done_on"]
    readonly_fields = fields


@admin.register(Asset)
class AssetAdmin(SimpleHistoryAdmin):
    list_display = ["number", "type", "status", "hub", "filed_on", "expires_on", "is_generated"]
    list_filter = ["hub", "type", "status", "is_generated"]
    search_fields = ["search_text", "number"]
    raw_id_fields = ["owners", "products"]
    inlines = [NiceClassInline, AssetEventInline, DeadlineInline]

    # Changes go through the pages and API, which recompute the deadlines.
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(HubIpSettings)
class HubIpSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["hub", "reminder_days"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "user", "lead_days", "due", "emailed_at", "dismissed_at"]
    list_filter = ["lead_days"]
    raw_id_fields = ["deadline", "user"]
