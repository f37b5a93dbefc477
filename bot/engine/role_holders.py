"""Who holds the role a question asks about, and for which country: the ranking's first answers moved or refused
by the titles the sources give people ("주일 한국대사", "the Japanese vice foreign minister", "韓国の首相")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..models import Sentence
from .answer import ScoredSentence
from .people import Titles, holds_nationality, lacks_role, titles_of
from .question import Question


def role_holder_first(q: Question, ranked: list[ScoredSentence], within: int = 3) -> list[ScoredSentence]:
    """For a question that asks who holds a role ("주일 한국대사", the Korean ambassador to Japan), the first of the
    best sentences that names someone holding it, when the best names no one who does: the vectors place a
    sentence about the embassy's event above the one naming the ambassador."""
    if not q.role or not ranked or ranked[0].phrase is not None:
        return ranked
    return _first_that(ranked, lambda item: item.phrase is not None, within)


def nationality_first(country: str, q: Question, ranked: list[ScoredSentence], sentences: Sequence[Sentence],
                       titles: Titles, within: int = 4) -> list[ScoredSentence]:
    """For a question that asks who holds a role in one country ("the Japanese vice foreign minister", "일본 외무성
    차관"), the first of the best sentences whose answer the sources give that country's title, when the best
    one's do not: "Japanese Vice Foreign Minister Funakoshi", not "Second Vice Foreign Minister Kim Ji-na", whose
    title names none. (An envoy's countries are checked by role_reversed.)"""
    if not country or not q.role or q.role == "ambassador" or not ranked:
        return ranked

    def holds(item: ScoredSentence) -> bool:
        if item.phrase is None:  # (a name the reader found counts as one the rules did)
            return False
        return bool(holds_nationality(titles_of(sentences[item.span[0]].text, item.phrase, titles), country))

    return _first_that(ranked, holds, within)


def of_another_country(country: str, q: Question, best: ScoredSentence, sentences: Sequence[Sentence],
                        titles: Titles) -> bool:
    """Whether a question about one country's holder of a role ("Korea's prime minister", "韓国の首相") is
    answered by someone the sources give that role in another country ("Japanese Prime Minister Keizo Obuchi"):
    then they name no such person. (An envoy's countries are checked by role_reversed.)"""
    if not country or not q.role or q.role == "ambassador" or best.phrase is None:
        return False
    held = titles_of(sentences[best.span[0]].text, best.phrase, titles)
    return not lacks_role(q.role, best.phrase, held) and holds_nationality(held, country) is False


def _first_that(ranked: list[ScoredSentence], test: Callable[[ScoredSentence], bool],
                within: int) -> list[ScoredSentence]:
    """The ranking with the first of its best `within` that passes `test` moved to the top (as it is when none
    does, or the best already does)."""
    found = next((n for n, item in enumerate(ranked[:within]) if test(item)), None)
    return ranked if not found else [ranked[found], *ranked[:found], *ranked[found + 1:]]
