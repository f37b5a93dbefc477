"""The reader's part of an answer, with a stand-in reader that finds a given phrase (the trained reader itself
is tested in test_reader_model.py): its span becomes the answer, bold in the cited sentence, dates written
out in full; the decision it feeds can abstain; QABOT_READER selects or turns it off."""

import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.engine.abstain import DEFAULT, Decision, Evidence, fit
from bot.engine.answer import ScoredSentence
from bot.engine.engine import Engine
from bot.engine.phrases import Candidate
from bot.engine.question import read_question
from bot.engine.reading import Found, reader_refuses, rows_ended
from bot.errors import ModelError
from bot.reader.model import Reading
from bot.reader.windows import Span

from .fakes import HashEmbedder, engine_over


class FindsPhrase:
    """Reads like the reader: the first passage holding `phrase` gets it as its span, with these scores."""

    def __init__(self, phrase: str, score: float = 12.0, null: float = 2.0) -> None:
        self.phrase, self.score, self.null = phrase, score, null
        self.calls: list[tuple[str, int]] = []

    def read(self, question: str, passages: Sequence[str]) -> list[Reading]:
        self.calls.append((question, len(passages)))
        out = []
        for text in passages:
            at = text.find(self.phrase)
            span = Span(at, at + len(self.phrase), self.score, self.null) if at >= 0 else Span(0, 1, -5.0, 2.0)
            out.append(Reading(span, span.null))
        return out


def engine_with(fake_engine: Engine, reader: FindsPhrase, decision: Decision = DEFAULT, lead: str = "reader") -> Engine:
    return Engine(fake_engine.index, fake_engine.embedder, fake_engine.settings, reader, decision, lead)


def test_the_readers_span_is_the_answer_and_is_bold_in_the_cited_sentence(fake_engine: Engine) -> None:
    answer = engine_with(fake_engine, FindsPhrase("Keizo Obuchi")).answer("Who apologised in 1998?")
    assert not answer.abstained and answer.text == "Keizo Obuchi [1]"
    c = answer.citations[0]
    assert c.snippet == "Prime Minister Keizo Obuchi apologised in 1998." and c.marked_snippet() == (
        "Prime Minister **Keizo Obuchi** apologised in 1998.")


def test_a_date_span_is_written_out_with_its_year(fake_engine: Engine) -> None:
    answer = engine_with(fake_engine, FindsPhrase("December 5th")).answer("When was the concert in Seoul?")
    assert answer.text == "5 December 2025 [1]"
    assert answer.citations[0].marked_snippet().count("**December 5th**") == 1


def test_the_reader_reads_a_few_passages_in_one_call(fake_engine: Engine) -> None:
    reader = FindsPhrase("1965")
    engine_with(fake_engine, reader).answer("When was the treaty signed?")
    assert len(reader.calls) == 1 and 1 <= reader.calls[0][1] <= 3


def test_a_low_reader_margin_abstains(fake_engine: Engine) -> None:
    sure = engine_with(fake_engine, FindsPhrase("Keizo Obuchi", score=12.0, null=2.0)).answer("Who apologised?")
    unsure = engine_with(fake_engine, FindsPhrase("Keizo Obuchi", score=1.0, null=9.0)).answer("Who apologised?")
    assert not sure.abstained and unsure.abstained and unsure.text is None and unsure.score < sure.score


def test_fit_learns_that_a_larger_margin_means_answerable() -> None:
    evidence = [Evidence(m, 5.0, 0.5, True) for m in (-6, -4, -2, -1, 1, 2, 4, 6)]
    decision = fit(evidence, [False, False, False, False, True, True, True, True])
    assert decision.probability(Evidence(5, 5.0, 0.5, True)) > 0.8 > 0.2 > decision.probability(
        Evidence(-5, 5.0, 0.5, True))


def test_qabot_reader_off_or_a_path(tmp_path: Path) -> None:
    assert Settings.from_env({"QABOT_READER": "off"}, dotenv=None).reader is None
    assert Settings.from_env({"QABOT_READER": str(tmp_path)}, dotenv=None).reader == tmp_path


def test_a_reader_path_that_does_not_load_is_one_clear_error(settings: Settings, fake_embedder: HashEmbedder,
                                                              tmp_path: Path) -> None:
    from bot.index.build import build_index

    build_index(settings, embedder=fake_embedder)
    with pytest.raises(ModelError, match="QABOT_READER"):
        Engine.from_settings(settings.with_(reader=tmp_path / "nowhere"), embedder=fake_embedder)


def test_by_default_a_date_the_rules_found_stands_unless_the_reader_is_very_sure(fake_engine: Engine) -> None:
    question = "When was the concert in Seoul?"
    fairly = engine_with(fake_engine, FindsPhrase("musicians from both countries", score=11.0, null=0.0), lead="both")
    very = engine_with(fake_engine, FindsPhrase("musicians from both countries", score=13.0, null=0.0), lead="both")
    assert fairly.answer(question).text == "5 December 2025 [1]"
    assert very.answer(question).text == "musicians from both countries [1]"


def test_by_default_the_readers_span_answers_only_when_it_is_sure(fake_engine: Engine) -> None:
    question = "What did the musicians perform?"
    sure = engine_with(fake_engine, FindsPhrase("Ninth Symphony", score=12.0, null=2.0), lead="both")
    unsure = engine_with(fake_engine, FindsPhrase("Ninth Symphony", score=6.0, null=2.0), lead="both")
    assert sure.answer(question).text == "Ninth Symphony [1]"
    # the whole sentence, with the one before that says who "they" are
    assert (unsure.answer(question).text or "").endswith("They performed Beethoven's Ninth Symphony to celebrate "
                                                          "the anniversary. [1]")


def test_a_span_that_opens_a_quoted_name_takes_the_whole_name() -> None:
    from bot.engine.reading import _phrase
    from bot.models import Article

    sentence = "The ministry organized the ‘New Joseon Tongsinsa Cycling Expedition’ in May."
    start = sentence.index("New")
    article = Article(id="a", title="A", text=sentence)
    assert _phrase(sentence, start, sentence.index(" Cycling"), article).text == (
        "New Joseon Tongsinsa Cycling Expedition")
    assert _phrase(sentence, start + 4, sentence.index(" Cycling"), article).text == "Joseon Tongsinsa"


def test_a_span_that_stops_inside_a_bodys_name_takes_the_whole_name() -> None:
    from bot.engine.reading import _phrase
    from bot.models import Article

    sentence = "The industry is led by the state-owned Tajik Aluminum Company, the biggest plant in Central Asia."
    article = Article(id="a", title="A", text=sentence)
    start = sentence.index("Tajik")
    assert _phrase(sentence, start, start + len("Tajik"), article).text == "Tajik Aluminum Company"
    # a span ending in a common word, or a name followed by no body's name, is left as it is
    assert _phrase(sentence, start - 12, start - 1, article).text == "state-owned"
    end = sentence.index(" Asia")
    assert _phrase(sentence, sentence.index("Central"), end, article).text == "Central"


def test_qabot_reader_mode() -> None:
    from bot.errors import ConfigError

    assert Settings.from_env({}, dotenv=None).reader_mode == "both"
    assert Settings.from_env({"QABOT_READER_MODE": "Alone"}, dotenv=None).reader_mode == "alone"
    with pytest.raises(ConfigError, match="both or alone"):
        Settings.from_env({"QABOT_READER_MODE": "rules"}, dotenv=None)


def test_which_country_lets_a_sure_reader_replace_the_rules_place(fake_engine: Engine) -> None:
    from bot.engine.phrases import Candidate
    from bot.engine.reading import FOCUS_MARGIN, TYPED_MARGIN, Found, margins

    def typed_margin(question: str) -> float:
        return margins(question, Found(0, Candidate(0, 5, "Japan", "Japan"), 10.0, 10.0, 0, 0.5))[1]

    reader = FindsPhrase("Japan", score=10.0, null=0.0)  # a margin of 10: sure, not very sure
    # "to South Korea" is where the aid went, not which country gave it
    assert engine_with(fake_engine, reader, lead="both").answer("Which country provided economic aid?").text == (
        "Japan [1]")
    assert typed_margin("What countries border Tajikistan?") == FOCUS_MARGIN
    assert typed_margin("In which country was the treaty signed?") == TYPED_MARGIN
    assert typed_margin("Which country did the aid go to?") == TYPED_MARGIN
    # asked where inside Tokyo, the reader's "Seoul" is ruled out as the rules' would be
    assert margins("Where in Tokyo was it?", Found(0, Candidate(0, 5, "Seoul", "Seoul"), 10.0, 10.0, 0, 0.5),
                   "where") == (math.inf, math.inf)
    # a building the question names does not rule out the reader's place ("Where is the palace located?": Kyoto)
    assert margins("Where is the palace located?", Found(0, Candidate(0, 5, "Kyoto", "Kyoto"), 10.0, 10.0, 0, 0.5),
                   "where")[0] == FOCUS_MARGIN
    # a size names no place: "Where is the stadium?" is not "a 358-acre"; "7 West 66th Street" and "night" may be
    def where(span: str) -> float:
        return margins("Where is it?", Found(0, Candidate(0, len(span), span, span), 10.0, 10.0, 0, 0.5), "where")[0]
    assert where("a 358-acre") == math.inf
    assert where("7 West 66th Street") == where("night") == where("the 86th floor") == where("gate 5") == FOCUS_MARGIN
    assert where("25 miles") == where("a 40 per cent share") == math.inf
    # asked who someone is, a name alone is no answer ("Who is Keizo Obuchi?": not "Kim Dae-jung", named beside
    # him); a title is ("Japanese Prime Minister", "special adviser to ... Shigeru Ishiba")
    def who_is(span: str) -> float:
        return margins("Who is Keizo Obuchi?", Found(0, Candidate(0, len(span), span, span), 10.0, 10.0, 0, 0.5),
                       "other")[0]
    assert who_is("Kim Dae-jung") == who_is("Keizo Obuchi") == math.inf
    assert who_is("Japanese Prime Minister") == who_is("special adviser to Prime Minister Shigeru Ishiba") \
        == FOCUS_MARGIN
    # "Who was Chopin's teacher?" names Chopin but asks for another person: a name is the answer
    teacher = Found(0, Candidate(0, 13, "Józef Elsner", "Józef Elsner"), 10.0, 10.0, 0, 0.5)
    assert margins("Who was Chopin's initial piano teacher?", teacher)[0] == FOCUS_MARGIN
    assert margins("who was chopin's teacher", teacher)[0] == FOCUS_MARGIN
    # nor do words a dictionary has often ("who was elected", "who was shot", "who is responsible"); typed in small
    # letters, a name is asked about where one of its words is rare ("kim" is common, "dae-jung" is not)
    for question in ("who was elected", "who was shot dead", "who is responsible"):
        assert margins(question, teacher)[0] == FOCUS_MARGIN, question
    for question in ("who is kim dae-jung", "who's kim dae-jung", "Who is keizo obuchi?"):
        assert margins(question, Found(0, Candidate(0, 12, "Kim Dae-jung", "Kim Dae-jung"), 10.0, 10.0, 0, 0.5))[0] \
            == math.inf, question


def test_the_readers_span_is_no_answer_where_it_spells_out_the_acronym_asked_about(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, "Lighting designers\nThe Professional Lighting Designers Association (PLDA) was "
                                    "formerly known as ELDA.\nIt publishes guides for lighting designers.\n")
    question = "What was the PLDA formerly known as?"
    spelled = engine_with(engine, FindsPhrase("Professional Lighting Designers Association"), lead="both")
    got = spelled.answer(question)  # the PLDA's own name says nothing of what it was called before: the sentence
    assert got.text is not None and got.text.startswith("The Professional Lighting Designers Association (PLDA) was")
    assert engine_with(engine, FindsPhrase("ELDA"), lead="both").answer(question).text == "ELDA [1]"


def test_a_phrase_the_reader_names_in_the_rules_sentence_counts_as_found(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, "Daylight\nDaylight is measured at about 5,500 K, many degrees above a lamp's "
                                    "light.\nLamps are often much warmer than daylight.\n")
    question = "How many degrees is daylight measured at?"  # the count rules want "5,500 degrees"
    number = engine_with(engine, FindsPhrase("5,500 K"), lead="both").answer(question)
    words = engine_with(engine, FindsPhrase("a lamp's light"), lead="both").answer(question)
    assert number.text == "5,500 K [1]" and number.citations[0].marked_snippet().count("**5,500 K**") == 1
    assert number.score == pytest.approx(2 * words.score, rel=1e-3)  # no longer halved as a sentence without one


def test_a_readers_span_fits_the_kind_asked_for() -> None:
    from bot.engine.answer import reader_phrase_fits
    from bot.engine.phrases import Candidate
    from bot.engine.question import read_question

    def fits(question: str, sentence: str, span: str) -> bool:
        at = sentence.index(span)
        return reader_phrase_fits(Candidate(at, at + len(span), span, span), sentence, read_question(question),
                                  {}, 2025, None)

    assert fits("When was the region under Tibetan rule?", "It was ruled by Tibet in 650–680.", "650–680")
    assert not fits("When was the region under Tibetan rule?", "It was ruled by Tibet for a while.", "a while")
    assert fits("Where did they go?", "They went to Kyoto by train.", "Kyoto")
    assert not fits("Where did they go?", "They went there by train.", "by train")
    assert not fits("Where in Tokyo was the festival held?", "The festival was held in Seoul.", "Seoul")
    assert fits("How far is the Quad?", "The Quad lies half a mile from the Yard.", "half a mile")
    assert not fits("When will the plant reopen?", "The plant may reopen, but no one knows.", "may reopen")
    assert not fits("How many will come?", "The plant may reopen, but no one knows.", "no one")
    # a bare number counts the noun after it: people, not years
    assert fits("How many people live there?", "An estimated 8 million people live there.", "8 million")
    assert not fits("How many people live there?", "It took 8 years to build.", "8")
    assert fits("Who apologised?", "Prime Minister Keizo Obuchi apologised.", "Keizo Obuchi")
    assert not fits("Who apologised?", "Prime Minister Keizo Obuchi apologised.", "apologised")
    # asked for no role, a name the rules' people patterns miss will do; asked for a role, their checks stand
    assert fits("Who was the author of De architectura?", "It is by the Roman architect Vitruvius.", "Vitruvius")
    assert not fits("Who was the author of De architectura?", "It is by the Roman architect Vitruvius.", "the Roman")
    assert not fits("Who was the ambassador?", "The book is by the architect Vitruvius.", "Vitruvius")
    assert not fits("Who spoke?", "It was said in Seoul on Monday.", "Monday")  # a day or a city is no one
    assert not fits("Who spoke?", "It was said in Seoul on Monday.", "Seoul")


@pytest.mark.parametrize(("sentence", "span", "whole"), [
    ("The Fed acts as lender-of-last-resort in a crisis.", "lender-of-last", "lender-of-last-resort"),
    ("Many live on US$1.25 per day.", "$1.25", "US$1.25"),
    ("A 24-hour cycle.", "24", "24"), ("The UK-based PLASA.", "UK", "UK"),  # a word joined to one outside stays out
    ("He met Kim there.", "Ki", "Kim"), ("He met Kim there.", "Kim", "Kim"),
])
def test_a_readers_span_takes_whole_words(sentence: str, span: str, whole: str) -> None:
    from bot.engine.reading import _whole_words

    start = sentence.index(span)
    first, last = _whole_words(sentence, start, start + len(span))
    assert sentence[first:last] == whole


@pytest.mark.parametrize(("sentence", "span", "whole"), [
    ("Its reach was between 10% and 18% of homes.", "10%", "between 10% and 18%"),
    ("Its reach was between 10% and 18.", "10%", "between 10% and 18"),  # not the stop that ends the sentence
    ("Oil rose from $50 to $147 a barrel.", "$50", "$50"),  # "from ... to" is often a change, not a range
    ("It ran between 1990 and 1995.", "1990", "1990"),  # a year: the dates' rules read ranges of years
])
def test_a_number_that_opens_a_range_is_the_whole_range(sentence: str, span: str, whole: str) -> None:
    from bot.engine.reading import _whole_range

    start = sentence.index(span)
    first, last = _whole_range(sentence, start, start + len(span))
    assert sentence[first:last] == whole


def test_a_sure_readers_span_short_of_the_rules_hedge_leaves_the_hedged_phrase() -> None:
    from bot.engine.reading import TYPED_MARGIN, place

    rules = ScoredSentence(0, 0, 0.5, 0.5, 0.9, Candidate(0, 17, "Over 3,000 people", "Over 3,000 people"), True)
    other = ScoredSentence(1, 0, 0.4, 0.4, 0.9, None, True)
    inside = Found(0, Candidate(5, 10, "3,000", "3,000"), 13.0, TYPED_MARGIN + 1, 0)
    assert place([rules, other], inside)[0].phrase == rules.phrase
    plain = ScoredSentence(0, 0, 0.5, 0.5, 0.9, Candidate(0, 12, "3,000 people", "3,000 people"), True)
    bare = Found(0, Candidate(0, 5, "3,000", "3,000"), 13.0, TYPED_MARGIN + 1, 0)
    assert place([plain, other], bare)[0].phrase == bare.phrase  # no hedge: the sure reader's span
    elsewhere = Found(1, Candidate(0, 5, "5,000", "5,000"), 13.0, TYPED_MARGIN + 1, 0)  # another sentence's span
    borrowed = replace(rules, sid=1, first=0, last=1)  # the rules' phrase is the sentence before's: offsets differ
    assert place([borrowed, other], Found(1, Candidate(5, 10, "1,200", "1,200"), 13.0, TYPED_MARGIN + 1, 0))[0].phrase \
        != rules.phrase
    assert place([rules, other], elsewhere)[0].phrase == elsewhere.phrase


def test_the_readers_no_answer_refuses_a_whole_sentence_only_where_the_questions_words_are(
        fake_engine: Engine) -> None:
    question = "What did Prime Minister Keizo Obuchi do in 1998?"  # no date, name, place or amount asked for
    no_span = FindsPhrase("a phrase no passage holds")  # every passage: "no answer" beats its best span by 7
    assert engine_with(fake_engine, no_span, lead="both").answer(question).abstained
    assert not engine_with(fake_engine, FindsPhrase("apologised"), lead="both").answer(question).abstained
    assert not engine_with(fake_engine, no_span, lead="both").answer("Did Keizo Obuchi apologise in 1998?").abstained
    # a sentence pasted from an article asks nothing: its sentence is cited (tests/test_hostile.py)
    assert not engine_with(fake_engine, no_span, lead="both").answer(
        "Prime Minister Keizo Obuchi apologised in 1998.").abstained


def test_the_readers_no_answer_is_not_trusted_where_the_sentence_paraphrases_the_question() -> None:
    q = read_question("Which school's pupils sang before the ceremony?")
    found = Found(0, Candidate(0, 1, "A", "A"), -9.0, -9.0, 0)
    assert not reader_refuses(q, found, ScoredSentence(0, 0, 0.5, 0.5, 0.4, None))  # "a student choir performed"
    assert reader_refuses(q, found, ScoredSentence(0, 0, 0.5, 0.5, 0.6, None))
    assert not reader_refuses(read_question("When did the pupils sing?"), found,
                              ScoredSentence(0, 0, 0.5, 0.5, 0.9, None, True))  # asks for a date: the rules decide


def test_a_line_without_a_stop_ends_with_one_for_the_reader_and_keeps_its_offsets() -> None:
    text = "The programme:\n1 November Opening\n8 November Parade  \nIt ended.\nA heading\n\nBody text."
    ended = rows_ended(text)
    assert len(ended) == len(text)
    assert ended == "The programme:\n1 November Opening.8 November Parade  .It ended.\nA heading.\nBody text."


def test_the_readers_span_in_a_row_of_another_day_does_not_move_the_answer(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, "Festival programme\nThe festival runs through November in North Port.\n"
                                    "1 November Opening ceremony at City Hall\n"
                                    "8 November Lantern parade along the river\n")
    got = engine_with(engine, FindsPhrase("Lantern parade"), lead="both").answer("What is on 1 November?")
    assert got.citations and got.citations[0].snippet == "1 November Opening ceremony at City Hall"
    same = engine_with(engine, FindsPhrase("Lantern parade"), lead="both").answer("What is on 8 November?")
    assert same.text == "Lantern parade [1]"


def test_a_span_run_over_two_rows_is_the_row_most_of_it_stands_in(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, "Festival programme\nThe festival runs through November in North Port.\n"
                                    "15 November Food market in Harbour Square\n"
                                    "22 November Closing concert by the North Port Youth Orchestra\n")
    run_on = FindsPhrase("Harbour Square.22 November Closing concert by the North Port Youth Orchestra", 12.0, 8.0)
    got = engine_with(engine, run_on, lead="both").answer("Which orchestra plays?")
    assert got.citations[0].snippet == "22 November Closing concert by the North Port Youth Orchestra"


def test_a_yes_or_no_question_is_answered_by_its_sentence_not_a_span() -> None:
    from bot.engine.reading import FOCUS_MARGIN, margins

    found = Found(0, Candidate(0, 14, "walking itself", "walking itself"), 12.0, 10.0, 0, 0.5)
    question = "Does the study prove that walking prevents diabetes?"
    assert margins(question, found, "other", yes_no=True) == (math.inf, math.inf)
    assert margins(question, found, "other")[0] == FOCUS_MARGIN
