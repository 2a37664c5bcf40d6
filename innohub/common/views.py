"""Health probes and the trivial endpoint benchmarks compare against."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up; never touches the database."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready to serve: the database answers and every migration has been applied."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return JsonResponse(
            {"ready": False, "reason": f"database: {exc.__class__.__name__}"}, status=503
        )
    if pending:
        return JsonResponse(
            {"ready": False, "reason": f"{len(pending)} migrations pending"}, status=503
        )
    return JsonResponse({"ready": True})


def ping(request: HttpRequest) -> HttpResponse:
    """A constant answer: the baseline every benchmark figure is divided by."""
    return HttpResponse("pong", content_type="text/plain")
