"""A SQuAD file's articles as a corpus: Wikipedia's escaped titles read as written, and a year the title names is one
the article gives ("the financial crisis of 2007" asked of "Financial crisis of 2007–08")."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.engine.answer import ScoredSentence
from bot.engine.years import other_years
from bot.evaluation.squad import write_corpus
from bot.models import Article, Chunk, Passage, Sentence
from bot.reader.squad import SquadQuestion


def test_an_escaped_title_is_written_as_it_reads(tmp_path: Path) -> None:
    q = SquadQuestion("1", "Financial_crisis_of_2007%E2%80%9308", "Banks failed.", "What failed?", (("Banks", 0),))
    assert write_corpus([q], tmp_path) == 1
    (written,) = tmp_path.glob("*.md")
    assert written.read_text(encoding="utf-8").splitlines()[1] == "title: Financial crisis of 2007–08"


def test_a_year_the_title_names_is_given() -> None:
    text = "Excessive credit growth made the crisis worse."
    sentence = Sentence("a", 0, len(text), text)
    index: Any = SimpleNamespace(sentences=[sentence],
                                 articles={"a": Article("a", "Financial crisis of 2007–08", text)})
    passages = [Passage(Chunk("c", "a", 0, len(text), text, (0,)), 1.0)]
    best = ScoredSentence(0, 0, 1.0, 0.5, 0.5, None)
    assert other_years("What made the financial crisis of 2007 worse?", best, passages, index) == ()
    assert other_years("What made the financial crisis of 1929 worse?", best, passages, index) == ("1929",)


def test_a_decade_is_no_year_asked_about() -> None:
    from bot.engine.years import asked_years

    assert asked_years("What policy has the US emphasized from the 1970's onward?") == ()
    assert asked_years("Who won in 1970's election?") == ("1970",)  # the year's election
    assert asked_years("What happened in 1970?") == ("1970",)
