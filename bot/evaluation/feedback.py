"""`qabot feedback export`: stored questions and their 👍/👎 as JSON lines, to become evaluation cases."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..config import Settings
from ..errors import QABotError

if TYPE_CHECKING:  # the store loads only when the command runs: registering it costs `qabot ask` nothing
    from ..history import History, Record


def export(history: History, out: TextIO, everything: bool = False) -> int:
    """Write one JSON object per stored question (only rated ones unless `everything`); returns the count."""
    n = 0
    for record in history.records(rated_only=not everything):
        out.write(json.dumps(export_case(record), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_case(r: Record) -> dict[str, object]:
    """A stored question as a candidate evaluation case (one JSON object per line in the export)."""
    label = "good" if r.up > r.down else "bad" if r.down > r.up else "mixed" if r.up else "unrated"
    return {
        "id": r.id,
        "asked_at": r.asked_at,
        "question": r.question,
        "previous": r.previous,
        "answer": r.answer,
        "abstained": r.abstained,
        "outcome": r.outcome,
        "label": label,
        "votes": {"up": r.up, "down": r.down},
        "citations": [{"n": c.n, "title": c.title, "date": c.date, "article_id": c.article_id,
                       "chunk_id": c.chunk_id, "snippet": c.snippet, "score": round(c.score, 4)}
                      for c in r.citations],
        "score": r.score,
        "latency_ms": r.latency_ms,
        "index_version": r.index_version,
    }


def cmd_feedback_export(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.db_path.is_file():
        raise QABotError(f"No question history at {settings.db_path} yet: run the Discord bot first "
                         "(or set QABOT_DATA_DIR to where it ran).")
    from ..history import History

    history = History(settings.db_path)
    try:
        if args.output in (None, "-"):
            n = export(history, sys.stdout, args.all)
        else:
            path = Path(args.output)
            tmp = path.with_name(path.name + ".tmp")
            with tmp.open("w", encoding="utf-8") as out:
                n = export(history, out, args.all)
            tmp.replace(path)
    finally:
        history.close()
    what = "questions" if args.all else "rated questions"
    print(f"Exported {n} {what}" + (f" to {args.output}." if args.output not in (None, "-") else "."),
          file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `qabot feedback export` to the CLI."""
    feedback = sub.add_parser("feedback", help="the questions asked in Discord and their 👍/👎 feedback")
    actions = feedback.add_subparsers(dest="feedback_command", required=True)
    exp = actions.add_parser("export", help="write stored questions as JSON lines (evaluation case candidates)")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.add_argument("--all", action="store_true", help="include questions without feedback")
    exp.set_defaults(func=cmd_feedback_export)
