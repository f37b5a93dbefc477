"""The passages and the question as chat messages, asking for a JSON answer that quotes its sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Chunk, Citation

PASSAGES = 5  # the answer's citations, then its next passages, up to this many

SYSTEM = (
    "You answer questions about news articles using only the numbered passages you are given. "
    'Reply with JSON only, in this form: {"answer": "your answer, with [n] after each claim", '
    '"citations": [{"n": n, "quote": "words copied exactly from passage n"}]}. '
    "n is the number in brackets at the start of a passage. Every quote must be copied word for word from "
    "the passage it names, and every [n] in the answer must have a citation. Keep the answer short: "
    "one to three sentences. If the passages do not answer the question, reply {\"answer\": null}."
)


@dataclass(frozen=True)
class Source:
    """A passage given to the model: its number in the prompt, the citation it came from, its chunk."""

    n: int
    citation: Citation
    chunk: Chunk

    @property
    def text(self) -> str:
        return self.chunk.text


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def messages(question: str, sources: list[Source]) -> list[dict[str, str]]:
    """System and user messages: each passage on its own line, `[n] title (date): text`, then the question."""
    lines = [f"[{s.n}] {one_line(s.citation.title)} ({s.citation.date or 'undated'}): {one_line(s.text)}"
             for s in sources]
    user = "Passages:\n" + "\n".join(lines) + f"\n\nQuestion: {one_line(question)}"
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]
