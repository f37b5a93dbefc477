"""The scale benchmark: approximate vs exact vector search, and BM25, on large synthetic collections.

Run as `python -m bot.bench.scale N` (one process per size, so its memory figures are its own);
prints one JSON object. `qabot bench --scale N` runs it for you.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import numpy as np

from ..config import Settings
from ..engine.retrieval import WIDE  # what retrieval asks the vector store and BM25 for
from ..evaluation.measure import peak_rss_mb, percentile, rss_mb
from ..index.vectors import FaissStore, choose_params
from . import data as bd

K = 10
NPROBES = (8, 16, 32, 64)
EXACT_QUERIES = 60


def percentiles(ms: list[float]) -> dict[str, float]:
    return {"p50": percentile(ms, 50), "p95": percentile(ms, 95)}


def timed_searches(search: Any, queries: np.ndarray, k: int) -> tuple[list[float], np.ndarray]:
    """Per-query milliseconds and found ids, one query at a time (as a bot answers)."""
    ms: list[float] = []
    found = np.full((len(queries), k), -1, dtype=np.int64)
    for i, q in enumerate(queries):
        started = time.perf_counter()
        ids, _ = search(q, k)
        ms.append((time.perf_counter() - started) * 1000)
        found[i, : len(ids)] = ids[:k]
    return ms, found


def ivf_bytes(index: Any) -> int:
    """What an IVF-flat index holds: vectors and ids in its lists, the centroids, the id map."""
    import faiss

    ivf = faiss.extract_index_ivf(index)
    return int(ivf.ntotal * (ivf.code_size + 8) + ivf.nlist * ivf.d * 4 + ivf.ntotal * 8)


def run_scale(n: int, settings: Settings) -> dict[str, Any]:
    """Build, memory, latency and recall figures for `n` synthetic passages."""
    from ..evaluation.metrics import QUESTIONS, question_texts
    from ..index.encoders import query_embedder
    from ..index.store import load_index

    cache = settings.data_dir / "bench"
    index = load_index(settings.index_dir)
    sentences = [s.text for s in index.sentences]
    embedder = query_embedder(settings, index)
    real = bd.cached_vectors(cache, embedder, bd.resampled_texts(sentences, bd.REAL_TEXTS))
    asked = bd.questions(sentences, question_texts(QUESTIONS))  # the evaluation set, then half-sentences
    queries = bd.cached_vectors(cache, embedder, asked)
    vectors = bd.extend(real, n)
    truth = bd.exact_top(vectors, queries, K)
    out: dict[str, Any] = {"passages": n, "real_vectors": len(real), "questions": len(queries),
                           "encoder": type(embedder).__name__}

    before = rss_mb()
    started = time.perf_counter()
    params = choose_params(n, exact_max=0)
    store = FaissStore.build(vectors, params)
    out["ann"] = {"params": params, "build_s": round(time.perf_counter() - started, 2),
                  "memory_mb": round(rss_mb() - before, 1), "index_mb": round(ivf_bytes(store.index) / 1e6, 1)}
    ivf = store.index
    sweep = []
    for nprobe in sorted({*NPROBES, params["nprobe"]}):  # the chosen one too (25 at 1,000 passages)
        ivf.nprobe = nprobe
        ms, found = timed_searches(store.search, queries, WIDE)  # timed as retrieval asks; best first, so
        recall = round(bd.recall_at(found[:, :K], truth, vectors, queries), 4)  # its first K are a K-search
        sweep.append({"nprobe": nprobe, "recall_at_10": recall, "ms": percentiles(ms)})
    out["ann"]["sweep"] = sweep
    chosen = next(s for s in sweep if s["nprobe"] == params["nprobe"])
    out["ann"].update(recall_at_10=chosen["recall_at_10"], ms=chosen["ms"])
    del store, ivf

    flat = FaissStore.build(vectors, {"type": "flat", "metric": "inner_product"})  # searches with one thread
    ms, _ = timed_searches(flat.search, queries[:EXACT_QUERIES], WIDE)
    out["exact"] = {"ms": percentiles(ms), "questions": EXACT_QUERIES}
    del flat, vectors

    out["bm25"] = bm25_scale(n, sentences, asked)
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return out


def bm25_scale(n: int, sentences: list[str], question_texts: list[str]) -> dict[str, Any]:
    """Index `n` resampled passages with bm25s and time keyword search for each question."""
    from ..index.keyword import KeywordIndex
    from ..text.words import terms

    tokens = bd.resampled_token_lists([terms(s) for s in sentences], n)
    started = time.perf_counter()
    keyword = KeywordIndex.from_tokens(tokens)
    build_s = time.perf_counter() - started
    del tokens
    ms, _ = timed_searches(keyword.search, np.array(question_texts, dtype=object), WIDE)
    return {"build_s": round(build_s, 2), "index_mb": round(keyword.nbytes / 1e6, 1),
            "vocabulary": keyword.vocabulary, "ms": percentiles(ms)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 100_000
    print(json.dumps(run_scale(n, Settings.from_env())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
