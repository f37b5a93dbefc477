"""The Normandy paragraph of SQuAD's training set, as the reader's, the ranker's and the matcher's tests use it."""

from __future__ import annotations

from typing import Any

NORMANDY = ("The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a "
            "region in France. They were descended from Norse raiders led by their leader Rollo.")


def normandy_squad(context: str = NORMANDY) -> dict[str, Any]:
    """A one-paragraph SQuAD 2.0 file: two answerable questions, offsets taken from `context`, and one
    unanswerable."""
    return {"version": "v2.0", "data": [{"title": "Normandy", "paragraphs": [{
        "context": context,
        "qas": [{"id": "1", "question": "In what country is Normandy located?", "is_impossible": False,
                 "answers": [{"text": "France", "answer_start": context.index("France")}]},
                {"id": "2", "question": "Who was the Norse leader?", "is_impossible": False,
                 "answers": [{"text": "Rollo", "answer_start": context.index("Rollo")}]},
                {"id": "3", "question": "Who gave their name to Sweden?", "is_impossible": True, "answers": []}]}]}]}


# the paragraph with a third sentence: three candidates for the rules to rank (the ranker's and the matcher's tests),
# and the three sentences, shortened, as those models read a candidate
THREE_SENTENCES = normandy_squad(NORMANDY + " The Norman dynasty had a major political, cultural and military impact "
                                            "on medieval Europe.")
CANDIDATES = ["The Normans gave their name to Normandy, a region in France.",
              "They were descended from Norse raiders led by their leader Rollo.",
              "The Norman dynasty had a major impact on medieval Europe."]
