"""API endpoints: Intellectual property."""

from ninja import Router

router = Router(tags=["ip"])
