"""The `qabot bench` subcommand's arguments; the benchmark itself (bot/bench/run.py) loads only when run."""

from __future__ import annotations

import argparse

from ..config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", help="measure speed and memory on this machine (and the baselines)")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--scale", type=int, action="append", default=[], metavar="N",
                       help="also run the synthetic N-passage scale benchmark (repeatable; minutes at 1000000)")
    bench.add_argument("--no-baselines", action="store_true", help="skip LangChain / LlamaIndex")
    bench.add_argument("--tune-build", action="store_true", help="also sweep build threads and batch sizes")
    bench.set_defaults(func=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from .run import cmd_bench

    return cmd_bench(args, settings)
