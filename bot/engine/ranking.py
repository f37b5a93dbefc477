"""The sentence ranker's part of an answer: it reads the question with each of the rules' best sentences and moves
the one it judges to hold the answer up among them (bot/reader/ranker.py; card: models/ranker/README.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from ..config import Settings
from ..errors import ModelError
from ..models import Article, Sentence
from .answer import ScoredSentence
from .snippets import span_text

RERANK = 4  # the rules' best sentences the ranker reads, in one batch
# its logit's weight beside the rules' score: the largest of 0.05, 0.1 and 0.2 with which every seed set keeps its
# gate (0.1 answered an unanswerable question of evals/questions.jsonl; 0.2 lost 3 answers of probe.jsonl)
WEIGHT = 0.05


class Ranks(Protocol):
    def scores(self, question: str, texts: Sequence[str]) -> np.ndarray: ...


def ranked_by(ranker: Ranks, question: str, ranked: list[ScoredSentence], sentences: Sequence[Sentence],
              articles: Mapping[str, Article]) -> list[ScoredSentence]:
    """`ranked` with its first RERANK sentences in the order of the rules' score plus WEIGHT times the ranker's
    logit; each keeps its own score, and the rest follow as they were."""
    top = ranked[:RERANK]
    if len(top) < 2:
        return ranked
    logits = ranker.scores(question, [candidate_text(r, sentences, articles) for r in top])
    order = sorted(range(len(top)), key=lambda i: -(top[i].score + WEIGHT * float(logits[i])))
    return [top[i] for i in order] + ranked[RERANK:]


def candidate_text(item: ScoredSentence, sentences: Sequence[Sentence],
                   articles: Mapping[str, Article]) -> str:
    """What the ranker reads of a candidate: its article's title, then its sentences ("Title. Sentence.")."""
    return f"{articles[sentences[item.sid].article_id].title}. {span_text(item, sentences)}"


def open_ranker(settings: Settings) -> Ranks | None:
    """The configured sentence ranker; None when QABOT_RANKER is unset (the default) or `off`."""
    if settings.ranker is None:
        return None
    from ..reader.ranker import Ranker, RankerError

    try:
        return Ranker(settings.ranker)
    except RankerError as exc:
        raise ModelError(str(exc)) from None
