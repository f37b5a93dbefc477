"""Fit the abstention decision of a reader (bot/engine/abstain.py), for the engine's reader-alone mode
(QABOT_READER_MODE=alone), on questions nobody measures on: the SQuAD training articles held out of the reader's
training, and the tune splits of the committed question sets.

    python scripts/calibrate_reader.py [--reader models/reader] [--train ../shared/squad/train.json]

Never on dev.json or a held-out split. Writes abstain.json beside the reader."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import DEFAULT_READER, Settings
from ..engine.abstain import CALIBRATION, FEATURES, Decision, Evidence, fit
from ..engine.engine import Engine
from ..reader.squad import held_out_titles, squad_questions
from .matching import contains_any, strip_marks
from .metrics import EvalQuestion, in_checkout, load_questions, select
from .squad import prepare

TUNE_SETS = ("evals/questions.jsonl", "evals/probe.jsonl", "evals/check.jsonl", "evals/fresh.jsonl")
READER_ONLY = ("margin", "span_score")


class Recorder:
    """Stands in for the decision while calibrating: never abstains, keeps what it was shown."""

    threshold = 0.0

    def __init__(self) -> None:
        self.seen: list[Evidence] = []

    def probability(self, e: Evidence) -> float:
        self.seen.append(e)
        return 1.0


@dataclass(frozen=True)
class Case:
    evidence: Evidence
    answerable: bool
    right: bool  # the answer given (if it were given) holds an acceptable answer
    group: str


def collect(engine: Engine, recorder: Recorder, questions: Sequence[EvalQuestion], group: str) -> list[Case]:
    """Each question's evidence (questions the reader found no span for are left out: the rules decide them)."""
    cases = []
    for q in questions:
        recorder.seen.clear()
        answer = engine.answer(q.question)
        if not recorder.seen:
            continue
        text = strip_marks(answer.text or "")
        cases.append(Case(recorder.seen[-1], q.answerable, q.answerable and contains_any(text, q.answers), group))
    return cases


def choose_threshold(decision: Decision, cases: Sequence[Case], weights: Sequence[float]) -> tuple[float, list[str]]:
    """The threshold with the most weighted right outcomes (a right answer given, or an abstention on an
    unanswerable question), and the table it was read from."""
    rows, best = [], (-1.0, 0.5)
    probabilities = [decision.probability(c.evidence) for c in cases]
    for step in range(5, 96):
        t = step / 100
        right = sum(w for c, p, w in zip(cases, probabilities, weights, strict=True)
                    if (p >= t and c.right) or (p < t and not c.answerable))
        total = sum(weights)
        abstained = [(c, w) for c, p, w in zip(cases, probabilities, weights, strict=True) if p < t]
        true = sum(w for c, w in abstained if not c.answerable)
        unanswerable = sum(w for c, w in zip(cases, weights, strict=True) if not c.answerable)
        precision = true / sum(w for _, w in abstained) if abstained else 1.0
        recall = true / unanswerable if unanswerable else 1.0
        rows.append(f"| {t:.2f} | {right / total:.3f} | {precision:.3f} | {recall:.3f} |")
        if right > best[0] + 1e-12:
            best = (right, t)
    return best[1], rows


def calibrate(cases: Sequence[Case], use: Sequence[str] = FEATURES) -> tuple[Decision, list[str]]:
    """Each group weighs the same in the fit and in the threshold, however many questions it has."""
    sizes = {g: sum(1 for c in cases if c.group == g) for g in {c.group for c in cases}}
    weights = [1.0 / sizes[c.group] for c in cases]
    decision = fit([c.evidence for c in cases], [c.answerable for c in cases], weights, use=use)
    threshold, rows = choose_threshold(decision, cases, weights)
    return Decision(decision.weights, decision.bias, threshold, decision.mean, decision.scale), rows


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    p = argparse.ArgumentParser(prog="calibrate_reader", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--reader", type=Path, default=DEFAULT_READER)
    p.add_argument("--train", type=Path, default=Path("../shared/squad/train.json"))
    p.add_argument("--work", type=Path, default=None, help="keep the scratch indexes here")
    args = p.parse_args(argv)
    from ..reader.model import Reader

    reader = Reader(args.reader)
    with tempfile.TemporaryDirectory(prefix="qabot-calibrate-") as scratch:
        work = (args.work or Path(scratch)).resolve()
        cases = _squad_cases(args.train, work / "squad", reader) + _seed_cases(work / "seed", reader)
    both, rows = calibrate(cases)
    alone, _ = calibrate(cases, READER_ONLY)
    groups = sorted({c.group for c in cases})
    out = {**both.to_json(), "reader_only": alone.to_json(),
           "fitted_on": {g: {"questions": sum(1 for c in cases if c.group == g),
                             "unanswerable": sum(1 for c in cases if c.group == g and not c.answerable)}
                         for g in groups},
           "threshold_rule": "most right outcomes (right answers + right abstentions), each group weighing the same"}
    (args.reader / CALIBRATION).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print("| threshold | right outcomes | abstention precision | abstention recall |\n|---:|---:|---:|---:|")
    print("\n".join(rows[::5]))
    print(f"\nWrote {args.reader / CALIBRATION}: threshold {both.threshold}, weights {both.weights}")
    return 0


def _squad_cases(train: Path, work: Path, reader: object) -> list[Case]:
    """The SQuAD training articles kept out of the reader's training, as a corpus of their own."""
    data = json.loads(train.read_text(encoding="utf-8"))
    held = held_out_titles(squad_questions(data))
    subset = {"version": data.get("version", "v2.0"), "data": [a for a in data["data"] if a["title"] in held]}
    work.mkdir(parents=True, exist_ok=True)
    path = work / "held-out.json"
    path.write_text(json.dumps(subset), encoding="utf-8")
    settings, items = prepare(path, work, Settings(), progress=sys.stderr.isatty())
    return _cases(settings, items, reader, "squad-train-held-out")


def _seed_cases(work: Path, reader: object) -> list[Case]:
    """The tune splits of the committed question sets, over the repository's articles."""
    from ..index.export import build_with_export

    settings = Settings(corpus_dir=in_checkout(Path("corpus")), index_dir=work / "index", data_dir=work / "data")
    build_with_export(settings, progress=False)
    items = [q for name in TUNE_SETS for q in select(load_questions(in_checkout(Path(name))), "tune")]
    return _cases(settings, items, reader, "seed-tune")


def _cases(settings: Settings, items: list[EvalQuestion], reader: object, group: str) -> list[Case]:
    recorder = Recorder()
    base = Engine.from_settings(settings.with_(reader=None))
    engine = Engine(base.index, base.embedder, settings, reader, recorder, lead="reader")  # type: ignore[arg-type]
    found = collect(engine, recorder, items, group)
    print(f"{group}: {len(found)} of {len(items)} questions read", file=sys.stderr)
    return found
