"""Questions in Korean and Japanese, read for an answer from English articles: what kind of answer they
ask for (언제 / いつ: a date; 누구 / 誰: a person...), and the words in them that can be matched against the
articles' words: those in Latin letters (names, "K-pop", numbers) as they stand, and places by their English
names (bot/engine/places.py)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..text.amounts import amounts_in_english
from ..text.dates import MONTHS
from ..text.words import query_terms
from .places import places_in
from .question import Question

# from which year to which ("몇 년부터 몇 년까지", "何年から何年まで"): a range of years, even of a 기간 / 期間
_YEAR_SPAN = {"ko": r"몇\s*년\s*(?:부터|에서)\s*몇\s*년", "ja": r"何年から何年"}
# The first pattern that matches decides, so the narrower kinds come first ("몇 년 동안" is a duration,
# "몇 년" a year; "何年間" a duration, "何年" a year; "몇 년 몇 월 며칠" and "何年何月何日" a day).
_KINDS: dict[str, list[tuple[str, str]]] = {
    "ko": [
        # what it was called: a name, not words said
        ("other", r"(?:뭐|무엇|무어)(?:이)?라고\s*(?:불렀|불러|부르|부릅|칭)"),
        ("said", r"뭐라고|무엇이라고|무슨\s*말|어떤\s*말을|라고\s*(?:말|밝|했)"),
        ("year", _YEAR_SPAN["ko"]),
        ("duration", r"얼마나\s*(?:오래|걸(?:렸|려|리|린))|얼마\s*동안|"
                     r"몇\s*(?:년|개월|달|주|일|시간)\s*(?:동안|간|이나|만에|이?\s*걸)|몇\s*(?:달|개월)|기간"),
        ("date", r"며칠|몇\s*일|몇\s*월|날짜|무슨\s*요일|어느\s*날|무슨\s*날"),  # 몇일: the usual misspelling of 며칠
        ("year", r"몇\s*년(?!\s*(?:동안|간))|몇\s*년도|어느\s*해|무슨\s*해|연도|년도"),
        # a height, length, weight or distance: "how tall", not a count or an amount ("높이 평가": praised highly)
        ("measure", r"몇\s*(?:미터|킬로|센티|톤|층|k?m(?![A-Za-z]))|얼마나\s*(?:높|길|멀|무거|넓|깊)|"
                    r"(?:높이|길이|무게|면적|넓이)(?:는|가|은|이)\s*(?:몇|얼마|[?？]?\s*$)"),
        ("amount", r"얼마(?!나\s*(?:오래|많|자주|걸))|금액|액수|비용|돈은|몇\s*(?:달러|엔|원)"),
        ("when", r"몇\s*시(?!간)"),  # the hour: a time, not a count
        ("other", r"몇\s*(?:번째|회째)"),  # which time: "the second", not a count
        ("count", r"몇\s*(?:명|개|번|회|곳|개국|나라|편|곡|사람|가지|차례|대|척)|얼마나\s*많|몇\s*\S"),
        ("when", r"언제|시기|때는|때가"),
        # "어디가 주최했어요?": which body hosted it (어디 as the subject), not where
        ("who", r"어디가\s*(?:주최|주관|후원|기획|운영|개최|발표|조직)(?![지장국])"),  # 개최지: the venue
        ("who", r"누구|누가|누군|누굴|어떤\s*사람|어느\s*사람|인물|분은|분이|"
                r"(?:대사|대통령|총리|장관|차관|사람|인물)\S*\s*(?:의\s*)?(?:이름|성함|풀\s*네임)"),
        ("where", r"어디|어느\s*(?:도시|나라|곳|장소|국가|지역)|어떤\s*(?:도시|나라|곳|장소)|장소"),
    ],
    "ja": [
        # what it cost, not how long
        ("amount", r"(?:費用|お金|金額|料金|予算).*(?:かか|いくら|どのくらい|どれくらい)"),
        ("said", r"何と(?:言|述|語|話|発言)|なんと(?:言|述|語)|どう(?:言|述|語)|何を(?:語|述|話)|発言"),
        ("year", _YEAR_SPAN["ja"]),
        ("duration", r"何年間|何か月|何カ月|何ヶ月|何日間|何週間|どのくらいの期間|どれくらいの期間|"
                     r"どのくらい続|期間|ぶり|何年も?(?:かか|経っ|経過)|"
                     r"(?:どのくらい|どれくらい|どれだけ)(?:の)?(?:時間が?)?(?:かか|経っ|経過)"),
        ("date", r"何日(?!間)|何月|日付|何曜日|どの日"),
        ("year", r"何年(?!間)|いつの年|どの年|何年度|西暦"),
        # "how tall", not a count or an amount ("両国の距離を縮めた": figurative)
        ("measure", r"何メートル|何キロ|何センチ|何トン|何階|"
                    r"(?:高さ|長さ|重さ|面積|距離)(?:は|が|って)(?:.*(?:何|どのくらい|どれくらい|いくつ)|\s*[?？]?\s*$)"),
        ("amount", r"いくら|金額|額は|費用|何ドル|何円|何ウォン|何億|何万"),
        ("other", r"何回目|何度目|何番目"),  # which time: "the second", not a count
        ("count", r"何人|何回|何個|何か国|何カ国|何ヶ国|何度|何曲|いくつ|何名|何組|何件|何機"),
        ("when", r"いつ|時期"),
        ("who", r"どこが(?:主催|主管|後援|企画|運営|開催|発表)(?![地場国])"),  # which body hosted it, not where
        ("who", r"誰|だれ|どなた|どんな人|どの人|何という人|人物|フルネーム|"
                r"(?:大使|大統領|首相|大臣|次官|人)の?(?:名前|氏名)"),
        ("where", r"どこ|どの(?:都市|国|町|場所|地域)|どちらで|場所"),
    ],
}
_COMPILED = {lang: [(kind, re.compile(p)) for kind, p in kinds] for lang, kinds in _KINDS.items()}

# "미즈시마 고이치는 누구인가요?", "水島光一とは誰ですか": who someone named is, not who holds a role
_WHO_IS = {
    "ko": re.compile(r"(?<!\s)(?:은|는|이란|란)\s*(?:누구|어떤\s*(?:사람|인물))"
                     r"(?:인가요|입니까|예요|이에요|야|죠|인지|일까요|니)?\s*[?？]?\s*$"),
    "ja": re.compile(r"(?:は|とは|って)(?:誰|だれ|どなた|どんな人|どういう人)"
                     r"(?:ですか|でしょうか|なの|か)?\s*[?？]?\s*$"),
}
# ...but not who did something: "서명한 사람은 누구", "지휘자는 누구", "演奏したのは誰", "指揮者は誰" ask for a name
_SOMEONE = {
    # (not 이, 가 or 수, which end names: 아오이, 스가, 민수; 자 ends a few, 영자, but mostly a doer: 지휘자, 사회자)
    "ko": re.compile(r"(?:사람|사람들|인물|분|자)$"),
    "ja": re.compile(r"(?:の|(?<=[ぁ-ゖ])人|者|員|手)$"),  # (人 after a verb: 直人 is a name; 方, 家 end names)
}


def _asks_who_someone_is(text: str, lang: str) -> bool:
    """Whether the question asks who someone it names is, not who did something ("연주한 사람", "演奏したの")
    or holds a part ("지휘자", "指揮者")."""
    m = _WHO_IS[lang].search(text) if lang in _WHO_IS else None
    return m is not None and not _SOMEONE[lang].search(text[: m.start()].rstrip())


# the role a who-question asks for (bot/engine/question.py ROLE_OF, in the question's words)
_ROLES = {
    # (수상 is left out: as often an award, 수상자, as a prime minister)
    "ko": [("ambassador", "대사"), ("president", "대통령"), ("prime", "국무총리"), ("prime", "총리"),
           ("minister", "장관"), ("vice minister", "차관"), ("adviser", "보좌관"), ("adviser", "특보")],
    "ja": [("ambassador", "大使"), ("president", "大統領"), ("prime", "首相"), ("prime", "内閣総理大臣"),
           ("prime", "総理大臣"), ("prime", "総理"), ("minister", "大臣"), ("vice minister", "次官"),
           ("adviser", "補佐官"), ("adviser", "顧問")],
}


def _role_asked(text: str, lang: str) -> str:
    """The role nearest the question word ("김대중 대통령과 ... 일본 총리는 누구야?" asks for the prime minister); a
    role word inside a longer one is that one ("総理大臣" is the prime minister, not a minister), and 대사관 / 大使館
    (the embassy) asks for no ambassador."""
    found = [(m.start(), m.end(), role) for role, word in _ROLES.get(lang, [])
             for m in re.finditer(re.escape(word) + "(?![관館])", text)]  # 대사관 / 大使館: the embassy
    whole = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o[:2] != f[:2] for o in found)]
    return max(whole)[2] if whole else ""


# multilingual-e5-small's cosines between the Korean and Japanese tune questions and the seed sentences have mean
# 0.732 and spread 0.033; all-MiniLM-L6-v2's between the English tune questions and the same sentences, 0.223 and
# 0.168. The answer scoring (bot/engine/answer.py) was fitted on the second scale, so e5's are moved onto it.
E5_COSINE = (0.732, 0.033)
MINILM_COSINE = (0.223, 0.168)
# ...and stretched further: the dense part also carries the share the keyword coverage has in English (W_KEYWORD),
# which Korean and Japanese words cannot earn, (0.55 + 0.45) / 0.55 = 1.8 (1.0 and 3.0: worse or no better on the
# tune splits)
GAIN = 1.8
RETRIEVAL = "sentence"  # passages by their best sentence: measured on the tune splits against "hybrid"


def on_minilm_scale(cosine: float) -> float:
    """An e5 cosine where a MiniLM cosine of the same standing would be."""
    return MINILM_COSINE[0] + (cosine - E5_COSINE[0]) * MINILM_COSINE[1] / E5_COSINE[1] * GAIN


_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.&-]*")


def kind_of(text: str, lang: str) -> str:
    """The kind of answer a Korean or Japanese question asks for: the kinds of bot/engine/question.py."""
    for kind, pattern in _COMPILED.get(lang, []):
        if pattern.search(text):
            return kind
    return "other"


def latin_words(text: str) -> list[str]:
    """The words in Latin letters or digits: names as the articles spell them, "K-pop", "1965"; and the month of
    a date the question writes ("6월 16일", "6月16日": "june", which the articles write beside the 16)."""
    months = [MONTHS[int(m) - 1] for m in _MONTH.findall(text) if 1 <= int(m) <= 12]  # lower case: a term to
    # match, not a name the sources must use
    return [w.rstrip(".-") for w in _LATIN.findall(text)] + months


_MONTH = re.compile(r"(?<![0-9])([0-9]{1,2})\s*(?:월|月)")


def read_korean_japanese(text: str, lang: str, heard: Sequence[str] = ()) -> Question:
    """A Question as bot/engine/question.py reads English ones: its kind from the question words, its terms
    and names from what it writes in Latin letters, the places it names, and `heard`: the source spellings of
    the names and loanwords it writes in its own script (bot/engine/transcribed.py). The rest cannot match the
    English text word for word; the multilingual model's vectors carry it."""
    asks_role = _role_asked(text, lang)
    latin = latin_words(text)
    identity = not asks_role and _asks_who_someone_is(text, lang)
    kind = "other" if identity else kind_of(text, lang)
    terms = tuple(dict.fromkeys(query_terms(" ".join(latin))))
    names = tuple(dict.fromkeys(t for w in latin if w[:1].isupper() for t in query_terms(w)[:1]))
    # "서울", "大阪": names to match and that the sources must use, in their English spelling
    places = tuple(t for _, english in places_in(text, lang) for t in query_terms(english))
    spoken = tuple(t for spelling in heard for t in query_terms(spelling))
    spoken_names = tuple(t for spelling in heard if spelling[:1].isupper() for t in query_terms(spelling))
    # "8億ドル": "800 million dollars", matched as the English sum (and no answer of its own: fits.may_answer)
    sums = tuple(t for amount in amounts_in_english(text, lang) for t in query_terms(amount))
    role = asks_role if kind == "who" else ""
    counted = _counted(text, lang) if kind == "count" else ""
    envoy = envoy_in_english(text, lang) if role == "ambassador" else ""
    # "주일 한국대사": "Korean ambassador to Japan", matched as the question's own words
    terms = tuple(dict.fromkeys(terms + places + spoken + sums + tuple(query_terms(envoy))))
    names = tuple(dict.fromkeys(names + places + spoken_names))
    endpoint = "both" if lang in _YEAR_SPAN and re.search(_YEAR_SPAN[lang], text) else ""
    return Question(text, kind, terms, names, entities=names, identity=identity, role=role, counted=counted,
                    envoy=envoy, endpoint=endpoint)


# what the counter word counts (bot/engine/counts.py counted_kind): 명 and 人 count people; 개국, か国, 곡, 曲...
# count things; 번, 回 count times, and a bare 몇 / いくつ says nothing
_COUNTERS = {
    "ko": [("people", re.compile(r"몇\s*(?:명|사람)")),  # (몇 분: as often "how many minutes")
           ("things", re.compile(r"몇\s*(?:개국|나라|곳|곡|편|개|대|척|가지|작품|건)"))],
    "ja": [("people", re.compile(r"何人|何名")),
           ("things", re.compile(r"何(?:か国|カ国|ヶ国|曲|個|件|機|組|作品|カ所|か所)"))],
}


# "어디서 열렸어요?", "どこで開かれましたか": where something happened, which a place answers (not "どこですか",
# which may ask which body)
_WHERE_AT = re.compile(r"어디\s*(?:에서|서)|どこで(?![すし])")


def asks_where_at(text: str) -> bool:
    """Whether a Korean or Japanese question asks where something happened (어디서, どこで)."""
    return bool(_WHERE_AT.search(text))


def _counted(text: str, lang: str) -> str:
    return next((kind for kind, pattern in _COUNTERS.get(lang, []) if pattern.search(text)), "")


def unnamed_places(text: str, lang: str, idf: Mapping[str, float]) -> tuple[str, ...]:
    """The places the question names, in its own words, that the sources never do ("부산" without "Busan")."""
    return tuple(native for native, english in places_in(text, lang)
                 if not all(t in idf for t in query_terms(english)))


# An ambassador's posting as Korean and Japanese write it: 주일 / 駐日 "resident in Japan" before the title, the
# sending country's name before it (주일 한국대사, 駐韓日本大使), or "X 주재" / "X駐在" for the host country. The
# one-letter country abbreviations are the usual ones of news writing. (공사 and 영사, minister and consul, are left
# out: 공사 is as often construction work.)
_HOST_KO = {"일": "Japan", "일본": "Japan", "한": "Korea", "한국": "Korea", "미": "US", "미국": "US", "중": "China",
            "중국": "China", "러": "Russia", "러시아": "Russia", "영": "UK", "영국": "UK", "북": "North Korea",
            "프랑스": "France", "독": "Germany", "독일": "Germany"}
_HOST_JA = {"日": "Japan", "韓": "Korea", "米": "US", "中": "China", "露": "Russia", "英": "UK", "仏": "France",
            "独": "Germany", "朝": "North Korea"}
_NATION = {"한국": "Korean", "대한민국": "Korean", "일본": "Japanese", "미국": "American", "중국": "Chinese",
           "러시아": "Russian", "영국": "British", "프랑스": "French", "독일": "German",
           "韓国": "Korean", "日本": "Japanese", "米国": "American", "アメリカ": "American", "中国": "Chinese",
           "ロシア": "Russian", "英国": "British", "イギリス": "British", "フランス": "French", "ドイツ": "German"}
_COUNTRY_NAME = {"한국": "Korea", "대한민국": "Korea", "일본": "Japan", "미국": "US", "중국": "China",
                 "러시아": "Russia", "영국": "UK", "프랑스": "France", "독일": "Germany",
                 "韓国": "Korea", "日本": "Japan", "米国": "US", "アメリカ": "US", "中国": "China", "ロシア": "Russia",
                 "英国": "UK", "イギリス": "UK", "フランス": "France", "ドイツ": "Germany"}
_NATIONS = "|".join(sorted(_NATION, key=len, reverse=True))
_ENVOY = {
    "ko": re.compile(rf"(?:(?P<nation1>{_NATIONS})(?:의)?\s*)?"
                     rf"(?:주(?P<host>{'|'.join(sorted(_HOST_KO, key=len, reverse=True))})\s*"
                     rf"|(?P<hostname>{_NATIONS})\s*주재\s*)?"
                     rf"(?:(?P<nation2>{_NATIONS})\s*)?(?:특명전권\s*)?대사(?!관)"),
    "ja": re.compile(rf"(?:(?P<nation1>{_NATIONS})の?)?"
                     rf"(?:駐(?P<host>[{''.join(_HOST_JA)}])|在(?P<host2>[{''.join(_HOST_JA)}])|"
                     rf"(?P<hostname>{_NATIONS})駐在の?)?"
                     rf"(?P<nation2>{_NATIONS})?(?:特命全権)?大使(?!館)"),
}


def envoy_in_english(text: str, lang: str) -> str:
    """An envoy the question asks about, in the English the sources write ("주일 한국대사" and "駐日韓国大使":
    "Korean ambassador to Japan"; "일본 대사": "Japanese ambassador"), for the check that a person's title names
    the same countries (bot/engine/people.py role_reversed); "" when it names no envoy, or no country."""
    pattern = _ENVOY.get(lang)
    hosts = _HOST_KO if lang == "ko" else _HOST_JA
    read = ""
    for m in pattern.finditer(text) if pattern else ():  # the last that names a country: nearest the question word
        found = m.groupdict()
        nation = _NATION.get(found["nation2"] or found["nation1"] or "", "")
        host = found["host"] or found.get("host2") or ""
        country = hosts.get(host, "") or _COUNTRY_NAME.get(found["hostname"] or "", "")
        if nation or country:  # ("the ambassador to Japan": role_reversed reads a word before "ambassador")
            read = " ".join((nation or "the", "ambassador", *(("to", country) if country else ())))
    return read


def nationality_in(text: str) -> str:
    """The one country a Korean or Japanese question names ("일본 외무성 차관", "韓国の大統領"), as the English
    adjective in lower case ("japanese"); "" when it names none or several."""
    found = {_NATION[m.group(0)].lower() for m in re.finditer(_NATIONS, text)}
    return next(iter(found)) if len(found) == 1 else ""
