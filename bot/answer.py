"""Composing an extractive answer: pick the best sentence, the answer phrase in it, and citations."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .dates import year_of
from .models import Article, Citation, Passage, Sentence
from .question import Candidate, Question, candidates
from .text import terms, words

# Weights of the sentence score; tuned on the tuning half of evals/questions.jsonl.
W_DENSE, W_KEYWORD, W_TYPE, W_RANK = 0.55, 0.45, 0.2, 0.04
W_PASSAGE = 0.3  # share of the passage's similarity in a sentence's
CONTEXT = 0.85  # a match that needs the previous sentence counts this much
MIN_WORDS = 4
# Confidence: share of the similarity (the rest is term coverage) and the factor for a missing answer
# phrase; calibrated with the abstention threshold on the tuning split (evals/README.md).
C_DENSE, NO_PHRASE = 0.6, 0.5
# An answer phrase counts fully when the question's words sit close to it (proximity >= NEAR_FULL),
# down to NEAR_FLOOR when none do: "solved only in 2023" beats a year far from "solved".
NEAR_FLOOR, NEAR_FULL = 0.25, 2.0


@dataclass(frozen=True)
class ScoredSentence:
    """A candidate answer sentence with its evidence."""

    sid: int
    passage_rank: int
    score: float
    dense: float
    coverage: float
    phrase: Candidate | None
    wants_phrase: bool = False  # the question asks for a date, name, place, amount... (not "other")


def coverage(question_terms: Sequence[str], sentence_terms: set[str], idf: Mapping[str, float],
             unknown: float = 1.0) -> float:
    """IDF-weighted share of the question's terms that appear in the sentence (0..1).

    A term the corpus never uses weighs `unknown` (pass the largest IDF: it is the rarest word)."""
    if not question_terms:
        return 0.0
    total = sum(idf.get(t, unknown) for t in question_terms)
    found = sum(idf.get(t, unknown) for t in question_terms if t in sentence_terms)
    return found / total if total else 0.0


def proximity(sentence: str, cand: Candidate, question_terms: Sequence[str]) -> float:
    """How close a candidate phrase sits to the question's words in the sentence.

    Each question word counts once, at its nearest occurrence; a word in the candidate's own
    clause (between commas or "and") counts double, and one just before it a little more."""
    tokens = [(m.start(), m.group(0)) for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)*", sentence)]
    mid = [i for i, (pos, _) in enumerate(tokens) if cand.start <= pos < cand.end]
    if not mid:
        return 0.0
    clause_start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, cand.start)), default=0)
    after = _CLAUSE.search(sentence, cand.end)
    clause_end = after.start() if after else len(sentence)
    best: dict[str, float] = {}
    qset = set(question_terms)
    for i, (pos, tok) in enumerate(tokens):
        if cand.start <= pos < cand.end:
            continue
        dist = min(abs(i - j) for j in mid)
        value = 1.0 / (1 + dist) * (1.3 if i < mid[0] else 1.0) + (1.0 if clause_start <= pos < clause_end else 0.0)
        for t in set(terms(tok)) & qset:
            best[t] = max(best.get(t, 0.0), value)
    return sum(best.values())


def nearness(sentence: str, cand: Candidate, question_terms: Sequence[str]) -> float:
    """How much of the answer-type bonus a candidate earns: NEAR_FLOOR..1 with its proximity to the question."""
    return NEAR_FLOOR + (1 - NEAR_FLOOR) * min(1.0, proximity(sentence, cand, question_terms) / NEAR_FULL)


_CLAUSE = re.compile(r"[,;:()]|\s(?:and|but|while|whereas)\s")


def best_phrase(sentence: str, question: Question, year: int | None) -> Candidate | None:
    """The candidate of the requested kind nearest the question's words, if any."""
    found = [c for c in candidates(sentence, question.kind, year)
             if not set(terms(c.text)) <= set(question.terms) or not terms(c.text)]
    if not found:
        return None
    return max(found, key=lambda c: (proximity(sentence, c, question.terms) * c.weight, -c.start))


def score_sentences(
    question: Question,
    query_vector: np.ndarray,
    passages: Sequence[Passage],
    sentences: Sequence[Sentence],
    sentence_vectors: np.ndarray,
    articles: Mapping[str, Article],
    idf: Mapping[str, float],
    unknown_idf: float = 1.0,
) -> list[ScoredSentence]:
    """Every sentence of the retrieved passages, scored as an answer, best first (one entry per sentence)."""
    seen: set[int] = set()
    out: list[ScoredSentence] = []
    for rank, passage in enumerate(passages):
        for sid in passage.chunk.sentence_ids:
            if sid in seen:
                continue
            seen.add(sid)
            s = sentences[sid]
            if len(words(s.text)) < MIN_WORDS or s.text.rstrip().endswith("?"):
                continue
            dense = float(sentence_vectors[sid] @ query_vector)
            own = set(terms(s.text))
            cov = coverage(question.terms, own, idf, unknown_idf)
            if sid > 0 and sentences[sid - 1].article_id == s.article_id:  # "They performed..." needs context
                before = own | set(terms(sentences[sid - 1].text))
                cov = max(cov, CONTEXT * coverage(question.terms, before, idf, unknown_idf))
            phrase = best_phrase(s.text, question, year_of(articles[s.article_id].date))
            typed = 0.0
            if question.kind != "other" and phrase is not None:
                typed = phrase.weight * nearness(s.text, phrase, question.terms)
            mixed = (1 - W_PASSAGE) * dense + W_PASSAGE * passage.dense
            score = W_DENSE * mixed + W_KEYWORD * cov + W_TYPE * typed + W_RANK / (1 + rank)
            out.append(ScoredSentence(sid, rank, score, dense, cov, phrase, question.kind != "other"))
    return sorted(out, key=lambda x: -x.score)


def confidence(best: ScoredSentence, passages: Sequence[Passage]) -> float:
    """How well the sources support an answer; compared with the abstention threshold.

    A question that asks for a date, person, place or amount is poorly supported by a sentence
    that holds none: its confidence is scaled by NO_PHRASE."""
    top_dense = max((p.dense for p in passages), default=0.0)
    value = C_DENSE * max(best.dense, top_dense) + (1 - C_DENSE) * best.coverage
    return value * NO_PHRASE if best.wants_phrase and best.phrase is None else value


def cite(n: int, s: Sentence, article: Article, chunk_id: str, score: float,
         phrase: Candidate | None) -> Citation:
    """A citation whose snippet is the sentence, highlighting the answer phrase."""
    highlight = (phrase.start, phrase.end) if phrase else None
    return Citation(n, article.title, article.date, s.text, highlight, round(score, 4), chunk_id, article.id,
                    article.url)


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term over `texts`."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(terms(text)):
            df[t] = df.get(t, 0) + 1
    n = len(texts)
    return {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
