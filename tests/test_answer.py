from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.engine.answer import UNTYPED, W_PAIRS, ScoredSentence, best_phrase, coverage, score_sentences
from bot.engine.engine import Engine
from bot.engine.phrases import Candidate, wrong_place
from bot.engine.question import Question, asked_thing, is_follow_up, question_kind, read_question
from bot.errors import QuestionError
from bot.evaluation.metrics import Outcome
from bot.models import Article, Chunk, Passage, Sentence
from bot.render import render_answer

from .robust_helpers import tiny_engine


@pytest.mark.parametrize("question, kind", [
    ("When was the Seoul concert?", "when"), ("What year was the treaty signed?", "year"),
    ("Who is the Japanese ambassador?", "who"), ("How much aid did Japan give?", "amount"),
    ("Where was the summit?", "where"), ("How long did it take?", "duration"), ("Why does it matter?", "other"),
    ("On what date was the treaty signed?", "date"), ("What were the dates of the expedition?", "date"),
    ("Which vice ministers spoke?", "who"), ("What was the venue of the reception?", "where"),
    ("Which palace hosted it?", "where"), ("How tall is Tokyo Tower?", "measure"),
    ("who was prime minister when the treaty was signed", "who"), ("When did the envoy who spoke arrive?", "when"),
    # "when" opening a clause asks for no date
    ("What was the region called when it was the centre of Iran?", "other"),
    ("How did Vaudreuil react when Johnson was seen as a threat?", "other"),
    ("When Japan's imports rose, which policy ended?", "other"),
    ("When wasn't King George's war?", "when"), ("when exactly was the treaty signed", "when"),
    ("When's the concert?", "when"), ("It lasted until when?", "when"), ("when the concert in seoul held?", "when"),
    ("When and where was the treaty signed?", "when"), ("When, and by whom, was it signed?", "when"),
])
def test_question_kinds(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize("question, thing", [
    ("What plane did Lee take to Canada?", "plane"), ("Which K-pop songs were performed?", "songs"),
    ("What was the theme of the festival?", "theme"), ("How many tickets were sold?", "tickets"),
    ("In which palace was the treaty signed?", "palace"),
    ("What were the dates of the expedition?", ""),  # frames the kind of answer
    ("Which PM is Nagashima an adviser to?", ""),  # an acronym: the sources may spell it out
    ("Which US president is mentioned?", ""),  # a role: the who-is-who table checks it
    ("What did Lee say?", ""), ("When was the Seoul concert?", ""),
])
def test_the_thing_a_question_asks_about(question: str, thing: str) -> None:
    assert asked_thing(question) == thing


def test_a_date_question_wants_a_day_not_a_bare_year() -> None:
    question = read_question("On what date was the treaty signed?")
    assert best_phrase("The treaty was signed in 1965.", question, 2025) is None
    found = best_phrase("The treaty was signed on June 22, 1965.", question, 2025)
    assert found is not None and found.answer == "22 June 1965"
    assert "date" not in read_question("What were the dates of the expedition?").terms  # it frames the kind


@pytest.mark.parametrize("question, sentence, phrase", [
    ("When was the Seoul concert?", "Most recently, on December 5th, a concert was held in Seoul.", "5 December 2025"),
    ("Who was the Japanese prime minister in 1998?",
     "In 1998, South Korean President Kim Dae-jung and Japanese Prime Minister Keizo Obuchi issued a declaration.",
     "Keizo Obuchi"),
    ("How much aid did Japan provide?", "Japan provided $800 million in economic aid.", "$800 million"),
    ("When was the festival in Tokyo?",
     "The Korea–Japan Festival, hosted in Seoul on October 12 and in Tokyo on September 27–28.",
     "27–28 September 2025"),
    ("Where was the summit held?", "The leaders met at Camp David, starting a framework.", "Camp David"),
])
def test_answer_phrase_is_the_one_nearest_the_question(question: str, sentence: str, phrase: str) -> None:
    found = best_phrase(sentence, read_question(question), 2025)
    assert found is not None and found.answer == phrase


def test_yes_or_no_questions_are_told_apart() -> None:
    assert read_question("Was Yoon impeached?").yes_no and read_question("did lee attend").yes_no
    assert not read_question("Who was impeached?").yes_no and not read_question("When was Yoon impeached?").yes_no


def test_a_measurement_needs_a_number_with_a_unit() -> None:
    question = read_question("How tall is Tokyo Tower?")
    assert best_phrase("Tokyo Tower was lit up in red and blue.", question, 2025) is None
    found = best_phrase("Tokyo Tower, 333 metres tall, was lit up.", question, 2025)
    assert found is not None and found.answer == "333 metres"


@pytest.mark.parametrize("question, place, wrong", [
    ("Where in Tokyo was the festival held?", "Seoul", True),  # another city than the one asked about
    ("where did lee go in japan?", "Seoul", True),
    ("Where in Korea was it held?", "Seoul", False),  # Seoul is in Korea
    ("Where in Seoul was it held?", "Korea", False),
    ("Where did Lee go instead?", "Canada", False),  # no place named
    ("can you tell us where the concert was", "Seoul", False),  # "us" is no country
    ("Where in the US was it?", "Seoul", True),
    ("Which palace hosted it?", "Seoul", True),  # a palace is asked for
    ("Which palace hosted it?", "Gyeongbok Palace", False),
])
def test_a_place_must_fit_the_question(question: str, place: str, wrong: bool) -> None:
    assert wrong_place(question, Candidate(0, len(place), place, place)) is wrong


@pytest.mark.parametrize("question, sentence, none", [
    ("Where in Tokyo was it held?", "It was held in Seoul and in Tokyo.", True),
    ("where in tokyo was it held", "It was held in Tokyo on May 2.", True),
    ("Where was it held in Tokyo?", "It was held in Seoul and in Tokyo.", True),
    ("Where in Tokyo was it held?", "It was held at Tokyo Tower in Tokyo.", False),  # a place inside
    ("Where in Tokyo was it held?", "It was held in the spring.", False),  # no place at all: other rules decide
    ("Where was it held?", "It was held in Seoul.", False),
    ("Where did the team go after training in Tokyo?", "After training in Tokyo, they went to Seoul.", False),
])
def test_a_question_asking_where_inside_a_place_needs_another_place(question: str, sentence: str,
                                                                   none: bool) -> None:
    from bot.engine.phrases import no_place_inside
    assert no_place_inside(question, sentence) is none


def test_an_en_dash_between_letters_joins_as_a_hyphen() -> None:
    from bot.text.words import terms, words
    assert terms("Disney–ABC Television") == terms("Disney-ABC Television")
    assert words("1910–1913 and A – B") == ["1910", "1913", "and", "a", "b"]  # numbers and spaced dashes: apart


def test_coverage_weights_rare_words() -> None:
    idf = {"seoul": 0.5, "concert": 3.0}
    assert coverage(["seoul", "concert"], {"concert"}, idf) == pytest.approx(3.0 / 3.5)
    assert coverage(["osaka"], {"concert"}, idf, unknown=3.0) == 0.0


def test_follow_ups_borrow_the_previous_question() -> None:
    assert is_follow_up("and the one in Tokyo?") and not is_follow_up("When was the Seoul concert?")
    q = read_question("and the one in Tokyo?", "When was the concert in Seoul?")
    assert q.kind == "when" and "concert" in q.terms and "tokyo" in q.terms


def test_answer_cites_the_supporting_snippet_with_highlight(fake_engine: Engine) -> None:
    answer = fake_engine.answer("How much economic aid did Japan provide?")
    assert answer.text == "$800 million [1]"
    first = answer.citations[0]
    assert first.n == 1 and first.title == "The Treaty" and first.date is None
    assert first.marked_snippet() == "Japan provided **$800 million** in economic aid to South Korea."


def test_unrelated_question_abstains_and_shows_nearest_passages(fake_engine: Engine) -> None:
    answer = fake_engine.answer("What is the population of Osaka?")
    assert answer.abstained and answer.text is None
    assert answer.citations and all(c.highlight is None for c in answer.citations)


def test_empty_question_is_a_clear_error(fake_engine: Engine) -> None:
    with pytest.raises(QuestionError, match="ask a question"):
        fake_engine.answer(" \u200b\n ")


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is the population of Osaka?", "Who won the 2022 World Cup?",
                                      "How do I bake sourdough bread?", "who is the us ambassador to japan",
                                      "Who was the Korean president in 1965?",
                                      "Is there a statue commemorating the anniversary?",
                                      # things the sources never name, nor anything close to them
                                      "What airline did Lee fly to Canada?", "What was the motto of the festival?",
                                      "Which songs did the K-pop groups perform?",
                                      # the poet named in the sentence before is no answer
                                      "Who got the awards Mizushima handed out?",
                                      # "hosted in Seoul on October 12 and in Tokyo on September 27–28": no place
                                      # in Tokyo (the question's hyphen is the sources' en dash)
                                      "Where in Tokyo was the Korea-Japan Festival held?",
                                      "Where was the reception held in Tokyo?"])
def test_real_engine_abstains_when_the_sources_do_not_say(real_engine: Engine, question: str) -> None:
    assert real_engine.answer(question).abstained


@pytest.mark.model
@pytest.mark.parametrize("question, expected", [
    ("Who is the Japanese ambassador to Korea?", "Koichi Mizushima"),
    ("How much economic aid did Japan provide?", "$800 million"),
    ("When was the Treaty on Basic Relations signed?", "22 June 1965"),
    ("What happened in 1965?", "Treaty on Basic Relations"),
    ("Who is Koichi Mizushima?", "Japanese Ambassador"),  # the reader names his title
    ("Who is Ishiba's special adviser?", "Akihisa Nagashima"),
    ("who is the aide to the japanese pm", "Akihisa Nagashima"),  # an aide is an adviser; not the PM himself
    # the summit's sentence names nobody: the prime minister of the sentence before, near "prime minister"
    ("who was japan's prime minister at the time of the camp david summit", "Fumio Kishida"),
    ("who is kishida", "Japanese Prime Minister Fumio Kishida"),
    ("Who organized the cycling expedition?", "Ministry of Foreign Affairs"),
    ("who is korea's ambassador to japan", "Park Cheol-hee"),
    ("who is the korean envoy to japan", "Park Cheol-hee"),
    ("Which ambassador asserted he will build irreversible ties?", "Ambassador Park"),
    ("What day does the anniversary fall on?", "Sunday, 22 June 2025"),  # "this Sunday", from 16 June 2025
    # words the sources never use, with a close one in the answer: "colors", "Cycling Expedition"
    ("What hues were the towers lit in?", "colors"),
    ("What journey did the foreign ministry organise by bike?", "Cycling Expedition"),
])
def test_real_engine_answers_answerable_questions(real_engine: Engine, question: str, expected: str) -> None:
    answer = real_engine.answer(question)
    assert not answer.abstained and answer.text is not None and expected in answer.text


@pytest.mark.model
def test_when_a_period_ended_is_its_last_year(real_engine: Engine) -> None:
    text = real_engine.answer("In what year did Korea's colonial rule end?").text
    assert text is not None and text.startswith("1945 [")


@pytest.mark.model
def test_a_sentence_that_points_back_takes_its_time_from_the_one_before(real_engine: Engine) -> None:
    # "On this occasion, Tokyo Tower was lit up"; "When were the towers lit up?" now finds the other
    # article's "February 15th ... the joint lighting ceremony" ("lit" is "light")
    answer = real_engine.answer("When was Tokyo Tower illuminated in Korea's colors?")
    assert not answer.abstained and answer.citations[0].snippet.startswith("This Valentine’s Day weekend")
    assert "On this occasion, Tokyo Tower was lit up" in answer.citations[0].snippet
    highlight = answer.citations[0].highlight  # the year, in the sentence before "On this occasion"
    assert answer.text == "2025 [1]" and highlight is not None
    assert highlight[1] <= answer.citations[0].snippet.index("On this occasion")


def test_follow_up_names_replace_the_earlier_ones() -> None:
    from bot.engine.question import follow_up_query, question_names

    assert question_names("When was the concert in Osaka?") == ("osaka",)
    assert question_names("Who is the Japanese Ambassador?", demonyms=False) == ()
    assert follow_up_query("and the one in Tokyo?", "When was the Seoul concert?") == \
        "When was the concert? and the one in Tokyo?"
    q = read_question("and the one in Tokyo?", "When was the Seoul concert?")
    assert q.kind == "when" and q.carried == ("concert",) and "seoul" not in q.terms


def test_a_follow_up_keeps_the_subject_and_swaps_the_place() -> None:
    from bot.engine.question import follow_up_query

    festival = "When was the Korea-Japan Festival in Seoul?"
    assert follow_up_query("and in Tokyo?", festival) == "When was the Korea-Japan Festival? and in Tokyo?"
    # the next follow-up leans on that: the old place and the empty "and ?" go, the subject stays
    assert follow_up_query("and what about Seoul?", "When was the Korea-Japan Festival? and in Tokyo?") == \
        "When was the Korea-Japan Festival? and what about Seoul?"
    assert read_question("and what about Seoul?", festival).kind == "when"  # "what about" asks nothing new


@pytest.mark.model
def test_a_place_the_sources_never_mention_abstains_and_says_so(real_engine: Engine) -> None:
    answer = real_engine.answer("When was the concert in Osaka?")
    assert answer.abstained and answer.unknown == ("Osaka",)
    assert real_engine.answer("Is there a statue commemorating the anniversary?").unknown == ("statue",)
    assert real_engine.answer("Which songs did the K-pop groups perform?").unknown == ("songs",)  # the thing
    # "Park" is in the sources only as Ambassador Park's name: no park is mentioned
    assert real_engine.answer("Which park was the festival held in?").unknown == ("park",)
    assert real_engine.answer("When was the concert in Seoul?").unknown == ()  # answered: nothing to say
    assert render_answer(answer).startswith("I could not find that in the sources; they never mention “Osaka”.")


def test_words_of_an_article_title_are_known_names(tmp_path: Path) -> None:
    body = "For someone with a BA in Japanese-Korean Studies, the anniversary has a different meaning.\n"
    engine = tiny_engine(tmp_path, {"essay.md": f"---\ntitle: Turning a Page\n---\n{body}"})
    assert {"turn", "page"} <= engine._state.idf.keys()  # "the author of Turning a Page" names no unknown


@pytest.mark.model
def test_real_follow_ups(real_engine: Engine) -> None:
    seoul = "When was the Seoul concert?"
    assert real_engine.answer("and the one in Tokyo?", previous=seoul).abstained  # only Seoul had one
    korean = real_engine.answer("and the Korean one?", previous="Who is the Japanese ambassador to Korea?")
    assert korean.text is not None and korean.text.startswith("Park Cheol-hee")
    tokyo = real_engine.answer("and in Tokyo?", previous="When was the Korea-Japan Festival in Seoul?")
    assert tokyo.text is not None and tokyo.text.startswith("27–28 September 2025")


@pytest.mark.model
def test_real_follow_up_chains_keep_their_subject(real_engine: Engine) -> None:
    def chain(*questions: str) -> list[str | None]:
        texts, previous = [], None
        for question in questions:
            answer = real_engine.answer(question, previous=previous)
            texts.append(answer.text)
            previous = answer.understood  # what the chat and the bot remember
        return texts

    festival = chain("When was the Korea-Japan Festival in Seoul?", "and in Tokyo?", "and what about Seoul?")
    assert [t and t.split(" [")[0] for t in festival] == ["12 October 2025", "27–28 September 2025",
                                                          "12 October 2025"]
    concert = chain("When was the Seoul concert?", "and the one in Tokyo?", "and in Seoul?")
    assert concert[1] is None and concert[2] is not None and concert[2].startswith("5 December 2025")


@pytest.mark.model
def test_no_citation_repeats_another(real_outcomes: Callable[[str], list[Outcome]]) -> None:
    for o in real_outcomes("questions.jsonl"):
        snippets = o.snippets  # the citations, then the further passages
        for i, a in enumerate(snippets):
            assert not any(a in b or b in a for b in snippets[i + 1:]), (o.item.question, a)


def test_a_korean_or_japanese_answers_support_counts_its_glosses_beside_its_terms() -> None:
    # 윤 대통령은 언제 탄핵됐어?: "Yoon" heard, "impeach" glossed; the gloss counts half as much as the name
    texts = ["Yoon was impeached in the end.", "Yoon spoke about ties today.", "The weather was fine that day."]
    text = " ".join(texts)
    starts = [text.index(t) for t in texts]
    sentences = [Sentence("a", s, s + len(t), t) for s, t in zip(starts, texts, strict=True)]
    passage = Passage(Chunk("a:0", "a", 0, len(text), text, (0, 1, 2)), 1.0, 0.5)
    idf = {"yoon": 2.0, "impeach": 2.0, "tie": 1.0, "weather": 1.0}
    q = Question("윤 대통령은 언제 탄핵됐어?", "other", ("yoon",))
    vectors = np.zeros((3, 4), dtype=np.float32)
    articles = {"a": Article("a", "A", text)}
    scored = score_sentences(q, np.zeros(4, dtype=np.float32), [passage], sentences, vectors, articles, idf,
                             hints=["impeach", "unknownword"])
    support = {s.sid: s.coverage for s in scored}
    # (the third sentence has the name in the sentence before it, which counts CONTEXT = 0.5)
    assert support == pytest.approx({0: 1.0, 1: 1 / 1.5, 2: 0.5 / 1.5})
    alone = score_sentences(Question("탄핵", "other", ()), np.zeros(4, dtype=np.float32), [passage], sentences,
                            vectors, articles, idf, hints=["impeach"])
    assert {s.sid: s.coverage for s in alone} == pytest.approx({0: 0.5, 1: 0.0, 2: 0.0})


def _scored(question: str, texts: list[str], sep: str = "\n", date: str | None = None) -> list[ScoredSentence]:
    """`texts` as one passage's sentences, scored for `question` (no vectors: coverage, pairs and phrases decide)."""
    text = sep.join(texts)
    starts = [text.index(t) for t in texts]
    sentences = [Sentence("a", s, s + len(t), t) for s, t in zip(starts, texts, strict=True)]
    passage = Passage(Chunk("a:0", "a", 0, len(text), text, tuple(range(len(texts)))), 1.0, 0.5)
    q = read_question(question)
    return score_sentences(q, np.zeros(4, dtype=np.float32), [passage], sentences,
                           np.zeros((len(texts), 4), np.float32), {"a": Article("a", "A", text, date=date)},
                           {t: 1.0 for t in q.terms})


def test_a_day_the_question_names_is_covered_however_the_sentence_writes_it() -> None:
    # a programme's rows write "8 Nov": the question's "8 November" is covered by the row of that day only
    scored = _scored("What happened on 8 November?", ["2 Nov; Ferry parade", "8 Nov; Fireworks display"],
                     date="2025-11-03")
    assert {s.sid: s.coverage for s in scored} == pytest.approx({0: 0.0, 1: 1.0}) and scored[0].sid == 1
    other_year = ["8 Nov 2024; Fireworks", "8 Nov 2025; Ferry parade"]
    for question, rows in [("What happened on Nov 8?", ["2 November; Ferry parade", "8 November; Fireworks show"]),
                           ("What happened on 8 November 2025?", other_year)]:
        scored = _scored(question, rows)
        assert scored[0].sid == 1 and scored[0].coverage == pytest.approx(1.0), question  # (not another year's)


def test_the_questions_words_side_by_side_rank_a_sentence_first() -> None:
    # both sentences hold every word of the question, and no date; only the second says "lift the embargo"
    scored = _scored("When did the Arab oil producers lift the embargo?",
                     ["The embargo hurt producers; Arab states did not lift prices of oil.",
                      "Arab oil producers agreed to lift the embargo."], sep=" ")
    assert [s.coverage for s in scored] == [1.0, 1.0]
    assert scored[0].sid == 1  # 3 of the question's 4 neighbouring pairs
    assert scored[0].score - scored[1].score == pytest.approx(W_PAIRS * 3 / 4 * UNTYPED)
