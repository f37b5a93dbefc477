"""Dense and keyword retrieval, fused by reciprocal rank, with near-duplicates collapsed."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

import numpy as np

from ..index.store import IndexData
from ..models import Chunk, Passage
from ..text.words import term_set

RRF_K = 60
WIDE = 50


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds 1 / (k + rank) to the ids it ranks (rank from 1)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def jaccard(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


@lru_cache(maxsize=65536)
def near_copies(a: str, b: str, threshold: float) -> bool:
    """Whether two texts' term sets have Jaccard >= threshold (cached: the same passages meet again and again)."""
    x, y = term_set(a), term_set(b)
    small, large = sorted((len(x), len(y)))
    if not small or small < threshold * large * (1 - 1e-9):  # jaccard <= small / large: cannot reach it
        return False
    return jaccard(x, y) >= threshold


def collapse_duplicates(ids: Sequence[int], texts: Sequence[str], threshold: float = 0.8,
                        limit: int | None = None) -> list[int]:
    """`ids` in order, without any whose text is a near-copy (term Jaccard >= threshold) of an earlier one;
    at most `limit` of them."""
    kept: list[int] = []
    kept_texts: list[str] = []
    for i, text in zip(ids, texts, strict=False):
        if limit is not None and len(kept) >= limit:
            break
        if any(near_copies(other, text, threshold) for other in kept_texts):
            continue
        kept.append(i)
        kept_texts.append(text)
    return kept


def retrieve(index: IndexData, question: str, query_vector: np.ndarray, mode: str = "hybrid",
             k: int = 8, wide: int = WIDE, words: str = "", scored_by: np.ndarray | None = None) -> list[Passage]:
    """The `k` best passages for a question, best first. `words`, with mode "sentence": English words the
    question was heard to use (a Korean or Japanese question's names and loanwords), searched as keywords too.
    `scored_by`: the vector the passages' `dense` cosines are taken with, when it is not the one searched with."""
    nothing = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32))
    # (the passages' own vectors rank nothing in "sentence" mode: their cosines are taken for the chosen few below)
    searched = mode not in ("keyword", "sentence")
    dense_ids, dense_scores = index.vectors.search(query_vector, wide) if searched else nothing
    if mode == "sentence":
        kw_ids, kw_scores = index.keyword.search(words, wide) if words else nothing
    else:
        kw_ids, kw_scores = index.keyword.search(question, wide) if mode != "dense" else nothing
    dense = dict(zip(dense_ids.tolist(), dense_scores.tolist()))
    keyword = dict(zip(kw_ids.tolist(), kw_scores.tolist()))
    by_sentence: list[int] = []
    if mode != "keyword":  # passages ranked by their best sentence: finds a one-sentence aside in a passage
        sentence_ids, _ = index.sentence_store.search(query_vector, wide)
        by_sentence = list(dict.fromkeys(index.sentence_chunk[i] for i in sentence_ids.tolist()))
    # "sentence": passages in the order of their best sentence alone (the Korean and Japanese path, where the
    # words cannot match and whole-passage vectors blur a cross-lingual match)
    fused = rrf([by_sentence, kw_ids.tolist()] if mode == "sentence" else
                [dense_ids.tolist(), kw_ids.tolist(), by_sentence])
    order = sorted(fused, key=lambda i: (-fused[i], i))
    order = collapse_duplicates(order[: 3 * k], [index.chunks[i].text for i in order[: 3 * k]], limit=k)
    missing = [i for i in order if i not in dense or scored_by is not None]
    if missing:  # dense score of keyword-only hits (of every passage in "sentence" mode), for scoring and abstention
        vector = query_vector if scored_by is None else scored_by
        dense.update(zip(missing, (index.vectors.vectors(missing) @ vector).tolist()))
    return [Passage(index.chunks[i], fused.get(i, 0.0), dense.get(i, 0.0), keyword.get(i, 0.0)) for i in order]


def with_passage(passages: list[Passage], chunk: Chunk, sid: int) -> list[Passage]:
    """`passages` with `chunk` added, scored as their best, when none holds sentence `sid`: an answer found in a
    sentence retrieval left out (a lifespan in an article's opening, an acronym spelled out elsewhere) is cited."""
    if any(sid in p.chunk.sentence_ids for p in passages):
        return passages
    top = passages[0] if passages else None
    return [*passages, Passage(chunk, top.score if top else 0.0, top.dense if top else 0.0)]
