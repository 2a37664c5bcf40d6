"""API endpoints: Spaces."""

from ninja import Router

router = Router(tags=["spaces"])
