"""API shapes for hubs and networks."""

from datetime import date

from ninja import Schema


class NetworkOut(Schema):
    slug: str
    name: dict[str, str]
    founded_on: date | None


class HubOut(Schema):
    slug: str
    name: dict[str, str]
    short_name: dict[str, str]
    city: dict[str, str]
    province: dict[str, str]
    address: dict[str, str]
    country: str
    opened_on: date | None
    time_zone: str
    network: str | None
    members: int | None = None

    @staticmethod
    def resolve_network(obj: object) -> str | None:
        network = getattr(obj, "network", None)
        return network.slug if network else None
