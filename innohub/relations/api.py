"""API endpoints: Delegations and agreements."""

from ninja import Router

router = Router(tags=["relations"])
