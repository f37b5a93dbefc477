"""Hostile questions: each gets a safe, bounded Answer or a one-line QuestionError; nothing crashes or pings."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from bot.config import MAX_QUESTION_CHARS, Settings
from bot.engine.engine import Engine
from bot.engine.sanitize import clean_question, reading_form, unshouted
from bot.errors import QuestionError
from bot.models import Answer

from .conftest import REPO, load_script
from .robust_helpers import tiny_engine

PING = re.compile(r"@(everyone|here)|<@[!&]?\d+>")
ARTICLE_SENTENCE = "The Treaty on Basic Relations was signed on June 22, 1965 in Tokyo."

HOSTILE = {
    "100k chars": "a" * 100_000,
    "100k words": "When was the concert? " * 5_000,
    "just over the cap": "w" * (MAX_QUESTION_CHARS + 1),
    "only emoji": "😀🎉🔥🇰🇷👨‍👩‍👧",
    "zalgo": "W̷̢̛͚̭h̶̢̜̾e̵̡n̸ ̴w̷̢̛͚a̶̢s̵ ̸t̴h̷e̶ ̵c̸o̴n̷c̶e̵r̸t̴?̷" + "\u0301" * 300,
    "combining marks only": "\u0300\u0301\u0302" * 200,
    "right-to-left": "\u202eWhen was the concert?\u202c \u05de\u05ea\u05d9 \u05d4\u05e7\u05d5\u05e0\u05e6\u05e8\u05d8",
    "bidi controls": "\u202eWhen\u2067 was\u2069 the \u200fconcert?\u202c\u200e",
    "zero-width": "W\u200bh\u200ce\u200dn\u2060 was\ufeff the concert?",
    "control chars": "\x00\x01\x07When\x1b[31m was\x7f the \x9bconcert?\r\n\x0c",
    "markdown": "**When** was the _concert_? [click](https://evil.example) > quote ||spoiler||",
    "code fence": "```\n@everyone\n```\nWhen was the concert?```",
    "mass pings": "@everyone @here When was the concert?",
    "role and user mentions": "<@&123456789012345678> <@!98765432109876543> <@1234> <#555> when was the treaty?",
    "sql": "'; DROP TABLE questions; -- OR 1=1; SELECT * FROM feedback WHERE '1'='1",
    "lone surrogate": "When was \ud800 the concert?\udfff",
    "tags and private use": "\U000e0001\U000e0041When\ue000 was the concert?",
    "newlines only": "\n\n\r\n\t",
    "punctuation only": "?!?...;;;",
    "article sentence": ARTICLE_SENTENCE,
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """A module-wide engine over the tiny corpus with the hashing embedder."""
    return tiny_engine(tmp_path_factory.mktemp("hostile"))


def check_well_formed(answer: Answer, settings: Settings) -> None:
    """What every Answer must be, whatever was asked."""
    assert isinstance(answer, Answer)
    assert 0 < len(answer.question) <= settings.max_question_chars
    assert answer.question == answer.question.strip()
    assert not PING.search(answer.question)
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in answer.question)
    assert answer.abstained == (answer.text is None)
    assert answer.text is None or 0 < len(answer.text) <= 2000
    assert len(answer.citations) <= settings.citations
    shown = (*answer.citations, *answer.more)
    assert [c.n for c in shown] == list(range(1, 1 + len(shown)))
    for c in shown:
        assert c.snippet and len(c.snippet) <= 2000
        assert c.highlight is None or 0 <= c.highlight[0] < c.highlight[1] <= len(c.snippet)
        assert math.isfinite(c.score)
    assert math.isfinite(answer.score) and answer.latency_ms >= 0
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")  # no lone surrogates reach the wire


def ask(engine: Engine, question: str) -> Answer | QuestionError:
    try:
        answer = engine.answer(question)
    except QuestionError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) <= 200
        return exc
    check_well_formed(answer, engine.settings)
    return answer


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_question_gets_a_bounded_answer_or_one_line_refusal(engine: Engine, name: str) -> None:
    ask(engine, HOSTILE[name])


@pytest.mark.parametrize("question", ["", "   ", "\n\t", None])
def test_empty_questions_are_refused_in_words(engine: Engine, question: str | None) -> None:
    with pytest.raises(QuestionError, match="in words"):
        engine.answer(question)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["100k chars", "100k words", "just over the cap"])
def test_over_long_questions_are_refused_naming_the_limit(engine: Engine, name: str) -> None:
    with pytest.raises(QuestionError, match=f"limit is {MAX_QUESTION_CHARS:,}"):
        engine.answer(HOSTILE[name])


def test_a_question_at_the_cap_is_answered(engine: Engine) -> None:
    question = ("When was the concert in Seoul? " * 40)[:MAX_QUESTION_CHARS]
    assert len(engine.answer(question).question) <= MAX_QUESTION_CHARS


@pytest.mark.parametrize("name", ["only emoji", "combining marks only", "newlines only", "punctuation only"])
def test_questions_without_words_are_refused(engine: Engine, name: str) -> None:
    with pytest.raises(QuestionError, match="in words"):
        engine.answer(HOSTILE[name])


@pytest.mark.parametrize("name", ["zero-width", "bidi controls", "control chars"])
def test_invisible_characters_do_not_change_the_answer(engine: Engine, name: str) -> None:
    plain = engine.answer("When was the concert?")
    assert engine.answer(HOSTILE[name]).text == plain.text


def test_zalgo_keeps_at_most_one_mark_per_character(engine: Engine) -> None:
    # zalgo keeps one mark per letter ("W̷h̶e̵n̸"), so the words differ: the promise is a well-formed answer
    # to a question with at most one combining mark after each character
    hostile = engine.answer(HOSTILE["zalgo"])
    check_well_formed(hostile, engine.settings)
    stacked = re.findall(r"[\u0300-\u036f]{2,}", unicodedata.normalize("NFD", hostile.question))
    assert not stacked and hostile.abstained == (hostile.text is None)
    assert unicodedata.normalize("NFD", hostile.question).count("\u0301") < 30  # not the 300 appended


@pytest.mark.parametrize("name", ["mass pings", "role and user mentions", "code fence"])
def test_mentions_are_defused(engine: Engine, name: str) -> None:
    answer = engine.answer(HOSTILE[name])
    assert "@" not in answer.question and "<" not in answer.question


def test_an_articles_own_sentence_is_answered_from_that_article(engine: Engine) -> None:
    answer = engine.answer(ARTICLE_SENTENCE)
    assert not answer.abstained
    assert answer.citations[0].snippet == ARTICLE_SENTENCE


def test_sql_looking_text_is_just_text(engine: Engine) -> None:
    answer = engine.answer(HOSTILE["sql"])
    assert "DROP TABLE" in answer.question


def test_clean_question_caps_length_and_never_grows_text() -> None:
    for text in HOSTILE.values():
        cleaned = clean_question(text, 50)
        assert len(cleaned) <= 50 and cleaned == cleaned.strip()


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=1200)
       | st.lists(st.sampled_from([*HOSTILE.values(), "when", "concert", "1965", " ", "\u200b", "@"]),
                  max_size=6).map("".join))
def test_any_unicode_question_gets_a_well_formed_answer_or_question_error(engine: Engine, question: str) -> None:
    ask(engine, question)


@pytest.mark.model
def test_real_engine_survives_a_hostile_mix(real_engine: Engine) -> None:
    question = "@everyone ```W\u200bhen``` was the S̷̢e̶o̵u̸l concert? 😀 \u202e<@&1> '; DROP TABLE x; --"
    answer = ask(real_engine, question)
    assert isinstance(answer, Answer)
    for name in ("100k chars", "only emoji"):
        assert isinstance(ask(real_engine, HOSTILE[name]), QuestionError)
    # letters that re.I matches to ASCII ones ("ſ" is an s, "ı" an i): a month or an ordinal read with them was
    # looked up in an English word list and raised KeyError / ValueError
    for question in ("What was announced in ſept 2025?", "Which fıfth symphony was played in Seoul?",
                     "What was held in ſeptember 2025 in Aprıl 2025?"):
        assert isinstance(ask(real_engine, question), Answer)


# letters re.I takes for ASCII ones: ſ for s, ı and İ for i, the Kelvin sign for k
_CONFUSABLE = (("s", "ſ"), ("i", "ı"), ("I", "İ"), ("k", "\u212a"))


@pytest.mark.model
def test_every_english_seed_question_survives_letters_re_i_reads_as_ascii(real_engine: Engine) -> None:
    # each of the 476 English seed questions with one kind of letter swapped throughout, in turn: "Who iſ the US
    # ambaſſador to Japan?" raised KeyError from the role table, which a month or ordinal had done before
    sets = ("questions", "probe", "check", "fresh", "unseen")
    questions = [json.loads(line)["question"] for name in sets
                 for line in (REPO / "evals" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    for n, question in enumerate(questions):
        plain, swapped = _CONFUSABLE[n % len(_CONFUSABLE)]
        assert isinstance(ask(real_engine, question.replace(plain, swapped)), Answer), question


def test_a_question_is_read_in_its_plain_form() -> None:
    # full-width letters and digits, ſ and half-width katakana as their plain forms; the marks at the end one "?"
    assert reading_form("ＷＨＥＮ ｗａｓ ｉｔ？", 500) == "WHEN was it?"
    assert reading_form("２０２５年ｶﾞ", 500) == "2025年ガ"
    assert reading_form("Who was Jeong Cheol? ??!!", 500) == "Who was Jeong Cheol?"
    assert reading_form("Who was he ?!", 500) == "Who was he?" and reading_form("It was 5... right!", 500) \
        == "It was 5... right!"  # no question mark at the end: left as it is
    assert reading_form("Was it in the U.S.?", 500) == "Was it in the U.S.?"  # an abbreviation keeps its dot
    # only the width and compatibility forms a keyboard types: "™", "´" and compatibility jamo stay; a full-width
    # mention is defused again; a mark that folds to no word is no question
    assert reading_form("the concert™?", 500) == "the concert™?" and reading_form("ㅋㅋ 뭐야?", 500) == "ㅋㅋ 뭐야?"
    assert reading_form("＠ｅｖｅｒｙｏｎｅ ＜＠＆１２３＞ when?", 500) == "everyone when?"
    with pytest.raises(QuestionError):
        reading_form("ﾟ", 500)
    for marks in ("?" * 999 + "x", "? " * 499 + "x"):  # no slow regular expression over a run of marks
        assert reading_form(marks, 1000) == marks
    # capitals throughout read in small letters; a few (an acronym) stay
    assert unshouted("WHEN WAS THE SEOUL CONCERT HELD?") == "when was the seoul concert held?"
    assert unshouted("When did NATO meet?") == "When did NATO meet?"
    assert unshouted("NATO AND G7?") == "NATO AND G7?"  # fewer than three words of capitals


@pytest.mark.model
def test_the_real_engine_answers_a_question_in_any_width_or_case_alike(real_engine: Engine) -> None:
    plain = ask(real_engine, "When was the Seoul concert?")
    for shaped in ("ＷＨＥＮ ＷＡＳ ＴＨＥ ＳＥＯＵＬ ＣＯＮＣＥＲＴ？", "WHEN WAS THE SEOUL CONCERT?",
                   "When was the Seoul concert??!!"):
        answer = ask(real_engine, shaped)
        assert isinstance(answer, Answer) and isinstance(plain, Answer) and answer.text == plain.text, shaped
        assert answer.question == shaped  # shown as typed
    # asked who someone is, not the other person named beside him (the reader's span alone): the sentence that
    # calls him Japan's prime minister
    obuchi = ask(real_engine, "Who is Keizo Obuchi?")
    assert isinstance(obuchi, Answer) and "Japanese Prime Minister Keizo Obuchi" in (obuchi.text or "")


def test_the_fuzzing_script_makes_each_shape() -> None:
    # scripts/fuzz_questions.py asks every question in all of them (the README's figures); the engine is the test's
    fuzz = load_script("fuzz_questions")
    question = "Is Ms. Kim's 1st 'guest' in Tōkyō?"
    shaped = {name: shape(question) for name, shape in {**fuzz.SWAPS, **fuzz.OTHERS}.items()}
    assert shaped["ſ for s"] == "Iſ Mſ. Kim'ſ 1ſt 'gueſt' in Tōkyō?" and shaped["İ for I"].startswith("İs")
    assert shaped["Kelvin sign for k"] == "Is Ms. Kim's 1st 'guest' in Tō\u212ayō?"
    assert shaped["full-width"].startswith("Ｉｓ") and shaped["Arabic-Indic digits"].count("١") == 1
    assert len({question, *shaped.values()}) == len(shaped) + 1  # each shape makes another question


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_hostile_question_through_slash_ask_never_pings_and_replies_once(
        engine: Engine, tmp_path: Path, name: str) -> None:
    from bot.discord.qa import GENERIC_ERROR

    from .fakes import ask, make_bot

    bot = make_bot(engine, engine.settings, data_dir=tmp_path)
    it = await ask(bot, HOSTILE[name])
    sends = [kw for call, kw in it.calls if call in ("followup", "send_message")]
    assert len(sends) == 1 and sends[0].get("content") != GENERIC_ERROR
    payload = it.payloads[-1]
    assert payload["allowed_mentions"] == {"parse": []}
    assert not PING.search(json.dumps(payload, ensure_ascii=False))  # nothing would render as a mention either
    assert len(payload.get("content") or "") <= 2000
    stored = bot.qa.history.records()
    assert len(stored) == 1 and len(stored[0].question) <= engine.settings.max_question_chars
    await bot.close()


@pytest.mark.parametrize("question", ["ㅋㅋㅋ???", "ㅠㅠ", "ㅎㅎ ㅋㅋ!!"])
def test_lone_hangul_letters_are_not_words(engine: Engine, question: str) -> None:
    with pytest.raises(QuestionError, match="in words"):
        engine.answer(question)  # laughter and tears, not a question (a real one is still read: test_korean_japanese)
