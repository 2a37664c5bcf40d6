"""API endpoints about the signed-in user."""

from django.http import HttpRequest
from ninja import Router, Schema

from innohub.accounts.access import grants_for
from innohub.accounts.api_auth import api_user

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    display_name: str
    language: str
    network_admin: bool
    staff_hubs: list[int]
    ip_officer_hubs: list[int]
    judge_hubs: list[int]
    organisations: list[int]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict:
    user = api_user(request)
    grants = grants_for(user)
    return {
        "username": user.username,
        "display_name": str(user),
        "language": user.language,
        "network_admin": grants.network_admin,
        "staff_hubs": sorted(grants.staff_hubs),
        "ip_officer_hubs": sorted(grants.ip_officer_hubs),
        "judge_hubs": sorted(grants.judge_hubs),
        "organisations": sorted(grants.organisations),
    }
