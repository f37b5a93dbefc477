"""The BM25 keyword index over passages (bm25s, with our own tokenisation)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..text.words import query_terms


class KeywordIndex:
    """BM25 scores for a question against every passage."""

    def __init__(self, model) -> None:  # type: ignore[no-untyped-def]
        self._model = model
        self._vocab: dict[str, int] = model.vocab_dict

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        # each text is seen once here: the uncached terms keep the passage caches for answering
        return cls.from_tokens([query_terms(t) for t in texts])

    @classmethod
    def from_tokens(cls, token_lists: list[list[str]]) -> KeywordIndex:
        """An index over passages already split into terms (one without any stands for an empty passage)."""
        model = _bm25s().BM25()
        model.index([tokens or ["\u2205"] for tokens in token_lists], show_progress=False)
        return cls(model)

    @classmethod
    def load(cls, path: Path) -> KeywordIndex:
        return cls(_bm25s().BM25.load(str(path)))

    def save(self, path: Path) -> None:
        self._model.save(str(path))

    @property
    def size(self) -> int:
        return int(self._model.scores["num_docs"])

    @property
    def vocabulary(self) -> int:
        return len(self._vocab)

    @property
    def nbytes(self) -> int:
        """What the score arrays take in memory."""
        return sum(int(a.nbytes) for a in self._model.scores.values() if isinstance(a, np.ndarray))

    def search(self, question: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the `k` best passages with a positive score, best first."""
        query = [t for t in dict.fromkeys(query_terms(question)) if t in self._vocab]
        if not query:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores = self._model.get_scores(query)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        top = top[scores[top] > 0]
        return top.astype(np.int64), scores[top].astype(np.float32)


def _bm25s() -> Any:
    """The bm25s module, imported late, with its logger back at WARNING (it sets itself to DEBUG)."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s
