"""Soak run: `python scripts/soak.py --questions 10000` (see bot/soak.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bench.soak import main  # noqa: E402

raise SystemExit(main())
