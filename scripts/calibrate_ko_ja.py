"""Set the Korean and Japanese abstention (bot/config.py abstain_threshold_ko_ja, bot/engine/engine.py MASK_MIN)
on the tune splits of evals/ko.jsonl and evals/ja.jsonl together; held-out questions are never read here.

    .venv/bin/python scripts/calibrate_ko_ja.py

For each MASK_MIN on a grid, the engine answers every tune question with no threshold; the threshold is then
swept as `qabot eval --calibrate` does, and the pair with the best abstention F1 (ties: answer accuracy) wins.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings  # noqa: E402
from bot.engine import engine as engine_module  # noqa: E402
from bot.evaluation.metrics import calibrate, load_questions, run, select, sweep  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MASKS = [-0.02, -0.01, -0.005, 0.0, 0.005, 0.01, 0.02, 0.03]


def main() -> int:
    questions = [q for name in ("ko", "ja") for q in select(load_questions(REPO / "evals" / f"{name}.jsonl"), "tune")]
    settings = Settings.from_env().with_(abstain_threshold_ko_ja=0.0)
    engine = engine_module.Engine.from_settings(settings)
    best: tuple[float, float, float, float] | None = None  # (f1, accuracy, mask, threshold)
    print(f"{len(questions)} tune questions ({sum(not q.answerable for q in questions)} unanswerable)")
    print("| MASK_MIN | threshold | answer_accuracy | abstention_precision | abstention_recall | F1 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for mask in MASKS:
        engine_module.MASK_MIN = mask
        points = sweep(run(engine, questions), [0.2 + i * 0.005 for i in range(121)])
        threshold = calibrate(points)
        p = min(points, key=lambda p: abs(p.threshold - threshold))
        print(f"| {mask} | {threshold} | {p.answer_accuracy:.3f} | {p.abstention_precision:.3f} | "
              f"{p.abstention_recall:.3f} | {p.f1:.3f} |")
        key = (round(p.f1, 6), round(p.answer_accuracy, 6), mask, threshold)
        if best is None or key[:2] > best[:2]:
            best = key
    assert best is not None
    print(f"\nBest: MASK_MIN = {best[2]}, abstain_threshold_ko_ja = {best[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
