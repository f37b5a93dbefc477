"""Run the offline evaluation (same as `qabot eval`; see `python scripts/evaluate.py --help`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli import main  # noqa: E402

raise SystemExit(main(["eval", *sys.argv[1:]]))
