"""Fit the reader's abstention decision on held-out SQuAD training articles and the tune splits
(see bot/evaluation/calibrate.py): python scripts/calibrate_reader.py"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.evaluation.calibrate import main  # noqa: E402

raise SystemExit(main())
