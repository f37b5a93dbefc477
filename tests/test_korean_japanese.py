"""Questions in Korean and Japanese: the language from the script, the kind of answer asked for, dates
written and read in both, the bot's own words, and questions end to end through the real engine."""

from __future__ import annotations

import numpy as np
import pytest

from bot.engine.answer import NO_TITLES, ScoredSentence, phrase_choices
from bot.engine.engine import Engine
from bot.engine.hours import asks_hour, tells_hour
from bot.engine.korean_japanese import (
    envoy_in_english,
    nationality_in,
    read_korean_japanese,
    unnamed_places,
)
from bot.engine.people import role_reversed
from bot.engine.phrases import Candidate
from bot.engine.places import places_in
from bot.engine.role_holders import nationality_first, role_holder_first
from bot.evaluation.matching import contains
from bot.index.e5 import QUERY_CHARS, E5Embedder
from bot.models import Sentence
from bot.render import render_answer
from bot.text.amounts import amounts_in_english, localized_amount, sums_in
from bot.text.dates import find_dates, localized
from bot.text.lang import language_of
from bot.text.messages import MESSAGES


@pytest.mark.parametrize(("text", "locale", "lang"), [
    ("When was the Seoul concert?", None, "en"),
    ("서울 콘서트는 언제 열렸나요?", None, "ko"),
    ("ソウルでのコンサートはいつ開かれましたか？", None, "ja"),
    ("日韓国交正常化", None, "ja"),  # Chinese characters alone: Japanese...
    ("日韓国交正常化", "ko", "ko"),  # ...unless the asker's locale says Korean
    ("K-pop 공연은 언제?", "ja", "ko"),
])
def test_the_language_comes_from_the_script(text: str, locale: str | None, lang: str) -> None:
    assert language_of(text, locale) == lang


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("서울 콘서트는 언제 열렸나요?", "ko", "when"),
    ("기본조약은 몇 년에 체결됐어?", "ko", "year"),
    ("점등식은 몇 월 며칠이었습니까?", "ko", "date"),
    ("콘서트는 몇 년 몇 월 며칠에 열렸나요?", "ko", "date"),  # a day, not a year
    ("몇일에 열렸어?", "ko", "date"),  # the usual misspelling of 며칠
    ("공연은 몇 시에 시작했나요?", "ko", "when"),
    ("준비에 몇 달 걸렸나요?", "ko", "duration"),
    ("何年ぶりの開催ですか", "ja", "duration"),
    ("일본은 한국에 얼마를 지원했나요?", "ko", "amount"),
    ("행사에 몇 명이 참석했나요?", "ko", "count"),
    ("자전거 여행은 얼마나 오래 걸렸나요?", "ko", "duration"),
    ("주일 한국 대사는 누구인가요?", "ko", "who"),
    ("조약은 어디에서 서명되었나요?", "ko", "where"),
    ("이재명 대통령은 뭐라고 말했나요?", "ko", "said"),
    ("ソウルでのコンサートはいつ開かれましたか？", "ja", "when"),
    ("条約は何年に結ばれましたか", "ja", "year"),
    ("コンサートは何年何月何日でしたか", "ja", "date"),
    ("日本は韓国にいくらの経済援助をしましたか", "ja", "amount"),
    ("式典には何人が出席しましたか", "ja", "count"),
    ("自転車の旅は何日間続きましたか", "ja", "duration"),
    ("駐日韓国大使は誰ですか", "ja", "who"),
    ("条約はどこで署名されましたか", "ja", "where"),
    ("日韓関係の課題は何ですか", "ja", "other"),
    ("수교 60주년을 보석에 빗대서 뭐라고 불렀어?", "ko", "other"),  # what it is called, not what was said
    ("이번이 몇 번째 공개인가요?", "ko", "other"),  # which time, not how many
    ("今回の屏風の展示は何回目の公開ですか？", "ja", "other"),
    ("국교 정상화까지 몇 년이 걸렸나요?", "ko", "duration"),  # how long it took, not which year
    ("戦争が終わってから国交正常化まで、何年かかったの", "ja", "duration"),
    ("どれくらい時間がかかりましたか", "ja", "duration"),
    ("費用はどのくらいかかりましたか", "ja", "amount"),  # what it cost, not how long
    ("얼마나 걸었어?", "ko", "other"),  # walked, not took
    ("식민지배 기간은 몇 년부터 몇 년까지였나요?", "ko", "year"),  # from which year to which, though a 기간
    ("植民地支配の期間は何年から何年までですか", "ja", "year"),
    ("도쿄타워 높이는 몇 미터예요?", "ko", "measure"),  # how tall, not how many
    ("東京タワーの高さは何メートル?", "ja", "measure"),
    ("자전거로 몇 킬로를 달렸어?", "ko", "measure"),
    ("리셉션은 어디가 주최했어요?", "ko", "who"),  # which body hosted it, not where
    ("レセプションはどこが主催したの?", "ja", "who"),
    ("리셉션은 어디에서 열렸어요?", "ko", "where"),
    ("축제 서울 행사는 어디가 개최지였어?", "ko", "where"),  # 개최지: the venue
    ("お祭りはどこが開催地?", "ja", "where"),
    ("도쿄타워 높이는?", "ko", "measure"), ("東京タワーの高さは?", "ja", "measure"),
    ("도쿄타워는 얼마나 높아?", "ko", "measure"),  # how tall, not how much
    ("한일 관계를 높이 평가한 사람은 누구야?", "ko", "who"),  # 높이 평가: praised highly, no height
    ("両国の距離を縮めたのは誰ですか", "ja", "who"),  # a distance in a figure of speech
])
def test_the_kind_of_answer_is_read_in_the_questions_language(text: str, lang: str, kind: str) -> None:
    assert read_korean_japanese(text, lang).kind == kind


def test_who_someone_named_is_is_not_who_holds_a_role() -> None:
    named = read_korean_japanese("미즈시마 고이치는 누구인가요?", "ko")
    assert named.identity and named.kind == "other"
    assert read_korean_japanese("1998년에 김대중 대통령과 공동선언을 발표한 일본 총리는 누구야?", "ko").role == "prime"
    assert read_korean_japanese("日本の総理大臣は誰？", "ja").role == "prime"  # not the 大臣 inside it
    assert read_korean_japanese("外務大臣は誰ですか", "ja").role == "minister"
    # a vice minister is no minister, as "Who was the vice minister?" reads in English
    assert read_korean_japanese("외교부 차관은 누구입니까?", "ko").role == "vice minister"
    assert read_korean_japanese("外務次官は誰ですか", "ja").role == "vice minister"
    assert read_korean_japanese("올해 수상자는 누구?", "ko").role == ""  # an award winner
    role = read_korean_japanese("주일 한국 대사는 누구인가요?", "ko")
    assert not role.identity and role.kind == "who" and role.role == "ambassador"
    assert read_korean_japanese("水島光一とは誰ですか", "ja").identity
    assert read_korean_japanese("菅直人は誰ですか", "ja").identity


@pytest.mark.parametrize(("text", "lang"), [("아오이는 누구야?", "ko"), ("緒方は誰ですか", "ja")])
def test_a_name_ending_like_a_doer_is_still_a_name(text: str, lang: str) -> None:
    assert read_korean_japanese(text, lang).identity


@pytest.mark.parametrize(("text", "lang"), [
    ("1965년 기본조약에 한국 대표로 서명한 사람은 누구인가요?", "ko"), ("지휘자는 누구인가요?", "ko"),
    ("演奏したのは誰？", "ja"), ("指揮者は誰ですか", "ja"), ("式典に来た人は誰ですか", "ja"),
])
def test_who_did_something_asks_for_a_name(text: str, lang: str) -> None:
    question = read_korean_japanese(text, lang)
    assert question.kind == "who" and not question.identity


def test_an_embassy_asks_for_no_ambassador() -> None:
    assert read_korean_japanese("대사관 행사에서 건반 연주를 한 한국 음악가는 누구야?", "ko").role == ""
    assert read_korean_japanese("大使館で演奏したのは誰ですか", "ja").role == ""


@pytest.mark.parametrize(("text", "lang", "english"), [
    ("주일 한국대사 이름이 뭐야?", "ko", "Korean ambassador to Japan"),  # 주일: posted in Japan
    ("주한 일본 대사는 누구입니까?", "ko", "Japanese ambassador to Korea"),
    ("한국의 주일 대사는?", "ko", "Korean ambassador to Japan"),
    ("일본 주재 한국 대사는 누구야", "ko", "Korean ambassador to Japan"),
    ("주미대사는 누구", "ko", "the ambassador to US"),  # "the": role_reversed reads a word before the title
    ("박 대사의 후임인 주일 한국대사는 누구야?", "ko", "Korean ambassador to Japan"),  # the envoy that names a country
    ("공사 현장을 방문한 주한 일본 대사는 누구?", "ko", "Japanese ambassador to Korea"),  # 공사: construction
    ("일본 대사는 누구예요?", "ko", "Japanese ambassador"),
    ("대사는 누구예요?", "ko", ""),  # no country: nothing to check
    ("駐日韓国大使は誰ですか？", "ja", "Korean ambassador to Japan"),
    ("駐韓日本大使の名前は？", "ja", "Japanese ambassador to Korea"),
    ("日本駐在の韓国大使は誰", "ja", "Korean ambassador to Japan"),
    ("韓国大使館はどこ", "ja", ""),  # the embassy
    ("駐日大使は誰", "ja", "the ambassador to Japan"),
])
def test_an_envoys_posting_is_read_as_the_sources_write_it(text: str, lang: str, english: str) -> None:
    assert envoy_in_english(text, lang) == english


def test_an_envoy_posted_elsewhere_holds_another_role() -> None:
    assert role_reversed(envoy_in_english("駐日大使は誰", "ja"), ("Japanese Ambassador to Korea",))
    assert not role_reversed(envoy_in_english("駐日大使は誰", "ja"), ("Korean Ambassador to Japan",))


@pytest.mark.parametrize(("text", "country"), [
    ("일본 외무성 차관은 누구예요?", "japanese"), ("韓国の大統領は誰ですか", "korean"),
    ("주일 한국대사는 누구야?", "korean"), ("한일 정상은 누구", ""), ("대통령은 누구", ""),
])
def test_the_country_a_question_names(text: str, country: str) -> None:
    assert nationality_in(text) == country


@pytest.mark.model
@pytest.mark.parametrize(("question", "answer", "other"), [
    ("주일 한국대사 이름이 뭐야?", "Park Cheol-hee", "Mizushima"),
    ("주한 일본대사는 누구입니까?", "Koichi Mizushima", "Park"),
    ("駐日韓国大使は誰ですか？", "Park Cheol-hee", "Mizushima"),
    ("駐韓日本大使の名前は？", "Koichi Mizushima", "Park"),
])
def test_the_ambassador_posted_where_the_question_says(real_engine: Engine, question: str, answer: str,
                                                       other: str) -> None:
    got = real_engine.answer(question)
    # never the envoy posted the other way round; the first may abstain (its best sentence scores 0.31, under the
    # threshold), the others are answered
    assert got.text is None or (got.text.startswith(answer) and other not in got.text)
    assert question.startswith("주일") or got.text is not None


@pytest.mark.model
@pytest.mark.parametrize("question", ["콘서트의 지휘자는 누구였나요?", "合唱団は何人いましたか？"])
def test_a_sentence_without_the_kind_of_answer_asked_for_is_not_an_answer(real_engine: Engine,
                                                                          question: str) -> None:
    got = real_engine.answer(question)
    assert got.abstained and got.score == 0.0  # refused: the concert's sentence names no conductor, no count


def test_a_months_number_is_matched_as_its_english_name() -> None:
    question = read_korean_japanese("李大統領がビデオメッセージを寄せた6月16日は何曜日でしたか", "ja")
    assert "june" in question.terms and "june" not in question.names  # a word to match, not a name to require
    assert "june" in read_korean_japanese("6월 16일 서울에서 열린 리셉션은?", "ko").terms
    assert not {"june", "december"} & set(read_korean_japanese("60주년은 몇 월?", "ko").terms)


def test_latin_words_are_the_terms_and_names() -> None:
    q = read_korean_japanese("K-pop 공연은 2025년에 Seoul에서 열렸나요?", "ko")
    assert "k-pop" in q.terms and "seoul" in q.names


@pytest.mark.parametrize(("normalized", "ko", "ja"), [
    ("5 December 2025", "2025년 12월 5일", "2025年12月5日"),
    ("5 December", "12월 5일", "12月5日"),
    ("December 2025", "2025년 12월", "2025年12月"),
    ("1965", "1965년", "1965年"),
    ("1910–1945", "1910년~1945년", "1910年～1945年"),
    ("1–3 December 2025", "2025년 12월 1일~3일", "2025年12月1日～3日"),
    ("Sunday, 7 December 2025", "2025년 12월 7일 (일요일)", "2025年12月7日(日曜日)"),
    ("Koichi Mizushima", "Koichi Mizushima", "Koichi Mizushima"),
])
def test_dates_are_written_as_each_language_writes_them(normalized: str, ko: str, ja: str) -> None:
    assert (localized(normalized, "ko"), localized(normalized, "ja"), localized(normalized, "en")) \
        == (ko, ja, normalized)
    if normalized[0].isdigit():  # and read back as the same date
        assert [d.normalized for d in find_dates(ko)] == [d.normalized for d in find_dates(ja)]


def test_the_eval_reads_korean_and_japanese_dates() -> None:
    assert contains("2025년 12월 5일 [1]", "December 5") and contains("2025年12月5日", "5 December 2025")
    assert contains("On 5 December 2025", "12월 5일") and contains("1910年～1945年", "1910년~1945년")
    assert not contains("2025년 12월 6일", "December 5")


@pytest.mark.parametrize(("text", "normalized"), [
    ("2025年10月26日～11月11日", "26 October – 11 November 2025"), ("10월 26일~11월 11일", "26 October – 11 November"),
    ("11月21～22日", "21–22 November"), ("11월 21일부터 22일", "21–22 November"),
])
def test_a_range_of_days_is_read_in_korean_and_japanese(text: str, normalized: str) -> None:
    assert [(d.normalized, d.kind) for d in find_dates(text)] == [(normalized, "range")]


@pytest.mark.parametrize("text", [
    "12月5日から10日間", "12월 5일부터 10일 동안",  # ten days long, not until the 10th
    "3월 11일 - 12일본",  # 일본: Japan
    "2월 28일부터 30일", "2025年2月28日～29日",  # no such day
    "11월 20일~11월 5일",  # backwards
])
def test_what_is_not_a_range_of_days_is_not_read_as_one(text: str) -> None:
    assert all(d.kind != "range" for d in find_dates(text))


def test_the_eval_matches_a_range_in_any_form() -> None:
    assert contains("2025年10月26日～11月11日 [1]", "October 26–November 11")
    assert contains("2025年10月26日～11月11日", "10月26日〜11月11日") and contains("October 26-27", "10월 26~27일")
    assert not contains("2025年10月26日～11月12日", "October 26–November 11")
    assert contains("1992–1997 [1]", "1992 to 1997") and contains("from 1910-45", "1910 to 1945")  # years too
    assert contains("1992년~1997년", "between 1992 and 1997") and not contains("1992–1998", "1992 to 1997")
    assert contains("the 1999-2000 season", "1999-00")  # a century crossed
    assert not contains("on 2000-10-05", "2000 to 2010") and not contains("in 1950 and 60 others", "1950 to 1960")


@pytest.mark.parametrize(("text", "lang", "english"), [
    ("8億ドルの経済援助のうち", "ja", ["800 million dollars"]),
    ("8억 달러 중에 무상 원조는", "ko", ["800 million dollars"]),
    ("8億5000万ドル", "ja", ["850 million dollars"]), ("3,000万円", "ja", ["30 million yen"]),
    ("1.5억 달러", "ko", ["150 million dollars"]), ("300달러", "ko", ["300 dollars"]),
    ("5조 원", "ko", ["5 trillion won"]),
    ("2018년 판결", "ko", []), ("무상 원조", "ko", []), ("60周年", "ja", []),
    ("5천만 달러", "ko", ["50 million dollars"]), ("1억2천만 원", "ko", ["120 million won"]),
    ("3천억 원", "ko", ["300 billion won"]), ("5千万ドル", "ja", ["50 million dollars"]),
    ("일본 헌법 제9조 개정", "ko", []), ("第9条", "ja", []),  # article 9, not 9 trillion
    ("1" * 26 + "조 원은 어디에 쓰였어요?", "ko", []),  # digits, not money (and no crash)
])
def test_sums_are_read_into_english(text: str, lang: str, english: list[str]) -> None:
    assert amounts_in_english(text, lang) == english


@pytest.mark.parametrize(("english", "ko", "ja"), [
    ("$800 million", "8억 달러", "8億ドル"), ("3 billion yen", "30억 엔", "30億円"),
    ("$1.5 million", "150만 달러", "150万ドル"),
    ("$1,234,567,890", "12억 3,456만 7,890 달러", "12億3,456万7,890ドル"), ("₩1 trillion", "1조 원", "1兆ウォン"),
    ("60 years", "60 years", "60 years"), ("$0.5", "$0.5", "$0.5"), ("$0", "0 달러", "0ドル"),
    # with the word that hedges the sum, where each language writes it
    ("nearly $1.3 million", "거의 130만 달러", "ほぼ130万ドル"),
    ("a little over $7 billion", "70억 달러 이상", "70億ドル以上"),
    ("more  than $5 million", "500만 달러 이상", "500万ドル以上"),
    ("about 3 billion yen", "약 30억 엔", "約30億円"), ("about 60 years", "about 60 years", "about 60 years"),
    # a hedge with a letter re.I reads as ASCII ("ſ" is an s) was looked up as typed and raised KeyError; a scale
    # so written ("bıllion") counted as 1
    ("almoſt $7 billion", "거의 70억 달러", "ほぼ70億ドル"), ("$7 bıllion", "70억 달러", "70億ドル"),
])
def test_sums_are_written_as_each_language_writes_them(english: str, ko: str, ja: str) -> None:
    assert (localized_amount(english, "ko"), localized_amount(english, "ja"), localized_amount(english, "en")) \
        == (ko, ja, english)
    if ko != english:  # and read back as the same sum
        assert sums_in(ko) == sums_in(ja) == sums_in(english)


def test_the_eval_matches_a_sum_in_any_form() -> None:
    assert contains("8억 달러 [1]", "$800 million") and contains("It gave $800 million.", "8億ドル")
    assert contains("800 million dollars", "$800 million")
    assert not contains("$80 million", "$800 million") and not contains("8億円", "$800 million")


def test_a_sum_in_the_question_is_a_term_and_no_answer() -> None:
    q = read_korean_japanese("8億ドルの経済援助のうち、無償援助はいくらだった?", "ja")
    assert q.kind == "amount" and {"800", "million"} <= set(q.terms)
    best = phrase_choices("Japan provided $800 million in economic aid.", q, 2025, NO_TITLES, None)
    assert best == 0  # the sum the question gives does not answer it


def test_places_are_read_in_their_english_spelling() -> None:
    assert places_in("남산서울타워와 도쿄타워", "ko") == [("도쿄", "Tokyo")]  # 서울 inside a longer word: not read
    assert places_in("東京から大阪まで", "ja") == [("東京", "Tokyo"), ("大阪", "Osaka")]
    assert places_in("제주도 여행", "ko") == [("제주도", "Jeju")]  # the longer name, read once
    assert places_in("東京都と南山ソウルタワー", "ja") == [("東京", "Tokyo"), ("ソウル", "Seoul")]
    assert places_in("서울역과 부산행 열차", "ko") == [("서울", "Seoul"), ("부산", "Busan")]
    assert "busan" in read_korean_japanese("부산 콘서트는 언제?", "ko").entities
    assert unnamed_places("부산과 서울", "ko", {"seoul": 1.0}) == ("부산",)


@pytest.mark.parametrize(("text", "lang"), [
    ("마라톤 경주는 언제?", "ko"), ("전주 대비 얼마나 늘었나?", "ko"), ("대구탕 맛집", "ko"), ("파리가 많다", "ko"),
    ("동경하던 가수", "ko"), ("부산물은 무엇인가", "ko"), ("대만족이었다", "ko"), ("북한산 등산", "ko"),
    ("고독일까", "ko"), ("경기도 취소됐나요?", "ko"), ("협력 강화도 논의했나요?", "ko"),
    ("ソウルフードは何", "ja"), ("ソウルメイト", "ja"), ("中国地方の天気", "ja"), ("カンパリを飲む", "ja"),
])
def test_a_common_word_is_not_read_as_a_place(text: str, lang: str) -> None:
    assert places_in(text, lang) == []  # else the question would be refused for a place the sources never name


def test_every_message_has_every_language() -> None:
    assert set(MESSAGES) == {"en", "ko", "ja"}
    assert all(set(MESSAGES[lang]) == set(MESSAGES["en"]) for lang in MESSAGES)


@pytest.mark.model
@pytest.mark.parametrize(("question", "lang", "answer"), [
    ("서울 콘서트는 언제 열렸나요?", "ko", "2025년 12월 5일"),
    ("ソウルでのコンサートはいつ開かれましたか？", "ja", "2025年12月5日"),
    ("일본은 한국에 얼마의 경제 원조를 제공했나요?", "ko", "8억 달러"),  # "$800 million", as Korean writes it
])
def test_korean_and_japanese_questions_end_to_end(real_engine: Engine, question: str, lang: str,
                                                  answer: str) -> None:
    got = real_engine.answer(question)
    assert got.lang == lang and not got.abstained and got.text is not None and got.text.startswith(answer)
    snippet = got.citations[0].snippet if got.citations else ""
    assert "December" in snippet or "million" in snippet  # the English sentence is cited as written
    assert got.to_json()["language"] == lang


@pytest.mark.model
def test_a_question_with_no_word_heard_is_supported_by_its_glosses(real_engine: Engine) -> None:
    # no name or loanword to hear: the glosses of 주일 and 대사 that the sources use are what the confidence reads
    got = real_engine.answer("주일 한국 대사 이름 알려줘")
    assert not got.abstained and got.text is not None and got.text.startswith("Park Cheol-hee")


@pytest.mark.model
@pytest.mark.parametrize("question", ["韓国の首相の名前は?", "일본 대통령 이름은?"])
def test_a_role_the_sources_give_only_another_country_is_not_answered(real_engine: Engine, question: str) -> None:
    # the sources name a Japanese prime minister and Korean presidents only
    assert real_engine.answer(question).abstained


@pytest.mark.model
def test_a_place_in_the_question_picks_its_date_among_several(real_engine: Engine) -> None:
    # the sentence has four dates; 東京 (Tokyo) says which one
    got = real_engine.answer("日韓交流おまつりの東京開催はいつ？")
    assert got.text is not None and got.text.startswith("2025年9月27日～28日")


@pytest.mark.model
def test_the_glosses_break_a_near_tie_between_sentences(real_engine: Engine) -> None:
    # e5 scores the festival's sentence and the forum's after it alike; 축제 (festival) is only in the first
    got = real_engine.answer("도쿄에서 열린 한일축제는 며칠이었나요?")
    assert got.text is not None and got.text.startswith("2025년 9월 27일")
    assert "Festival" in got.citations[0].snippet


def test_a_sentence_of_several_dates_counts_as_several_answers() -> None:
    # what the engine checks before narrowing a Korean or Japanese answer to one phrase (else: the sentence)
    sentence = ("Additional commemorative initiatives included the 60th Anniversary Receptions, held on June 16 "
                "in Seoul and June 19 in Tokyo, and the Korea–Japan Festival, hosted in Seoul on October 12.")
    assert phrase_choices(sentence, read_korean_japanese("축제는 언제 열렸어?", "ko"), 2025, NO_TITLES, None) == 3
    assert phrase_choices("It was held on June 16.", read_korean_japanese("언제?", "ko"), 2025, NO_TITLES, None) == 1


@pytest.mark.model
@pytest.mark.parametrize(("question", "said"), [
    ("부산에서 열린 60주년 기념 콘서트는 언제였나요?", "출처에는 “부산”에 대한 언급이 없습니다."),
    ("大阪で行われた60周年記念コンサートはいつですか？", "「大阪」についての記述はありません。"),
])
def test_a_place_the_sources_never_name_is_not_answered(real_engine: Engine, question: str, said: str) -> None:
    got = real_engine.answer(question)  # the Seoul concert is close in meaning, but it is not in Busan or Osaka
    assert got.abstained and said in render_answer(got)


@pytest.mark.model
def test_a_place_the_sources_name_beside_one_they_do_not_is_weighed_not_refused(real_engine: Engine) -> None:
    got = real_engine.answer("콘서트는 서울에서 열렸나요, 부산에서 열렸나요?")
    assert got.score > 0  # a refusal scores 0; Seoul is in the sources


@pytest.mark.model
def test_an_abstention_speaks_the_askers_language(real_engine: Engine) -> None:
    got = real_engine.answer("삼성전자의 2024년 매출은 얼마였나요?")
    assert got.abstained and render_answer(got).startswith("출처에서 찾을 수 없습니다.")
    assert "가장 가까운 구절:" in render_answer(got)


def test_a_question_for_the_hour_needs_a_clock_time() -> None:
    assert asks_hour("점등은 몇 시에 시작했나요?") and asks_hour("何時から何時まで？")
    assert not asks_hour("몇 시간 걸렸나요?") and not asks_hour("何時間かかりましたか") and not asks_hour("언제?")
    assert asks_hour("What time did the semi-final kick off?") and asks_hour("at what hour did it open")
    assert not asks_hour("What time of year is it held?") and not asks_hour("By the time it opened, who came?")
    assert not asks_hour("What time signature is it in?") and not asks_hour("At what time in history was it?")
    assert tells_hour("Kick-off is at 19.45") and tells_hour("from 18h00") and tells_hour("at half past seven")
    assert not tells_hour("It cost £12.50") and not tells_hour("rates of 1.25%") and not tells_hour("2.30 million")
    assert not tells_hour("sold a quarter to investors")
    assert asks_hour("What time's kick-off?") and asks_hour("What time exactly did it start?")
    assert not asks_hour("몇 시즌 동안 방송됐나요?") and not asks_hour("몇 시민이 모였나요?")
    assert tells_hour("The doors open at 7 p.m.") and tells_hour("lit from 18:00") and tells_hour("at noon")
    assert not tells_hour("It was lit on February 15th, 2025.") and not tells_hour("12 million people")


@pytest.mark.model
@pytest.mark.parametrize("question", ["도쿄타워 점등은 몇 시에 시작했나요?", "点灯式は何時に始まりましたか？"])
def test_the_hour_is_not_answered_with_a_date(real_engine: Engine, question: str) -> None:
    assert real_engine.answer(question).abstained  # the sources give the lighting's day, never its hour


def _scored(sid: int, phrase: Candidate | None) -> ScoredSentence:
    return ScoredSentence(sid, 0, 1.0 - sid / 10, 0.5, 0.5, phrase, wants_phrase=True)


def test_a_role_question_takes_the_first_sentence_naming_a_holder() -> None:
    q = read_korean_japanese("주일 한국대사 이름이 뭐야?", "ko")
    park = Candidate(0, 14, "Park Cheol-hee", "Park Cheol-hee", person=True)
    ranked = [_scored(0, None), _scored(1, park), _scored(2, park)]
    assert [r.sid for r in role_holder_first(q, ranked)] == [1, 0, 2]
    assert role_holder_first(q, ranked[1:]) == ranked[1:]  # the best names one already
    assert role_holder_first(read_korean_japanese("콘서트는 언제?", "ko"), ranked) == ranked  # no role asked


def test_a_holder_of_the_countrys_title_comes_first() -> None:
    texts = ["Second Vice Foreign Minister Kim Ji-na attended.", "Japanese Vice Foreign Minister Funakoshi spoke."]
    sentences = [Sentence("a", 0, len(t), t) for t in texts]
    kim = Candidate(29, 38, "Kim Ji-na", "Kim Ji-na", person=True)
    funakoshi = Candidate(31, 40, "Funakoshi", "Funakoshi", person=True)
    ranked = [_scored(0, kim), _scored(1, funakoshi)]
    q = read_korean_japanese("일본 외무성 차관은 누구예요?", "ko")
    assert [r.sid for r in nationality_first("japanese", q, ranked, sentences, {})] == [1, 0]
    assert nationality_first("", q, ranked, sentences, {}) == ranked  # no country asked


@pytest.mark.model
@pytest.mark.parametrize(("question", "abstains"), [
    ("2025년 한일 정상회담은 어디서 열렸어요?", True),  # the sentence found names no place
    ("ソウルのコンサートはどこで開かれましたか", False),  # "held in Seoul": the place the question names
    ("서울 콘서트는 어디서 열렸어요?", False),
])
def test_where_something_happened_needs_a_place(real_engine: Engine, question: str, abstains: bool) -> None:
    assert real_engine.answer(question).abstained is abstains


def test_an_envoys_posting_is_matched_as_the_questions_words() -> None:
    q = read_korean_japanese("주일 한국대사 이름이 뭐야?", "ko")
    assert q.envoy == "Korean ambassador to Japan" and {"korean", "ambassador", "japan"} <= set(q.terms)


@pytest.mark.model
def test_an_envoy_asked_for_by_posting_alone_is_answered(real_engine: Engine) -> None:
    got = real_engine.answer("주일 한국대사 이름이 뭐야?")  # no name heard: the posting says who
    assert not got.abstained and got.text is not None and got.text.startswith("Park Cheol-hee")


@pytest.mark.model
def test_a_long_question_is_read_by_e5_up_to_its_cap() -> None:
    e5 = E5Embedder()
    long = "서울 콘서트는 언제 열렸나요? " * 60  # 1,000 characters: e5's time grows with the square of the length
    capped, whole = e5.encode_queries([long[:QUERY_CHARS], long])
    assert np.allclose(capped, whole)
