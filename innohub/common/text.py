"""Text normalisation for search: the same function prepares stored text and queries."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def search_normalise(text: str) -> str:
    """Full-width to half-width, case-folded, single spaces: comparable across scripts."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "").casefold()).strip()


def search_terms(query: str, limit: int = 8) -> list[str]:
    """The words of a query (at most `limit`), each normalised."""
    return [term for term in search_normalise(query).split(" ") if term][:limit]
