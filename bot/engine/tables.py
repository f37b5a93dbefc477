"""A table's cell as the answer: the row is the one holding a value the question names ("at 10:15"), the column the
one whose header the question's words name ("which boat": "Boat")."""

from __future__ import annotations

import re

from ..text.words import term_set
from .leads import cells
from .phrases import Candidate
from .question import Question

_WHICH_NOUN = re.compile(r"\W*(?:which|what)\s+([\w'’-]+)", re.I)


def table_cell(question: Question, row: str, header: str) -> Candidate | None:
    """The cell of `row` (a table's row, read under `header`) that answers the question: in the one column whose
    header shares a word with the question (the one "which X" names first), beside a cell whose words the question all
    names (its row's key: "10:15"; "MV Skua" is not named by "Skua"). None when no cell of the row is named, or no
    column or more than one is asked for."""
    asked = set(question.terms)
    heads = cells(header)
    found = cells(row)
    if len(heads) != len(found) or len(found) < 2:
        return None
    named = [i for i, (_, text) in enumerate(found) if (own := term_set(text)) and own <= asked]
    if not named:
        return None
    wanted = [i for i, (_, head) in enumerate(heads) if i not in named and term_set(head) & asked
              and not term_set(found[i][1]) & asked]
    if (noun := _WHICH_NOUN.match(question.text)) is not None:  # "which boat": the column headed "Boat" first
        wanted = [i for i in wanted if noun.group(1).lower() in head_words(heads[i][1])] or wanted
    if len(wanted) != 1:
        return None
    start, text = found[wanted[0]]
    return Candidate(start, start + len(text), text, text)


def head_words(head: str) -> set[str]:
    """A header's words, lower-cased."""
    return {w.lower() for w in re.findall(r"[\w'’-]+", head)}
