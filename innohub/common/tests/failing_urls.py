"""A URL map with one view that fails, to see the 500 page the platform answers with."""

from django.urls import path

from innohub.config.urls import urlpatterns as real_patterns


def boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("a bug, not an outage")


handler500 = "innohub.common.views.server_error"
urlpatterns = [path("boom/", boom), *real_patterns]
