"""The Normandy paragraph of SQuAD's training set, as the reader's, the ranker's and the matcher's tests use it, and
a trainer's script stopped in the middle of a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

NORMANDY = ("The Normans were the people who in the 10th and 11th centuries gave their name to Normandy, a "
            "region in France. They were descended from Norse raiders led by their leader Rollo.")


def normandy_squad(context: str = NORMANDY) -> dict[str, Any]:
    """A one-paragraph SQuAD 2.0 file: two answerable questions, offsets taken from `context`, and one
    unanswerable."""
    return {"version": "v2.0", "data": [{"title": "Normandy", "paragraphs": [{
        "context": context,
        "qas": [{"id": "1", "question": "In what country is Normandy located?", "is_impossible": False,
                 "answers": [{"text": "France", "answer_start": context.index("France")}]},
                {"id": "2", "question": "Who was the Norse leader?", "is_impossible": False,
                 "answers": [{"text": "Rollo", "answer_start": context.index("Rollo")}]},
                {"id": "3", "question": "Who gave their name to Sweden?", "is_impossible": True, "answers": []}]}]}]}


# the paragraph with a third sentence: three candidates for the rules to rank (the ranker's and the matcher's tests),
# and the three sentences, shortened, as those models read a candidate
THREE_SENTENCES = normandy_squad(NORMANDY + " The Norman dynasty had a major political, cultural and military impact "
                                            "on medieval Europe.")
CANDIDATES = ["The Normans gave their name to Normandy, a region in France.",
              "They were descended from Norse raiders led by their leader Rollo.",
              "The Norman dynasty had a major impact on medieval Europe."]


# a trainer's script run with its optimiser step wrapped: once it has taken `after` + 1 steps it exits, as if killed
# in the middle of that step (its optimiser step taken, its checkpoint not yet written)
_STOPPED = """
import runpy, sys
from bot.reader import train as trainer  # where every trainer takes its steps
step, taken = trainer.take_step, []
def stopping(*args, **kwargs):
    step(*args, **kwargs)
    taken.append(1)
    if len(taken) > {after}:
        raise SystemExit(75)
trainer.take_step = stopping
sys.argv = [{script!r}, *sys.argv[1:]]
runpy.run_path({script!r}, run_name="__main__")
"""
STOPPED_CODE = 75


def stopped_run(script: Path, args: list[str], after: int) -> int:
    """Run the trainer's `script` with `args`, stopped in its step `after` + 1; its exit code."""
    code = _STOPPED.format(after=after, script=str(script))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, check=False).returncode
