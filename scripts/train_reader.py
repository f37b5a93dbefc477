"""Train the reader model on SQuAD-format data and export it to models/reader (see models/reader/README.md).

    python scripts/train_reader.py --device cuda        # the shipped reader (2 epochs on ../shared/squad/train.json)
    python scripts/train_reader.py --device cuda --measure FILE   # its card also measured on FILE (never trained on)
    python scripts/train_reader.py                      # the same on the CPU (about 66 minutes on 2 cores)
    python scripts/train_reader.py --limit 40 --max-steps 3 --out /tmp/reader   # a smoke run
"""

import sys

from bot.reader.train import main

if __name__ == "__main__":
    sys.exit(main())
