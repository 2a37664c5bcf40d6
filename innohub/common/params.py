"""Types of API query parameters.

Every free-text filter documents a maximum length, so that a request with every filter of an
operation at its longest (in any script, percent-encoded) still fits the request line the
server accepts (8 KiB, `innohub run`).
"""

from typing import Annotated

from pydantic import StringConstraints

# A slug, a code, a state or a kind: ASCII, so its length is its length on the wire.
Key = Annotated[str, StringConstraints(max_length=100, pattern=r"^[-A-Za-z0-9_.,:]*$")]
SearchText = Annotated[str, StringConstraints(max_length=200)]
