"""The figures news gives and the questions that ask for them: a sum asked as revenue or a price, a share asked as
a percentage, a currency, a count of the noun asked, a clock time, a length of time before its noun, a weekday with
its day; and bylines printed as a name alone above the date (bot/engine/phrases.py, fits.py, hours.py;
bot/text/dates.py; bot/index/cleaning.py)."""

from datetime import date
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.acronyms import expand
from bot.engine.answer import best_phrase
from bot.engine.engine import Engine
from bot.engine.hours import clock_times
from bot.engine.phrases import Candidate, candidates
from bot.engine.question import question_kind, read_question
from bot.engine.reading import Found, margins
from bot.engine.sums import currency_of
from bot.engine.years import _other_labels
from bot.evaluation.matching import contains
from bot.index.build import build_index
from bot.index.cleaning import dateline, split_header
from bot.index.embedding import SentenceTransformerEmbedder
from bot.text.bylines import asks_writer, names_writer
from bot.text.dates import find_dates

from .conftest import engine_over_corpus, engine_over_story

REVENUE = "Lumora's hardware revenue fell 14% last year to $612 million, and the company cut 300 jobs."


@pytest.mark.parametrize("question, answer", [
    ("What was Lumora's hardware revenue last year?", "$612 million"),  # a sum, not the share it fell by
    ("whats the hardware revenue now", "$612 million"),
    ("By what percentage did hardware revenue fall?", "14%"),  # a share, not the sum
    ("What percent did revenue fall by?", "14%"),
])
def test_a_sum_asked_is_no_share_and_a_share_asked_no_sum(question: str, answer: str) -> None:
    assert question_kind(question) == "amount"
    found = best_phrase(REVENUE, read_question(question), 2026)
    assert found is not None and found.answer == answer


def test_a_percentage_asked_of_money_spent_is_a_share() -> None:
    found = best_phrase("Public expenditure on health was at 1% of the GDP in 2004.",
                        read_question("What percent of the GDP was spent on health?"), 2004)
    assert found is not None and found.answer == "1%"


@pytest.mark.parametrize("question, kind", [
    ("What is the primary source of income in Tajikistan?", "other"),
    ("What was the rate of price growth?", "other"),
    ("What was the date the budget was announced?", "date"),
    ("What is the city where rents are highest?", "where"),
    ("What was the reason the fine was imposed?", "other"),
    ("What is the fine art museum called?", "other"),
    ("What is the income tax rate?", "other"),
    ("What is the cost of the project?", "amount"),
    ("How much did the weightlifting federation pay?", "amount"),
    ("How much weight did he lose?", "measure"),
    ("What's the cost to build the stadium?", "amount"),
    ("What was the fine imposed on him?", "amount"),
    ("How much does the band weigh?", "measure"),
])
def test_a_sum_is_asked_only_by_the_noun_that_names_one(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_an_amount_in_another_currency_does_not_answer_one_asked_in_yen() -> None:
    sentence = "It will go on sale in Japan, priced at $179."
    assert best_phrase(sentence, read_question("How much will it cost in Japan in yen?"), 2026) is None
    assert best_phrase(sentence, read_question("How much will it cost in Korean won?"), 2026) is None
    assert best_phrase(sentence, read_question("How much will it cost in South Korean won?"), 2026) is None
    found = best_phrase(sentence, read_question("How much will it cost in dollars?"), 2026)
    assert found is not None and found.answer == "$179"
    assert [currency_of(t) for t in ("$179", "14.2 million Swiss francs", "€386,500", "yen", "3 apples")] == \
        ["dollar", "franc", "euro", "yen", ""]


def test_a_range_of_sums_is_whole_and_a_change_is_its_end() -> None:
    assert [c.text for c in candidates("It was estimated at 3 million to 4.5 million francs.", "amount", 2026)] == \
        ["3 million to 4.5 million francs"]
    # a change is read in its parts, the one it went from weighing less; a year starts no range
    assert [(c.text, c.weight) for c in candidates("Oil rose from $3 to $12 a barrel.", "amount", 1974)] == \
        [("$3", 0.5), ("$12", 1.0)]
    assert [c.text for c in candidates("Apple raised the price by $100 to $999.", "amount", 2026)] == ["$100", "$999"]
    assert [c.text for c in candidates("Unemployment fell from 5.2% to 4.1%.", "amount", 2026)] == ["5.2%", "4.1%"]
    assert [c.text for c in candidates("It fell 5 to 10% in 2020 to $3m.", "amount", 2026)] == ["$3m", "5 to 10%"]
    # a range is no change: "ranges from", "grow by 2 to 3 percent", "2000 to 3000 dollars"
    assert [c.text for c in candidates("The fine ranges from $500 to $1,000.", "amount", 2026)] == ["$500 to $1,000"]
    assert [c.text for c in candidates("It will grow by 2 to 3 percent.", "amount", 2026)] == ["2 to 3 percent"]
    assert [c.text for c in candidates("It cost 2000 to 3000 dollars.", "amount", 2026)] == ["2000 to 3000 dollars"]
    paid = best_phrase("Lumora paid $2 billion for its 20 percent stake.",
                       read_question("How much did Lumora pay for its 20 percent stake?"), 2026)
    assert paid is not None and paid.answer == "$2 billion"  # a percentage named, not asked for
    sentence = "By March 1974 the price of oil had risen from US$3 per barrel to nearly $12."
    found = best_phrase(sentence, read_question("What was the price of oil in March 1974?"), 1974)
    assert found is not None and found.answer == "nearly $12"


@pytest.mark.parametrize("sentence, question, answer", [
    ("Anglers reported dead fish along an 11-kilometre stretch of the river.", "How many dead fish were found?",
     None),  # a length, no count of fish
    ("He is survived by two daughters, five grandchildren and a great-grandson.", "How many grandsons did he have?",
     None),  # daughters and grandchildren, not grandsons
    ("He is survived by two daughters, five grandchildren and a great-grandson.",
     "How many grandchildren did he have?", "five grandchildren"),
    ("Daylight is at about 5,500 K, many degrees above a lamp's.", "How many degrees is daylight?", None),
    ("Air strikes killed 12 in Yemen on Sunday.", "How many people were killed?", None),  # Yemen counts no men
    ("Police killed 12 gunmen.", "How many gunmen were killed?", "12 gunmen"),
    ("He had five children – all of them boys.", "How many children did he have?", "five children"),  # a dash
    ("Some 5,000 people – a record – attended.", "How many people attended?", "Some 5,000 people"),
])
def test_a_count_counts_the_noun_asked(sentence: str, question: str, answer: str | None) -> None:
    found = best_phrase(sentence, read_question(question), 2026)
    assert (found.answer if found else None) == answer


def test_a_clock_time_answers_what_time_and_a_range_its_end_or_start() -> None:
    row = "Wednesday 29 October: morning stoppage, 4am to 12 noon"
    assert [c.text for c in clock_times(row)] == ["4am to 12 noon"]
    assert [c.text for c in clock_times(row, "end")] == ["12 noon"]
    for question, answer in (("What time does the Wednesday stoppage finish?", "12 noon"),
                             ("What time does the Wednesday stoppage start?", "4am"),
                             ("What time is the Wednesday stoppage?", "4am to 12 noon")):
        found = best_phrase(row, read_question(question), 2025)
        assert found is not None and found.answer == answer
    assert [c.text for c in clock_times("Kick-off is at seven o'clock, or 19.00.")] == ["seven o'clock", "19.00"]
    assert clock_times("It cost £12.50 and sold a quarter to investors.") == []
    assert [c.text for c in clock_times("Doors open at 7pm. It ends at 10 p.m.")] == ["7pm", "10 p.m."]  # not "7pm."
    assert [c.text for c in clock_times("Kick-off is at 7.30pm.")] == ["7.30pm"]


def test_a_length_of_time_before_its_noun_says_how_long() -> None:
    sentence = "Doreen Makepeace, who gave evidence during the nine-day trial, said she was relieved."
    found = best_phrase(sentence, read_question("How long did the trial last?"), 2026)
    assert found is not None and found.answer == "nine days"
    assert contains("nine days [1]", "nine-day") and not contains("ten days [1]", "nine-day")
    assert [c.answer for c in candidates("a forty-eight-hour walkout and the one-day international", "duration",
                                         2026)] == ["one day"]  # not "eight hours" of "forty-eight-hour"


def test_a_number_alone_answers_no_question_asking_for_none() -> None:
    found = Found(0, Candidate(45, 47, "87", "87"), 9.0, 8.5, 0)
    assert margins("What did Edwin Marchbanks die of?", found)[0] == float("inf")
    assert margins("What was his age when he died?", found)[0] < float("inf")
    assert margins("What was the score?", found)[0] < float("inf")


def test_a_ceo_is_the_chief_executive_the_sources_write() -> None:
    idf = {"chief": 1.0, "execut": 1.0, "lumora": 2.0}
    assert expand("who's lumora's ceo", idf, dict)[0] == "who's lumora's chief executive"
    assert expand("Who is the CEO?", idf, dict) == ("Who is the chief executive?", {"CEO": "chief executive"})
    assert expand("Who is the CEO?", {**idf, "ceo": 1.0}, dict)[0] == "Who is the CEO?"  # they write it


def test_a_one_bedroom_flat_is_not_the_two_bedroom_one() -> None:
    given = "The average monthly rent for a two-bedroom flat reached €1,640."
    assert _other_labels("What is the rent for a one-bedroom flat?", given) == ("one-bedroom",)
    assert _other_labels("What is the rent for a two-bedroom flat?", given) == ()
    assert _other_labels("What is the rent for a 2-bedroom flat?", given) == ()
    # the number written alone: "the man, 30," is the 30-year-old
    assert _other_labels("What sentence did the 30-year-old receive?",
                         "The man, 30, received a 10-year sentence.") == ()
    assert _other_labels("What did the 30-year-old receive?",
                         "The 25-year-old was jailed for 30 months.") == ("30-year",)  # 30 months is no age


def test_a_weekday_before_its_day_is_one_date_and_picks_its_year() -> None:
    found = find_dates("The final is scheduled for Sunday 3 May at the National Stadium.", 2025, date(2025, 11, 9))
    assert [(d.text, d.normalized, d.kind) for d in found] == [("Sunday 3 May", "3 May 2026", "day")]
    found = find_dates("on Wednesday, 29 October 2025", 2025)
    assert [(d.text, d.normalized) for d in found] == [("Wednesday, 29 October 2025", "29 October 2025")]
    final = best_phrase("The final is on Sunday 3 May.", read_question("When is the final?"), 2025,
                        published=date(2025, 11, 9))
    assert final is not None and final.answer == "Sunday, 3 May 2026"


@pytest.mark.parametrize("line, iso", [
    ("Thu 5 Feb 2026 18.30 GMT", "2026-02-05"),
    ("18/05/2026 · 4 min read", "2026-05-18"),
    ("05/18/2026", "2026-05-18"),
    ("05/06/2026", None),  # May or June: not read
    ("05/05/2026", "2026-05-05"),  # either way the same day
    ("31/02/2026", None),  # no such day
    ("Score 18.30 at 5 Feb 2026", None),
])
def test_a_dateline_in_other_forms(line: str, iso: str | None) -> None:
    assert dateline(line) == iso


def test_a_name_alone_above_the_date_is_the_byline() -> None:
    header, text = split_header("Harriet Vanterpool\nThu 5 Feb 2026 18.30 GMT\nEdwin Marchbanks has died.", "T")
    assert header.date == "2026-02-05" and text.startswith("Harriet Vanterpool\n")
    header, text = split_header("Story by Anouk Verhaegen\n18/05/2026 · 4 min read\nA painting sold.", "T")
    assert header.date == "2026-05-18" and text.startswith("Story by Anouk Verhaegen\n")
    assert split_header("Seoul Concert Hall\nThe hall reopened.", "T")[1].startswith("Seoul Concert Hall\n")
    assert names_writer("Harriet Vanterpool", opens=True) and not names_writer("Harriet Vanterpool")
    assert not names_writer("World Cup Final Preview", opens=True)  # a headline of common words is no name
    assert not names_writer("Seoul Concert Hall", opens=True)
    assert names_writer("Park Ji-sung", opens=True)
    # above a date, a name of common words is a byline too, and the date is read
    assert split_header("Mark Brown\nThu 5 Feb 2026 18.30 GMT\nThe council met.", "T")[0].date == "2026-02-05"
    assert asks_writer("Who wrote this obituary?") and not asks_writer("Who wrote The Honest Plank?")


OBITUARY = """Edwin Marchbanks, boatbuilder and presenter, dies aged 87

Harriet Vanterpool
Thu 5 Feb 2026 18.30 GMT

Edwin Marchbanks, the boatbuilder and broadcaster, has died aged 87. His family said he died peacefully on Sunday at \
his home in Polgarrow.

He was appointed MBE in 1998, and wrote six books, the best known being The Honest Plank (1989).

Lumora's hardware revenue fell 14% last year to $612 million. The chief executive is Priyanka Dewhurst.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, st_embedder: SentenceTransformerEmbedder) -> Engine:
    return engine_over_story(tmp_path_factory, "obituary.txt", OBITUARY, st_embedder)


@pytest.mark.parametrize("question, answer", [
    ("Who wrote this obituary?", "Harriet Vanterpool"),  # the byline, not who "wrote six books"
    ("What was Lumora's hardware revenue last year?", "$612 million"),
    ("who's lumora's ceo", "Priyanka Dewhurst"),
])
def test_news_figures_through_the_real_engine(engine: Engine, question: str, answer: str) -> None:
    assert engine.answer(question).text == f"{answer} [1]"


def test_the_obituary_is_dated_by_the_line_under_its_byline(engine: Engine) -> None:
    assert [a.date for a in engine.index.articles.values()] == ["2026-02-05"]


def test_what_he_died_of_is_not_his_age(engine: Engine) -> None:
    got = engine.answer("What did Edwin Marchbanks die of?")
    assert got.text is None or "has died aged 87" in got.text  # the sentence, or nothing; not the number alone


def test_a_range_of_shares_is_whole_and_the_readers_share_is_trusted_when_a_percentage_is_asked() -> None:
    assert [c.text for c in candidates("Neutrophils represent 50% to 60% of leukocytes.", "amount", 2026)] == \
        ["50% to 60%"]
    assert [c.text for c in candidates("Small parties get between 5 and 15% of the vote.", "amount", 2026)] == \
        ["between 5 and 15%"]
    assert [c.text for c in candidates("Prices rose 4.8% and 6.1%.", "amount", 2026)] == ["4.8%", "6.1%"]
    share = Found(0, Candidate(60, 63, "50%", "50%"), 12.0, 11.5, 0)
    assert margins("What percentage of energy comes from HVAC systems?", share) == (7.5, 7.5)
    assert margins("How much did the HVAC systems cost?", share) == (7.5, 12.0)


@pytest.mark.parametrize("sentence, question, answer", [
    ("Bidding opened at 2.4 million francs and lasted 17 minutes.", "How long did the bidding last?", "17 minutes"),
    ("The meeting lasted almost five hours.", "How long did the meeting last?", "almost five hours"),
])
def test_a_length_in_hours_or_minutes_says_how_long(sentence: str, question: str, answer: str) -> None:
    found = best_phrase(sentence, read_question(question), 2026)
    assert found is not None and found.answer == answer


def test_two_word_verbs_are_read_as_the_one_the_sources_write() -> None:
    assert read_question("Where did Marchbanks pass away?").terms == ("marchbank", "die")
    assert read_question("When did the minister step down?").terms == ("minist", "resign")
    assert "cancel" in read_question("Why was the match called off?").terms
    assert read_question("Who passed the ball away?").terms == ("pass", "ball", "away")  # not "die"


def test_only_the_byline_says_who_wrote_its_article_and_another_article_answers_from_its_text(tmp_path: Path) -> None:
    from bot.engine.engine import Engine as Built
    from tests.fakes import HashEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "obituary.txt").write_text("Boatbuilder dies\nBy Harriet Vanterpool\nHe wrote six books, the best known "
                                         "being The Honest Plank.\n", encoding="utf-8")
    (corpus / "report.txt").write_text("Hospital waiting times\nThe report, written by Professor Jane Doe, was "
                                       "published on Monday.\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data", multilingual="",
                        abstain_threshold=0.0, reader=None)
    build_index(settings, embedder=HashEmbedder())
    engine = Built.from_settings(settings, embedder=HashEmbedder())
    assert engine.answer("Who wrote the obituary about the boatbuilder?").text == "Harriet Vanterpool [1]"
    assert engine.answer("Who wrote the report on hospital waiting times?").text == "Jane Doe [1]"  # no "Professor"


def test_the_reader_takes_no_byline_for_what_the_article_is_about(tmp_path_factory: pytest.TempPathFactory,
                                                                     st_embedder: SentenceTransformerEmbedder) -> None:
    """Over the cup story of `evals/news_tune.json`, the reader had put its byline first, and the answer to "Who is
    Ashford Town's manager?" was "Tom Whitaker, Sports Reporter"; a byline answers only who wrote the article."""
    from bot.evaluation.squad import read_squad, write_corpus

    corpus = Path(tmp_path_factory.mktemp("cup")) / "corpus"
    questions = read_squad(Path(__file__).resolve().parents[1] / "evals" / "news_tune.json")
    title = next(q.title for q in questions if "Ashford Town" in q.context)
    assert write_corpus([q for q in questions if q.title == title], corpus) == 1
    engine = engine_over_corpus(corpus, st_embedder)
    answer = engine.answer("Who is Ashford Town's manager?")
    assert answer.text is not None and "Whitaker" not in answer.text and "Castellano" in answer.text
    assert (engine.answer("Who wrote the article about the cup semi-final?").text or "").startswith("Tom Whitaker")
