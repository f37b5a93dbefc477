"""The dense vector store: FAISS inner-product search over normalised vectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import numpy as np


class VectorStore(Protocol):
    """Nearest passages by cosine similarity."""

    params: dict[str, Any]

    @property
    def size(self) -> int: ...

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the `k` nearest vectors to one query vector, best first."""
        ...

    def save(self, path: Path) -> None: ...


class FaissStore:
    """A FAISS index; exact (flat) search is the default for small collections."""

    def __init__(self, index: Any, params: dict[str, Any]) -> None:
        self.index = index
        self.params = params

    @classmethod
    def build(cls, vectors: np.ndarray) -> "FaissStore":
        import faiss

        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index, {"type": "flat", "metric": "inner_product"})

    @classmethod
    def load(cls, path: Path, params: dict[str, Any]) -> "FaissStore":
        import faiss

        return cls(faiss.read_index(str(path)), params)

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.size)
        if k <= 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))
