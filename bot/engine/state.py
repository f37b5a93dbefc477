"""One loaded index and what the engine derives from it, replaced whole when the index is reloaded."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..index import store
from ..reader.matcher import WordVectors
from ..text.words import terms
from .acronyms import MOST_SENTENCES, spelled_out
from .name_pairs import NamePairs
from .named_near import topics_of
from .people import TitleTable
from .spelling import Speller
from .transcribed import Sounds, sounds_of

log = logging.getLogger(__name__)
_LOWER = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")  # a word written in lower case


@dataclass(frozen=True)
class State:
    """One loaded index and what is derived from it; replaced whole on reload."""

    index: store.IndexData
    idf: dict[str, float]
    default_idf: float
    speller: Speller
    titles: TitleTable  # what the sources call each person ("Ambassador Park" is the Korean Ambassador to Japan)
    multilingual: store.IndexData | None  # the index seen through the multilingual vectors, if it has them
    name_pairs: NamePairs  # the sources' capitalised words, and which two stand in one name ("king", "george")
    matcher_vectors: WordVectors | None = None  # the sentence matcher's vectors of every sentence (None: none on)
    # the sources' words as the question encoder sees them (Engine._mentions), filled as answers need them
    word_vectors: dict[str, np.ndarray] = field(default_factory=dict)

    @cached_property
    def common_terms(self) -> frozenset[str]:
        """The terms of the words the sources write in lower case somewhere: "park" is not one where it is only
        Ambassador Park's name (made with the first question that needs it)."""
        return frozenset(t for s in self.index.sentences for t in terms(" ".join(_LOWER.findall(s.text))))

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """The acronyms the sources' names spell out (made with the first question that needs them)."""
        sentences = self.index.sentences
        if len(sentences) > MOST_SENTENCES:
            log.info("Acronyms in questions are left as typed: %d sentences, more than %d", len(sentences),
                     MOST_SENTENCES)
            return {}
        return spelled_out(s.text for s in sentences)

    @cached_property
    def topics(self) -> dict[str, frozenset[str]]:
        """What each article is about: the terms of a good share of its sentences (named_near.topics_of)."""
        return topics_of(self.index.sentences)

    @cached_property
    def sounds(self) -> Sounds:
        """How the sources' words sound, for the names and loanwords of Korean and Japanese questions (made
        with the first such question: about 10 ms for the seed articles)."""
        return sounds_of(s.text for s in self.index.sentences)
