"""Train the retrieval encoder's change to the bundled all-MiniLM-L6-v2 and write it to models/encoder (see
models/encoder/README.md).

    python scripts/train_encoder.py                      # the shipped change (1 epoch of ../shared/squad/train.json)
    python scripts/train_encoder.py --limit 64 --max-steps 2 --out /tmp/encoder --work /tmp/encoder-work   # smoke
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.reader.train_encoder import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
