"""A question that asks the opposite of what its answer's sentences say ("Why did the British operations succeed
in 1755?" answered by "British operations in 1755 ... all failed"; "What was the smallest ...?" by what was
largest). SQuAD 2.0's annotators made many unanswerable questions so, swapping a word for its opposite; the
engine lowers its confidence in such an answer as for a name the sources do not give (docs/reader.md, "A word
swapped for its opposite")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..models import Sentence
from ..text.words import stem, words
from .negation import REACH

# Each word and its opposites, as a question and a sentence write them; matched by their stems ("failed" is
# "fail"), so that one form stands for its others
_PAIRS = """
least:most fewest:most smallest:largest smaller:larger lowest:highest lower:higher,upper
earliest:latest shortest:longest youngest:oldest younger:older newest:oldest worst:best worse:better weakest:strongest
weaker:stronger weak:strong poor:rich minor:major rare:common minimum:maximum decrease:increase decline:increase
succeed:fail success:failure win:lose victory:defeat won:lost gain:lose allow:forbid,ban,prohibit accept:reject
rise:fall import:export buy:sell bought:sold legal:illegal private:public
male:female men:women inside:outside north:south northern:southern east:west eastern:western ally:enemy
support:oppose invited:uninvited cheap:expensive ancient:modern
internal:external repel:attract success:fail awake:asleep small:large early:late slow:fast slowly:quickly
arrive:leave,depart enter:exit include:exclude add:remove attack:defend approve:reject,veto agree:disagree
possible:impossible capture:surrender impose:lift likely:unlikely true:false reduce:increase,raise lend:borrow
"""


@lru_cache(maxsize=1)
def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for pair in _PAIRS.split():
        one, others = pair.split(":")
        a, bs = stem(one), {stem(w) for w in others.split(",")}
        out.setdefault(a, set()).update(bs)
        for b in bs:
            out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def opposite_asked(question: str, span: tuple[int, int], sid: int, sentences: Sequence[Sentence],
                   reach: int = REACH) -> str | None:
    """The stem of the question's word whose opposite the answer's sentences (`span`, of sentence `sid`'s article,
    and up to `reach` sentences on either side) write while they never write the word itself, or None."""
    opposites = _opposites()
    said = words(question)
    stems = {_stem(w) for w in said}
    degree = {_stem(w) for before, w in zip(said, said[1:]) if before == "how"}  # "How successful was it?"
    asked = [s for s in stems - degree if s in opposites and not opposites[s] & stems]  # not "male or female"
    if not asked:
        return None
    first, last = span
    article = sentences[sid].article_id
    near = {_stem(w) for i in range(max(first - reach, 0), min(last + reach + 1, len(sentences)))
            if sentences[i].article_id == article for w in words(sentences[i].text)}
    if near & _BOTH_WAYS:
        return None
    # the word or one the table sets beside it ("ban" beside "forbid", "decrease" beside "reduce") is written
    return next((s for s in sorted(asked) if not _beside(s, opposites) & near and opposites[s] & near), None)


def _beside(word: str, opposites: dict[str, frozenset[str]]) -> set[str]:
    """`word` and the words the table gives the same opposite as it."""
    return {word, *(w for o in opposites[word] for w in opposites[o])}


# Words that mean another's: a sentence that writes "elder" writes "older"
_SAME = {"elder": "older", "eldest": "oldest", "bigger": "larger", "biggest": "largest"}
# A sentence that says the opposite holds too ("dark paint makes a room look smaller ..., whereas light paint does
# the opposite")
_BOTH_WAYS = frozenset({"opposit", "convers", "revers", "versa"})


def _stem(word: str) -> str:
    return stem(_SAME.get(word, word))
