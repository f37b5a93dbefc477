"""Run the offline evaluation: the same as `qabot eval` (see `--help`)."""

import sys

from bot.cli import main

if __name__ == "__main__":
    sys.exit(main(["eval", *sys.argv[1:]]))
