"""A question that asks the opposite of what its answer's sentences say ("Why did the British operations succeed
in 1755?" answered by "British operations in 1755 ... all failed"; "What was the smallest ...?" by what was
largest; "How long was it clear...?" by "it was unclear"). SQuAD 2.0's annotators made many unanswerable questions
so, swapping a word for its opposite; the engine lowers its confidence in such an answer as for a name the sources
do not give (docs/reader.md, "A word swapped for its opposite", and for the prefixes "un", "non" and "in", "A name
misspelt...")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ..models import Sentence
from ..text.words import IRREGULAR, STOPWORDS, words
from .negation import REACH

# Each word and its opposites. A word is matched in its own forms only ("fail", "fails", "failed", "failing"; "won"
# for "win"), not by its stem: "department" is no "depart", "important" no "import", "likely" no "like"
_PAIRS = """
least:most fewest:most smallest:largest smaller:larger lowest:highest lower:higher,upper
earliest:latest shortest:longest youngest:oldest younger:older newest:oldest worst:best worse:better weakest:strongest
weaker:stronger weak:strong poor:rich minor:major rare:common minimum:maximum decrease:increase decline:increase
succeed:fail success:failure win:lose victory:defeat gain:lose allow:forbid,ban,prohibit accept:reject
rise:fall import:export buy:sell legal:illegal private:public
male:female men:women inside:outside north:south northern:southern east:west eastern:western ally:enemy
support:oppose invited:uninvited cheap:expensive ancient:modern
internal:external repel:attract success:fail awake:asleep small:large early:late slow:fast slowly:quickly
arrive:leave,depart enter:exit include:exclude add:remove attack:defend approve:reject,veto agree:disagree
possible:impossible capture:surrender impose:lift likely:unlikely true:false reduce:increase,raise lend:borrow
father:mother son:daughter husband:wife brother:sister boy:girl
before:after more:less fully:poorly,partially always:never above:below open:close,shut
"""
# Forms the rules below do not make, and words that mean another's ("elder" is "older")
_MORE_FORMS = {"rise": "rose risen", "forbid": "forbade forbidden", "lend": "lent",
               "success": "successful successfully", "older": "elder", "oldest": "eldest", "larger": "bigger",
               "largest": "biggest", "wife": "wives"}
# A sentence that says the opposite holds too ("dark paint makes a room look smaller ..., whereas light paint does
# the opposite")
_BOTH_WAYS = frozenset({"opposite", "conversely", "reverse", "versa"})
_NEGATIONS = frozenset({"not", "never", "no", "without"})
# the table's comparatives and superlatives
_COMPARING = frozenset("""more less most least fewest smaller larger smallest largest lower higher lowest highest
earlier later earliest latest shorter longer shortest longest younger older youngest oldest newer newest better
worse best worst stronger weaker strongest weakest""".split())
# Prefixes that make a word's opposite ("unclear", "non-self"), and the shortest word they are read on ("unit" is no
# "un-it"). "in" (im, il, ir) only before an adjective's ending ("incomplete", "insignificant", "indirect"; not
# "inform", "income", "insight"); "dis" and "de" make too many other words ("display", "design")
_PREFIXES = ("un", "non-", "non")
_PREFIXED_LEAST = 4
# Words with such a prefix that are no opposite ("unless", "invaluable", "an inpatient")
_NOT_PREFIXED = frozenset("unless untold inpatient impatient invaluable inflammable infamous".split())
# How far back a negation is read: a sentence's ("not elected"), and a question's, which negates its word further back
# ("...are not ones who is able to...")
_SENTENCE_NEGATION = 3
_QUESTION_NEGATION = 4
_ADJECTIVE = re.compile(r"(?:ant|ent|ete|al|ive|ible|able|ct|ous)$")


def _forms(word: str) -> set[str]:
    """The word's inflections: -s, -es, -ed, -ing, a last consonant doubled ("banned"), y as i ("allies")."""
    out = {word, word + "s", word + "es", word + "ed", word + "ing", word + word[-1] + "ed", word + word[-1] + "ing"}
    if word.endswith("e"):
        out |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    return out | {form for form, verb in IRREGULAR.items() if verb == word} | set(_MORE_FORMS.get(word, "").split())


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """(each form: its word, each word: its opposites)."""
    opposites: dict[str, set[str]] = {}
    for pair in _PAIRS.split():
        one, others = pair.split(":")
        for other in others.split(","):
            opposites.setdefault(one, set()).add(other)
            opposites.setdefault(other, set()).add(one)
    base = {form: word for word in opposites for form in _forms(word)}
    return base, {k: frozenset(v) for k, v in opposites.items()}


def opposite_asked(question: str, span: tuple[int, int], sid: int, sentences: Sequence[Sentence],
                   reach: int = REACH) -> str | None:
    """The question's word whose opposite the answer's sentences (`span`, of sentence `sid`'s article, and up to
    `reach` sentences on either side) write, not negated, while they never write the word itself nor one the table
    sets beside it; else one whose opposite by a prefix the answer's own sentences write (_prefixed); or None."""
    base, opposites = _table()
    said = _as_meant(words(question))
    own = {base[w] for w in said if w in base}
    skip = {base[w] for i, w in enumerate(said) if w in base and _not_asked(said[:i], w)}
    if "or" in said:  # "Which film grossed more, Skyfall or Spectre?": "Spectre grossed less" answers it too
        skip |= own & _COMPARING
    asked = sorted(w for w in own - skip if not opposites[w] & own)  # not "male or female"
    first, last = span
    article = sentences[sid].article_id
    by_sentence = {i: _as_meant(words(sentences[i].text)) for i in range(max(first - reach, 0),
                                                                         min(last + reach + 1, len(sentences)))
                   if sentences[i].article_id == article}
    near_words = [w for sentence_words in by_sentence.values() for w in sentence_words]
    if _BOTH_WAYS & set(near_words):
        return None
    written = {base[w] for w in near_words if w in base}
    # an opposite negated means the word itself ("were not included" is "excluded")
    plain = {base[w] for i, w in enumerate(near_words)
             if w in base and not _negated(near_words[max(i - _SENTENCE_NEGATION, 0):i])}
    for word in asked:
        beside = {word, *(w for o in opposites[word] for w in opposites[o])}  # "ban" beside "forbid"
        if not beside & written and opposites[word] & plain:
            return word
    return _prefixed(said, [w for i in range(first, last + 1) for w in by_sentence.get(i, ())], base)


# "close" that means near, not shut: "a close ally", "close to the mayor"
_NEAR = frozenset("""ally allies friend friends aide aides adviser advisers advisor advisors relative relatives
associate associates confidant confidants contact contacts call race look attention relationship relations ties
cooperation partner partners range proximity second third vote contest eye watch""".split())


_BEING = frozenset("is was are were be been being very so too remained remains stayed stay came come drew draw get got "
                   "grew".split())  # "close to the mayor" after these is near; "close to the public" is shutting


def _as_meant(said: list[str]) -> list[str]:
    """The words, "close" that means near left out (it is no opposite of "open")."""
    return [w for i, w in enumerate(said) if not (w == "close" and said[i + 1:i + 2] and (
        said[i + 1] in _NEAR or (said[i + 1] == "to" and i > 0 and said[i - 1] in _BEING)))]


def _prefixed(said: list[str], answer: list[str], table: Mapping[str, str]) -> str | None:
    """A question's word that the answer's own sentences (their words `answer`) write only with "un", "non" or "in"
    before it (_PREFIXES), not negated ("How long was it clear...?" answered by "it was unclear"), or one with such
    a prefix they write only without it ("What is a class of non-self molecules?" by "self molecules"). Not read: a
    word of the opposites `table` (it decides those), a word the question negates itself ("...are not ones who is
    able to...?"), one they write negated ("not elected" is "non-elected"). Only the answer's own sentences: a
    neighbour's "unavailable" may be about something else."""
    flags = [_negated(answer[max(i - _SENTENCE_NEGATION, 0):i]) for i in range(len(answer))]
    written = set(answer)
    negated = {w for w, flag in zip(answer, flags, strict=True) if flag}
    plain = {w for w, flag in zip(answer, flags, strict=True) if not flag}
    for i, w in enumerate(said):
        if (len(w) < _PREFIXED_LEAST or w in STOPWORDS or w in table or w in written or _not_asked(said[:i], w)
                or (i and said[i - 1] in _PREFIXES)  # "a non- violent definition": the prefix typed apart
                or _negated(said[max(i - _QUESTION_NEGATION, 0):i])):
            continue
        rest = None if w in _NOT_PREFIXED else _without_prefix(w)
        if (_prefixed_forms(w) - _NOT_PREFIXED) & plain or rest in plain and rest not in negated:
            return w
    return None


def _in_form(word: str) -> str:
    """The form of "in" an adjective takes: "impossible", "illegal", "irregular", "incomplete"."""
    return "im" if word[0] in "bmp" else "il" if word[0] == "l" else "ir" if word[0] == "r" else "in"


def _prefixed_forms(word: str) -> set[str]:
    """The word with a prefix that makes its opposite."""
    return {p + word for p in _PREFIXES} | ({_in_form(word) + word} if _adjective(word) else set())


def _without_prefix(word: str) -> str | None:
    """The word without a prefix that makes it an opposite, or None."""
    for p in (*_PREFIXES, "in", "im", "il", "ir"):
        rest = word[len(p):]
        if word.startswith(p) and len(rest) >= _PREFIXED_LEAST and (
                p in _PREFIXES or _adjective(rest) and _in_form(rest) == p):
            return rest
    return None


def _adjective(word: str) -> bool:
    """Whether "in" before the word may make its opposite: an adjective's ending, and 5 letters or more ("intent" is
    no "in-tent", "invent" no "in-vent")."""
    return len(word) >= 5 and bool(_ADJECTIVE.search(word))


def _not_asked(before: list[str], word: str) -> bool:
    """Whether a word after `before` asks for no side: a degree asked for may be its opposite ("How successful was
    it?", "How much larger...?"), and "at least" is no least."""
    return before[-1:] == ["how"] or (before[-2:-1] == ["how"] and before[-1] in ("much", "many", "far")) or (
        before[-1:] == ["at"] and word == "least")


def _negated(before: list[str]) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in before)
