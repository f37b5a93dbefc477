"""Soak run: `python scripts/soak.py --questions 10000` (see bot/soak.py)."""

import sys

from bot.soak import main

if __name__ == "__main__":
    sys.exit(main())
