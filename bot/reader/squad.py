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


def load_squad(path: Path) -> list[SquadQuestion]:
    """Every question of a SQuAD 1.1 or 2.0 file, in file order."""
    return squad_questions(json.loads(path.read_text(encoding="utf-8")))


def squad_questions(data: dict[str, Any]) -> list[SquadQuestion]:
    """Every question of a parsed SQuAD file, in file order. An answer whose offset does not hold its text is
    moved to the nearest place the text stands, or dropped where the context never has it, and an answerable
    question left with no answer is skipped (it would count as unanswerable), with one warning: training on such an
    answer would label the wrong tokens."""
    found: list[SquadQuestion] = []
    moved = dropped = skipped = 0
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            context = paragraph["context"]
            for qa in paragraph["qas"]:
                given = [] if qa.get("is_impossible") else qa.get("answers", [])
                answers: list[tuple[str, int]] = []
                for a in given:
                    at = placed(context, a["text"], int(a["answer_start"]))
                    moved += at is not None and at != int(a["answer_start"])
                    dropped += at is None
                    if at is not None:
                        answers.append((a["text"], at))
                if given and not answers:
                    skipped += 1
                    continue
                found.append(SquadQuestion(str(qa["id"]), article["title"], context, qa["question"], tuple(answers)))
    if moved or dropped:
        log.warning("SQuAD answers whose offset did not hold their text: %d moved to where it stands, %d dropped "
                    "(not in their paragraph); answerable questions left with none, skipped: %d",
                    moved, dropped, skipped)
    return found


def placed(context: str, text: str, at: int) -> int | None:
    """Where `text` stands in `context`: at `at` if it is there, else its occurrence nearest `at`, else None."""
    if context[at:at + len(text)] == text:
        return at
    places = [m.start() for m in re.finditer(re.escape(text), context)] if text else []
    return min(places, key=lambda p: abs(p - at)) if places else None


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
