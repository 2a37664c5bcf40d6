"""The service desk in Django's admin, for network administrators fixing records by hand."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.servicedesk.models import (
    Expert,
    OfficeHour,
    OfficeHourBooking,
    Programme,
    ProgrammeApplication,
    ProgrammeWindow,
    ProviderAccreditation,
    RequestEvent,
    RequestMessage,
    Service,
    ServiceRequest,
)


@admin.register(ProviderAccreditation)
class ProviderAccreditationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "hub", "accredited_on", "valid_until"]
    list_filter = ["hub"]
    raw_id_fields = ["organisation"]


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hub", "category", "provider", "target_response_hours", "is_active"]
    list_filter = ["hub", "category", "is_active"]
    raw_id_fields = ["provider"]


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    readonly_fields = ["from_state", "to_state", "at", "by", "side", "note"]


class RequestMessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0
    readonly_fields = ["author", "side", "created_at", "attachment_name"]
    fields = ["author", "side", "created_at", "body", "attachment_name"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(SimpleHistoryAdmin):
    list_display = ["pk", "subject", "hub", "service", "organisation", "state", "submitted_at"]
    list_filter = ["hub", "state"]
    search_fields = ["subject"]
    raw_id_fields = ["organisation", "provider", "requested_by", "service"]
    readonly_fields = ["response_minutes", "completion_minutes", "waited", "waiting_since"]
    inlines = [RequestEventInline, RequestMessageInline]


class ProgrammeWindowInline(admin.TabularInline):
    model = ProgrammeWindow
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hub", "funder_kind", "is_rolling", "is_public"]
    list_filter = ["hub", "funder_kind"]
    raw_id_fields = ["funder"]
    inlines = [ProgrammeWindowInline]


@admin.register(ProgrammeApplication)
class ProgrammeApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "organisation", "state", "state_since", "amount_granted"]
    list_filter = ["state", "programme__hub"]
    raw_id_fields = ["organisation", "created_by"]


@admin.register(Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["person", "hub", "kind", "languages", "can_judge", "is_public"]
    list_filter = ["hub", "kind", "can_judge"]
    raw_id_fields = ["person"]


class OfficeHourBookingInline(admin.TabularInline):
    model = OfficeHourBooking
    extra = 0
    raw_id_fields = ["organisation", "booked_by", "cancelled_by"]


@admin.register(OfficeHour)
class OfficeHourAdmin(admin.ModelAdmin):
    list_display = ["expert", "starts_at", "ends_at", "mode", "location"]
    list_filter = ["mode", "expert__hub"]
    raw_id_fields = ["expert", "created_by"]
    inlines = [OfficeHourBookingInline]
