"""The sentence ranker's training data: for each question of a SQuAD-format file, the sentences the engine's rules
rank best over an index of the file's articles (built as `qabot eval --squad` builds it), each labelled by whether
it holds an acceptable answer (the eval's own matching). scripts/train_ranker.py writes it; bot/reader/train_ranker.py
trains on it."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

from ..config import Settings
from ..engine.engine import Engine
from ..engine.ranking import candidate_text
from ..engine.snippets import span_text
from .matching import contains_any
from .squad import prepare

log = logging.getLogger(__name__)

COUNT = 8  # candidates kept a question


def write_candidates(path: Path, work: Path, settings: Settings, out: Path, count: int = COUNT) -> int:
    """Write the candidates of every question of `path` to `out` (JSON lines, with the question's article id and the
    question as the engine read it, the text the ranker is given); returns how many questions were written. The rules
    alone rank: no reader, no ranker. Written to a temporary file first, so a stopped run leaves no partial file."""
    from tqdm import tqdm

    ours, questions = prepare(path, work, settings.with_(reader=None, ranker=None, matcher=None))
    engine = Engine.from_settings(ours)
    seen: dict[str, Any] = {}
    engine.on_ranked = lambda text, ranked, index: seen.update(text=text, ranked=ranked, index=index)
    written = 0
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as f:
        for q in tqdm(questions, desc="ranking candidates", unit="question", file=sys.stderr, mininterval=5):
            seen.clear()
            engine.answer(q.question)
            if "ranked" not in seen:
                continue
            index = seen["index"]
            candidates = [{"text": candidate_text(r, index.sentences, index.articles),
                           "label": bool(q.answers) and contains_any(span_text(r, index.sentences), q.answers)}
                          for r in seen["ranked"][:count]]
            row = {"question": seen["text"], "article": q.source, "answerable": bool(q.answers),
                   "candidates": candidates}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    partial.replace(out)
    return written


def training_candidates(train: Path, work: Path) -> list[str]:
    """The candidates of `train` written once into `work` (candidates-all.jsonl, reused from there while `train` is the
    same file by its sha256) and split into the questions trained on and those of the articles the reader was not
    trained on (its held-out ones, which choose between int8 and fp32): the trainers' arguments for them,
    `--candidates` and, when there are held-out articles, `--held-out` (scripts/train_ranker.py,
    scripts/train_matcher.py)."""
    from ..reader.squad import held_out_titles, load_squad
    from .squad import article_id

    every = work / "candidates-all.jsonl"
    made_from = work / "candidates-all.sha256"  # the training file they were written from
    digest = hashlib.sha256(train.read_bytes()).hexdigest()
    known = made_from.read_text(encoding="utf-8").strip() if made_from.is_file() else None
    if not every.is_file() or known != digest:
        if every.is_file():
            log.info("%s was written from another training file than %s (or an unknown one); writing it again",
                     every, train)
        write_candidates(train, work / "squad", Settings(), every)
        made_from.write_text(digest + "\n", encoding="utf-8")
    held = {article_id(t) for t in held_out_titles(load_squad(train))}
    trained, held_out = work / "candidates.jsonl", work / "held-out.jsonl"
    with every.open(encoding="utf-8") as f, trained.open("w", encoding="utf-8") as a, \
            held_out.open("w", encoding="utf-8") as b:
        for line in f:
            (b if json.loads(line)["article"] in held else a).write(line)
    return ["--candidates", str(trained), *(["--held-out", str(held_out)] if held else [])]
