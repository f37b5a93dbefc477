"""Word-level helpers shared by the keyword index and answer scoring."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

# a capital letter, accented or not, for a character class ("[{UPPER}]"): "Żelazowa Wola", "Émile", "Łódź" and
# "Österreich" open names too, which [A-Z] misses (Latin, Greek and Cyrillic)
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x530)) if c.isupper() and c.isalpha())

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just let me more most my myself
no nor not now of off on once only or other our ours ourselves out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself
yourselves ever did does tell say said according article articles mention mentioned much many one ones
""".split())


def table_key(word: str) -> str:
    """A word as a table of lower-case English words keys it, whatever an re.I pattern let through: to re.I "ſ" is
    an s, "ı" and "İ" an i and the Kelvin sign a k, so "ſept" is "sept", "presıdent" "president", "wİnter" "winter".
    Look a matched word up with this, never with .lower() alone (that raised KeyError from the engine)."""
    return unicodedata.normalize("NFKC", word).lower().replace("\u0307", "").replace("ı", "i")  # "İ": i + a dot


# (an en dash between letters joins as a hyphen does: "Disney–ABC" is the "Disney-ABC" a question types)
_WORD = re.compile(r"[^\W_]+(?:(?:['’-]|(?<=[^\W\d_])–(?=[^\W\d_]))[^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


# Latin letters with diacritics read as their base letters: a question typed "Beausejour" or "Quebec" names
# what the sources write "Beauséjour" and "Québec" (where the base is ASCII letters; Ĳ is IJ), and the letters
# Unicode gives no base but English writes plainly: "Bjornholt" and "Gladkowska" for "Bjørnholt" and "Gładkowska"
_FOLD = {c: base for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))  # Latin-1 to Extended-B, Extended Additional
         if (base := "".join(ch for ch in unicodedata.normalize("NFKD", chr(c)) if not unicodedata.combining(ch)))
         != chr(c) and base.isascii() and base.isalpha()}
_FOLD.update({ord(c): base for c, base in zip("øØłŁđĐħĦıðÐ", "oOlLdDhHidD", strict=True)})
_FOLD.update({ord(c): base for c, base in (("ß", "ss"), ("ẞ", "SS"), ("æ", "ae"), ("Æ", "AE"), ("œ", "oe"),
                                          ("Œ", "OE"), ("þ", "th"), ("Þ", "Th"))})


def fold(text: str) -> str:
    """`text` with the diacritics of its Latin letters dropped ("Québec" -> "Quebec") and the letters without a base
    written plainly ("Bjørnholt" -> "Bjornholt", "Straße" -> "Strasse")."""
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, diacritics of Latin letters dropped; hyphenated and apostrophe words stay
    whole."""
    return [_plain(m) for m in _word_matches(text)]


def _word_matches(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(fold(text).lower()))  # "İstanbul" is "istanbul"


def _plain(match: re.Match[str]) -> str:
    return match.group().replace("’", "'").replace("–", "-")


def _stem_uncached(word: str) -> str:
    return str(_stemmer().stemWord(SAME_ROOT.get(word) or IRREGULAR.get(word, word)))


# How terms() makes keyword terms, recorded with the index so that one built with other terms is rebuilt:
# bump it with any change to the stemming or to IRREGULAR. 2: irregular past forms ("shown"); 3: "lit"; 4: Latin
# diacritics dropped ("beauséjour" is "beausejour"); 5: "colonization" is "colony"; 6: and "colonizes"; 7: "ø", "ł",
# "ß", "æ" and the like written plainly; 8: "pianist" is "piano"; 9: an en dash between letters joins as a hyphen;
# 10: a stop word's contraction is one too ("where's", "it's"); "daily" is "day"; "begin" is "start"; a "semi-final"
# is no "final"; 11: "weight" is "weigh"; 12: "jailed" is "prison"; 13: a "leader" is who leads; 14: not a "founder",
# and "the leader's" too; 15: "vice chancellor" is also the "vice-chancellor".
TERMS_VERSION = 15

# Past forms the stemmer leaves alone, by their verb: "shown" matches "showing", "flown" matches "fly".
# Forms that are also common other words (left, found, saw, lay, rose, felt, spoke) are not here.
IRREGULAR = {form: verb for verb, forms in {
    "begin": "began begun", "bring": "brought", "build": "built", "buy": "bought", "choose": "chose chosen",
    "draw": "drew drawn", "drive": "drove driven", "eat": "ate eaten", "fall": "fell fallen", "fly": "flew flown",
    "forget": "forgot forgotten", "give": "gave given", "go": "went gone", "grow": "grew grown",
    "hold": "held", "keep": "kept", "light": "lit", "know": "knew known", "lead": "led", "lose": "lost", "make": "made",
    "meet": "met", "pay": "paid", "run": "ran", "see": "seen", "sell": "sold", "send": "sent",
    "show": "shown", "sing": "sang sung", "speak": "spoken", "spend": "spent", "stand": "stood",
    "take": "took taken", "teach": "taught", "think": "thought", "throw": "threw thrown", "win": "won",
    "write": "wrote written", "become": "became", "break": "broke broken", "hide": "hid hidden",
    "wear": "wore worn", "tell": "told", "understand": "understood", "seek": "sought", "fight": "fought",
}.items() for form in forms.split()}
# Words the stemmer cuts to another root than their kin: "colonization" is "colon" but "colonial" is "coloni", so a
# question about colonization (or a Korean or Japanese one, whose 식민 / 植民 is glossed "colonization") missed the
# articles' "colonial rule"
SAME_ROOT = {form: "colony" for form in "colonization colonisation colonizations colonisations colonize colonise "
             "colonizes colonises colonized colonised colonizing colonising colonizer colonizers coloniser "
             "colonisers".split()}
# and a player by the instrument played: "Who played the piano?" asks for the articles' "pianist"
SAME_ROOT |= {player: instrument for instrument, players in {
    "piano": "pianist pianists", "violin": "violinist violinists", "cello": "cellist cellists",
    "guitar": "guitarist guitarists", "organ": "organist organists", "harp": "harpist harpists",
    "flute": "flautist flautists flutist flutists", "drum": "drummer drummers"}.items() for player in players.split()}

# and what starts by one word: "When is work supposed to begin?" asks when it is "due to start"
SAME_ROOT |= {form: "start" for form in "begin begins began begun beginning commence commences commenced "
              "commencing".split()}
# and how often by its unit: "How many people use it daily?" asks for the "12,000 people ... every day"
SAME_ROOT |= {"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
              "annually": "year", "annual": "year"}
# and a weight by its verb: "What is its weight?" asks what it "weighs"
SAME_ROOT |= {"weight": "weigh", "weights": "weigh"}
# and jail by prison: "How long was he sent to prison for?" asks how long he was "jailed"
SAME_ROOT |= {form: "prison" for form in "jail jails jailed jailing gaol gaoled imprison imprisoned imprisoning "
              "imprisonment".split()}
# and who does a thing by the one named for doing it: "Who leads the council?" asks for the "Council leader", "Who
# directed it?" for its "director" (the stemmer already joins composer, designer, producer, publisher, organiser)
SAME_ROOT |= {f"{agent}{ending}": verb for verb, agent in {
    "lead": "leader", "direct": "director", "own": "owner", "write": "writer", "invent": "inventor",
    "create": "creator", "paint": "painter", "discover": "discoverer"}.items()
    for ending in ("", "s", "'s", "’s", "s'", "s’")}
# (not "winner": "winner's points total" asks for the standings' first, not who won; nor "builder": "What was building
# considered?" is not asked of builders; nor "founder": "found" is also what was found)

stem = lru_cache(maxsize=65536)(_stem_uncached)


def terms(text: str) -> list[str]:
    """Stemmed content words: the unit of keyword matching (hyphenated words also give their parts)."""
    return list(_terms(text))


@lru_cache(maxsize=32768)
def term_set(text: str) -> frozenset[str]:
    """The distinct terms of `text` (cached: passages and sentences are asked about again and again)."""
    return frozenset(_terms(text))


def query_terms(text: str) -> list[str]:
    """terms(text), computed without the caches: for one-off texts such as questions, so that a long-running
    bot's memory does not grow with every new question (the caches are for passages, which come back)."""
    return list(_compute_terms(text, _stem_uncached))


@lru_cache(maxsize=32768)
def _terms(text: str) -> tuple[str, ...]:
    return _compute_terms(text, stem)


def _compute_terms(text: str, stem: Callable[[str], str]) -> tuple[str, ...]:
    out: list[str] = []
    found = _word_matches(text)
    tokens = [_plain(m) for m in found]
    for i, w in enumerate(tokens):
        if w in STOPWORDS or _contracted_stop(w):
            continue
        if w in _NOT_THE_THING and i + 1 < len(tokens) and _written_apart(found[i], found[i + 1], tokens[i + 1]):
            out.append(stem(f"{w}-{tokens[i + 1]}"))  # "vice chancellor" is also the "Vice-Chancellor"
        out.append(stem(w))
        if "-" in w:
            parts = w.split("-")
            parts = parts[:1] if parts[0] in _NOT_THE_THING else parts  # a semi-final is no final
            out.extend(stem(p) for p in parts if p and p not in STOPWORDS)
    return tuple(out)


def _written_apart(prefix: re.Match[str], after: re.Match[str], word: str) -> bool:
    """Whether a prefix ("vice") and the next word (`word`, "chancellor") stand apart only by spaces: "vice
    chancellor", not "vice. Chancellor" nor "vice/chancellor". (Not a possessive either: "the First Vice Minister's
    sentiment" made a term that moved a seed question's sentences, and it abstained: `questions.jsonl`.)"""
    return word.isalpha() and word not in STOPWORDS and prefix.string[prefix.end():after.start()].isspace()


_CONTRACTED = {"s", "re", "d", "ll", "ve", "m"}
# prefixes that make a hyphenated word something other than its last part: a "semi-final" is no "final", an
# "ex-president" no "president" (a "co-founder" is a founder, "Korea-Japan" is both)
_NOT_THE_THING = frozenset("semi vice ex pseudo quasi".split())


def _contracted_stop(word: str) -> bool:
    """A stop word with its verb run on: "where's" (the "where" a question typed in haste asks), "it's", "they're";
    not a negation ("isn't") nor a possessive of a content word ("Lee's")."""
    base, apostrophe, rest = word.partition("'")
    return bool(apostrophe) and rest in _CONTRACTED and base in STOPWORDS


# a word this frequent in english_words() is a word first: no name opening a sentence ("Unarmed"), no surname ("Bond")
COMMON_WORD = 1000


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """pyspellchecker's English words and their frequencies (loaded once, on the first word that might be a typo, the
    first answer that opens with a name, or the first name alone opening an article: 0.15-0.35 s, about 30 MB)."""
    data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    return dict(json.loads(gzip.decompress(data)))
