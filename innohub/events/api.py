"""API endpoints: Events."""

from ninja import Router

router = Router(tags=["events"])
