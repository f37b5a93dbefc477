"""The dense vector store: FAISS inner-product search over normalised vectors.

Small collections get an exact flat index; past EXACT_MAX vectors an inverted-file index (IVF)
searches only the `nprobe` nearest of `nlist` clusters. The choice and its parameters are recorded
in the manifest (`vector_index`), and loading applies them. Figures behind the numbers come from
`qabot bench --scale` on the 2-core machine (see README, "Speed").
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

# Exact search of one question took 0.96 ms p50 at 20,000 vectors, 3.0 ms at 50,000 and 58.6 ms at
# 1,000,000 on one core here, while IVF stays under 1 ms at recall@10 >= 0.99: exact results are kept
# while they cost at most ~1 ms (a third of the per-question budget) and need no training.
EXACT_MAX = 20_000
# nlist ~ 4 * sqrt(n); nprobe 32 measured: recall@10 0.998 / 0.994 / 0.999 at 20,000 / 100,000 /
# 1,000,000 synthetic passages in 0.09 / 0.22 / 0.75 ms p50 (nprobe 8 drops to ~0.96-0.97).
NPROBE = 32
MIN_NLIST, MAX_NLIST = 256, 16_384
TRAIN_PER_LIST = 40  # k-means training points per cluster (FAISS warns below 39)
TRAIN_ITERATIONS = 10  # k-means rounds; FAISS's default 25 triples the build time for no recall gain here
SEARCH_THREADS = 1  # one question at a time: OpenMP threads only contend on a small, shared machine


def choose_params(n: int, exact_max: int | None = None, nprobe: int | None = None) -> dict[str, Any]:
    """The index kind and parameters for a collection of `n` vectors (defaults: EXACT_MAX, NPROBE)."""
    if n <= (EXACT_MAX if exact_max is None else exact_max):
        return {"type": "flat", "metric": "inner_product"}
    nlist = min(max(2 ** round(math.log2(4 * math.sqrt(n))), MIN_NLIST), MAX_NLIST)
    nlist = max(1, min(nlist, n // TRAIN_PER_LIST))
    return {"type": "ivf", "metric": "inner_product", "nlist": int(nlist),
            "nprobe": int(min(NPROBE if nprobe is None else nprobe, nlist)),
            "train_size": int(min(n, nlist * TRAIN_PER_LIST)), "train_iterations": TRAIN_ITERATIONS}


class FaissStore:
    """A FAISS index, exact (flat) or approximate (IVF), described by `params`."""

    def __init__(self, index: Any, params: dict[str, Any]) -> None:
        self.index = index
        self.params = params

    @classmethod
    def build(cls, vectors: np.ndarray, params: dict[str, Any] | None = None, seed: int = 0,
              lookups: bool = True) -> FaissStore:
        """An index over `vectors` (unit rows); `params` defaults to choose_params(len(vectors)); `lookups`
        as in `load` (an IVF store saves its id map with it)."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        params = params or choose_params(len(vectors))
        index: Any
        if params["type"] == "flat":
            index = faiss.IndexFlatIP(vectors.shape[1])
        elif params["type"] == "ivf":
            quantizer = faiss.IndexFlatIP(vectors.shape[1])
            index = faiss.IndexIVFFlat(quantizer, vectors.shape[1], params["nlist"], faiss.METRIC_INNER_PRODUCT)
            index.cp.niter = int(params.get("train_iterations", TRAIN_ITERATIONS))
            sample = np.random.default_rng(seed).permutation(len(vectors))[: params["train_size"]]
            index.train(vectors[np.sort(sample)])
        else:
            raise ValueError(f"unknown vector index type {params['type']!r}: use 'flat' or 'ivf'")
        index.add(vectors)
        return cls._ready(index, params, lookups)

    @classmethod
    def load(cls, path: Path, params: dict[str, Any], lookups: bool = True) -> FaissStore:
        """The saved index with the manifest's search parameters applied; `lookups=False` for a store only
        searched, never asked for `vectors` (an IVF store then skips its id map, 8 bytes a vector)."""
        import faiss

        return cls._ready(faiss.read_index(str(path)), params, lookups)

    @classmethod
    def _ready(cls, index: Any, params: dict[str, Any], lookups: bool = True) -> FaissStore:
        import faiss

        if params.get("type") == "ivf":
            ivf = faiss.extract_index_ivf(index)
            ivf.nprobe = int(params["nprobe"])
            if lookups:
                ivf.make_direct_map()  # reconstruct(id): dense scores of keyword-only hits
        return cls(index, params)

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
        import faiss

        threads = faiss.omp_get_max_threads()  # this thread's OpenMP setting, shared with torch: restore it
        faiss.omp_set_num_threads(SEARCH_THREADS)
        try:
            scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        finally:
            faiss.omp_set_num_threads(threads)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of `ids`, one row each."""
        return np.stack([self.index.reconstruct(int(i)) for i in ids])

    def save(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path))
