"""Names and loanwords a Korean or Japanese question writes in its own script, found among the sources'
English words by sound (bot/text/sounds.py, bot/engine/transcribed.py)."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.engine.korean_japanese import read_korean_japanese
from bot.engine.transcribed import looks_borrowed, sounds_of, surnames, transcribed
from bot.text.sounds import romanize_hangul, romanize_katakana, sound_key, spelled_letters
from bot.text.words import query_terms


def test_hangul_is_romanized_letter_by_letter_without_a_loanwords_added_vowel() -> None:
    assert romanize_hangul("리셉션") == "risepsyeon"
    assert romanize_hangul("콘서트") == "konseot"  # 트: the "t" of "concert", no vowel of its own
    assert romanize_hangul("김대중") == "gimdaejung"
    assert romanize_hangul("ソウル") == ""


def test_katakana_is_romanized_without_long_vowels_or_added_vowels() -> None:
    assert romanize_katakana("スローガン") == "srogan"
    assert romanize_katakana("ホテル") == "hotel"
    assert romanize_katakana("フォーラム") == "foram"
    assert romanize_katakana("シャッター") == "shatta"
    assert romanize_katakana("東京") == ""


@pytest.mark.parametrize(("english", "written"), [
    ("reception", "risepsyeon"), ("concert", "konseot"), ("Kim Dae-jung", "kimdaejung"), ("slogan", "srogan"),
    ("hotel", "hotel"),
])
def test_an_english_spelling_and_a_transcription_sound_alike(english: str, written: str) -> None:
    assert sound_key(english) == sound_key(written)


# general names and loanwords, none of them from the seed articles
SOURCE = ("Microsoft and UNESCO met in San Francisco with Princeton researchers. President Trump spoke on "
          "television about the internet, and the campaign hired a camera crew at the hotel. Napoleon and Obama "
          "were named. The event was held in Hence County.")


@pytest.mark.parametrize(("question", "lang", "spelling"), [
    ("마이크로소프트는 어디에서 만났나요?", "ko", "Microsoft"),
    ("샌프란시스코에서 누구를 만났나요?", "ko", "San Francisco"),
    ("트럼프 대통령은 무엇에 대해 말했나요?", "ko", "Trump"),
    ("캠페인은 누구를 고용했나요?", "ko", "campaign"),
    ("ユネスコはどこで会いましたか", "ja", "UNESCO"),
    ("ナポレオンは何をしましたか", "ja", "Napoleon"),
    ("インターネットについて誰が話しましたか", "ja", "internet"),
    ("ホテルはどこですか", "ja", "hotel"),
    ("プリンストンの研究者は誰ですか", "ja", "Princeton"),
])
def test_names_and_loanwords_are_heard_in_the_sources(question: str, lang: str, spelling: str) -> None:
    assert spelling in [s for _, s in transcribed(question, lang, sounds_of([SOURCE]))]


@pytest.mark.parametrize("question", [
    "행사는 언제 열렸나요?",  # 행사 (an event) sounds like "Hence": a Sino-Korean word is not taken for one
    "공동선언은 누가 발표했나요?",
    "그 사람은 뭐라고 말했나요?",
])
def test_korean_words_of_its_own_are_not_taken_for_english_ones(question: str) -> None:
    assert transcribed(question, "ko", sounds_of([SOURCE])) == []


@pytest.mark.parametrize(("word", "borrowed"), [
    ("리셉션", True), ("콘서트", True), ("케이팝", True), ("패스트트랙", True), ("포럼", True),
    ("행사", False), ("점등식", False), ("정상회담", False), ("열렸나요", False), ("알려줘", False),
    ("슬로건", True), ("글로벌", True), ("플랫폼", True),
    ("불렀어", False), ("흘렀어", False), ("눌렀어", False),  # past tenses (러 looks foreign): 불렀어 is no "variety"
    ("틀린", False), ("틀리게", False), ("글로", False),  # native: wrong, wrongly, in writing
])
def test_a_loanword_is_known_by_its_letters(word: str, borrowed: bool) -> None:
    assert looks_borrowed(word) is borrowed


def test_of_two_spellings_that_sound_alike_the_closer_vowels_win() -> None:
    sounds = sounds_of(["The lights of Tokyo Tower shone together with those of N Seoul Tower."])
    assert ("도쿄타워", "Tokyo Tower") in transcribed("도쿄타워 높이는 몇 미터예요?", "ko", sounds)  # not "together"


def test_a_word_is_heard_only_as_one_that_starts_with_the_same_sound() -> None:
    sounds = sounds_of(["Prime Minister Keizo Obuchi spoke widely at the concert."])
    assert transcribed("スピーチをしたの", "ja", sounds) == []  # "supichi" is as close to "Obuchi" as 88 allows
    assert transcribed("タイトルは何?", "ja", sounds) == []  # "taitoru" and "widely"
    assert transcribed("コンサートはいつ?", "ja", sounds) == [("コンサート", "concert")]


def test_a_korean_name_is_heard_before_a_title_only() -> None:
    sounds = sounds_of(["President Kim Dae-jung and Prime Minister Keizo Obuchi signed it."])
    assert transcribed("김대중 대통령은 무엇에 서명했나요?", "ko", sounds) == [("김대중", "Kim Dae-jung")]


@pytest.mark.parametrize(("question", "heard"), [
    ("'박 대사'라고만 나오던데 풀네임이 뭐예요?", [("박", "Park")]),  # and 풀네임 asks, it is not "Forum"
    ("윤대통령은 언제 탄핵됐어?", [("윤", "Yoon")]), ("이대통령이 보낸 메시지", [("이", "Lee")]),
    ("이 대사는 누구야?", []),  # 이: "this ambassador"
    ("박 대사관에서", []),  # the embassy
    ("윤 전 대통령은?", [("윤", "Yoon")]), ("전 대통령은 누구야?", []), ("전대통령은 누구야?", []),  # 전: former
])
def test_a_korean_family_name_alone_before_a_title(question: str, heard: list[tuple[str, str]]) -> None:
    sounds = sounds_of(["Ambassador Park met President Yoon, President Lee, Jeon, Chun and the Forum."])
    assert transcribed(question, "ko", sounds) == heard


def test_a_korean_family_name_in_hanja_before_a_title() -> None:
    assert surnames("「朴大使」のフルネームは何ですか？", ["Park", "Lee"]) == [("朴", "Park")]
    assert surnames("李大統領のやり方", ["Lee"]) == [("李", "Lee")]
    assert surnames("李在明", ["Lee"]) == []  # no title after it
    assert surnames("朴大使", ["Lee"]) == []  # the sources never name a Park


def test_what_is_heard_joins_the_questions_terms_and_names() -> None:
    q = read_korean_japanese("이재명 대통령은 무엇을 약속했나요?", "ko", ["Lee Jae-myung", "reception"])
    assert set(query_terms("Lee Jae-myung reception")) <= set(q.terms)
    assert "recept" not in q.names and "lee" in q.names


@pytest.mark.parametrize(("text", "lang"), [
    ("주일 한국대사 이름이 뭐야?", "ko"), ("「朴大使」のフルネームは何ですか？", "ja"),
    ("駐日韓国大使の名前は何ですか？", "ja"),
])
def test_the_name_of_a_role_asks_for_a_person(text: str, lang: str) -> None:
    assert read_korean_japanese(text, lang).kind == "who"


@pytest.mark.model
@pytest.mark.parametrize(("question", "answer"), [
    # the vectors alone took the Korea–Japan Festival's Tokyo dates; "리셉션" / "レセプション" is "reception"
    ("리셉션은 도쿄에서 언제 열렸나요?", "2025년 6월 19일"),
    ("レセプションは東京でいつ開かれましたか？", "2025年6月19日"),
    # the vectors alone answered Shigeru Ishiba; "김대중" is Kim Dae-jung, in the sentence that names Obuchi
    ("김대중 대통령과 공동선언을 발표한 일본 총리는 누구야?", "Keizo Obuchi"),
])
def test_a_heard_name_or_loanword_picks_the_answer_end_to_end(real_engine: Engine, question: str,
                                                                answer: str) -> None:
    got = real_engine.answer(question)
    assert not got.abstained and got.text is not None and got.text.startswith(answer)


def test_a_question_of_nothing_but_loanwords_is_searched_a_bounded_number_of_times() -> None:
    sounds = sounds_of([SOURCE])
    question = " ".join(["마이크로소프트", "캠페인", "트럼프", "샌프란시스코"] * 40)
    found = transcribed(question, "ko", sounds)
    assert 1 <= len(found) <= 4  # each word once, whatever the repetition
    assert len(transcribed(" ".join(f"ケーキ{i}" for i in range(200)), "ja", sounds)) <= 8


def test_review_cases_native_words_whole_words_names_and_accents() -> None:
    sounds = sounds_of(["Matsumoto met José Corona at the Reception. The reception was long. Grant Clinton left."])
    # a connective written with a loanword's letters is not a name ("그러면" is not "Gramont" or "Grant")
    assert transcribed("그런데 그러면 리셉션은 언제였나요?", "ko", sounds) == [("리셉션", "reception")]
    # a word that ends as a particle does is tried whole too ("코로나" is not "코로" + "나")
    assert transcribed("코로나는 누구를 만났나요?", "ko", sounds) == [("코로나", "Corona")]
    # a Japanese name keeps the vowels a loanword would drop ("マツモト" is "matsumoto", not "matsmot")
    assert transcribed("マツモトは誰ですか", "ja", sounds) == [("マツモト", "Matsumoto")]
    assert "Jose" in sounds.names  # accents set aside


def test_letter_names_are_heard_as_the_letters() -> None:
    assert spelled_letters("케이팝", "ko") == "kpap" and spelled_letters("유엔", "ko") == "un"
    assert spelled_letters("ビーティーエス", "ja") == "bts" and spelled_letters("이스", "ko") != "es"
    sounds = sounds_of(["K-pop groups Enhypen and BTS were set to perform at the UN."])
    assert transcribed("케이팝 그룹은 어디야?", "ko", sounds) == [("케이팝", "K-pop")]
    assert transcribed("ケーポップのグループは？", "ja", sounds) == [("ケーポップ", "K-pop")]
    assert transcribed("비티에스는 누구야?", "ko", sounds) == [("비티에스", "BTS")]
    assert transcribed("이름이 뭐야?", "ko", sounds) == []
