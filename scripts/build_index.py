"""Build or update the index from corpus/ (same as `qabot build`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli import main  # noqa: E402

raise SystemExit(main(["build", *sys.argv[1:]]))
