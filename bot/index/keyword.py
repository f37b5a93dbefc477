"""The BM25 keyword index over passages (bm25s builds it, with our own tokenisation).

bm25s stores every term's BM25 score per passage (a sparse column per term), so answering only sums the
question's columns. That is done here with numpy on the saved arrays: importing bm25s (and scipy.sparse with it)
took a quarter of a second of every cold `qabot ask`."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..text.words import query_terms

# the files bm25s.BM25.save writes (and load reads)
_ARRAYS = {"data": "data.csc.index.npy", "indices": "indices.csc.index.npy", "indptr": "indptr.csc.index.npy"}
_VOCAB, _PARAMS, _NONOCCURRENCE = "vocab.index.json", "params.index.json", "nonoccurrence_array.index.npy"


class KeywordIndex:
    """BM25 scores for a question against every passage."""

    def __init__(self, arrays: dict[str, np.ndarray], num_docs: int, vocab: dict[str, int],
                 nonoccurrence: np.ndarray | None = None, model: Any = None) -> None:
        self._arrays = arrays
        self._num_docs = num_docs
        self._vocab = vocab
        self._nonoccurrence = nonoccurrence  # bm25s's BM25L / BM25+ only; None for the "lucene" method used here
        self._model = model  # the bm25s model, when built here (to save it)

    @classmethod
    def build(cls, texts: Sequence[str]) -> KeywordIndex:
        # each text is seen once here: the uncached terms keep the passage caches for answering
        return cls.from_tokens([query_terms(t) for t in texts])

    @classmethod
    def from_tokens(cls, token_lists: list[list[str]]) -> KeywordIndex:
        """An index over passages already split into terms (one without any stands for an empty passage)."""
        model = _bm25s().BM25()
        model.index([tokens or ["\u2205"] for tokens in token_lists], show_progress=False)
        scores = model.scores
        return cls({k: scores[k] for k in _ARRAYS}, int(scores["num_docs"]), dict(model.vocab_dict),
                   model.nonoccurrence_array, model)

    @classmethod
    def load(cls, path: Path) -> KeywordIndex:
        """The index bm25s saved at `path`, read without bm25s (ValueError, KeyError or OSError when damaged)."""
        params = json.loads((path / _PARAMS).read_text(encoding="utf-8"))
        vocab = json.loads((path / _VOCAB).read_text(encoding="utf-8"))
        arrays = {k: np.load(path / name, allow_pickle=False) for k, name in _ARRAYS.items()}
        num_docs = int(params["num_docs"])
        data, indices, indptr = arrays["data"], arrays["indices"], arrays["indptr"]
        columns = len(indptr) - 1
        if not isinstance(vocab, dict) or not vocab or columns < 0:
            raise ValueError("the keyword index has no vocabulary")
        ids = {str(k): int(v) for k, v in vocab.items()}
        # every term has its column, but "" (which bm25s adds) may have the id past the last one
        if any(not 0 <= i < columns for t, i in ids.items() if t) or ids.get("", 0) > columns:
            raise ValueError("the keyword index's vocabulary does not fit its columns")
        if (len(indices) != len(data) or int(indptr[0]) != 0 or int(indptr[-1]) != len(indices)
                or bool(np.any(np.diff(indptr) < 0))
                or (len(indices) and (int(indices.min()) < 0 or int(indices.max()) >= num_docs))):
            raise ValueError("the keyword index's arrays do not fit together")
        nonoccurrence = None
        if str(params.get("method", "")).lower() in ("bm25l", "bm25+"):
            nonoccurrence = np.load(path / _NONOCCURRENCE, allow_pickle=False)
            if len(nonoccurrence) < columns:
                raise ValueError("the keyword index's non-occurrence scores do not fit its columns")
        return cls(arrays, num_docs, ids, nonoccurrence)

    def save(self, path: Path) -> None:
        if self._model is None:
            raise ValueError("only an index built here can be saved")
        self._model.save(str(path))

    @property
    def size(self) -> int:
        return self._num_docs

    @property
    def vocabulary(self) -> int:
        return len(self._vocab)

    @property
    def nbytes(self) -> int:
        """What the score arrays take in memory."""
        return sum(int(a.nbytes) for a in self._arrays.values())

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """Each passage's BM25 score for the terms (those the index does not know add nothing)."""
        data, indices, indptr = self._arrays["data"], self._arrays["indices"], self._arrays["indptr"]
        out = np.zeros(self._num_docs, dtype=np.float32)
        columns = len(indptr) - 1
        ids = [i for t in terms if (i := self._vocab.get(t, columns)) < columns]
        for t in ids:
            start, end = int(indptr[t]), int(indptr[t + 1])
            np.add.at(out, indices[start:end], data[start:end])
        if self._nonoccurrence is not None and ids:
            out += self._nonoccurrence[ids].sum()
        return out

    def holding(self, terms: Sequence[str]) -> np.ndarray:
        """Which passages hold every one of the terms (a bool per passage; none for a term the index lacks)."""
        out = np.ones(self._num_docs, dtype=bool) if terms else np.zeros(self._num_docs, dtype=bool)
        indices, indptr = self._arrays["indices"], self._arrays["indptr"]
        columns = len(indptr) - 1
        for t in terms:
            i = self._vocab.get(t, columns)
            if not t or i >= columns:
                return np.zeros(self._num_docs, dtype=bool)
            has = np.zeros(self._num_docs, dtype=bool)
            has[indices[int(indptr[i]):int(indptr[i + 1])]] = True
            out &= has
        return out

    def search(self, question: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) of the `k` best passages with a positive score, best first."""
        query = [t for t in dict.fromkeys(query_terms(question)) if t in self._vocab and t]
        if not query:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        scores = self.scores(query)
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
