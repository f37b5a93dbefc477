"""The `qabot` command line and the terminal chat: a thin edge over the engine."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .config import Settings
from .errors import QABotError, QuestionError
from .render import render_answer
from .text.lang import reply_language
from .text.messages import error_text

if TYPE_CHECKING:
    from .engine.engine import Engine
    from .index.corpus import Skipped
    from .index.embedding import Embedder
    from .llm.generate import Answers

log = logging.getLogger("qabot")


def _quiet_libraries() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _engine(settings: Settings, onnx: Embedder | None = None) -> Engine:
    """The engine over the current index; `onnx` is a question encoder already opened (by ensure_onnx), so
    the export is not opened a second time. One of another dimension than the index is refused by the
    engine as a model that does not fit, as sentence-transformers (same model, same vectors) would be."""
    from .engine.engine import Engine

    return Engine.from_settings(settings, embedder=onnx)


def ready_engine(settings: Settings, rebuild_damaged: bool = False) -> Engine:
    """The engine over an index that is current: a missing or stale one is built first (one line and, on a
    terminal, a progress bar on stderr, so `ask --json` keeps stdout pure JSON). One that is current by its
    manifest but damaged on disk is rebuilt with `rebuild_damaged` (`qabot run`), else reported with what
    to run."""
    from .errors import IndexCorruptError
    from .index.build import missing_or_stale, stale_reason
    from .index.export import build_with_export, ensure_onnx

    reason = stale_reason(settings) if rebuild_damaged else missing_or_stale(settings)
    if reason is not None:
        print(f"Building the index: {reason}", file=sys.stderr)
        _, onnx = build_with_export(settings, progress=sys.stderr.isatty())
    else:
        onnx = ensure_onnx(settings)
    try:
        return _engine(settings, onnx)
    except IndexCorruptError as exc:
        if not rebuild_damaged:
            raise  # current by its manifest, damaged on disk: rebuild once
        print(f"Rebuilding the index: {exc}", file=sys.stderr)
        _, rebuilt = build_with_export(settings, progress=sys.stderr.isatty())
        return _engine(settings, rebuilt or onnx)


def answering(settings: Settings, rebuild_damaged: bool = False) -> Answers:
    """The engine over a current index, with generated answers when QABOT_LLM_URL is set."""
    engine = ready_engine(settings, rebuild_damaged)
    if not settings.llm_url:
        return engine  # and httpx, a tenth of a cold `qabot ask`, is not imported
    from .llm.generate import with_llm

    return with_llm(engine, settings)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    question = " ".join(args.question)
    try:
        answer = answering(settings).answer(question)
    except QuestionError as exc:  # said in the question's language ("질문이 너무 깁니다...")
        print(f"error: {error_text(exc, reply_language(question))}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_answer(answer, color=sys.stdout.isatty()))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    return chat(answering(settings))


def chat(engine: Answers, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
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
            print(error_text(exc, reply_language(question)), file=stdout)
            continue
        print(render_answer(answer, color=color) + "\n", file=stdout, flush=True)
        previous = answer.understood or question  # "and Osaka?" after two turns still knows the subject



def _said_skipped(skipped: Skipped) -> None:
    from tqdm import tqdm

    tqdm.write(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)  # (above the reading's bar, if shown)


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    from .engine.ranking import open_matcher, store_matcher_vectors
    from .index.build import rebuild_reason
    from .index.export import build_with_export, ensure_onnx

    matcher = open_matcher(settings)  # a broken QABOT_MATCHER is said before building, not after
    if not args.force and rebuild_reason(settings) is None:  # --force skips loading the whole index to check
        ensure_onnx(settings)  # the fast question encoder, if an older build did not export it
        store_matcher_vectors(settings, matcher)  # and the sentence matcher's vectors
        print(f"The index in {settings.index_dir}/ is up to date (use --force to rebuild).")
        return 0
    # each skipped file is said once, as it is found (and before "No usable articles" when none is left)
    report, _ = build_with_export(settings, progress=sys.stderr.isatty() or args.progress, on_skipped=_said_skipped)
    store_matcher_vectors(settings, matcher)
    print(f"Built {report.version}: {report.articles} articles, {report.passages} passages "
          f"({report.embedded} texts embedded, {report.reused} reused) in {report.seconds:.1f} s.")
    return 0


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from .index.store import load_index
    from .models import newest_first

    index = load_index(settings.index_dir)
    articles = newest_first(index.articles.values())
    for a in articles:
        passages = index.passages_of(a.id)
        source = f" — {a.source}" if a.source else ""
        print(f"{a.date or 'undated':10}  {a.title}{source}  ({passages} passages, {a.path})")
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.discord_token:
        from .discord.bot import check_token

        check_token(settings.discord_token)  # a malformed token is one line before any slow work
    engine = ready_engine(settings, rebuild_damaged=True)
    if settings.discord_token:
        from .discord.bot import run_discord

        return run_discord(settings, engine)
    print("No DISCORD_TOKEN set: starting the terminal chat.", file=sys.stderr)
    from .llm.generate import with_llm

    return chat(with_llm(engine, settings))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qabot", description="Answers questions from the articles in corpus/.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question", nargs="+")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.set_defaults(func=cmd_ask)
    sub.add_parser("chat", help="ask questions in the terminal").set_defaults(func=cmd_chat)
    build = sub.add_parser("build", help="build or update the index from corpus/")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    build.add_argument("--progress", action="store_true", help="show the progress bar even when not a terminal")
    build.set_defaults(func=cmd_build)
    sub.add_parser("sources", help="list the indexed articles").set_defaults(func=cmd_sources)
    sub.add_parser("run", help="build if needed, then the Discord bot (with DISCORD_TOKEN) or the chat").set_defaults(
        func=cmd_run)
    for name in _EXTRA_COMMANDS:
        importlib.import_module(f".{name}", __package__).register(sub)
    return parser


# Feature modules that add their own subcommands (each has `register(subparsers)`), imported when parsing.
_EXTRA_COMMANDS = ("evaluation.cli", "evaluation.feedback", "bench.cli")


def main(argv: Sequence[str] | None = None) -> int:
    _quiet_libraries()
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        code = int(args.func(args, settings))
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at the interpreter's last flush
        return code
    except QABotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `qabot ask ... | head`: the reader left; say nothing more (Python's own advice)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
