"""A news article nobody tuned for, as a user drops it in: the byline, a firm, a month, a measure, a paraphrase of
"every day" (the real engine: the bundled encoder and the shipped reader)."""

from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.index.build import build_index
from bot.index.embedding import SentenceTransformerEmbedder

ARTICLE = """City council approves new harbour bridge

By Maria Lopez, 14 March 2026

The city council voted 9 to 4 on Tuesday to approve a new pedestrian bridge across the harbour, ending a debate \
that has lasted almost a decade.

The bridge, designed by the Danish firm Holm & Berg, will be 240 metres long and is expected to cost 38 million \
euros. Construction is due to begin in September and should be finished by the summer of 2028.

About 12,000 people are expected to cross the new bridge every day. The council said that half of the cost will \
be paid by the regional government.
"""


STUDY = """Walking 7,000 steps a day linked to lower diabetes risk, study finds

Naomi Fletcher, Health Correspondent · Wednesday 21 January 2026

Adults who walk at least 7,000 steps a day have a 31% lower risk of developing type 2 diabetes, according to a study \
published on Monday.

"This is an observational study, so it cannot prove that walking itself prevents diabetes," said Dr Sofia Lindqvist.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, st_embedder: SentenceTransformerEmbedder) -> Engine:
    root = Path(tmp_path_factory.mktemp("news"))
    (root / "corpus").mkdir()
    (root / "corpus" / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "corpus" / "steps.txt").write_text(STUDY, encoding="utf-8")
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", data_dir=root / "data", multilingual="")
    build_index(settings, embedder=st_embedder)
    return Engine.from_settings(settings, embedder=st_embedder)


@pytest.mark.parametrize("question, answer", [
    ("Who wrote the article?", "Maria Lopez"),
    ("Who reported the story about the bridge?", "Maria Lopez"),
    ("Who designed the bridge?", "Holm & Berg"),
    ("When does construction begin?", "September"),
    ("How many people will use the bridge daily?", "About 12,000 people"),
    ("Who is the author of the article on walking?", "Naomi Fletcher"),
    ("By how much does walking cut the risk of diabetes?", "31%"),
])
def test_a_news_article_is_answered(engine: Engine, question: str, answer: str) -> None:
    assert engine.answer(question).text == f"{answer} [1]"


def test_a_measure_of_another_dimension_is_not_the_height(engine: Engine) -> None:
    got = engine.answer("How tall is the bridge?")
    assert got.text is None or "240 metres" not in got.text


def test_the_articles_are_dated_by_their_bylines(engine: Engine) -> None:
    assert {a.id: a.date for a in engine.index.articles.values()} == {"bridge": "2026-03-14", "steps": "2026-01-21"}


def test_a_yes_or_no_question_is_answered_by_its_sentence(engine: Engine) -> None:
    got = engine.answer("Does the study prove that walking prevents diabetes?")
    assert got.text is not None and "cannot prove" in got.text


@pytest.mark.parametrize("question", ["What time does construction begin?",  # a month, no hour
                                      "How many councillors abstained?"])  # "voted 9 to 4" counts no abstentions
def test_a_news_question_the_article_does_not_answer_abstains(engine: Engine, question: str) -> None:
    assert engine.answer(question).abstained


def test_who_wrote_asks_the_byline_only_of_the_article_itself() -> None:
    from bot.text.bylines import asks_writer

    assert asks_writer("Who wrote the article?") and asks_writer("who wrote the match report")
    assert asks_writer("Who is the author of the article on walking?") and asks_writer("who reported this")
    assert not asks_writer("Who wrote the Ninth Symphony?") and not asks_writer("Who reported the crash to police?")
    assert asks_writer("Who is the author?") and not asks_writer("Who is the author of the novel?")
    assert not asks_writer("Who wrote the novel it was based on?") and not asks_writer("Who wrote the piece of law?")
