"""The REST API at /api/v1/: one NinjaAPI, a router per app, shared errors and auth."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from innohub.accounts.api import router as accounts_router
from innohub.accounts.api_auth import AUTH_REQUIRED
from innohub.common.api import router as imports_router
from innohub.directory.api import router as directory_router
from innohub.events.api import router as events_router
from innohub.ip.api import router as ip_router
from innohub.matching.api import router as matching_router
from innohub.network.api import router as network_router
from innohub.portal.api import router as portal_router
from innohub.relations.api import router as relations_router
from innohub.reports.api import router as reports_router
from innohub.servicedesk.api import router as servicedesk_router
from innohub.spaces.api import router as spaces_router

ERROR_RESPONSES = {
    "400": "The data is not valid (details per field).",
    "401": "Not signed in, or the token is wrong or revoked.",
    "403": "Signed in, but not allowed to do this (or the CSRF token is missing).",
    "404": "Not found, or not visible to you.",
    "422": "The request does not match the schema.",
}


class InnohubAPI(NinjaAPI):
    """Documents the error answers every operation can give, so clients and fuzzers know them."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {
            "type": "object",
            "properties": {
                "detail": {},
                "errors": {"type": "object", "additionalProperties": {"type": "array"}},
            },
            "required": ["detail"],
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for code, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        code,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": error}},
                        },
                    )
        return schema


api = InnohubAPI(
    title="innohub API",
    version="1",
    description=(
        "The innohub REST API. Authenticate with a session cookie (plus the CSRF token for "
        "writes) or with `Authorization: Bearer <token>` using a personal token created "
        "under Account → API tokens."
    ),
    auth=AUTH_REQUIRED,
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return api.create_response(
        request, {"detail": _("The data is not valid."), "errors": errors}, status=400
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(exc) or _("You do not have permission to do this.")}, status=403
    )


api.add_router("/accounts/", accounts_router)
api.add_router("/network/", network_router)
api.add_router("/imports/", imports_router)
api.add_router("/directory/", directory_router)
api.add_router("/portal/", portal_router)
api.add_router("/spaces/", spaces_router)
api.add_router("/ip/", ip_router)
api.add_router("/events/", events_router)
api.add_router("/relations/", relations_router)
api.add_router("/matching/", matching_router)
api.add_router("/services/", servicedesk_router)
api.add_router("/reports/", reports_router)
