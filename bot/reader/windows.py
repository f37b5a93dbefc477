"""Question + passage windows for the reader, the same at training and at answer time.

A window is `[CLS] question [SEP] passage tokens [SEP]`; a passage longer than one window is read in
overlapping windows. Only the `tokenizers` library is used, so answering needs no torch or transformers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

MAX_TOKENS = 192  # window length the reader is trained and run at
OVERLAP = 64  # passage tokens two consecutive windows share
MAX_QUESTION = 48  # question tokens kept (the rest is cut)
VOCAB_IDS = "vocab_ids.npy"  # beside a cut-down tokenizer.json: each piece's id in the model's vocabulary


@dataclass(frozen=True)
class Tokens:
    """A text's word pieces: ids and [start, end) character offsets into the text."""

    ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Window:
    """One model input: ids and types, and where its passage tokens sit in the passage's Tokens."""

    ids: tuple[int, ...]
    types: tuple[int, ...]
    first: int  # position in `ids` of the first passage token
    start: int  # index in the passage's Tokens of that token
    count: int  # passage tokens in the window


class WordPieces:
    """The reader's tokenizer (tokenizer.json) without its own truncation or padding."""

    def __init__(self, path: Path | str) -> None:
        self.tokenizer = Tokenizer.from_file(str(path))
        # a vocabulary cut down from a larger one numbers its pieces anew: vocab_ids.npy maps them back
        ids = Path(path).with_name(VOCAB_IDS)
        self.ids: np.ndarray | None = np.load(ids) if ids.is_file() else None
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        # BERT's WordPiece names ([CLS]...), or a SentencePiece vocabulary's (<s>...: multilingual-e5)
        self.cls = self._id("[CLS]", "<s>")
        self.sep = self._id("[SEP]", "</s>")
        self.pad = self._id("[PAD]", "<pad>")

    def _id(self, *tokens: str) -> int:
        for token in tokens:
            found = self.tokenizer.token_to_id(token)
            if found is not None:
                return int(found) if self.ids is None else int(self.ids[found])
        raise ValueError(f"the reader's tokenizer has no {tokens[0]} token")

    def tokens(self, text: str) -> Tokens:
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids = encoding.ids if self.ids is None else self.ids[encoding.ids].tolist()
        return Tokens(tuple(ids), tuple(tuple(o) for o in encoding.offsets))  # type: ignore[misc]

    def windows(self, question: Tokens, passage: Tokens, max_tokens: int = MAX_TOKENS,
                overlap: int = OVERLAP) -> list[Window]:
        """The windows that cover `passage` after `question` (at least one, even for an empty passage)."""
        q = question.ids[:MAX_QUESTION]
        budget = max(8, max_tokens - len(q) - 3)
        head = (self.cls, *q, self.sep)
        found: list[Window] = []
        start = 0
        while True:
            piece = passage.ids[start:start + budget]
            ids = (*head, *piece, self.sep)
            types = (0,) * len(head) + (1,) * (len(piece) + 1)
            found.append(Window(ids, types, len(head), start, len(piece)))
            if start + budget >= len(passage.ids):
                return found
            start += max(1, budget - overlap)


def pair(pieces: WordPieces, question: Tokens, text: Tokens, max_tokens: int, max_question: int) -> Window:
    """`[CLS] question [SEP] text [SEP]` in at most `max_tokens`, the question cut to `max_question` tokens and the
    text to what is left (the sentence ranker's input: bot/reader/ranker.py)."""
    q = question.ids[:max_question]
    t = text.ids[: max(1, max_tokens - len(q) - 3)]
    ids = (pieces.cls, *q, pieces.sep, *t, pieces.sep)
    return Window(ids, (0,) * (len(q) + 2) + (1,) * (len(t) + 1), len(q) + 2, 0, len(t))


def single(pieces: WordPieces, text: str, max_tokens: int) -> Window:
    """`[CLS] text [SEP]` in at most `max_tokens` (the sentence matcher's input: bot/reader/matcher.py)."""
    t = pieces.tokens(text).ids[: max(0, max_tokens - 2)]
    return Window((pieces.cls, *t, pieces.sep), (0,) * (len(t) + 2), 1, 0, len(t))


def pairs(pieces: WordPieces, question: str, texts: Sequence[str], max_tokens: int,
          max_question: int) -> list[Window]:
    """The question paired with each text (`pair`): the sentence ranker's inputs, the same in training and at answer
    time."""
    q = pieces.tokens(question)
    return [pair(pieces, q, pieces.tokens(t), max_tokens, max_question) for t in texts]


def batch(windows: list[Window], pad: int) -> dict[str, np.ndarray]:
    """Padded int64 arrays input_ids, attention_mask, token_type_ids for a list of windows."""
    width = max(len(w.ids) for w in windows)
    ids = np.full((len(windows), width), pad, dtype=np.int64)
    mask = np.zeros((len(windows), width), dtype=np.int64)
    types = np.zeros((len(windows), width), dtype=np.int64)
    for i, w in enumerate(windows):
        ids[i, : len(w.ids)] = w.ids
        mask[i, : len(w.ids)] = 1
        types[i, : len(w.types)] = w.types
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


@dataclass(frozen=True)
class Span:
    """The best answer in a window: character offsets into the passage, and its scores (logits)."""

    start: int
    end: int
    score: float  # start + end logit of the span
    null: float  # start + end logit of [CLS]: the window holds no answer

    @property
    def margin(self) -> float:
        """How much the span beats "no answer" (positive: the reader would answer)."""
        return self.score - self.null


MAX_ANSWER = 30  # tokens


def best_span(start_logits: np.ndarray, end_logits: np.ndarray, window: Window, passage: Tokens,
              max_answer: int = MAX_ANSWER) -> Span | None:
    """The highest-scoring span inside the window's passage tokens (end >= start, at most max_answer)."""
    if window.count == 0:
        return None
    lo, hi = window.first, window.first + window.count
    s = start_logits[lo:hi].astype(np.float64)
    e = end_logits[lo:hi].astype(np.float64)
    pair = s[:, None] + e[None, :]
    n = len(s)
    rows, cols = np.indices((n, n))
    pair[(cols < rows) | (cols - rows >= max_answer)] = -np.inf
    i, j = np.unravel_index(int(np.argmax(pair)), pair.shape)
    a, b = window.start + int(i), window.start + int(j)
    return Span(passage.offsets[a][0], passage.offsets[b][1], float(pair[i, j]),
                float(start_logits[0] + end_logits[0]))
