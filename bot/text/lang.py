"""Which language a question is in, from its script: English, Korean or Japanese.

Hangul is Korean; hiragana or katakana is Japanese; a question of Chinese characters alone (漢字) is taken
as Japanese unless the asker's locale (Discord's) says Korean. Anything else is English, the articles'
language.
"""

from __future__ import annotations

LANGUAGES = ("en", "ko", "ja")


def _counts(text: str) -> tuple[int, int, int]:
    hangul = kana = han = 0
    for ch in text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            kana += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
            han += 1
    return hangul, kana, han


def language_of(text: str, locale: str | None = None) -> str:
    """"ko", "ja" or "en" for `text`; `locale` ("ko", "ja", "en-US"...) breaks ties between scripts."""
    hangul, kana, han = _counts(text)
    hint = (locale or "").lower()[:2]
    if hangul and kana:
        if hangul != kana:
            return "ko" if hangul > kana else "ja"
        return hint if hint in ("ko", "ja") else "ko"
    if hangul:
        return "ko"
    if kana:
        return "ja"
    if han:
        return "ko" if hint == "ko" else "ja"
    return "en"


LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ja": "Japanese", "zh": "Chinese"}


def written_in(text: str, sample: int = 4000) -> str:
    """The language an article is written in: "ko", "ja" or "zh" where its Hangul, kana and kanji, counted as two
    letters each (a word of them is short), are at least as many as its other letters in its first `sample`
    characters (a Korean article with English song titles is Korean, an English one quoting "서울" or "東京" is
    English), else "en"; kanji without kana is Chinese."""
    head = text[:sample]
    hangul, kana, han = _counts(head)
    others = sum(ch.isalpha() for ch in head) - hangul - kana - han
    if not hangul + kana + han or 2 * (hangul + kana + han) < others:
        return "en"
    if hangul >= kana + han:
        return "ko"
    return "ja" if kana else "zh"


def reply_language(text: str, locale: str | None = None) -> str:
    """The language of the bot's own reply to `text`: its script's (`language_of`), or, where it has no letters
    of any script ("???"), the asker's locale when that is Korean or Japanese."""
    lang = language_of(text, locale)
    hint = (locale or "").lower()[:2]
    if lang == "en" and hint in ("ko", "ja") and not any(ch.isalpha() for ch in text):
        return hint
    return lang


def is_cjk(ch: str) -> bool:
    """Whether `ch` is a Hangul, kana or Chinese character."""
    return any(_counts(ch))
