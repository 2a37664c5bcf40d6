"""The OpenAPI document: each shape named once, and every parameter bounded.

django-ninja files every schema under its class name; two apps with a `BookingIn` each would
silently publish one of them for both, and clients (and schemathesis) would send the wrong body.

A path or query parameter without a documented bound lets a client build a URL the server
refuses (414) before the API sees it, or a number the database cannot hold; with every
parameter bounded, the longest request any operation documents still fits the request line
`innohub run` accepts.
"""

import re
from collections import defaultdict
from typing import Any

from ninja import Schema

from innohub.config import gunicorn

# A character outside this set is percent-encoded: up to 12 bytes for one 4-byte character.
URL_SAFE = re.compile(r"^\^\[[-A-Za-z0-9_.,:]+\]\*\$$")


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


def _longest(schema: dict[str, Any], components: dict[str, Any], name: str) -> int | None:
    """The most bytes a value of the schema takes in a URL; None when nothing bounds it."""
    if "$ref" in schema:
        return _longest(components[schema["$ref"].rsplit("/", 1)[1]], components, name)
    if "anyOf" in schema:
        sizes = [_longest(option, components, name) for option in schema["anyOf"]]
        return None if None in sizes else max(sizes)
    if "enum" in schema:
        return max(len(str(value)) for value in schema["enum"]) * 3
    if "const" in schema:
        return len(str(schema["const"])) * 3
    if schema.get("type") in ("integer", "number"):
        # A number out of the database's range finds nothing when it is looked up (Django),
        # and the views clamp the ones they count with; an offset goes to the database as it
        # is, which refuses it past 64 bits: every list pages with innohub's Pagination.
        return 25 if name != "offset" or "maximum" in schema else None
    if schema.get("type") in ("boolean", "null"):
        return 5
    if schema.get("format") in ("date", "date-time", "time", "uuid"):
        return 40 * 3
    if "maxLength" in schema:
        per_character = 1 if URL_SAFE.match(schema.get("pattern", "")) else 12
        return schema["maxLength"] * per_character
    return None


def test_every_parameter_is_bounded_and_the_longest_request_fits_the_server():
    from innohub.config.api import api

    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    unbounded, too_long = [], []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            line = len(method) + len(" HTTP/1.1 ") + len(path)
            for parameter in operation.get("parameters", []):
                size = _longest(parameter["schema"], components, parameter["name"])
                if size is None:
                    unbounded.append(f"{method.upper()} {path} {parameter['name']}")
                    continue
                line += size + len(parameter["name"]) + 2
            if line > gunicorn.limit_request_line:
                too_long.append(f"{method.upper()} {path}: {line} bytes")
    assert not unbounded, "bound these (innohub.common.params, Field(le=...)): " + ", ".join(
        unbounded
    )
    assert not too_long, too_long
