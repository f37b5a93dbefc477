"""Measure speed and memory on this machine (same as `qabot bench`; e.g. `python scripts/benchmark.py --json`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli import main  # noqa: E402

raise SystemExit(main(["bench", *sys.argv[1:]]))
