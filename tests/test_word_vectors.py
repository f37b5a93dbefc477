"""The "which X" check (Engine._mentions) encodes the sources' words once per index, never the question's."""

from collections.abc import Sequence

import numpy as np

from bot.engine.engine import Engine
from bot.index.embedding import Embedder


class Counting:
    """The engine's embedder, recording every batch it is asked to encode."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return self.inner.encode(texts)


def test_source_words_are_encoded_once_and_the_question_never_fills_the_cache(fake_engine: Engine) -> None:
    embedder = Counting(fake_engine.embedder)
    engine = Engine(fake_engine.index, embedder, fake_engine.settings)
    question = "Which songs did the musicians perform?"  # the sources never speak of songs
    first = engine.answer(question)
    assert any(b[0] == "songs" and len(b) > 1 for b in embedder.batches)  # the thing and the sentence's words
    cached = dict(engine._state.word_vectors)
    assert cached and "songs" not in cached
    embedder.batches.clear()
    again = engine.answer(question)
    assert ["songs"] in embedder.batches  # the thing alone: the words come from the cache
    assert again.text == first.text and again.abstained == first.abstained
