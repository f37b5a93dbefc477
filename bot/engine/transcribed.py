"""Names and loanwords that a Korean or Japanese question writes in its own script ("이재명", "리셉션", "スローガン"),
found among the sources' English words by how they sound ("Lee Jae-myung", "reception", "slogan"). What is
found joins the question's terms as if it had been typed in English; what is not found is left to the
multilingual vectors, as before."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..text.glossary import PARTICLES
from ..text.sounds import SURNAMES, hangul_spellings, hangul_syllables, romanize_katakana, sound_key, spelled_letters
from ..text.words import STOPWORDS

# rapidfuzz's ratio between two sound keys: 88 lets about one sound in nine differ ("TaLaPaJaN" for "텔레비전"
# against "TaLaPaSaN" for "television"); chosen on the Korean and Japanese tune splits and on loanwords and
# names written from general knowledge (tests/test_transcribed.py), checked against the words of 40 SQuAD
# training articles
CLOSE = 88.0
SHORTEST = 5  # keys shorter than this, vowels as one ("aN" for "Ahn", "SaL" for "Seoul"), match too much
MOST_WORDS = 8  # words of one question tried: a question of nothing but loanwords costs at most this many searches
LONGEST_NAME = 3  # words in a run of capitalised words taken as one name ("Lee Jae-myung", "Le Sserafim")

_HANGUL = re.compile(r"[가-힣]{2,}")
_KATAKANA = re.compile(r"[ァ-ヴー・]{2,}")
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ACRONYM = re.compile(r"\b[A-Z](?:[A-Z]+|-[a-z]+)\b")  # "BTS", "KTX", "K-pop"


@dataclass(frozen=True)
class Sounds:
    """The sound keys of one index's English words and capitalised names, each with the words it stands for."""

    keys: list[str]  # sound keys, vowels as one
    spelled: dict[str, tuple[str, ...]]  # key -> the source spellings with that key
    fine: dict[str, tuple[str, ...]]  # key -> the keys of those spellings with their vowels
    names: frozenset[str]  # the capitalised words, whatever their length ("Park", "Lee")
    letters: dict[str, str]  # sound key -> a word written with capital letters ("K-pop", "BTS"), however short


def sounds_of(texts: Iterable[str]) -> Sounds:
    """The sound table of the sources: every word, and runs of up to three capitalised words as one name
    (accents set aside: "José" is heard as "Jose")."""
    found: set[str] = set()
    letters: dict[str, str] = {}
    for text in texts:
        for acronym in _ACRONYM.findall(text):
            letters.setdefault(sound_key(acronym), acronym)
        tokens = _ENGLISH.findall(_plain_letters(text))
        for i, word in enumerate(tokens):
            run = [word]
            if word.lower() not in STOPWORDS:
                found.add(word)
            while word[:1].isupper() and len(run) < LONGEST_NAME and i + len(run) < len(tokens) \
                    and tokens[i + len(run)][:1].isupper():
                run.append(tokens[i + len(run)])
                found.add(" ".join(run))
    spelled: dict[str, set[str]] = {}
    for text in found:  # each distinct spelling once: a large collection repeats most of its words
        key = sound_key(text)
        if len(key) >= SHORTEST:
            spelled.setdefault(key, set()).add(text)
    return Sounds(sorted(spelled), {k: tuple(sorted(v)) for k, v in spelled.items()},
                  {k: tuple(sorted({sound_key(x, vowels=True) for x in v})) for k, v in spelled.items()},
                  frozenset(w for w in found if w[:1].isupper() and " " not in w), letters)


def _plain_letters(text: str) -> str:
    """`text` with accents taken off its Latin letters ("José" → "Jose")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# words a Korean name is followed by ("이재명 대통령", "이시바 총리"): the word before is taken for a name
# (시장, 수상 and 지사 are left out: as often a market, an award and a branch office)
_TITLES = ("대통령", "총리", "대사", "장관", "차관", "씨", "님", "의원", "회장", "교수", "선수", "감독", "작가",
           "대표", "위원장", "국왕", "여왕", "왕자", "공주")
# letters Korean writes loanwords with and Sino-Korean words never use (its native words rarely do):
# initial ㅋ, the vowel ㅔ after ㄴ ㄷ ㄹ ㅁ ㅂ ㅋ ㅌ ㅍ ㅎ, ㄹ with ㅓ, ㅅ ㅈ ㅊ before a y-vowel, ㅝ after a
# consonant other than ㄱ ("타워"), and ㅡ with no final consonant after one other than ㄱ ("스", "트", "르": an
# English consonant with no vowel of its own)
_FOREIGN_E = {2, 3, 5, 6, 7, 15, 16, 17, 18}
_Y_VOWELS = {2, 3, 6, 7, 12, 17}
# a verb or an adjective: past and formal endings, or a question's last syllables ("열렸나요", "있습니까",
# "알려줘", "켜진"), a clause's ending ("그런데", "하는데"); and "뭐" (what)
_VERB = re.compile(r"[했됐였렸었았겠습뭐]|(?:요|까|냐|죠|니|지|다|줘|해|래|진|는|데)$")
# native words written with a loanword's letters: connectives and a few nouns ("그러면" is not "Gramont")
_SS = 20  # the final ㅆ
_CLUSTERED = {0, 7, 9, 17}  # ㄱ ㅂ ㅅ ㅍ: consonants English puts before an l (ㅋ is foreign anyway; 틀린 is native)
_NATIVE = frozenset("그러면 그러나 그래서 그리고 그러니까 그렇게 여러분 여러 느낌 크기 쓰레기 스스로 크게 "
                    "글로 글로써 글로만 글로는 글로도".split())  # 글로: "in writing"


def looks_borrowed(word: str) -> bool:
    """Whether a Korean word is written like a loanword or a foreign name ("리셉션", "콘서트", "케이팝", "슬로건")."""
    syllables = hangul_syllables(word) or []
    if _VERB.search(word) or word in _NATIVE or any(final == _SS for _, _, final in syllables):
        return False  # a final ㅆ is a past tense ("불렀어", "썼어"), which no loanword is written with
    for n, (initial, medial, final) in enumerate(syllables):
        if initial == 15 or (medial == 5 and initial in _FOREIGN_E) or (initial == 5 and medial == 4):
            return True
        if medial == 18 and final == 8 and initial in _CLUSTERED and syllables[n + 1:n + 2] \
                and syllables[n + 1][0] == 5:
            return True  # "슬로", "글로", "플레": an English consonant before an l ("slogan", "global")
        if (initial in (9, 12, 14) and medial in _Y_VOWELS) or (medial == 14 and initial not in (0, 11)):
            return True
        if medial == 18 and final == 0 and initial not in (0, 11):
            return True
    return False


def written_words(question: str, lang: str) -> list[tuple[str, list[str]]]:
    """The question's words in Hangul or katakana that may be a name or a loanword, each with the spellings it
    may have in Latin letters. Korean: a word written like a loanword, or a name before a title ("이재명
    대통령"); Sino-Korean words sound like too many English ones ("행사", an event, like "Hence"). Japanese:
    every katakana word."""
    found: list[tuple[str, list[str]]] = []
    if lang == "ko":
        tokens = question.split()
        for n, token in enumerate(tokens):
            following = tokens[n + 1] if n + 1 < len(tokens) else ""
            for word in _HANGUL.findall(token):
                stems = [word[: -len(p)] for p in PARTICLES if word.endswith(p) and len(word) - len(p) >= 2]
                for stem in dict.fromkeys([*stems, word]):  # "코로나" ends as "나" does, and is tried whole too
                    named = len(stem) == 3 and stem[0] in SURNAMES and following.startswith(_TITLES)
                    if named or looks_borrowed(stem):
                        found.append((stem, hangul_spellings(stem)))
    elif lang == "ja":
        for run in _KATAKANA.findall(question):
            parts = [p for p in run.split("・") if len(p) >= 2]
            for part in dict.fromkeys([run.replace("・", ""), *parts]):
                # as a loanword ("コンサート": "konsat") and as a name ("マツモト": "matsumoto")
                spellings = list(dict.fromkeys([romanize_katakana(part), romanize_katakana(part, loanword=False)]))
                if spellings[0]:
                    found.append((part, spellings))
    return found


# loanwords that say what is asked, not about what ("풀네임이 뭐예요?", "フルネームは?": a full name)
_ASKING_LOANWORDS = ("풀네임", "フルネーム")


def transcribed(question: str, lang: str, sounds: Sounds) -> list[tuple[str, str]]:
    """(the question's word, the source spelling it sounds like) for each of its words the sources hold."""
    out: list[tuple[str, str]] = []
    taken: set[str] = set()
    once = dict(written_words(question, lang))  # each word once, in order
    for word, spellings in list(once.items())[:MOST_WORDS]:
        # "리셉션" heard already covers "리셉션은"
        if any(word in w or w in word for w in taken) or word.startswith(_ASKING_LOANWORDS):
            continue
        heard = _heard(word, spellings, lang, sounds)
        if heard:
            taken.add(word)
            out.append((word, heard))
    if lang == "ja":
        out += surnames(question, sounds.names)
    elif lang == "ko":
        out += [(k, e) for k, e in korean_surnames(question, sounds.names) if not any(k in w for w in taken)]
    return out


def _heard(word: str, spellings: list[str], lang: str, sounds: Sounds) -> str:
    """The source spelling `word` sounds like, or "": the closest sound key, else letter names said in full
    ("케이팝" is "K-pop")."""
    best: tuple[float, float, str, str] | None = None
    for spelling in spellings:
        key = sound_key(spelling)
        if len(key) < SHORTEST:
            continue
        fine = sound_key(spelling, vowels=True)
        # only keys that start with the same sound: borrowing keeps a word's first sound ("スピーチ" is no
        # "Obuchi", "タイトル" no "widely"); the keys are sorted, so those are one slice
        same = sounds.keys[bisect_left(sounds.keys, key[0]):bisect_left(sounds.keys, chr(ord(key[0]) + 1))]
        for coarse_key, score, _ in process.extract(key, same, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=5):
            # between equally close consonants, the closer vowels ("concert", not "concept")
            hit = (score, max(fuzz.ratio(fine, k) for k in sounds.fine[coarse_key]), coarse_key, fine)
            if best is None or hit[:2] > best[:2]:
                best = hit
    if best is None:
        spelled = spelled_letters(word, lang)
        return sounds.letters.get(sound_key(spelled), "") if spelled else ""
    # of the spellings with that sound, the one with the closest vowels ("도쿄타워" is "Tokyo Tower", not
    # "together"), then a common word ("reception", not the "Reception" that opens a sentence), then the longest
    # name ("Lee Jae-myung")
    fine = best[3]
    return max(sounds.spelled[best[2]],
               key=lambda s: (fuzz.ratio(fine, sound_key(s, vowels=True)), s[:1].islower(), len(s)))


# Korean family names as Japanese writes them, in hanja ("朴大使", Ambassador Park; "李大統領", President Lee),
# with the English spellings the articles would use; taken only before a title, where they cannot be a word
_HANJA_SURNAMES = {"朴": ("Park",), "李": ("Lee", "Yi", "Rhee"), "金": ("Kim",), "尹": ("Yoon", "Yun"),
                   "文": ("Moon",), "崔": ("Choi",), "鄭": ("Jung", "Chung"), "姜": ("Kang",), "趙": ("Cho",),
                   "張": ("Jang", "Chang"), "韓": ("Han",), "盧": ("Roh",), "全": ("Chun",), "洪": ("Hong",),
                   "安": ("Ahn",), "柳": ("Yoo",), "申": ("Shin",), "黄": ("Hwang",), "黃": ("Hwang",)}
_HANJA_TITLE = re.compile(rf"(?<![一-龯])([{''.join(_HANJA_SURNAMES)}])"
                          r"(?=前?(?:大統領|大使|首相|総理|長官|次官|外相|議員|氏|元大統領))")


# a Korean family name alone before a title ("박 대사", Ambassador Park; "윤대통령"); 이 and 한 only when written
# together with the title, as apart they are words ("이 대사": this ambassador; "한 의원": one lawmaker), and 전
# and 고 never ("전 대통령", "전대통령": a former president; "고 김대중 대통령": the late)
_APART, _NEVER = {"이", "한"}, {"전", "고"}
_HANGUL_TITLE = re.compile(rf"(?<![가-힣])(?:([{''.join(k for k in SURNAMES if k not in _APART | _NEVER)}])\s?|"
                           rf"([{''.join(sorted(_APART))}]))"
                           r"(?=(?:전\s?)?(?:대통령|대사|총리|장관|차관|의원|씨)(?![가-힣]*(?:관|실|단|국)))")


def korean_surnames(question: str, spelled: Iterable[str]) -> list[tuple[str, str]]:
    """(hangul, English family name) for a Korean family name alone before a title, where the sources use that
    name (`spelled`: their words)."""
    known = set(spelled)
    return [(m.group(1) or m.group(2), name.capitalize()) for m in _HANGUL_TITLE.finditer(question)
            for name in SURNAMES[m.group(1) or m.group(2)][:3] if name.capitalize() in known][:3]


def surnames(question: str, spelled: Iterable[str]) -> list[tuple[str, str]]:
    """(hanja, English family name) for a Korean family name before a title in a Japanese question, where the
    sources use that name (`spelled`: their words)."""
    known = set(spelled)
    return [(m.group(1), name) for m in _HANJA_TITLE.finditer(question)
            for name in _HANJA_SURNAMES[m.group(1)][:3] if name in known][:3]

