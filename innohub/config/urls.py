"""Top-level URL map: one include per app, the API, health probes and the admin."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from innohub.common import views as common_views
from innohub.common.search_select import search_select
from innohub.config.api import api

# A database outage answers a translated 503 (pages and API), not a traceback.
handler500 = "innohub.common.views.server_error"

urlpatterns = [
    path("healthz", common_views.healthz, name="healthz"),
    path("readyz", common_views.readyz, name="readyz"),
    path("ping", common_views.ping, name="ping"),
    path("search-select/", search_select, name="search_select"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("innohub.accounts.urls")),
    path("imports/", include("innohub.common.urls")),
    path("trash/", include("innohub.common.trash_urls")),
    path("hubs/", include("innohub.network.urls")),
    path("directory/", include("innohub.directory.urls")),
    path("spaces/", include("innohub.spaces.urls")),
    path("ip/", include("innohub.ip.urls")),
    path("events/", include("innohub.events.urls")),
    path("relations/", include("innohub.relations.urls")),
    path("matching/", include("innohub.matching.urls")),
    path("services/", include("innohub.servicedesk.urls")),
    path("reports/", include("innohub.reports.urls")),
    path("", include("innohub.portal.urls")),
]
