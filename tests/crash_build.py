"""A build that pauses at a chosen phase so a test can kill -9 it there.

python -m tests.crash_build CORPUS INDEX PHASE, PHASE one of:
  embed    while embedding (nothing written yet)
  write    after the new version's files are written, before they are renamed into place
  pointer  after the version is in place, before CURRENT is swapped
It prints "PAUSED <phase>" and sleeps at that point; the test then sends SIGKILL.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.index import store
from bot.index.build import build_index

from .fakes import HashEmbedder


def pause(phase: str) -> None:
    print(f"PAUSED {phase}", flush=True)
    time.sleep(60)


class PausingEmbedder(HashEmbedder):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        pause("embed")
        return super().encode(texts)


def main(corpus: str, index: str, phase: str) -> None:
    embedder = HashEmbedder()
    if phase == "embed":
        embedder = PausingEmbedder()
    elif phase == "write":
        fsync_tree = store._fsync_tree

        def fsync_then_pause(root: Path) -> None:
            fsync_tree(root)
            pause("write")
        store._fsync_tree = fsync_then_pause
    elif phase == "pointer":
        fsync_file = store._fsync_file

        def pause_before_swap(path: Path) -> None:
            fsync_file(path)
            if path.name == "CURRENT.tmp":
                pause("pointer")
        store._fsync_file = pause_before_swap
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    build_index(Settings(corpus_dir=Path(corpus), index_dir=Path(index)), embedder=embedder)
    print("FINISHED", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
