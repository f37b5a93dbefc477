"""The models' part in choosing the answer's sentence among the rules' best, both opt-in: the sentence matcher finds
each of the question's words among each sentence's words (bot/reader/matcher.py; card: models/matcher/README.md), and
the sentence ranker reads the question with each sentence (bot/reader/ranker.py; card: models/ranker/README.md); each
moves the one it judges to hold the answer up among them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from ..config import Settings
from ..index import store
from ..models import Article, Sentence
from ..reader.matcher import Matcher, Matches, WordVectors, matcher_vectors, score
from .answer import ScoredSentence
from .snippets import span_text

RERANK = 4  # the rules' best sentences the models reorder (the ranker reads them in one batch)
# its logit's weight beside the rules' score: the largest of 0.05, 0.1 and 0.2 with which every seed set keeps its
# gate (0.1 answered an unanswerable question of evals/questions.jsonl; 0.2 lost 3 answers of probe.jsonl)
WEIGHT = 0.05

# the matcher's score (a mean cosine, at most 1) beside the rules' score: the largest of 0.1, 0.2, 0.4, 0.75 and 1.5
# with which every seed set keeps its gate (0.4 took evals/questions.jsonl's abstention precision below it;
# docs/rounds.md, "Stop 53")
MATCH_WEIGHT = 0.2


class Ranks(Protocol):
    def scores(self, question: str, texts: Sequence[str]) -> np.ndarray: ...


def reordered(ranked: list[ScoredSentence], question: str, sentences: Sequence[Sentence],
              articles: Mapping[str, Article], ranker: Ranks | None = None, matcher: Matches | None = None,
              stored: WordVectors | None = None) -> list[ScoredSentence]:
    """`ranked` with its first RERANK sentences in the order of the rules' score plus each model's term: WEIGHT
    times the ranker's logit, MATCH_WEIGHT times the matcher's score (over all of an answer's sentences, from the
    index's `stored` vectors), both when both are on. Each keeps its own score, and the rest follow as they were."""
    top = ranked[:RERANK]
    if len(top) < 2 or (ranker is None and (matcher is None or stored is None)):
        return ranked
    added = np.zeros(len(top))
    if matcher is not None and stored is not None:
        q = matcher.question(question)
        added += MATCH_WEIGHT * np.array([score(q, stored.span(*r.span)) for r in top])
    if ranker is not None:
        added += WEIGHT * ranker.scores(question, [candidate_text(r, sentences, articles) for r in top])
    order = sorted(range(len(top)), key=lambda i: -(top[i].score + float(added[i])))
    return [top[i] for i in order] + ranked[RERANK:]


def sentence_texts(sentences: Sequence[Sentence], articles: Mapping[str, Article]) -> list[str]:
    """Each sentence as the matcher reads it: its article's title, then the sentence (as candidate_text)."""
    return [f"{articles[s.article_id].title}. {s.text}" for s in sentences]


def candidate_text(item: ScoredSentence, sentences: Sequence[Sentence],
                   articles: Mapping[str, Article]) -> str:
    """What the ranker reads of a candidate: its article's title, then its sentences ("Title. Sentence.")."""
    return f"{articles[sentences[item.sid].article_id].title}. {span_text(item, sentences)}"


def open_matcher(settings: Settings) -> Matcher | None:
    """The configured sentence matcher; None when QABOT_MATCHER is unset (the default) or `off`."""
    return None if settings.matcher is None else Matcher(settings.matcher)  # or a MatcherError, a ModelError


def store_matcher_vectors(settings: Settings, matcher: Matcher | None) -> None:
    """Make and store the matcher's vectors of the current index's sentences, if a matcher is on (after a build, so
    that the first question does not wait for them)."""
    if matcher is not None:
        index_vectors(matcher, store.load_index(settings.index_dir))


def index_vectors(matcher: Matches, index: store.IndexData) -> WordVectors:
    """The matcher's vectors of every sentence of `index`, as stored with it (made and stored the first time)."""
    return matcher_vectors(matcher, index.path, sentence_texts(index.sentences, index.articles))


def open_ranker(settings: Settings) -> Ranks | None:
    """The configured sentence ranker; None when QABOT_RANKER is unset (the default) or `off`."""
    if settings.ranker is None:
        return None
    from ..reader.ranker import Ranker

    return Ranker(settings.ranker)  # or a RankerError, a ModelError
