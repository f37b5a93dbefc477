"""`qabot eval`: run the question set through the engine and print or write the results."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..config import RETRIEVAL_MODES, Settings
from .metrics import (
    GATED_KEYS,
    QUESTIONS,
    REPO,
    SPLITS,
    EvalQuestion,
    Outcome,
    baseline_of,
    calibrate,
    grouped,
    in_checkout,
    llm_summary,
    load_questions,
    margin_of,
    regressions,
    run,
    select,
    summarize,
    sweep,
    threshold_table,
)
from .metrics import failures as failure_list


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="measure retrieval, answers and abstention on a question set")
    p.add_argument("path", nargs="?", type=Path, default=None,
                   help=f"JSONL question file (default {QUESTIONS})")
    p.add_argument("--squad", type=Path, metavar="FILE",
                   help="a SQuAD-format file instead: its articles are indexed in a scratch folder and asked about")
    p.add_argument("--work", type=Path, metavar="DIR", help="with --squad: build in DIR and keep it (default: a "
                   "temporary folder)")
    p.add_argument("--json", action="store_true", help="print the metrics and failures as one JSON object")
    p.add_argument("--report", type=Path, metavar="DIR", help="write report.md and eval.png into DIR")
    p.add_argument("--split", choices=(*SPLITS, "all"), default="all", help="evaluate one part of the set")
    p.add_argument("--retrieval", choices=RETRIEVAL_MODES, help="override QABOT_RETRIEVAL for this run")
    p.add_argument("--ablation", action="store_true", help="also run dense, keyword and hybrid retrieval")
    p.add_argument("--baseline", type=Path, default=None,
                   help="baseline summary (default: the committed one of a repository set, evals/*baseline.json)")
    p.add_argument("--write-baseline", action="store_true", help="write the baseline summary from this run")
    p.add_argument("--check", action="store_true", help="exit 1 if a gated metric fell below the baseline")
    p.add_argument("--llm", action="store_true",
                   help="answer with the model at QABOT_LLM_URL (quotes checked) and report how often it verified")
    p.add_argument("--calibrate", action="store_true",
                   help="sweep the abstention threshold on the chosen questions and print the best one")
    p.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from ..errors import ConfigError

    if args.squad is not None and args.path is not None:
        raise ConfigError("Give either a question file or --squad FILE, not both.")
    if args.squad is None:
        return _evaluate(args, settings, args.path or in_checkout(QUESTIONS), None)
    from .squad import prepare

    if args.work is not None:
        ours, questions = prepare(args.squad, args.work.resolve(), settings, progress=sys.stderr.isatty())
        return _evaluate(args, ours, args.squad, questions)
    with tempfile.TemporaryDirectory(prefix="qabot-squad-") as work:
        ours, questions = prepare(args.squad, Path(work), settings, progress=sys.stderr.isatty())
        return _evaluate(args, ours, args.squad, questions)


def _evaluate(args: argparse.Namespace, settings: Settings, path: Path, questions: list[EvalQuestion] | None) -> int:
    """Run the questions of `path` (or `questions`, read from it already) and print, report and gate."""
    from ..engine.engine import Engine
    from ..errors import ConfigError
    from ..llm.generate import Generator, WithLLM

    if args.retrieval:
        settings = settings.with_(retrieval=args.retrieval)
    if args.write_baseline and args.split != "all":
        raise ConfigError("--write-baseline records every split: run it without --split.")
    baseline_path = args.baseline or baseline_of(path)
    if args.write_baseline and baseline_path is None:
        raise ConfigError(f"{path} has no committed baseline: to record one, name the file with --baseline FILE.")
    if args.llm and not settings.llm_url:
        raise ConfigError("--llm needs QABOT_LLM_URL and QABOT_LLM_MODEL: the OpenAI-compatible server to ask.")
    if args.llm and (args.calibrate or args.write_baseline or args.ablation):
        raise ConfigError("--llm measures the answers as they are shown; baselines, ablation and calibration are "
                          "of the extractive engine: run them without --llm.")
    chosen = select(questions if questions is not None else load_questions(path), args.split)
    if args.calibrate:
        return _calibrate(Engine.from_settings(settings.with_(abstain_threshold=0.0, abstain_threshold_ko_ja=0.0)),
                          chosen)
    engine = Engine.from_settings(settings)
    outcomes = run(WithLLM(engine, Generator(settings)) if args.llm else engine, chosen)
    summary: dict[str, Any] = dict(summarize(outcomes))
    if args.llm:
        summary["llm"] = llm_summary(outcomes)
    runs: dict[str, list[Outcome]] = {}
    if args.ablation or args.write_baseline:
        for mode in RETRIEVAL_MODES:
            runs[mode] = outcomes if mode == settings.retrieval else run(
                Engine(engine.index, engine.embedder, settings.with_(retrieval=mode)), chosen)
    ablation = {mode: summarize(o) for mode, o in runs.items()}
    baseline = _read_baseline(baseline_path) if baseline_path else None
    base_metrics = _baseline_for(baseline, settings.retrieval, args.split) if baseline else None
    margin = float(baseline.get("margin", margin_of(path))) if baseline else margin_of(path)
    if args.write_baseline and baseline_path is not None:  # None was refused above
        _write_baseline(baseline_path, path, settings, outcomes, runs)
    if args.report:
        from .report import write_report

        report = write_report(args.report, outcomes, _threshold_of(chosen, settings), settings.retrieval, str(path),
                              args.split, base_metrics, margin, ablation or None)
        if not args.json:
            print(f"Wrote {report} and {report.parent / 'eval.png'}.")
    problems = regressions(summary, base_metrics, margin) if base_metrics else []
    if args.json:
        print(json.dumps({**summary, "failures": failure_list(outcomes)}, ensure_ascii=False, indent=2))
    else:
        _print_text(summary, ablation, len(failure_list(outcomes)), problems, base_metrics is not None)
    return 1 if args.check and problems else 0


def _threshold_of(questions: list[EvalQuestion], settings: Settings) -> float:
    """The abstention threshold most of the questions are answered under: Korean and Japanese ones have their own."""
    from ..text.lang import language_of

    foreign = sum(language_of(q.question) != "en" for q in questions)
    return settings.abstain_threshold_ko_ja if foreign * 2 > len(questions) else settings.abstain_threshold


THRESHOLDS = [0.2 + i * 0.005 for i in range(121)]  # swept by --calibrate: 0.20..0.80


def _calibrate(engine: Any, questions: list[EvalQuestion]) -> int:
    """Print answer accuracy and abstention for thresholds 0.20..0.80 and the calibrated choice."""
    points = sweep(run(engine, questions), THRESHOLDS)
    print(threshold_table(points[::4]))
    print(f"\nBest abstention F1 (ties: answer accuracy), middle of the best run: QABOT_ABSTAIN_THRESHOLD="
          f"{calibrate(points)}")
    return 0


def _print_text(summary: dict[str, Any], ablation: dict[str, dict[str, Any]], n_failures: int,
                problems: list[str], compared: bool) -> None:
    from .report import metrics_table

    print(metrics_table({"now": summary, **ablation}))
    if "llm" in summary:
        m = summary["llm"]
        reasons = "; ".join(f"{k} {v}" for k, v in m["fallbacks"].items()) or "none"
        print(f"\nLLM: asked for {m['asked']} answers, {m['generated']} verified ({m['verified_share']:.0%}; "
              f"{m['generated_correct']} of them correct). Fallbacks: {reasons}.")
    print(f"\n{n_failures} failures (use --json or --report DIR to see them).")
    if compared:
        print("Below the baseline: " + "; ".join(problems) if problems else "No gated metric fell below the baseline.")


def _baseline_for(baseline: dict[str, Any], retrieval: str, split: str) -> dict[str, Any] | None:
    """The baseline metrics for this retrieval mode and split (another mode: its ablation entry)."""
    if baseline.get("retrieval") == retrieval:
        found: dict[str, Any] | None = baseline.get("splits", {}).get(split)
        return found
    return baseline.get("ablation", {}).get(retrieval, {}).get(split)


def _recorded(questions: Path) -> str:
    """How a baseline names its question file: relative to the repository when it is in it ("evals/probe.jsonl",
    also when `qabot eval` runs elsewhere and finds it there), else as given."""
    try:
        return questions.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return questions.name if questions.is_absolute() else questions.as_posix()


def _read_baseline(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def by_split(outcomes: list[Outcome]) -> dict[str, dict[str, Any]]:
    """The metrics over all questions and over each split."""
    parts = grouped(outcomes, lambda q: q.split)
    return {"all": summarize(outcomes), **{split: summarize(parts[split]) for split in SPLITS if split in parts}}


def _write_baseline(path: Path, questions_path: Path, settings: Settings, outcomes: list[Outcome],
                    runs: dict[str, list[Outcome]]) -> None:
    """The committed summary: metrics for all questions and each split, and the retrieval ablation."""
    data = {
        "questions": _recorded(questions_path),
        "model": settings.model,
        "retrieval": settings.retrieval,
        "abstain_threshold": settings.abstain_threshold,
        "multilingual": settings.multilingual,
        "abstain_threshold_ko_ja": settings.abstain_threshold_ko_ja,
        "margin": margin_of(questions_path),
        "gated": list(GATED_KEYS),
        "splits": by_split(outcomes),
        "ablation": {mode: by_split(o) for mode, o in runs.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {path}.")
