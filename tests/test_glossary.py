"""Sino-Korean and kanji words read through their English glosses (bot/text/glossary.py, bot/engine/glossed.py,
scripts/build_glossary.py): the shipped table, how a question is cut into its words, which meaning is taken."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.config import DEFAULT_GLOSSARY, Settings
from bot.engine.engine import Engine
from bot.engine.glossed import asked_thing, glossed, used_glosses
from bot.render import render_answer
from bot.text.glossary import Glossary
from bot.text.words import query_terms

from .conftest import load_script

SHIPPED = Glossary(DEFAULT_GLOSSARY)


def _meanings(question: str, lang: str) -> dict[str, set[str]]:
    return {word: {g for meaning in meanings for g in meaning} for word, meanings in SHIPPED.words_in(question, lang)}


def test_a_korean_word_is_read_from_the_characters_it_shares_with_japanese() -> None:
    found = _meanings("대통령은 그 조약의 비준을 발표했다", "ko")  # none of these words is in the seed articles' sets
    assert "president" in found["대통령"]
    assert "treaty" in found["조약"] and "ratification" in found["비준"] and "announcement" in found["발표"]
    assert "annexation" in _meanings("병합", "ko")["병합"]


def test_a_korean_token_is_read_as_a_run_of_words_and_its_particles_are_left() -> None:
    assert [w for w, _ in SHIPPED.words_in("정상회의를 열었다", "ko")] == ["정상", "회의"]
    assert [w for w, _ in SHIPPED.words_in("역사문제는", "ko")] == ["역사", "문제"]
    assert [w for w, _ in SHIPPED.words_in("평화조약에서", "ko")] == ["평화조약"]  # one word rather than two
    assert [w for w, _ in SHIPPED.words_in("식민지배는", "ko")] == ["식민", "지배"]  # not 식민지 (a colony) + 배는


def test_no_korean_word_is_read_into_a_particle_of_two_syllables() -> None:
    assert [w for w, _ in SHIPPED.words_in("몇 년부터 몇 년까지", "ko")] == []  # not 년부, an annual report
    assert [w for w, _ in SHIPPED.words_in("누구예요", "ko")] == ["누구"]  # not 예요 (fertile) after it
    assert [w for w, _ in SHIPPED.words_in("대사관에서", "ko")] == ["대사관"]
    assert [w for w, _ in SHIPPED.words_in("정상회의", "ko")] == ["정상", "회의"]  # 의 may end a word


def test_a_japanese_question_is_cut_into_its_longest_kanji_words() -> None:
    words = [w for w, _ in SHIPPED.words_in("平和条約と経済援助について、首相は何と述べましたか？", "ja")]
    assert words[:4] == ["平和条約", "経済援助", "首相", "何と"]  # (何と: left out by glossed())
    assert "colonial rule" in _meanings("植民地支配", "ja")["植民地支配"]


def test_a_korean_word_is_read_from_the_traditional_form_of_a_simplified_character() -> None:
    assert "stage" in _meanings("무대", "ko")["무대"]  # 舞台: 台 is read 태, and 대 as its traditional form 臺
    assert "schedule" in _meanings("예정", "ko")["예정"]  # 予定: 予 is read 여, and 예 as 豫
    assert "budget" in _meanings("예산", "ko")["예산"]
    assert "free of charge" in _meanings("무대", "ko")["무대"]  # what the form stood for before stays


def test_words_in_other_scripts_are_not_looked_up() -> None:
    assert SHIPPED.words_in("When was the treaty signed?", "en") == []
    assert SHIPPED.words_in("K-pop 2025", "ko") == []


@pytest.mark.parametrize(("syllable", "at_start"),
                         [("리", "이"), ("로", "노"), ("녀", "여"), ("가", "가"), ("량", "양")])
def test_a_first_syllable_follows_south_korean_spelling(syllable: str, at_start: str) -> None:
    assert load_script("build_glossary")._initial_sound(syllable) == at_start


def test_only_words_read_from_chinese_get_a_korean_form() -> None:
    build = load_script("build_glossary")
    on = {"開": ["かい"], "催": ["さい"], "学": ["がく"], "校": ["こう"], "矢": ["し"], "印": ["いん"],
          "発": ["はつ"], "表": ["ひょう"]}
    assert build._read_as_sino("開催", "かいさい", on)
    assert build._read_as_sino("学校", "がっこう", on)  # がく said as がっ
    assert build._read_as_sino("発表", "はっぴょう", on)  # ひょう voiced as ぴょう
    assert not build._read_as_sino("矢印", "やじるし", on)  # read the Japanese way: no Korean 시인 from it


def test_the_meaning_the_sources_speak_of_is_taken() -> None:
    meanings = (("important", "serious"), ("ambassador",), ("metabolism", "renewal"))
    sources = {t: 1.0 for w in ("ambassador", "embassy", "serious") for t in query_terms(w)}
    assert used_glosses(meanings, sources) == ("ambassador",)  # all of its glosses, not half of another's
    assert used_glosses(meanings, {}) == ()


def test_a_hyphenated_gloss_is_used_where_the_sources_write_its_words_apart() -> None:
    sources = {t: 1.0 for t in query_terms("the Vice Minister spoke")}
    assert used_glosses((("loan",), ("vice-minister", "undersecretary")), sources) == ("vice-minister",)


@pytest.mark.parametrize(("question", "lang", "thing"), [
    ("축제는 어느 공원에서 열렸어요?", "ko", "공원"),
    ("その祭りはどの公園で開かれましたか？", "ja", "公園"),
    ("불빛은 무슨 색이었습니까?", "ko", None),  # 색 (a colour) and the copula: no word of two characters
    ("콘서트는 어느 도시에서 열렸나요?", "ko", None),  # "city" says what kind of answer, as in English
    ("コンサートはどの都市で開かれましたか？", "ja", None),
    ("어느 대사가 왔어?", "ko", None),  # a role
])
def test_the_thing_a_which_question_asks_about(question: str, lang: str, thing: str | None) -> None:
    found = asked_thing(question, lang, SHIPPED)
    assert (found[0] if found else None) == thing


def test_names_heard_and_the_questions_own_words_are_not_glossed() -> None:
    sources = {t: 1.0 for w in ("president", "genius", "dam", "talent") for t in query_terms(w)}
    found = dict(glossed("이재명 대통령은 언제 왔어?", "ko", SHIPPED, sources, heard=["이재명"]))
    assert found == {"대통령": ("president",)}  # not 이재 (a genius) inside the name, not 언제 (a dam)


def _holding(passages: list[str]) -> Callable[[Sequence[str]], np.ndarray]:
    held = [set(query_terms(p)) for p in passages]
    return lambda terms: np.array([bool(terms) and all(t in h for t in terms) for h in held], dtype=bool)


def test_a_word_takes_the_meaning_the_sources_write_beside_the_questions_other_words() -> None:
    passages = ["An old folding screen was on display at the event.", "It was wartime then.",
                "The right to use force was never exercised."]
    sources = {t: 1.0 for p in passages for t in query_terms(p)}
    question = "서울 행사에 전시된 병풍은 뭐였어요?"  # 행사: an event or a use; 전시: a display or wartime
    alone = dict(glossed(question, "ko", SHIPPED, sources))
    assert alone["전시"] == ("wartime",)  # all of its one gloss, against half of "exhibition; display"
    found = dict(glossed(question, "ko", SHIPPED, sources, holding=_holding(passages)))
    assert found["전시"] == ("display",) and found["행사"] == ("event",) and found["병풍"] == ("folding screen",)
    # a name heard in the question counts as one of its other words
    by_name = ["The Lighting was put on display.", "It was wartime."]
    sources = {t: 1.0 for p in by_name for t in query_terms(p)}
    assert dict(glossed("전시", "ko", SHIPPED, sources, holding=_holding(by_name)))["전시"] == ("wartime",)
    assert dict(glossed("전시", "ko", SHIPPED, sources, holding=_holding(by_name), names=["Lighting"]))["전시"] == \
        ("display",)


def test_without_the_table_nothing_is_glossed(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    assert Glossary(None).words_in("대통령", "ko") == []
    broken = tmp_path / "glossary.sqlite"
    broken.write_bytes(b"not a database" * 100)
    table = Glossary(broken)
    with caplog.at_level(logging.WARNING):
        assert table.words_in("대통령", "ko") == [] and table.words_in("대통령", "ko") == []
    assert sum("build_glossary" in r.getMessage() for r in caplog.records) == 1  # said once


def test_the_table_is_configured_or_turned_off(tmp_path: Path) -> None:
    assert Settings().glossary == DEFAULT_GLOSSARY and DEFAULT_GLOSSARY.exists()
    assert Settings.from_env({"QABOT_GLOSSARY": "off"}, dotenv=None).glossary is None
    assert Settings.from_env({"QABOT_GLOSSARY": str(tmp_path / "g.sqlite")}, dotenv=None).glossary == \
        tmp_path / "g.sqlite"


def test_a_japanese_form_is_its_words_in_use() -> None:
    # 韓国 is かんこく, South Korea, not also the archaic からくに (China; Korea), which drew the glosses "China"
    # and "Korea" into a question about Korea; 千万 stays ten million (no priority mark), less the poetical ちよろず
    assert "South Korea" in _meanings("韓国", "ja")["韓国"] and "China" not in _meanings("韓国", "ja")["韓国"]
    large = _meanings("千万", "ja")["千万"]
    assert "ten million" in large and "countless number" not in large


def test_the_shipped_table_has_both_languages() -> None:
    with sqlite3.connect(f"file:{DEFAULT_GLOSSARY}?mode=ro", uri=True) as db:
        counts = dict(db.execute("select lang, count(*) from gloss group by lang").fetchall())
    assert counts["ko"] > 50_000 and counts["ja"] > 100_000


@pytest.mark.model
def test_a_korean_question_is_answered_with_a_broken_table(real_engine: Engine, tmp_path: Path) -> None:
    broken = tmp_path / "glossary.sqlite"
    broken.write_bytes(b"\0" * 4096)
    engine = Engine(real_engine.index, real_engine.embedder, real_engine.settings.with_(glossary=broken))
    got = engine.answer("서울 콘서트는 언제 열렸나요?")
    assert not got.abstained and got.text is not None and got.text.startswith("2025년 12월 5일")


@pytest.mark.model
def test_the_glosses_the_seed_articles_use_are_found(real_engine: Engine) -> None:
    idf = real_engine._state.idf
    found = dict(glossed("조약은 언제 서명됐어?", "ko", real_engine.glossary, idf))
    assert "treaty" in found["조약"]


@pytest.mark.model
@pytest.mark.parametrize(("question", "said"), [
    ("콘서트는 어느 경기장에서 열렸나요?", "출처에는 “경기장”에 대한 언급이 없습니다."),
    ("コンサートはどの競技場で開かれましたか？", "「競技場」についての記述はありません。"),
    ("축제는 어느 공원에서 열렸어요?", "출처에는 “공원”에 대한 언급이 없습니다."),  # Ambassador Park is no park
])
def test_a_which_question_about_a_thing_the_sources_never_mention_is_not_answered(real_engine: Engine,
                                                                                 question: str, said: str) -> None:
    got = real_engine.answer(question)  # the concert is in the sources; a stadium is not
    assert got.abstained and said in render_answer(got)
