from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.relations.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Delegation,
    DelegationMember,
    FollowUp,
    Milestone,
    Signatory,
    Visit,
    VisitStop,
)


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0
    raw_id_fields = ["person", "organisation"]


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "hub", "origin_country", "organisation", "is_generated"]
    list_filter = ["hub", "origin_country", "is_generated"]
    raw_id_fields = ["organisation"]
    inlines = [DelegationMemberInline]


class VisitStopInline(admin.StackedInline):
    model = VisitStop
    extra = 0
    raw_id_fields = ["host_organisation", "people"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ["owner", "owner_organisation"]


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "hub",
        "direction",
        "status",
        "starts_on",
        "date_precision",
        "is_public",
    ]
    list_filter = ["hub", "direction", "status", "is_public", "is_generated"]
    search_fields = ["search_text"]
    raw_id_fields = ["delegation"]
    inlines = [VisitStopInline, FollowUpInline]


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 0
    raw_id_fields = ["organisation"]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    raw_id_fields = ["person", "party"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class DocumentInline(admin.TabularInline):
    model = AgreementDocument
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "is_public", "deleted_at"]
    readonly_fields = ["original_name", "content_type", "size", "deleted_at"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # uploads go through the page, which checks the file


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "hub", "kind", "status", "signed_on", "is_confidential"]
    list_filter = ["hub", "kind", "status", "is_confidential", "is_generated"]
    search_fields = ["search_text", "reference"]
    raw_id_fields = ["visit"]
    filter_horizontal = ["sectors"]
    inlines = [PartyInline, SignatoryInline, MilestoneInline, DocumentInline]
