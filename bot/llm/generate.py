"""A generated answer in place of the extractive one, when every quote of the model's reply checks out."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import replace
from typing import Protocol

from ..config import Settings
from ..index.store import IndexData
from ..models import Answer, Chunk, Citation
from .client import CallFailed, Client
from .prompt import PASSAGES, Source, messages
from .verify import Checked, Rejected, check

log = logging.getLogger(__name__)
_MARK = re.compile(r"\[(\d+)\]")  # a checked answer writes its marks one number each


class Generator:
    """Asks the configured model about an extractive answer's passages; never raises on the model's account."""

    def __init__(self, settings: Settings, client: Client | None = None) -> None:
        self.model = settings.llm_model
        self.client = client or Client(settings)
        self._chunks: tuple[str, dict[str, Chunk]] = ("", {})  # (index version, chunk id -> chunk)

    def close(self) -> None:
        self.client.close()

    def improve(self, answer: Answer, index: IndexData) -> Answer:
        """The generated answer, or `answer` with the reason it stands (`fallback`). An abstention is returned
        as it is: below the threshold nothing is asked of the model."""
        if answer.abstained or not answer.citations:
            return answer
        started = time.perf_counter()
        try:
            sources = self.sources(answer, index)
            reply = self.client.complete(messages(answer.understood or answer.question, sources))
            checked = check(reply, {s.n: s.text for s in sources})
        except (CallFailed, Rejected) as exc:
            result = replace(answer, fallback=str(exc))
        except Exception as exc:  # a bug here must not cost the user the extractive answer
            log.exception("the generated answer failed")
            result = replace(answer, fallback=f"error: {type(exc).__name__}")
        else:
            result = self._answer(answer, sources, checked, index)
        if result.fallback:
            log.info("extractive answer kept: %s", result.fallback)
        return replace(result, latency_ms=answer.latency_ms + (time.perf_counter() - started) * 1000)

    def sources(self, answer: Answer, index: IndexData) -> list[Source]:
        """The answer's citations, then its next passages: the passages the model may use, numbered 1..n."""
        chunks = self._chunk_table(index)
        out: list[Source] = []
        for c in (*answer.citations, *answer.more)[:PASSAGES]:
            chunk = chunks.get(c.chunk_id)
            if chunk is None:
                raise CallFailed("the index changed while answering")
            out.append(Source(len(out) + 1, c, chunk))
        return out

    def _chunk_table(self, index: IndexData) -> dict[str, Chunk]:
        version, table = self._chunks
        if version != index.version or not table:
            table = {c.id: c for c in index.chunks}
            self._chunks = (index.version, table)
        return table

    def _answer(self, extractive: Answer, sources: list[Source], checked: Checked, index: IndexData) -> Answer:
        """The checked reply as an Answer: passages renumbered in the order the answer cites them, each
        citation's snippet the passage's sentences around the quote, the quote highlighted."""
        by_n = {s.n: s for s in sources}
        new = {old: i + 1 for i, old in enumerate(checked.order)}
        text = _renumber(checked.answer, new)
        citations = tuple(_quoted(by_n[old], checked.quotes[old], new[old], index) for old in checked.order)
        used = {by_n[old].citation.chunk_id for old in checked.order}
        rest = [c for c in (*extractive.citations, *extractive.more) if c.chunk_id not in used]
        more = tuple(replace(c, n=len(citations) + 1 + i) for i, c in enumerate(rest))
        return replace(extractive, text=text, citations=citations, more=more, generated_by=self.model,
                       fallback=None)


def _renumber(text: str, new: dict[int, int]) -> str:
    return _MARK.sub(lambda m: f"[{new[int(m.group(1))]}]", text)


def _quoted(source: Source, span: tuple[int, int], n: int, index: IndexData) -> Citation:
    """The citation of `source` with n, its snippet the passage's sentences that hold the quote at `span`."""
    text = source.text
    start, end = 0, len(text)
    cursor = 0
    bounds: list[tuple[int, int]] = []
    for sentence in (index.sentences[i].text for i in source.chunk.sentence_ids):
        at = text.find(sentence, cursor)
        if at < 0:
            bounds = []
            break
        bounds.append((at, at + len(sentence)))
        cursor = at + len(sentence)
    if bounds:
        holding = [b for b in bounds if b[0] < span[1] and span[0] < b[1]]
        if holding:
            start, end = min(span[0], holding[0][0]), max(span[1], holding[-1][1])
    return replace(source.citation, n=n, snippet=text[start:end], highlight=(span[0] - start, span[1] - start))



class WithLLM:
    """An engine whose confident answers the model rewrites, shown when their quotes check out: what the
    terminal chat, `qabot ask` and `qabot eval --llm` ask (Discord runs the two steps with their own timeouts)."""

    def __init__(self, engine: Answers, generator: Generator) -> None:
        self.engine = engine
        self.generator = generator

    @property
    def index(self) -> IndexData:
        return self.engine.index

    def answer(self, question: str, previous: str | None = None) -> Answer:
        return self.generator.improve(self.engine.answer(question, previous), self.engine.index)


class Answers(Protocol):
    @property
    def index(self) -> IndexData: ...

    def answer(self, question: str, previous: str | None = None) -> Answer: ...


def generator_for(settings: Settings) -> Generator | None:
    """The generator QABOT_LLM_URL asks for; None when it is unset."""
    return Generator(settings) if settings.llm_url else None


def with_llm(engine: Answers, settings: Settings) -> Answers:
    """`engine`, or the engine with generated answers when QABOT_LLM_URL is set."""
    generator = generator_for(settings)
    return engine if generator is None else WithLLM(engine, generator)
