"""SQuAD-format files, and the official SQuAD answer normalisation, exact match and F1."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import string
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SquadQuestion:
    id: str
    title: str
    context: str
    question: str
    answers: tuple[tuple[str, int], ...]  # (text, character offset); empty when unanswerable


def load_squad(path: Path, placed_only: bool = True) -> list[SquadQuestion]:
    """Every question of a SQuAD 1.1 or 2.0 file, in file order (`squad_questions`)."""
    return squad_questions(json.loads(path.read_text(encoding="utf-8")), placed_only)


def squad_questions(data: dict[str, Any], placed_only: bool = True) -> list[SquadQuestion]:
    """Every question of a parsed SQuAD file, in file order. An answer whose offset does not hold its text is moved
    to the nearest place the text stands as a whole word (else as any part of one); with `placed_only` (for
    training, where a wrong offset labels the wrong tokens), an answer whose text the paragraph never has, or an empty
    one, is dropped, and an answerable question left with no answer is skipped rather than read as unanswerable.
    Without it (an evaluation, which reads the answers' texts only) such answers are kept as given. One warning counts
    what was mended."""
    found: list[SquadQuestion] = []
    mended: Counter[str] = Counter()
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                given = [] if qa.get("is_impossible") else qa.get("answers", [])
                answers = _placed_answers(paragraph["context"], given, placed_only, mended)
                if given and not answers:
                    mended["skipped"] += 1
                    continue
                found.append(SquadQuestion(str(qa["id"]), article["title"], paragraph["context"], qa["question"],
                                           answers))
    if mended["moved"] or mended["unplaced"]:
        log.warning("SQuAD answers whose offset did not hold their text: %d moved to where it stands, %d not in their "
                    "paragraph (%s); answerable questions left with none, skipped: %d", mended["moved"],
                    mended["unplaced"], "dropped" if placed_only else "kept as given", mended["skipped"])
    return found


def _placed_answers(context: str, given: list[dict[str, Any]], placed_only: bool,
                    mended: Counter[str]) -> tuple[tuple[str, int], ...]:
    """`given` answers as (text, offset), each at the place `placed` finds; counts in `mended` what moved and what
    the paragraph lacks (kept at its given offset unless `placed_only`)."""
    answers = []
    for a in given:
        start = int(a["answer_start"])
        at = placed(context, a["text"], start)
        if at is None:
            mended["unplaced"] += 1
        elif at != start:
            mended["moved"] += 1
        if at is not None or not placed_only:
            answers.append((a["text"], start if at is None else at))
    return tuple(answers)


def placed(context: str, text: str, at: int) -> int | None:
    """Where `text` stands in `context`: at `at` if it is there, else its occurrence nearest `at` as a whole word,
    else as part of one; None for an empty text or one the context never has."""
    if not text:
        return None
    if 0 <= at and context[at:at + len(text)] == text:
        return at
    for pattern in (rf"(?<!\w){re.escape(text)}(?!\w)", re.escape(text)):
        places = [m.start() for m in re.finditer(pattern, context)]
        if places:
            return min(places, key=lambda p: abs(p - at))
    return None


_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCTUATION = set(string.punctuation)


def normalize_answer(text: str) -> str:
    """Lower case, no punctuation, no articles a/an/the, single spaces (the official evaluate-v2.0.py)."""
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def squad_em(guess: str, gold: str) -> float:
    return float(normalize_answer(guess) == normalize_answer(gold))


def squad_f1(guess: str, gold: str) -> float:
    g, t = normalize_answer(guess).split(), normalize_answer(gold).split()
    if not g or not t:
        return float(g == t)
    common = sum((Counter(g) & Counter(t)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(g), common / len(t)
    return 2 * precision * recall / (precision + recall)


def held_out_titles(questions: list[SquadQuestion], with_unanswerable: int = 3, answerable_only: int = 2) -> set[str]:
    """Articles of a training file kept out of training, to calibrate abstention on questions the reader has
    not seen: the first articles, in a fixed hash order, that hold unanswerable questions, and some that do not.
    None from a file of fewer than four times as many articles (a smoke run's slice)."""
    titles: dict[str, bool] = {}
    for q in questions:
        titles[q.title] = titles.get(q.title, False) or not q.answers
    if len(titles) < 4 * (with_unanswerable + answerable_only):
        return set()
    order = sorted(titles, key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    some = [t for t in order if titles[t]][:with_unanswerable]
    none = [t for t in order if not titles[t]][:answerable_only]
    return set(some + none)
