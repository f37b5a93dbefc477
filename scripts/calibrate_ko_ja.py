"""Set the Korean and Japanese abstention threshold (bot/config.py abstain_threshold_ko_ja) on the tune splits of
the six Korean and Japanese sets (evals/ko, ja, ko_more, ja_more, ko_extra, ja_extra) together; held-out questions
are never read here.

    .venv/bin/python scripts/calibrate_ko_ja.py        # every tenth threshold and the chosen one
    .venv/bin/python scripts/calibrate_ko_ja.py -v     # every threshold of the sweep

The engine answers every tune question with no threshold; the threshold is then swept, and the one whose weakest
of answer accuracy, abstention precision and abstention recall is highest wins (ties: abstention F1), in the middle
of the first run of equally good ones. The issue holds all three to the same bar; the F1-only choice of
`qabot eval --calibrate` bought recall here with half the answers.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.evaluation.metrics import (  # noqa: E402
    ThresholdPoint,
    calibrate,
    load_questions,
    run,
    select,
    sweep,
    threshold_table,
)

REPO = Path(__file__).resolve().parents[1]
THRESHOLDS = [0.1 + i * 0.005 for i in range(121)]
SETS = ("ko", "ja", "ko_more", "ja_more", "ko_extra", "ja_extra")  # the tune halves of all six


def balanced(p: ThresholdPoint) -> tuple[float, float]:
    return (round(min(p.answer_accuracy, p.abstention_precision, p.abstention_recall), 6), round(p.f1, 6))


def main() -> int:
    questions = [q for name in SETS for q in select(load_questions(REPO / "evals" / f"{name}.jsonl"), "tune")]
    engine = Engine.from_settings(Settings.from_env().with_(abstain_threshold_ko_ja=0.0))
    print(f"{len(questions)} tune questions ({sum(not q.answerable for q in questions)} unanswerable)")
    points = sweep(run(engine, questions), THRESHOLDS)
    chosen = calibrate(points, key=balanced)
    p = min(points, key=lambda q: abs(q.threshold - chosen))
    print(threshold_table(points if "-v" in sys.argv else points[::10] + [p]))
    print(f"\nChosen: abstain_threshold_ko_ja = {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
