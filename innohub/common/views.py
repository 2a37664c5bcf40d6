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


def _database_is_down(error: BaseException | None) -> bool:
    """A lost or refused connection (not a bad query): the database itself is unavailable."""
    from django.db import InterfaceError, OperationalError

    while error is not None:
        if isinstance(error, InterfaceError | OperationalError):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a translated 503 while the database is away, the usual 500 otherwise.

    Rendered without context processors and without touching the database, which is the
    very thing that may be missing.
    """
    import sys

    from django.template.loader import render_to_string
    from django.utils.translation import gettext

    down = _database_is_down(sys.exc_info()[1])
    status = 503 if down else 500
    if down:
        message = gettext(
            "innohub cannot reach its database at the moment. Nothing you sent has been "
            "saved; please try again in a minute."
        )
    else:
        message = gettext("Something went wrong on our side. It has been logged; please try again.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=status)
    else:
        html = render_to_string("common/error.html", {"status": status, "message": message})
        response = HttpResponse(html, status=status)
    if down:
        response["Retry-After"] = "30"
    return response
