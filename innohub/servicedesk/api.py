"""API endpoints: Services and support programmes."""

from ninja import Router

router = Router(tags=["servicedesk"])
