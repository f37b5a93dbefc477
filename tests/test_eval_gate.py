"""The quality gate: the real engine on evals/questions.jsonl must not fall below the committed baseline."""

import json

import pytest

from bot.engine import Engine
from bot.evaluate import GATED_KEYS, load_questions, regressions, run, summarize

from .conftest import REPO

BASELINE = json.loads((REPO / "evals" / "baseline.json").read_text(encoding="utf-8"))


def test_baseline_records_what_the_gate_needs() -> None:
    assert set(GATED_KEYS) <= set(BASELINE["splits"]["all"]) and set(BASELINE["gated"]) == set(GATED_KEYS)
    assert 0 < BASELINE["margin"] <= 0.05  # a small margin, stated in the file and in evals/README.md


@pytest.mark.model
def test_quality_does_not_drop_below_the_baseline(real_engine: Engine) -> None:
    assert real_engine.settings.retrieval == BASELINE["retrieval"]
    summary = summarize(run(real_engine, load_questions(REPO / "evals" / "questions.jsonl")))
    assert summary["n"] == BASELINE["splits"]["all"]["n"], "the question set changed: rewrite the baseline"
    problems = regressions(summary, BASELINE["splits"]["all"], BASELINE["margin"])
    assert not problems, "below the baseline (qabot eval --report DIR shows the failures): " + "; ".join(problems)
