"""The sentence matcher at answer time: a model that turns each word of a text into a vector (late interaction, as
ColBERT does), so that a sentence scores by how well each of the question's words finds its match among the
sentence's words. The sentences' vectors are made once per index (`matcher_vectors`, stored beside it), so a
question costs one short pass of the model over the question alone. An ONNX graph run by onnxruntime; no torch.

Trained here (scripts/train_matcher.py, card: models/matcher/README.md); the engine orders the rules' best sentences
with it (bot/engine/ranking.py)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError
from .model import TOKENIZER, open_model
from .windows import batch, single

log = logging.getLogger(__name__)

GRAPH, META = "matcher.onnx", "matcher.json"
FORMAT = 1
MAX_QUESTION = 48  # word pieces of a question with [CLS] and [SEP], as trained
MAX_TOKENS = 96  # of a sentence ("title. sentence") likewise
STORED = "matcher"  # the folder, in an index version, of the sentences' vectors
STORED_FORMAT = 1  # how they were made (each sentence read alone); another format is made again


class Matches(Protocol):
    """What the engine uses of a matcher (the bench times it through this)."""

    @property
    def fingerprint(self) -> str: ...

    def vectors(self, texts: Sequence[str], limit: int | None = None) -> list[np.ndarray]: ...

    def question(self, text: str) -> np.ndarray: ...


class MatcherError(ModelError):
    """The matcher's files are missing or cannot be loaded (a ModelError: its message says what to set)."""


class Matcher:
    """Word vectors of texts (`vectors`) and of a question (`question`), scored against a sentence's by `score`."""

    def __init__(self, directory: Path | str) -> None:
        directory = Path(directory)
        meta, self.pieces, self.session = open_model(directory, META, GRAPH, FORMAT, MatcherError,
                                                     "sentence matcher", "QABOT_MATCHER")
        self.directory = directory
        self.meta = meta
        self.max_question = int(meta.get("max_question", MAX_QUESTION))
        self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.fingerprint = fingerprint(directory)

    def vectors(self, texts: Sequence[str], limit: int | None = None) -> list[np.ndarray]:
        """Each text's word-piece vectors (unit length; no [CLS], [SEP] or padding), one array (pieces, dim) each."""
        limit = limit or self.max_tokens
        windows = [single(self.pieces, t, limit) for t in texts]
        if not windows:
            return []
        feeds = batch(windows, self.pieces.pad)
        (out,) = self.session.run(None, {n: feeds[n] for n in self.inputs})
        return [np.asarray(out[i, 1:w.count + 1], dtype=np.float32) for i, w in enumerate(windows)]

    def question(self, text: str) -> np.ndarray:
        return self.vectors([text], self.max_question)[0]


def fingerprint(directory: Path) -> str:
    """Which matcher made an index's stored vectors: its meta and tokenizer, and its graph's size and first and last
    64 KiB (hashing all of its 23 MB would add a tenth of the time a cold start takes to every start)."""
    graph = directory / GRAPH
    size = graph.stat().st_size
    with graph.open("rb") as f:
        head = f.read(65536)
        f.seek(max(0, size - 65536))
        tail = f.read()
    digest = hashlib.sha256(str(size).encode() + head + tail)
    for name in (META, TOKENIZER):
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:16]


def score(question: np.ndarray, sentence: np.ndarray) -> float:
    """How well the question's words find their match in the sentence: the mean, over the question's word pieces,
    of the best cosine among the sentence's (0 when either has none)."""
    if not len(question) or not len(sentence):
        return 0.0
    return float((question @ sentence.T).max(axis=1).mean())


@dataclass(frozen=True)
class WordVectors:
    """Every sentence's word vectors of one index, for one matcher: rows offsets[i]:offsets[i + 1] of `vectors`."""

    vectors: np.ndarray  # (pieces, dim) float16
    offsets: np.ndarray  # (sentences + 1,) int64

    def of(self, sid: int) -> np.ndarray:
        return self.span(sid, sid)

    def span(self, first: int, last: int) -> np.ndarray:
        """The vectors of sentences first..last together (each read alone, with its title)."""
        return np.asarray(self.vectors[self.offsets[first]:self.offsets[last + 1]], dtype=np.float32)


def matcher_vectors(matcher: Matches, index_path: Path, texts: Sequence[str]) -> WordVectors:
    """The index's sentences' vectors (`texts`: each sentence as the matcher reads it), made once and stored in the
    index version's folder, one folder a matcher (two matchers used on one index keep each their own); made again
    when it holds another count or format. Writing is best-effort: an index that cannot be written is matched from
    memory."""
    where = index_path / STORED / matcher.fingerprint
    found = _stored(where, matcher.fingerprint, len(texts))
    if found is not None:
        return found
    made = _make(matcher, texts)
    tmp = where.with_name(f"{where.name}.{os.getpid()}.tmp")  # one a process: two starting at once write their own
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        np.save(tmp / "vectors.npy", made.vectors)
        np.save(tmp / "offsets.npy", made.offsets)
        meta = {"format": STORED_FORMAT, "matcher": matcher.fingerprint, "sentences": len(texts)}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        shutil.rmtree(where, ignore_errors=True)
        tmp.replace(where)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if _stored(where, matcher.fingerprint, len(texts)) is None:  # not another process's, stored meanwhile
            log.warning("The sentence matcher's vectors could not be stored in %s (%s); they are kept in memory and "
                        "made again at each start. Run `qabot build` with QABOT_MATCHER set as a user who can write "
                        "the index.", where, exc)
    return made


def _stored(where: Path, fingerprint: str, sentences: int) -> WordVectors | None:
    """The vectors stored in `where`, if made by this matcher for this many sentences and sound."""
    try:
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or (meta.get("format"), meta.get("matcher"), meta.get("sentences")) != (
                STORED_FORMAT, fingerprint, sentences):
            return None
        found = WordVectors(np.load(where / "vectors.npy", mmap_mode="r", allow_pickle=False),
                            np.load(where / "offsets.npy", allow_pickle=False))
    except (OSError, ValueError):
        return None
    if found.vectors.ndim != 2 or found.offsets.ndim != 1 or len(found.offsets) != sentences + 1 or \
            found.offsets[-1] != len(found.vectors):
        return None
    return found


def _make(matcher: Matches, texts: Sequence[str]) -> WordVectors:
    """Each text read alone: int8 quantisation scales a batch's activations together, so a sentence read beside
    others (or their padding) gets other vectors; alone, its vectors are the same whatever else the index holds."""
    from tqdm import tqdm

    made = [matcher.vectors([t])[0] for t in tqdm(texts, desc="matching sentences", unit="sentence", file=sys.stderr,
                                                   mininterval=5, disable=len(texts) < 2000)]
    offsets = np.concatenate([[0], np.cumsum([len(v) for v in made])]).astype(np.int64)
    dim = next((v.shape[1] for v in made if len(v)), 1)
    rows = [v for v in made if len(v)]
    vectors = np.concatenate(rows).astype(np.float16) if rows else np.zeros((0, dim), np.float16)
    return WordVectors(vectors, offsets)
