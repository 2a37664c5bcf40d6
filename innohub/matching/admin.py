"""Admin for matchmaking records; every change made here also refreshes the ranking index."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.matching.index import index_bump
from innohub.matching.models import Feedback, Introduction, IntroductionEvent, Listing


@admin.register(Listing)
class ListingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "organisation", "hub", "visibility", "status", "language"]
    list_filter = ["kind", "status", "visibility", "language", "hub", "is_generated"]
    search_fields = ["search_text", "organisation__search_text"]
    raw_id_fields = ["organisation", "created_by"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["language", "embedding_model", "embedding_digest", "created_by"]

    def save_model(self, request: Any, obj: Listing, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The text may have changed: the stored vector no longer matches its digest, and
        # `innohub reindex --stale` (or the next save through the pages) recomputes it.
        index_bump(obj.kind)

    def delete_model(self, request: Any, obj: Listing) -> None:
        super().delete_model(request, obj)
        index_bump(obj.kind)


class IntroductionEventInline(admin.TabularInline):
    model = IntroductionEvent
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(Introduction)
class IntroductionAdmin(SimpleHistoryAdmin):
    list_display = ["listing", "counterpart", "hub", "state", "state_since"]
    list_filter = ["state", "hub"]
    raw_id_fields = ["listing", "counterpart", "made_by"]
    inlines = [IntroductionEventInline]


@admin.register(Feedback)
class FeedbackAdmin(SimpleHistoryAdmin):
    list_display = ["user", "listing", "candidate", "verdict", "updated_at"]
    list_filter = ["verdict"]
    raw_id_fields = ["user", "listing", "candidate"]
