"""Typed values that cross module boundaries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One cleaned source article."""

    id: str
    title: str
    text: str
    date: str | None = None  # ISO yyyy-mm-dd
    source: str | None = None
    url: str | None = None
    path: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence span inside an article's cleaned text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A passage: consecutive sentences of one article, with offsets into its text."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    sentence_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its retrieval scores."""

    chunk: Chunk
    score: float  # fused score used for ranking
    dense: float = 0.0  # cosine similarity to the question
    keyword: float = 0.0  # BM25 score


@dataclass(frozen=True)
class Citation:
    """A numbered source shown under an answer."""

    n: int
    title: str
    date: str | None
    snippet: str
    highlight: tuple[int, int] | None  # span of the answer inside snippet
    score: float
    chunk_id: str
    article_id: str
    url: str | None = None

    def marked_snippet(self, left: str = "**", right: str = "**") -> str:
        """The snippet with the answer span wrapped in markers."""
        if self.highlight is None:
            return self.snippet
        a, b = self.highlight
        return self.snippet[:a] + left + self.snippet[a:b] + right + self.snippet[b:]


@dataclass(frozen=True)
class Answer:
    """What the engine says about a question."""

    question: str
    text: str | None  # None when abstaining
    abstained: bool
    citations: tuple[Citation, ...] = ()
    score: float = 0.0  # confidence compared with the abstention threshold
    latency_ms: float = 0.0
    index_version: str = ""
    more: tuple[Citation, ...] = field(default=(), compare=False)  # next passages
    # the question as read: a follow-up merged with the earlier question ("When was the concert? and in
    # Tokyo?"); the next follow-up leans on this, so a chain of them keeps its subject
    understood: str = field(default="", compare=False)
    read_as: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # typos and the words read for them
    # abstaining: what the question asks about that the sources never mention ("Osaka", "songs")
    unknown: tuple[str, ...] = field(default=(), compare=False)
    lang: str = field(default="en", compare=False)  # the question's language: "en", "ko" or "ja"
    # a generated answer (bot/llm/): the model that wrote it, every quote checked against its passage
    generated_by: str = field(default="", compare=False)
    # an LLM was asked but its reply was not used: why ("quote 2 is not in passage [2]", "timed out")
    fallback: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, object]:
        """The `ask --json` shape."""
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "citations": [
                {
                    "n": c.n,
                    "title": c.title,
                    "date": c.date,
                    "snippet": c.snippet,
                    "score": round(c.score, 4),
                    "chunk_id": c.chunk_id,
                }
                for c in self.citations
            ],
            "latency_ms": round(self.latency_ms, 2),
            "read_as": dict(self.read_as),
            "unknown": list(self.unknown),
            "language": self.lang,
            "generated": bool(self.generated_by),
            "fallback": self.fallback,
        }


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication date, newest first; undated ones last."""
    return sorted(articles, key=lambda a: (a.date or "", a.title), reverse=True)
