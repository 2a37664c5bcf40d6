"""The OpenAPI document names each request and answer shape once: no two apps share a name.

django-ninja files every schema under its class name; two apps with a `BookingIn` each would
silently publish one of them for both, and clients (and schemathesis) would send the wrong body.
"""

from collections import defaultdict

from ninja import Schema


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def test_it_publishes_each_schema_name_for_one_class_only():
    from innohub.config.api import api

    components = api.get_openapi_schema()["components"]["schemas"]
    owners: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("innohub.") and cls.__name__ in components:
            owners[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    clashes = {name: sorted(where) for name, where in owners.items() if len(where) > 1}
    assert not clashes, f"rename one of each: {clashes}"
