"""The synthetic matchmaking dataset of `innohub generate`: sized, embedded, rankable."""

import pytest

from innohub.common.generate import generate
from innohub.matching import selectors
from innohub.matching.index import index_for
from innohub.matching.models import Listing

pytestmark = pytest.mark.django_db


def test_the_generator_adds_embedded_offers_needs_and_theses(embedder):
    generate(scale="small", seed=3, log=lambda line: None)
    generated = Listing.objects.filter(is_generated=True)
    assert generated.filter(kind="offer").count() == 600
    assert generated.filter(kind="need").count() == 300
    assert generated.filter(kind="thesis").count() == 12
    assert not generated.filter(embedding_model="").exists()
    offers = index_for("offer")
    assert offers.missing_vectors == 0 and offers.index.size > 300  # open, any visibility
    need = generated.filter(kind="need", visibility="public").first()
    result = selectors.listing_matches(user=None, listing=need, limit=5)
    assert len(result.suggestions) == 5 and result.mode == "hybrid"
