"""Train the sentence ranker and export it to models/ranker (card: models/ranker/README.md).

    python scripts/train_ranker.py          # the shipped ranker: candidates of ../shared/squad/train.json (about 8
                                            # minutes to index its articles, 4 to rank), then 8,000 of its questions
                                            # (about 25 minutes of training on 2 cores)
    python scripts/train_ranker.py --train SMALL.json --questions 8 --max-steps 2 --out /tmp/ranker   # a smoke run

The reader's export is read back as the start (bot/reader/unpack.py). The rules rank each training question's
sentences over an index of the file's articles (bot/evaluation/candidates.py), kept in --work and reused from there
while --train is the same file; the articles the reader was not trained on (its held-out ones) are left out of
training and choose between the int8 and fp32 exports. Everything else: bot/reader/train_ranker.py.
"""

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from bot.config import DEFAULT_READER
from bot.evaluation.candidates import training_candidates
from bot.reader import train_ranker
from bot.reader.train import base_model_dir
from bot.reader.unpack import unpack


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], add_help=False)
    p.add_argument("--train", default="../shared/squad/train.json")
    p.add_argument("--reader", default=str(DEFAULT_READER), help="the reader whose weights are the start")
    p.add_argument("--work", default=".cache/ranker-train")
    known, rest = p.parse_known_args()
    # the trainer's arguments are checked (and --help answered) before the candidates, which take minutes
    if {"-h", "--help"} & set(rest):
        p.print_help()  # this script's arguments; the trainer's follow
        print()
    train_ranker.parse([*rest, "--candidates", "-", "--base", "-"])
    work = Path(known.work)
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base"
    if not (base / "model.safetensors").is_file():
        unpack(Path(known.reader), base_model_dir(), base)
    args = [*training_candidates(Path(known.train), work), "--base", str(base), "--work", str(work), *rest]
    # the card names where the run started (not this run's working copy of it) and the file it came from
    card = train_ranker.main(args, {"base": f"{known.reader} read back (bot/reader/unpack.py)", "train": known.train})
    print(json.dumps(card, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
