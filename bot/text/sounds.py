"""How a word sounds, written so that an English spelling and a Korean or Japanese transcription of the same
name or loanword come out alike: "Lee Jae-myung" and "이재명", "reception" and "리셉션", "Funakoshi" and
"フナコシ". Hangul is romanized by its letters (Revised Romanization), katakana by Hepburn; both, and English,
are then reduced to a key of consonant classes with every vowel run as one "a" (Korean and Japanese cannot
write "r" against "l", "f" against "p", or most English vowels)."""

from __future__ import annotations

import re

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
            "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]
_EU = 18  # ㅡ: in a loanword a vowel Korean adds after a consonant English ends on ("스트" for "st")

# The usual English spellings of common Korean family names (a name's first syllable): 이 is "Lee", not "I".
SURNAMES = {
    "이": ("lee", "yi", "rhee"), "리": ("lee", "ri"), "박": ("park", "pak"), "김": ("kim",),
    "정": ("jung", "chung", "jeong"),
    "최": ("choi", "choe"), "윤": ("yoon", "yun"), "조": ("cho", "jo"), "강": ("kang",), "장": ("jang", "chang"),
    "임": ("lim", "im"), "한": ("han",), "오": ("oh",), "서": ("seo", "suh"), "신": ("shin",), "권": ("kwon",),
    "황": ("hwang",), "안": ("ahn",), "송": ("song",), "류": ("ryu", "yoo"), "유": ("yoo", "yu"), "홍": ("hong",),
    "전": ("jeon", "chun"), "고": ("ko",), "문": ("moon",), "양": ("yang",), "손": ("son",), "배": ("bae",),
    "백": ("baek", "paik"), "허": ("heo", "huh"), "노": ("roh", "noh"), "하": ("ha",), "곽": ("kwak",),
    "성": ("sung",), "차": ("cha",), "주": ("joo", "ju"), "우": ("woo",), "구": ("koo", "ku"), "민": ("min",),
    "남": ("nam",), "심": ("shim",), "원": ("won",), "변": ("byun",), "염": ("yeom",), "방": ("bang",),
}


def hangul_syllables(word: str) -> list[tuple[int, int, int]] | None:
    """The letters (initial, vowel, final) of each syllable, or None if `word` is not all Hangul syllables."""
    out = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return None
        out.append((code // 588, (code % 588) // 28, code % 28))
    return out


def romanize_hangul(word: str) -> str:
    """Revised Romanization, letter by letter, with a loanword's added "eu" left out ("리셉션" → "risepsyeon",
    "콘서트" → "konseot"); "" for anything but Hangul syllables."""
    syllables = hangul_syllables(word)
    if not syllables:
        return ""
    out = []
    for i, (initial, medial, final) in enumerate(syllables):
        vowel = _MEDIALS[medial]
        if medial == _EU and final == 0 and initial != 11 and (i > 0 or len(syllables) > 1):
            vowel = ""
        out.append(_INITIALS[initial] + vowel + _FINALS[final])
    return "".join(out)


def hangul_spellings(word: str) -> list[str]:
    """The romanizations a Korean word may have in English: a 2 to 4 syllable word that opens with a family
    name also with that name's English spellings ("이재명" → "ijaemyeong", "leejaemyeong", "yijaemyeong"...)."""
    plain = romanize_hangul(word)
    if not plain:
        return []
    found = [plain]
    if 2 <= len(word) <= 4 and word[0] in SURNAMES:
        rest = romanize_hangul(word[1:])
        found += [surname + rest for surname in SURNAMES[word[0]]]
    return found


_KANA = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ",
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
    "ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po vu"
    .split(), strict=True))
_SMALL = {"ャ": "ya", "ュ": "yu", "ョ": "yo", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
# a loanword's added vowel: "ス" in "スト" is the "s" of "st", "ト" at the end the "t" of "concert" (before "ン"
# the vowel is heard: "トン" is "ton")
# (a bare "ル" is an English "l": an English "r" there is not written, "ホテル" is "hotel")
_ADDED = {"su": "s", "ku": "k", "gu": "g", "fu": "f", "pu": "p", "bu": "b", "mu": "m", "ru": "l", "to": "t",
          "do": "d"}


def romanize_katakana(word: str, loanword: bool = True) -> str:
    """Hepburn romaji of a katakana word, long vowels left out, and with `loanword` the vowels Japanese adds
    after an English consonant too ("スローガン" → "srogan", "コンサート" → "konsat"; a Japanese name keeps them:
    "マツモト" → "matsumoto"); "" if it holds anything else."""
    units: list[str] = []
    double = False
    for ch in word:
        if ch in _SMALL and units:  # "キャ" is "kya", "シャ" "sha", "ファ" "fa"
            head, small = units[-1][:-1], _SMALL[ch]
            units[-1] = head + (small[1:] if small[0] == "y" and head.endswith(("sh", "ch", "j")) else small)
        elif ch == "ッ":
            double = True
            continue
        elif ch in "ー・":
            continue
        elif ch in _KANA:
            unit = _KANA[ch]
            units.append(unit[0] + unit if double and unit[0] not in "aiueon" else unit)
        else:
            return ""
        double = False
    out = []
    for i, unit in enumerate(units):
        bare = unit[-2:]
        following = units[i + 1] if i + 1 < len(units) else ""
        if loanword and bare in _ADDED and (not following or following[0] not in "aiueoy") and following != "n":
            unit = unit[:-2] + _ADDED[bare]
        out.append(unit)
    return "".join(out)


# English letters as Korean and Japanese say them: "케이팝" and "ケーポップ" are "K-pop", "비티에스" is "BTS"
_LETTERS = {
    "ko": {"에이": "a", "비": "b", "씨": "c", "디": "d", "이": "e", "에프": "f", "지": "g", "에이치": "h", "아이": "i",
           "제이": "j", "케이": "k", "엘": "l", "엠": "m", "엔": "n", "오": "o", "피": "p", "큐": "q", "아르": "r",
           "에스": "s", "티": "t", "유": "u", "브이": "v", "더블유": "w", "엑스": "x", "와이": "y", "제트": "z"},
    "ja": {"エー": "a", "エイ": "a", "ビー": "b", "シー": "c", "ディー": "d", "イー": "e", "エフ": "f", "ジー": "g",
           "エイチ": "h", "アイ": "i", "ジェイ": "j", "ケー": "k", "ケイ": "k", "エル": "l", "エム": "m", "エヌ": "n",
           "オー": "o", "ピー": "p", "キュー": "q", "アール": "r", "エス": "s", "ティー": "t", "ユー": "u", "ブイ": "v",
           "ダブリュー": "w", "エックス": "x", "ワイ": "y", "ゼット": "z"},
}


_LONGEST_FIRST = {lang: sorted(names, key=len, reverse=True) for lang, names in _LETTERS.items()}


def spelled_letters(word: str, lang: str) -> str:
    """`word` read as English letter names, then the rest as sound ("케이팝" → "kpap", "비티에스" → "bts"); ""
    when it does not open with a letter name."""
    names = _LETTERS.get(lang, {})
    letters = ""
    rest = word
    while rest:
        name = next((n for n in _LONGEST_FIRST.get(lang, ()) if rest.startswith(n)), None)
        if name is None:
            break
        letters += names[name]
        rest = rest[len(name):]
    if not letters:
        return ""
    if not rest:
        return letters
    tail = romanize_hangul(rest) if lang == "ko" else romanize_katakana(rest)
    # a short word must be letter names throughout: "유엔" is "UN", but "이스" is not "US"
    return letters + tail if tail and len(letters + tail) >= 4 else ""


_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"[^a-z]", ""), (r"(?<=[aeiou])r(?=[^aeiouy]|$)", ""), (r"tch", "ch"), (r"ph", "f"), (r"gh", ""),
    (r"ck", "k"), (r"qu", "kw"), (r"x", "ks"),
    (r"ti(?=[aeiou])", "sh"), (r"c(?=[eiy])", "s"), (r"ng", "n"), (r"[yw](?=[aeiou])", ""),
    (r"eo", "o"), (r"eu", "u"), (r"oo|ou", "u"), (r"ee|ea", "i"), (r"ae|ai|ay", "e"),
    (r"sh", "S"), (r"ch", "C"), (r"th", "T"),
]]
_CONSONANTS = {"b": "P", "p": "P", "f": "P", "v": "P", "k": "K", "g": "K", "q": "K", "c": "K", "d": "T", "t": "T",
               "T": "T", "j": "J", "z": "J", "C": "J", "s": "S", "S": "S", "l": "L", "r": "L", "m": "M", "n": "N",
               "h": "H"}
_VOWELS = {"a": "A", "e": "E", "i": "I", "y": "I", "o": "O", "u": "U", "w": "U"}
_COARSE = str.maketrans({**_CONSONANTS, **dict.fromkeys(_VOWELS, "a")})
_FINE = str.maketrans({**_CONSONANTS, **_VOWELS})


def sound_key(spelling: str, vowels: bool = False) -> str:
    """Consonant classes, doubled letters as one, an "r" after a vowel and before a consonant left out, as
    Korean and Japanese write English ("concert" as "콘서트"); every run of vowels as one "a" ("reception" and
    "risepsyeon" are both "LaSaPSaN"), or with `vowels` in five classes ("LESEPSON" against "LISEPSON")."""
    text = spelling.lower()
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    key = text.translate(_FINE if vowels else _COARSE)
    key = re.sub(r"H(?=[^aAEIOU]|$)", "", key)  # "Oh", "Ahn": an h that no vowel follows is not heard
    return re.sub(r"(.)\1+", r"\1", key)
