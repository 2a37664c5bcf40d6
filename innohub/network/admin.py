from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from innohub.network.models import Hub, Network


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name", "founded_on"]


@admin.register(Hub)
class HubAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name", "network", "opened_on", "is_public"]
    search_fields = ["slug", "name"]
    list_filter = ["network", "is_public"]
