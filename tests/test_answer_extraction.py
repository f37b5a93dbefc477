"""Answer extraction and confidence: the pure functions tuned in issue 4."""

from datetime import date

import pytest

from bot.engine.answer import (
    _POINTS_BACK,
    NEAR_FLOOR,
    NO_PHRASE,
    ScoredSentence,
    _does,
    best_phrase,
    confidence,
    nearness,
)
from bot.engine.korean_japanese import read_korean_japanese
from bot.engine.people import who_is_who
from bot.engine.phrases import (
    BODY_WEIGHT,
    INFERRED_YEAR_WEIGHT,
    Candidate,
    at_endpoint,
    candidates,
    introduces,
    people,
)
from bot.engine.question import as_asked, asked_verb, read_question
from bot.engine.snippets import _ANAPHOR, with_antecedents
from bot.models import Chunk, Passage, Sentence


def test_year_question_takes_the_year_from_the_article_date() -> None:
    found = candidates("Most recently, on December 5th, a concert was held in Seoul.", "year", 2025)
    assert [(c.text, c.answer, c.weight) for c in found] == [("December 5th", "2025", INFERRED_YEAR_WEIGHT)]


def test_written_year_outweighs_an_inferred_one() -> None:
    found = candidates("The treaty of June 22, 1965 was ratified on December 18th.", "year", 2025)
    by_answer = {c.answer: c.weight for c in found}
    assert by_answer == {"1965": 1.0, "2025": INFERRED_YEAR_WEIGHT}


def test_undated_article_gives_no_inferred_year() -> None:
    assert candidates("The festival was held on October 12.", "year", None) == []


def test_a_possessive_loses_only_its_s() -> None:
    assert [c.text for c in candidates("Minister Charles's office said so.", "who", 2025)] == ["Charles"]
    # "Symphony" is no person: the word, not "ymphony", is looked up
    found = candidates("The Korea Foundation Symphony Orchestra performed.", "who", 2025)  # a body, not a person
    assert [(c.answer, c.weight) for c in found] == [("The Korea Foundation Symphony Orchestra", BODY_WEIGHT)]


def test_countries_ending_in_an_are_places_not_nationalities() -> None:
    assert read_question("When was the concert in Taiwan?").entities == ("taiwan",)
    assert read_question("Who is the Japanese ambassador to Japan?").entities == ("japan",)
    assert read_question("When did the American president visit?").entities == ()


def _scored(phrase: Candidate | None, wants: bool) -> ScoredSentence:
    return ScoredSentence(0, 0, 1.0, dense=0.6, coverage=0.8, phrase=phrase, wants_phrase=wants)


def test_what_happened_frames_the_question_and_is_not_a_term_to_match() -> None:
    assert read_question("What happened in 1965?").terms == ("1965",)
    assert read_question("What took place on February 15?").terms == read_question("On February 15?").terms
    assert "happen" in read_question("Did anything else happen in 1965?").terms  # not the frame: still content
    assert read_question("Where did the concert take place?").terms[:1] == ("concert",)


@pytest.mark.parametrize("question, kind", [
    ("Who is Koichi Mizushima?", "other"), ("who was Park Cheol-hee", "other"),
    ("Who is the Japanese ambassador to Korea?", "who"), ("Who is Lee meeting in Tokyo?", "who"),
    ("who is kim hong-kyun", "other"),  # Discord users type in lower case
    ("who is korea's ambassador to japan", "who"), ("who is speaking", "who"),
    ("who's koichi mizushima", "other"), ("whos kim ji-na?", "other"), ("who's the president", "who"),
])
def test_who_is_a_named_person_asks_about_them_not_for_another_name(question: str, kind: str) -> None:
    assert read_question(question).kind == kind


def test_a_place_one_departs_for_is_a_where_answer() -> None:
    found = candidates("Lee did not attend, as he had departed for Canada to take part in the summit.", "where", None)
    assert [c.answer for c in found] == ["Canada"]
    assert candidates("He called for Japan to join hands.", "where", None) == []  # "for" alone is no place


def test_a_place_keeps_the_place_it_is_in_but_not_a_month() -> None:
    found = candidates("The other panel is held at the South Korean Embassy in Japan.", "where", None)
    where = [c.answer for c in found]
    assert where == ["the South Korean Embassy in Japan"]
    assert [c.answer for c in candidates("The concert was held in Seoul in December.", "where", None)] == ["Seoul"]


def test_a_ministry_or_an_embassy_can_answer_who_after_the_people() -> None:
    sentence = "Lee spoke at an event hosted by the Japanese Embassy in Seoul with Ambassador Koichi Mizushima."
    found = candidates(sentence, "who", None)
    assert [c.answer for c in found] == ["Koichi Mizushima", "the Japanese Embassy in Seoul"]
    assert found[1].weight < found[0].weight


@pytest.mark.parametrize("sentence, group", [
    ("In 1755, the British captured Fort Beauséjour on the border separating Nova Scotia from Acadia.", "the British"),
    ("In 710 the Umayyads took control of the region.", "the Umayyads"),
    ("The war was fought by the French.", "the French"),
    ("The Japanese surrendered on August 15, 1945.", "The Japanese"),
])
def test_a_people_acting_as_one_can_answer_who(sentence: str, group: str) -> None:
    assert group in [c.answer for c in candidates(sentence, "who", None)]


@pytest.mark.parametrize("sentence", [
    "The French population numbered about 75,000.", "It is in the British Museum.",
    "Officials from the Japanese and Korean sides met in Seoul.", "Crowds went to the Church in Myeongdong.",
    "The British, French and Dutch governments agreed.",
])
def test_a_people_named_as_an_adjective_is_no_who_answer(sentence: str) -> None:
    assert not [c for c in candidates(sentence, "who", None)
                if c.answer.lower().startswith("the ") and len(c.answer.split()) == 2]  # "the Japanese", "the Church"


def test_who_did_it_is_the_subject_of_the_verb_asked_about() -> None:
    sentence = "In 1755, the British captured Fort Beauséjour on the border separating Nova Scotia from Acadia."
    found = best_phrase(sentence, read_question("Who captured Fort Beausejour?"), None)
    assert found is not None and found.answer == "the British"


@pytest.mark.parametrize("sentence, name, does", [
    ("The purges were directed by the Soviet Union.", "the Soviet Union", True),
    ("The purges were directed by Moscow.", "Moscow", True),
    ("The British, under Wolfe, directed the siege.", "The British", False),  # two words between
    ("Moscow had directed it.", "Moscow", True),
    ("The talks were directed by Foreign Minister Cho Tae-yul.", "Cho Tae-yul", True),  # past the title
    ("Lee, directed by his aides, left.", "Lee", False),  # a comma, and a passive "by"
    ("Lee directed by his aides left.", "Lee", False),
])
def test_who_did_it_is_the_verbs_subject_or_its_by(sentence: str, name: str, does: bool) -> None:
    start = sentence.index(name)
    assert _does(sentence, Candidate(start, start + len(name), name, name), "direct") is does


@pytest.mark.parametrize("question, verb", [("Who captured Fort Beausejour?", "captur"),
                                            ("who led the expedition", "lead"), ("Who was the governor?", ""),
                                            ("Who else publishes it?", ""), ("When did they win?", ""),
                                            ("Who in the cabinet resigned?", ""), ("Who exactly signed it?", ""),
                                            ("Who first captured it?", "")])
def test_the_verb_a_who_question_asks_about(question: str, verb: str) -> None:
    assert asked_verb(question) == verb
    assert read_question(question).verb == verb


def test_a_who_answer_is_not_the_person_the_question_names() -> None:
    sentence = "Attending were Akihisa Nagashima, special adviser to Prime Minister Shigeru Ishiba."
    question = read_question("Who is Ishiba's special adviser?")
    found = best_phrase(sentence, question, None)
    assert found is not None and found.answer == "Akihisa Nagashima"


def test_a_question_typed_without_a_question_mark_is_embedded_with_one() -> None:
    assert as_asked("what happened on december 5 ") == "what happened on december 5?"
    assert as_asked("When was it?") == "When was it?" and as_asked("Tell me.") == "Tell me." and as_asked("") == ""


def test_a_heading_is_nothing_to_point_back_to() -> None:
    text = "What is happening?\n\nThey lit the towers in red and blue. It was a first."
    parts = ["What is happening?", "They lit the towers in red and blue.", "It was a first."]
    sentences = [Sentence("a", text.index(p), text.index(p) + len(p), p) for p in parts]
    widened = with_antecedents(ScoredSentence(1, 0, 1.0, 0.5, 0.5, None), sentences, text)
    assert widened.span == (1, 2)  # not the heading before; the sentence after goes on about it


def test_an_appositive_describes_the_name_before_it() -> None:
    sentence = ("Attending were Second Vice Foreign Minister Kim Ji-na and Akihisa Nagashima, special adviser to "
                "Prime Minister Shigeru Ishiba, along with officials.")
    found = best_phrase(sentence, read_question("who is the special adviser to prime minister ishiba"), None)
    assert found is not None and found.answer == "Akihisa Nagashima"


def test_two_words_may_come_before_the_role_in_a_which_question() -> None:
    assert read_question("Which vice foreign minister attended the ceremony?").kind == "who"
    assert read_question("Which South Korean president was impeached?").kind == "who"


def test_who_is_wants_the_sentence_that_gives_them_a_title() -> None:
    asked = set(read_question("who is kishida").terms)
    assert read_question("who is kishida").identity and not read_question("Who spoke?").identity
    assert introduces("It was thanks to Japanese Prime Minister Fumio Kishida and others.", asked)
    assert not introduces("Both Kishida and Biden decided not to run again.", asked)


def test_the_latter_opens_an_answer_on_its_own_unless_it_points_back() -> None:
    assert not _ANAPHOR.match("The latter part of the event was to feature the ambassador.")
    assert not _ANAPHOR.match("The former president spoke.")
    assert _ANAPHOR.match("The latter said so.") and _ANAPHOR.match("The former, however, stayed.")
    assert _ANAPHOR.match("They performed Beethoven.")
    assert _ANAPHOR.match("This is just the beginning.") and not _ANAPHOR.match("This Valentine's Day weekend, ...")


def test_a_range_of_years_answers_when_it_ended_or_began_with_one_year() -> None:
    rule = Candidate(0, 9, "1910-1945", "1910–1945")
    assert at_endpoint(rule, read_question("In what year did colonial rule end?").endpoint).answer == "1945"
    assert at_endpoint(rule, read_question("When was the war over?").endpoint).answer == "1945"
    assert at_endpoint(rule, read_question("when did japanese colonial rule begin").endpoint).answer == "1910"
    assert at_endpoint(rule, read_question("When was Korea under colonial rule?").endpoint).answer == "1910–1945"
    day_range = Candidate(0, 5, "27–28 September", "27–28 September 2025")
    assert at_endpoint(day_range, "end") == day_range  # only ranges of years


def test_a_range_of_years_written_out_is_one_answer_to_when() -> None:
    sentence = "Troops restored order during uprisings against the Khanate of Kokand between 1910 and 1913."
    whole = best_phrase(sentence, read_question("When was the uprising against the Khanate?"), 2025)
    assert whole is not None and whole.answer == "1910–1913"  # not its first year
    ended = read_question("When did the uprisings end?")
    last = best_phrase(sentence, ended, 2025)
    assert last is not None and at_endpoint(last, ended.endpoint).answer == "1913"
    found = candidates("The war lasted from 1950 to 1953 and ended on July 27, 1953.", "when", 2025)
    assert [c.answer for c in found] == ["1950–1953", "27 July 1953"]
    for counted in ("Tickets cost from 3000 to 5000 won.", "The firm cut between 1500 and 2000 jobs."):
        assert not [c for c in candidates(counted, "when", 2025) if "–" in c.answer]  # counts, not years
    assert [c.answer for c in candidates("It ran from 1910 to 1913 across Asia.", "when", 2025)] == ["1910–1913"]
    assert [c.weight for c in candidates("It ran from 1920 to 1925.", "year", 2025)] == [1.0]  # as a year weighs


@pytest.mark.parametrize(("question", "lang"), [
    ("From what year to what year was Korea under Japanese rule?", "en"), ("Between which years did it last?", "en"),
    ("What years did the civil war take place?", "en"), ("임진왜란은 몇 년부터 몇 년까지였나요?", "ko"),
    ("壬辰戦争って何年から何年までですか", "ja"),
])
def test_a_question_for_a_span_of_years_takes_a_range_only(question: str, lang: str) -> None:
    q = read_question(question) if lang == "en" else read_korean_japanese(question, lang)
    assert (q.kind, q.endpoint) == ("year", "both")
    sentence = "The war, fought from 1992 to 1997, ended a truce of 1991."
    span = best_phrase(sentence, q, 2025)
    assert span is not None and span.answer == "1992–1997"  # not 1991, and written out as a range
    assert at_endpoint(Candidate(0, 9, "1910-1945", "1910–1945"), q.endpoint).answer == "1910–1945"
    assert best_phrase("The truce was signed in 1991.", q, 2025) is None  # one year is no span of years
    found = best_phrase("From 1910 to 1945, Korea was ruled by Japan.", q, 2025)  # at the start of a sentence
    assert found is not None and found.answer == "1910–1945"
    assert read_question("What years ago did it happen?").endpoint == ""
    assert read_question("What years of experience does he have?").endpoint == ""


def test_confidence_drops_when_a_typed_question_finds_no_answer_phrase() -> None:
    passages = [Passage(Chunk("a:0-1", "a", 0, 1, "x"), 0.1, dense=0.5)]
    date = Candidate(0, 5, "1965", "1965")
    with_phrase = confidence(_scored(date, True), passages)
    without = confidence(_scored(None, True), passages)
    assert without == pytest.approx(with_phrase * NO_PHRASE)
    assert confidence(_scored(None, False), passages) == pytest.approx(with_phrase)  # "what/why" questions


def test_confidence_uses_the_better_of_sentence_and_passage_similarity() -> None:
    low = [Passage(Chunk("a:0-1", "a", 0, 1, "x"), 0.1, dense=0.2)]
    high = [Passage(Chunk("a:0-1", "a", 0, 1, "x"), 0.1, dense=0.9)]
    assert confidence(_scored(None, False), high) > confidence(_scored(None, False), low)
    none = [Passage(Chunk("a:0-1", "a", 0, 1, "x"), 0.1, dense=0.0)]  # the sentence's own 0.6 beats 0.2
    assert confidence(_scored(None, False), low) == pytest.approx(confidence(_scored(None, False), none))


def test_an_answer_phrase_near_the_question_words_earns_the_full_type_bonus() -> None:
    terms = ["solv"]
    near = "The incident was solved only in 2023, thanks to the leaders."
    far = "In 2023, for example, the court ordered firms to pay, which they refused and nothing was solved."
    near_c = next(c for c in candidates(near, "when", None) if c.text == "2023")
    far_c = next(c for c in candidates(far, "when", None) if c.text == "2023")
    assert nearness(near, near_c, terms) > nearness(far, far_c, terms)
    assert nearness(near, near_c, ["incid", "solv"]) == 1.0  # both question words close by: the full bonus
    assert NEAR_FLOOR <= nearness(far, far_c, terms) <= 1.0
    assert nearness("Nothing relevant happened in 1999.", Candidate(27, 31, "1999", "1999"), ["solv"]) == NEAR_FLOOR


def test_a_sentence_points_back_for_its_time_only_through_this_or_that() -> None:
    assert _POINTS_BACK.match("On this occasion, Tokyo Tower was lit up.")
    assert _POINTS_BACK.match("That day, the leaders met.") and _POINTS_BACK.match("In the same year, it ended.")
    assert not _POINTS_BACK.match("The day after, they met.")  # a day of its own, not the one before
    assert not _POINTS_BACK.match("The year 2023 also witnessed a summit.")


def test_a_place_does_not_run_on_into_a_titled_persons_name() -> None:
    sentence = ("The latter part of the event was to feature Japanese Ambassador to Seoul Koichi Mizushima "
                "conferring awards on individuals and groups.")
    found = best_phrase(sentence, read_question("Where were the awards conferred?"), 2025, who_is_who([sentence]))
    assert found is None or "Mizushima" not in found.text


@pytest.mark.parametrize(("sentence", "name"), [
    ("New France reinforcements were led by Major General Louis-Joseph de Montcalm in 1756.",
     "Louis-Joseph de Montcalm"),
    ("The painter Vincent van Gogh lived in Arles.", "Vincent van Gogh"),
    ("Jacques Legardeur de Saint-Pierre invited Washington to dine.", "Jacques Legardeur de Saint-Pierre"),
])
def test_a_name_keeps_its_particles(sentence: str, name: str) -> None:
    assert any(c.text.endswith(name) for c in people(sentence))


@pytest.mark.parametrize(("sentence", "kind", "phrase"), [
    ("It takes five to ten years for new areas to produce oil.", "duration", "five to ten years"),
    ("Track lighting usually uses 12 or 24 volts.", "count", "12 or 24 volts"),
    ("The tower is 10-12 metres tall.", "measure", "10-12 metres"),
    ("The war lasted 7 years.", "duration", "7 years"),
])
def test_a_range_of_numbers_is_kept_whole(sentence: str, kind: str, phrase: str) -> None:
    assert phrase in [c.text for c in candidates(sentence, kind, 2025)]


@pytest.mark.parametrize(("sentence", "place"), [
    ("It addressed the threats to U.S. energy security.", "U.S."),  # was cut to "U"
    ("The embassy in the U.K. opened.", "the U.K."),
    ("He flew to Tokyo on Monday.", "Tokyo"),
])
def test_an_abbreviated_place_keeps_its_stops(sentence: str, place: str) -> None:
    assert place in [c.text for c in candidates(sentence, "where", 2025)]


def test_a_name_keeps_two_particles() -> None:
    assert [c.text for c in people("In spring 1753 Paul Marin de la Malgue took command.")] == [
        "Paul Marin de la Malgue"]


def test_a_word_that_opens_the_sentence_is_not_shown_with_the_name() -> None:
    found = [(c.text, c.answer) for s in ("When Oberhauser addresses Bond, he escapes.", "After Q succeeds, M wins.",
                                          "While Henry Thoreau refused, he paid.")
             for c in people(s)]
    # the rules judge the name as found; the answer shows it without "When", "After" or "While"
    assert found == [("When Oberhauser", "Oberhauser"), ("After Q", "Q"), ("While Henry Thoreau", "Henry Thoreau")]


def test_a_name_may_open_with_an_accented_capital() -> None:
    sentence = "Fryderyk Chopin was born in Żelazowa Wola, 46 kilometres west of Warsaw."
    assert [c.text for c in candidates(sentence, "where", 1810)] == ["Żelazowa Wola"]
    assert [c.text for c in people("It was led by Łukasz Ćwikliński and Émile Zola.")] == ["Łukasz Ćwikliński",
                                                                                        "Émile Zola"]
    assert read_question("Where is Żelazowa Wola?").entities == ("zelazowa", "wola")


def test_a_place_that_ends_a_name_is_no_person_but_still_a_place() -> None:
    sentence = "The procession went to Père Lachaise Cemetery, led by Prince Adam Czartoryski."
    assert [c.text for c in people(sentence)] == ["Prince Adam Czartoryski"]
    assert "Kazimierz Palace" in [c.text for c in candidates("The Lyceum moved to Kazimierz Palace.", "where", 1817)]


def test_a_monarchs_title_stays_with_the_name_and_a_presidents_does_not() -> None:
    assert [c.answer for c in people("The proclamation was issued by King George III.")][-1] == "King George III"
    assert [c.answer for c in people("President Lee Jae-myung spoke.")] == ["Lee Jae-myung"]


def test_a_name_keeps_its_middle_initial() -> None:
    assert [c.text for c in people("President Charles W. Eliot transformed it.")] == ["Charles W. Eliot"]
    assert [c.text for c in people("The treaty went to the U.S. Senate, where Lee spoke.")] == []  # no initial


@pytest.mark.parametrize(("sentence", "counts"), [
    ("In September 2010, there were concerns when 25 militants escaped.", ["25 militants"]),  # not "2010, there..."
    ("About 60,000 European settlers lived there.", ["About 60,000 European settlers"]),  # with its hedge
    ("It had 1,530,000 citizens.", ["1,530,000 citizens"]),
])
def test_a_count_is_a_number_not_a_year_and_a_comma(sentence: str, counts: list[str]) -> None:
    assert [c.text for c in candidates(sentence, "count", 2025)] == counts


@pytest.mark.parametrize("question", [
    "What day of the week was the treaty signed?", "조약은 무슨 요일에 서명됐어?", "条約は何曜日に署名されましたか",
])
def test_a_question_for_the_weekday_takes_a_weekday_only(question: str) -> None:
    q = read_question(question) if question.isascii() else read_korean_japanese(question, "ko" if "조약" in question
                                                                                  else "ja")
    published = date(2025, 6, 16)
    assert best_phrase("The treaty was signed on June 22, 1965.", q, 2025, published=published) is None
    found = best_phrase("The treaty was signed on Monday.", q, 2025, published=published)
    assert found is not None and found.answer.startswith("Monday")


def test_a_possessive_is_no_place_something_went_to() -> None:
    sentence = "A highway will connect the three countries to Pakistan's ports and to the Arabian Sea."
    assert [c.text for c in candidates(sentence, "where", 2025)] == ["the Arabian Sea"]


@pytest.mark.parametrize(("sentence", "counted"), [
    ("The library, founded in 1638 with 779 and his books, grew.", []),  # "and" starts another phrase
    ("About 5,000 people in Paris protested.", ["About 5,000 people"]),  # people are counted, "Paris" is not
    ("Loans totalled 414 million across the decade.", []),
    ("Three famous musicians came.", ["Three famous musicians"]),
    ("Two classes and three glasses were left.", ["Two classes", "three glasses"]),
])
def test_a_count_counts_a_plural_noun(sentence: str, counted: list[str]) -> None:
    assert [c.text for c in candidates(sentence, "count", None)] == counted


def test_a_place_named_with_saint_is_named_whole() -> None:
    found = candidates("Settlers lived in the St. Lawrence River valley and moved to St. Petersburg.", "where", None)
    assert [c.answer for c in found] == ["the St. Lawrence River", "St. Petersburg"]  # not "the St"
    assert [c.answer for c in candidates("He was shot at Main St. The police came.", "where", None)] == ["Main St"]


@pytest.mark.parametrize(("sentence", "kind", "answers"), [
    ("The foreclosure epidemic began in late 2006.", "year", ["late 2006"]),
    ("Gas street lights became economical in the early 1800s.", "when", ["early 1800s"]),
    ("It grew fast in the mid-1990s.", "when", ["mid-1990s"]),
    ("Development of the sequel begins in spring 2016.", "when", ["spring 2016"]),
    ("The markets nearly shut down in the fall of 2008.", "when", ["fall of 2008"]),
    ("The embargo began in early December 1973.", "year", ["1973"]),  # a year is asked: the month's part is not
    ("In 1979 the price rose.", "year", ["1979"]),
    # a part word that is no part of the year: a verb, a noun, a name, or a year that qualifies a noun
    ("Prices fall 1990 to 2000 levels.", "year", ["1990", "2000"]),
    ("They found a hot spring 2006 metres deep.", "when", ["2006"]),
    ("He won the Winter 2014 Olympics.", "when", ["2014"]),
    ("They honoured the late 1906 champion.", "when", ["1906"]),
    ("The deal closed late in the 2006 season.", "when", ["2006"]),
])
def test_a_year_keeps_the_part_of_it_the_sentence_names(sentence: str, kind: str, answers: list[str]) -> None:
    found = candidates(sentence, kind, None)
    assert [c.answer for c in found] == answers
    assert all(sentence[c.start:c.end] == c.text for c in found)


def test_mid_is_a_part_of_the_year_wherever_it_stands() -> None:
    assert [c.answer for c in candidates("Prices fell 20% from their mid-2006 peak.", "when", None)] == ["mid-2006"]
    assert [c.answer for c in candidates("Prices fell amid-2006 chaos.", "when", None)] == ["2006"]
