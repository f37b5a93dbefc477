"""The sentence ranker at answer time: a cross-encoder that reads a question with each of the rules' best sentences
and scores how likely the sentence holds its answer (a logit). An ONNX graph run by onnxruntime; no torch.

Trained here (scripts/train_ranker.py, card: models/ranker/README.md); the engine orders the rules' best sentences
with it (bot/engine/ranking.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .model import open_model
from .windows import batch, pairs

GRAPH, META = "ranker.onnx", "ranker.json"
FORMAT = 1
MAX_TOKENS = 96  # question and sentence, as trained
MAX_QUESTION = 32


class RankerError(ModelError):
    """The ranker's files are missing or cannot be loaded (a ModelError: its message says what to set)."""


class Ranker:
    """Scores sentences as answers to a question: `scores(question, texts)`, one logit each."""

    def __init__(self, directory: Path | str) -> None:
        directory = Path(directory)
        meta, self.pieces, self.session = open_model(directory, META, GRAPH, FORMAT, RankerError, "sentence ranker",
                                                     "QABOT_RANKER")
        self.directory = directory
        self.meta = meta
        self.max_tokens = int(meta.get("max_tokens", MAX_TOKENS))
        self.max_question = int(meta.get("max_question", MAX_QUESTION))
        self.inputs = [i.name for i in self.session.get_inputs()]

    def scores(self, question: str, texts: Sequence[str]) -> np.ndarray:
        """One logit per text, all in one batch (higher: more likely to hold the answer)."""
        if not texts:
            return np.zeros(0, dtype=np.float32)
        feeds = batch(pairs(self.pieces, question, texts, self.max_tokens, self.max_question), self.pieces.pad)
        (logits,) = self.session.run(None, {n: feeds[n] for n in self.inputs})
        return np.asarray(logits, dtype=np.float32).reshape(len(texts))
