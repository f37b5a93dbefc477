"""The terminal chat: the same answers as everywhere else, one question at a time."""

from __future__ import annotations

import sys
from typing import TextIO

from .engine import Engine
from .errors import QABotError
from .render import render_answer


def chat(engine: Engine, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Read questions until end of input or `quit`; a follow-up may lean on the previous question."""
    stdin = stdin or sys.stdin  # looked up per call, not frozen at import (tests and tools swap them)
    stdout = stdout or sys.stdout
    color = stdout.isatty()
    articles = len(engine.index.articles)
    print(f"Ask about the {articles} articles in the index (empty line or Ctrl-D to quit).", file=stdout)
    previous: str | None = None
    while True:
        if stdin.isatty():
            print("? ", end="", file=stdout, flush=True)
        line = stdin.readline()
        question = line.strip()
        if not line or question.lower() in {"", "quit", "exit", "q"}:
            return 0
        try:
            answer = engine.answer(question, previous=previous)
        except QABotError as exc:
            print(exc, file=stdout)
            continue
        print(render_answer(answer, color=color) + "\n", file=stdout, flush=True)
        previous = answer.understood or question  # "and Osaka?" after two turns still knows the subject
