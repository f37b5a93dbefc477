"""Synthetic collections for the scale benchmark, shaped like real ones.

Passages are resampled corpus sentences (one to three, shuffled), embedded for real with the
exported model; large collections extend those real vectors by small perturbations, so neighbours
cluster the way real passages do (uniform random vectors would be a worst case that says nothing).
Questions are the evaluation questions plus the first half of random corpus sentences.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..index.embedding import Embedder

REAL_TEXTS = 4000
NOISE = 0.35  # perturbation scale: a copy keeps cosine ~0.94 with the real vector it came from


def resampled_texts(sentences: Sequence[str], n: int, seed: int = 0) -> list[str]:
    """`n` passages, each one to three corpus sentences in random order."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    for _ in range(50 * n):  # distinct passages only: copies would make ties in the exact top-k
        out[" ".join(rng.sample(sentences, rng.randint(1, min(3, len(sentences)))))] = None
        if len(out) == n:
            break
    return list(out)


def resampled_token_lists(sentence_terms: Sequence[Sequence[str]], n: int, seed: int = 0) -> list[list[str]]:
    """The same resampling over pre-tokenised sentences (fast enough for a million passages)."""
    rng = random.Random(seed)
    count = len(sentence_terms)
    out: list[list[str]] = []
    for _ in range(n):
        picked = rng.sample(range(count), rng.randint(1, min(3, count)))
        tokens = [t for i in picked for t in sentence_terms[i]]
        out.append(tokens)
    return out


def questions(sentences: Sequence[str], eval_questions: Sequence[str], n: int = 300, seed: int = 1) -> list[str]:
    """Question-like texts: the evaluation questions, then first halves of random sentences."""
    rng = random.Random(seed)
    out = list(dict.fromkeys(eval_questions))[:n]
    while len(out) < n:
        words = rng.choice(sentences).split()
        out.append(" ".join(words[: max(3, len(words) // 2)]))
    return out


def cached_vectors(cache_dir: Path, embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """The embedder's vectors for `texts` (it batches texts of similar length), cached on disk by model and
    texts (embedding thousands of texts takes a minute)."""
    key = hashlib.sha256(json.dumps([embedder.name, *texts]).encode()).hexdigest()[:16]
    path = cache_dir / f"vectors-{key}.npy"
    if path.is_file():
        return np.load(path)
    vectors = embedder.encode(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def extend(real: np.ndarray, n: int, seed: int = 2, noise: float = NOISE) -> np.ndarray:
    """`n` unit vectors: the real ones first, then small perturbations of randomly chosen real ones."""
    rng = np.random.default_rng(seed)
    out = np.empty((n, real.shape[1]), dtype=np.float32)
    first = min(n, len(real))
    out[:first] = real[:first]
    step = 100_000
    scale = noise / np.sqrt(real.shape[1])
    for start in range(first, n, step):
        stop = min(n, start + step)
        parents = real[rng.integers(0, len(real), stop - start)]
        block = parents + rng.standard_normal(parents.shape, dtype=np.float32) * scale
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Ids of the exact `k` nearest vectors (inner product) of each query: the recall reference."""
    best_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_ids = np.zeros((len(queries), k), dtype=np.int64)
    for start in range(0, len(vectors), 200_000):
        scores = queries @ vectors[start:start + 200_000].T
        ids = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        top = np.take_along_axis(scores, ids, axis=1)
        all_scores = np.concatenate([best_scores, top], axis=1)
        all_ids = np.concatenate([best_ids, ids + start], axis=1)
        keep = np.argsort(-all_scores, axis=1, kind="stable")[:, :k]
        best_scores = np.take_along_axis(all_scores, keep, axis=1)
        best_ids = np.take_along_axis(all_ids, keep, axis=1)
    return best_ids


def recall_at(found: np.ndarray, truth: np.ndarray, vectors: np.ndarray, queries: np.ndarray) -> float:
    """Mean share of the exact top-k that the approximate top-k matches.

    A returned vector scoring at least the exact k-th best counts as a hit (ties are common when
    many passages are near-copies of one sentence, and either of two tied vectors is right)."""
    hits = []
    for f, t, q in zip(found, truth, queries, strict=True):
        kth = float(np.min(vectors[t] @ q))
        f = f[f >= 0]
        hits.append(min(len(t), int(np.sum(vectors[f] @ q >= kth - 1e-6))) / len(t))
    return float(np.mean(hits))
