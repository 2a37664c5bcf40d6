"""Regenerate the demo's shipped vectors: `python -m innohub.matching.demo_vectors`.

Run it after changing the text of a demo listing or the embedding model; the test suite says
when it is needed.
"""

from __future__ import annotations

import os
import sys

import numpy as np


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innohub.config.settings.base")
    import django

    django.setup()
    from innohub.matching.demo import VECTORS_FILE, all_listing_texts
    from innohub.matching.embedding import get_embedder
    from innohub.matching.index import embed_listing_texts, embedding_digest

    embedder = get_embedder()
    if embedder is None:
        print("The embedding model is unavailable.", file=sys.stderr)
        return 1
    digests, vectors = [], []
    for kind, texts in all_listing_texts():
        digest = embedding_digest(kind, texts, embedder.name)
        if digest in digests:
            continue
        vector = embed_listing_texts(embedder, kind, texts)
        if vector is not None:
            digests.append(digest)
            vectors.append(vector)
    VECTORS_FILE.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        VECTORS_FILE,
        model=np.array(embedder.name),
        digests=np.array(digests),
        vectors=np.asarray(vectors, dtype=np.float32),
    )
    print(f"{len(digests)} vectors for {embedder.name} written to {VECTORS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
