"""Sweep the English abstention threshold for the configured model on tune data only: the pooled tune splits of the
four English seed sets, and optionally a SQuAD-format file (built in a scratch folder), never dev.json.

    .venv/bin/python scripts/sweep_threshold.py --squad HELD_OUT.json
    QABOT_MODEL=all-MiniLM-L6-v2-squad QABOT_INDEX_DIR=/tmp/idx .venv/bin/python scripts/sweep_threshold.py

The engine answers every question once with no threshold; each threshold's answer accuracy and abstention
precision / recall are then read off (bot.evaluation.metrics.sweep), as `qabot eval --calibrate` does for one set.
Used to compare encoders at equal seed accuracy (models/encoder/README.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.evaluation.calibrate import TUNE_SETS  # noqa: E402
from bot.evaluation.metrics import (  # noqa: E402
    ThresholdPoint,
    in_checkout,
    load_questions,
    run,
    select,
    sweep,
    threshold_table,
)
from bot.evaluation.squad import prepare  # noqa: E402

THRESHOLDS = [0.30 + i * 0.01 for i in range(16)]


def table(name: str, points: list[ThresholdPoint]) -> str:
    return f"\n{name}\n\n{threshold_table(points)}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--squad", type=Path, help="a SQuAD-format file of tune questions (never dev.json)")
    args = p.parse_args()
    if args.squad and args.squad.name == "dev.json":
        p.error("dev.json is only measured on, never swept")
    settings = Settings.from_env()
    seed = [q for name in TUNE_SETS for q in select(load_questions(in_checkout(Path(name))), "tune")]
    print(f"model {settings.model}")
    print(table(f"seed tune splits ({len(seed)} questions)",
                sweep(run(Engine.from_settings(settings.with_(abstain_threshold=0.0)), seed), THRESHOLDS)))
    if args.squad:
        with tempfile.TemporaryDirectory(prefix="qabot-sweep-") as work:
            ours, items = prepare(args.squad, Path(work), settings, progress=sys.stderr.isatty())
            points = sweep(run(Engine.from_settings(ours.with_(abstain_threshold=0.0)), items), THRESHOLDS)
        print(table(f"{args.squad} ({len(items)} questions)", points))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
