"""Who is who: the titles the sources give people, and the role checks on who-answers."""

import pytest

from bot.engine.answer import best_phrase
from bot.engine.engine import Engine
from bot.engine.people import (
    after_the_name,
    holds_nationality,
    is_the_other_party,
    lacks_role,
    named_alone,
    nationality_asked,
    role_reversed,
    titles_at,
    titles_of,
    who_is_who,
)
from bot.engine.phrases import Candidate, candidates
from bot.engine.question import asked_role, read_question

ENVOYS = "Japanese Ambassador to Korea Koichi Mizushima and Korean Ambassador to Japan Park Cheol-hee were present."
ADVISER = "Also there was Akihisa Nagashima, special adviser to Japanese Prime Minister Shigeru Ishiba."


def _titles(sentence: str) -> dict[str, tuple[str, ...]]:
    return {c.text: titles_at(sentence, c) for c in candidates(sentence, "who", None)}


def test_a_title_is_the_words_before_a_name_or_an_apposition_after_it() -> None:
    assert _titles(ENVOYS) == {"Koichi Mizushima": ("Japanese Ambassador to Korea",),
                               "Park Cheol-hee": ("Korean Ambassador to Japan",)}
    assert _titles(ADVISER) == {"Akihisa Nagashima": ("special adviser",),  # the adviser is no prime minister
                                "Shigeru Ishiba": ("Japanese Prime Minister",)}
    listed = "It improved under Kishida, Yoon, and US President Biden, and South Korea’s Ambassador Park."
    assert _titles(listed) == {"Biden": ("US President",), "Park": ("South Korea’s Ambassador",)}


def test_a_one_word_name_is_shown_with_its_title() -> None:
    sentence = "On a similar note, South Korea’s Ambassador Park asserted he will build irreversible ties."
    [park] = candidates(sentence, "who", None)
    assert (park.text, park.answer, sentence[park.start:park.end]) == ("Park", "Ambassador Park", "Park")


def test_the_sources_titles_are_known_by_every_part_of_a_name() -> None:
    known = who_is_who([ENVOYS, "Lee Jae-myung spoke.", "South Korean President Lee Jae-myung spoke."])
    assert known["park"] == known["park cheol-hee"] == ("Korean Ambassador to Japan",)
    assert known["lee"] == ("South Korean President",) and "nobody" not in known
    assert who_is_who(["Lee Jae-myung spoke."]) == {"lee": (), "lee jae-myung": (), "jae-myung": ()}  # untitled
    elsewhere = "Ambassador Park asserted he will build ties."
    [park] = candidates(elsewhere, "who", None)
    assert titles_of(elsewhere, park, known) == ("Ambassador", "Korean Ambassador to Japan")


def test_a_role_asked_for_must_be_held() -> None:
    biden = Candidate(0, 5, "Biden", "Biden", person=True)
    embassy = Candidate(0, 11, "the Embassy", "the Embassy")
    assert lacks_role(asked_role("who is the us ambassador to japan"), biden, ("US President",))
    assert not lacks_role(asked_role("Which US president is mentioned?"), biden, ("US President",))
    assert lacks_role(asked_role("who is the korean envoy to japan"), embassy, ())  # a body holds no title
    assert not lacks_role(asked_role("Who hosted the event?"), embassy, ())  # no role asked for
    park = Candidate(0, 4, "Park", "Park", person=True)
    assert lacks_role(asked_role("Who is the prime minister?"), park, ("special adviser",))
    # a role typed with letters re.I reads as ASCII ones is that role ("ſ" is an s, "ı" an i): it raised KeyError
    assert (asked_role("Who iſ the US ambaſſador to Japan?"), asked_role("Who was the PRESİDENT?")) \
        == ("ambassador", "president")


MIZUSHIMA, PARK = ("Japanese Ambassador to Korea",), ("Korean Ambassador to Japan",)


@pytest.mark.parametrize("question, titles, reversed_", [
    ("who is korea's ambassador to japan", MIZUSHIMA, True),
    ("who is korea's ambassador to japan", PARK, False),
    ("Who is the Korean ambassador to Japan?", MIZUSHIMA, True),
    ("Who is the Japanese ambassador to Korea?", MIZUSHIMA, False),
    ("Who is the Japanese ambassador to Korea?", ("Japanese Ambassador to Seoul",), False),
    ("who is korea's ambassador to japan", ("Japanese Ambassador to Seoul",), True),  # Seoul is Korea
    ("Who spoke?", MIZUSHIMA, False),
    ("who is the us ambassador to japan", PARK, True),  # from Korea, not the US
    ("who is the french ambassador to japan", PARK, True),
    ("who is korea's ambassador to china", PARK, True),  # to Japan, not China
    ("who is the new ambassador to japan", PARK, False),  # "new" is no country
    ("Who is the Japanese ambassador to South Korea?", MIZUSHIMA, False),  # the sources' Korea
    ("Who is the ſouth Korean ambassador to Japan?", PARK, False),  # "ſ" is an s to re.I: the same South Korea
    ("who is the japanese ambassador to north korea", MIZUSHIMA, True),
    ("who is the north korean ambassador to japan", PARK, True),
    # a title without the country is judged by the person's other titles
    ("who is korea's ambassador to china", ("South Korea’s Ambassador", *PARK), True),
    ("who is korea's ambassador to japan", ("South Korea’s Ambassador", *PARK), False),
])
def test_an_ambassador_the_other_way_round_is_not_the_answer(question: str, titles: tuple[str, ...],
                                                             reversed_: bool) -> None:
    assert bool(role_reversed(question, titles)) == reversed_


def test_the_person_a_role_serves_is_not_the_one_asked_for() -> None:
    nagashima, ishiba = candidates(ADVISER, "who", None)
    question = "Who is the special adviser to the Japanese prime minister?"
    assert is_the_other_party(question, ADVISER, ishiba) and not is_the_other_party(question, ADVISER, nagashima)
    for premier in ("Who came as an aide to the Japanese premier?", "who is the aide to the japanese PM"):
        assert is_the_other_party(premier, ADVISER, ishiba)  # the premier, the PM: the prime minister
    envoy = "Japanese Ambassador to Korea Koichi Mizushima spoke."  # "to Korea" is no title: he is the envoy
    assert not is_the_other_party("Who is the aide to Korea?", envoy, candidates(envoy, "who", None)[0])


def test_who_answers_skip_people_without_the_role() -> None:
    sentence = "US President Biden met Korean Ambassador to Japan Park Cheol-hee."
    found = best_phrase(sentence, read_question("Who is the Korean envoy to Japan?"), None)
    assert found is not None and found.answer == "Park Cheol-hee"
    assert best_phrase(sentence, read_question("Who is the US ambassador to Japan?"), None) is None


@pytest.mark.parametrize("question, role", [
    ("who is south korea's ambassador to the united states", "ambassador"),
    ("who's the japanese prime minister mentioned in the IANS article", "prime"),
    ("Which vice ministers spoke in Seoul?", "vice minister"), ("Which foreign minister signed it?", "minister"),
    ("Who did the Japanese ambassador confer awards on?", ""), ("Who attended with the adviser?", ""),
    ("Who succeeded Biden as US president?", "president"), ("Who served as prime minister?", "prime"),
    ("Who spoke as the crowd cheered the president?", ""), ("Who arrived as the president spoke?", ""),  # when
    ("Who served as prime minister of Japan?", "prime"),
])
def test_only_the_role_asked_about_counts(question: str, role: str) -> None:
    assert asked_role(question) == role


def test_a_role_in_a_year_is_held_in_that_year() -> None:
    now = "South Korean President Lee Jae-myung called for cooperation."
    then = "In 1998, South Korean President Kim Dae-jung issued a joint declaration."
    assert best_phrase(now, read_question("Who was the Korean president in 1965?"), 2025) is None
    found = best_phrase(then, read_question("Who was the Korean president in 1998?"), 2025)
    assert found is not None and found.answer == "Kim Dae-jung"
    found = best_phrase(now, read_question("Who was the Korean president in 2025?"), 2025)  # the article's year
    assert found is not None and found.answer == "Lee Jae-myung"


@pytest.mark.parametrize(("question", "country"), [
    ("Who is the Japanese vice foreign minister?", "japanese"), ("Who is Japan's prime minister?", "japan"),
    ("Who is the Korean ambassador to Japan?", ""),  # two countries: the envoy check reads that one
    ("Who is the president?", ""), ("Who cleaned the ocean?", ""),
])
def test_the_one_country_a_question_names(question: str, country: str) -> None:
    assert nationality_asked(question) == country


def test_a_title_gives_a_country_another_one_or_none() -> None:
    assert holds_nationality(("Japanese Vice Foreign Minister",), "japanese") is True
    assert holds_nationality(("South Korean President",), "japan") is False
    assert holds_nationality(("Second Vice Foreign Minister",), "japanese") is None


def test_a_prime_minister_is_no_minister() -> None:
    obuchi = Candidate(0, 12, "Keizo Obuchi", "Keizo Obuchi", person=True)
    assert lacks_role("minister", obuchi, ("Japanese Prime Minister",))
    assert not lacks_role("prime", obuchi, ("Japanese Prime Minister",))
    assert lacks_role("minister", obuchi, ("Vice Foreign Minister",))  # nor is a vice minister
    assert not lacks_role("vice minister", obuchi, ("Vice Foreign Minister",))
    assert lacks_role("minister", obuchi, ("Vice-Minister",)) and lacks_role("minister", obuchi, ("Deputy Minister",))
    assert not lacks_role("vice minister", obuchi, ("Vice-Minister",))


def test_a_vice_minister_is_no_minister() -> None:
    titles = who_is_who(["Japanese Vice Foreign Minister Funakoshi spoke.", "Foreign Minister Iwaya came."])
    sentence = "Vice Foreign Minister Funakoshi and Foreign Minister Iwaya spoke."
    minister = best_phrase(sentence, read_question("Which foreign minister spoke?"), None, titles)
    vice = best_phrase(sentence, read_question("Which vice foreign minister spoke?"), None, titles)
    assert minister is not None and "Iwaya" in minister.text and "Funakoshi" not in minister.text
    assert vice is not None and "Funakoshi" in vice.text


def test_a_name_inside_a_bodys_name_is_no_person() -> None:
    sentence = ("The crisis began when the members of the Organization of Arab Petroleum Exporting Countries "
                "proclaimed an embargo, which the Tajik Aluminum Company felt.")
    found = [c.text for c in candidates(sentence, "who", None)]
    assert "Arab Petroleum Exporting Countries" not in found
    assert "the Organization of Arab Petroleum Exporting Countries" in found
    assert "the Tajik Aluminum Company" in found


@pytest.mark.parametrize(("question", "phrase", "answer"), [
    ("Who is Akihisa Nagashima?", "Kim Ji-na and Akihisa Nagashima, special adviser to Prime Minister Shigeru Ishiba",
     "special adviser to Prime Minister Shigeru Ishiba"),  # what follows the name, not the list of names
    ("who is Nagashima", "Akihisa Nagashima, special adviser to the Prime Minister,",
     "special adviser to the Prime Minister"),
    ("Who is Koichi Mizushima?", "Japanese Ambassador", "Japanese Ambassador"),  # no name in it: as it is
    ("Who is Akihisa Nagashima?", "Akihisa Nagashima, adviser", "Akihisa Nagashima, adviser"),  # one word is too little
    ("who is akihisa nagashima", "Akihisa Nagashima, special adviser to the Prime Minister, and others",
     "special adviser to the Prime Minister"),  # typed in lower case; up to the next comma
    ("Who was Nagashima's boss?", "Akihisa Nagashima, special adviser to Ishiba",
     "Akihisa Nagashima, special adviser to Ishiba"),  # someone of his is asked for, not who he is
    ("Who is Shigeru Ishiba?", "Prime Minister Shigeru Ishiba, and Kim Ji-na of the band",
     "Prime Minister Shigeru Ishiba, and Kim Ji-na of the band"),  # the name ends a list: nothing said of him
    ("Who is Who?", "Who, a band from London", "Who, a band from London"),  # "who" is the question's own word
])
def test_who_someone_is_is_what_follows_their_name(question: str, phrase: str, answer: str) -> None:
    found = after_the_name(question, Candidate(10, 10 + len(phrase), phrase, phrase))
    assert found.answer == answer and found.text == answer
    assert found.end - found.start == len(answer) and phrase[found.start - 10:found.end - 10] == answer


@pytest.mark.model
def test_who_is_a_person_of_a_list_is_answered_with_what_they_are(real_engine: Engine) -> None:
    answer = real_engine.answer("Who is Akihisa Nagashima?")
    assert answer.text is not None and answer.text.startswith("special adviser to Japanese Prime Minister")


def test_a_surname_alone_is_the_person_the_sources_name_in_full() -> None:
    titles = who_is_who(["Major General James Abercrombie arrived.", "Thomas Newman wrote it.", "James Bond came.",
                         "Nicolas Chopin taught.", "Frédéric Chopin played."])
    later = "When he arrived in Albany, Abercrombie refused to act until Loudoun approved."
    found = best_phrase(later, read_question("Who refused to act until Loudoun approved?"), None, titles)
    assert found is not None and found.text == "Abercrombie" and found.answer == "Major General James Abercrombie"
    # a surname that is a common word ("Bond") or two people's ("Chopin") is no one alone; nor is a whole name's part
    assert best_phrase("Later, Bond refused to act.", read_question("Who refused to act?"), None, titles) is None
    assert best_phrase("Later, Chopin refused to act.", read_question("Who refused to act?"), None, titles) is None
    whole = best_phrase("It was Thomas Newman who refused.", read_question("Who refused?"), None, titles)
    assert whole is not None and whole.text == "Thomas Newman"
    assert best_phrase(later, read_question("Who refused to act?"), None) is None  # the sources' names unknown
    # one person in several forms; a sentence's opening word is no first name; whole names with "'" and "-"
    titles = who_is_who(["Major General James Abercrombie arrived.", "General Abercrombie left.",
                         "Park Cheol-hee spoke.", "Jeong Cheol spoke.", "Conan O'Brien laughed."])
    assert [(c.text, c.answer) for c in named_alone("When Abercrombie arrived, O'Brien's show ended.", titles)] == [
        ("Abercrombie", "Major General James Abercrombie"), ("O'Brien", "Conan O'Brien")]
    assert [c.answer for c in named_alone("Later, Cheol-hee said so.", titles)] == ["Park Cheol-hee"]  # not "Cheol"
    # a short word may stand before the surname ("Under Abercrombie,", "WHEN Abercrombie"), but not one that is also
    # a name: "Will Abercrombie" is another person, as "So Abercrombie" may be
    for sentence in ("In Abercrombie's view it failed.", "Under Abercrombie, the army advanced.",
                     "Both Abercrombie and Loudoun refused.", "WHEN Abercrombie arrived, it rained.",
                     "Since Abercrombie arrived, the army left.", "Despite Abercrombie's orders, they left."):
        assert [c.answer for c in named_alone(sentence, titles)] == ["Major General James Abercrombie"], sentence
    assert named_alone("Will Abercrombie sang.", titles) == named_alone("So Abercrombie sang.", titles) == ()
