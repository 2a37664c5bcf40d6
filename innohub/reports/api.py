"""API endpoints: Reports."""

from ninja import Router

router = Router(tags=["reports"])
