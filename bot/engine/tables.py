"""A table's cell as the answer: the row is the one holding a value the question names ("at 10:15"), the column the
one whose header the question's words name ("which boat": "Boat")."""

from __future__ import annotations

import re

from ..text.words import term_set, terms
from .hours import CLOCK, another_time
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
    named = [i for i, (_, text) in enumerate(found) if (own := term_set(text)) and own <= asked
             and not (CLOCK.fullmatch(text) and another_time(question.text, text))]  # "15:10" is no "10:15"
    if not named:
        return None
    wanted = [i for i, (_, head) in enumerate(heads) if i not in named and term_set(head) & asked
              and not term_set(found[i][1]) & asked]
    if (noun := _WHICH_NOUN.match(question.text)) is not None:  # "which boats": the column headed "Boat" first
        wanted = [i for i in wanted if set(terms(noun.group(1))) & term_set(heads[i][1])] or wanted
    if len(wanted) != 1:
        return None
    start, text = found[wanted[0]]
    return Candidate(start, start + len(text), text, text)

