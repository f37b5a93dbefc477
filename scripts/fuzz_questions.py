"""Ask every question again in odd shapes and report what crashes the engine.

    python scripts/fuzz_questions.py                        # the questions of evals/*.jsonl, over corpus/
    python scripts/fuzz_questions.py --shapes swaps         # only the letters re.I reads as ASCII
    python scripts/fuzz_questions.py --squad FILE --work DIR   # a SQuAD file's questions over its eval work dir
                                                              # (built by `qabot eval --squad FILE --work DIR`)

Each question is asked with each of its letters s, i, I, k swapped throughout for one that re.I matches to it (ſ,
ı, İ, the Kelvin sign), and in other shapes: all capitals, all lower case, title case, full-width, NFKD, Arabic-Indic
digits, superscript digits, no punctuation, words joined by dots or hyphens, curly quotes, doubled spaces. A refusal
(QuestionError) is an answer; any other exception is a crash, printed with its variant and the last frames. Exits 1
when something crashed.
"""

from __future__ import annotations

import argparse
import sys
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Settings  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.errors import QuestionError  # noqa: E402
from bot.evaluation.metrics import load_questions  # noqa: E402
from bot.evaluation.squad import eval_questions, read_squad, work_settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _swap(plain: str, other: str) -> Callable[[str], str]:
    return lambda q: q.replace(plain, other)


SWAPS: dict[str, Callable[[str], str]] = {
    "ſ for s": _swap("s", "ſ"), "ı for i": _swap("i", "ı"), "İ for I": _swap("I", "İ"),
    "Kelvin sign for k": _swap("k", "\u212a"),
}
OTHERS: dict[str, Callable[[str], str]] = {
    "upper": str.upper, "lower": str.lower, "title": str.title,
    "full-width": lambda q: "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in q),
    "NFKD": lambda q: unicodedata.normalize("NFKD", q),
    "Arabic-Indic digits": lambda q: "".join(chr(ord(c) - 48 + 0x0660) if "0" <= c <= "9" else c for c in q),
    "superscript digits": lambda q: q.replace("1", "¹").replace("2", "²").replace("3", "³"),
    "no punctuation": lambda q: "".join(c for c in q if c.isalnum() or c.isspace()),
    "dots": lambda q: q.replace(" ", "."), "hyphens": lambda q: q.replace(" ", "-"),
    "curly quotes": lambda q: q.replace("'", "’").replace('"', "“"),
    "spaces": lambda q: "  ".join(q.split()) + " ??!!",
}


def _questions(args: argparse.Namespace) -> list[str]:
    if args.squad:
        return [q.question for q in eval_questions(read_squad(args.squad))]
    return [q.question for path in sorted((REPO / "evals").glob("*.jsonl")) for q in load_questions(path)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shapes", choices=("all", "swaps", "others"), default="all")
    parser.add_argument("--squad", type=Path, help="a SQuAD-format file whose questions to ask")
    parser.add_argument("--work", type=Path, help="its `qabot eval --squad --work` directory (corpus and index)")
    args = parser.parse_args()
    if bool(args.squad) != bool(args.work):
        parser.error("--squad and --work go together")
    settings = Settings.from_env()
    if args.work:
        settings = work_settings(settings, args.work)  # as `qabot eval --squad FILE --work DIR` built it
    shapes = {**(SWAPS if args.shapes != "others" else {}), **(OTHERS if args.shapes != "swaps" else {})}
    engine = Engine.from_settings(settings)
    questions = _questions(args)
    crashes: Counter[str] = Counter()
    asked = 0
    for n, question in enumerate(questions, 1):
        for name, shape in shapes.items():
            variant = shape(question)
            if variant == question:
                continue
            asked += 1
            try:
                engine.answer(variant)
            except QuestionError:
                pass
            except Exception as e:  # noqa: BLE001 (what this script looks for)
                crashes[name] += 1
                print(f"CRASH ({name}) {variant!r}: {type(e).__name__}: {e}")
                traceback.print_exc(limit=-3, file=sys.stdout)
        if n % 100 == 0 or n == len(questions):
            print(f"{n}/{len(questions)} questions, {asked} variants asked, {sum(crashes.values())} crashed",
                  file=sys.stderr)
    print(f"{len(questions)} questions, {asked} variants: {sum(crashes.values())} crashed"
          + "".join(f"; {name}: {count}" for name, count in crashes.most_common()))
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
