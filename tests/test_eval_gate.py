"""The quality gate: the real engine on each committed question set must not fall below its baseline
(evaluate.BASELINES)."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.evaluation.metrics import (
    BASELINES,
    GATED_KEYS,
    SQUAD_BASELINES,
    Outcome,
    baseline_of,
    margin_of,
    regressions,
    summarize,
)

from .conftest import REPO

SETS = [q.name for q in BASELINES]


def _baseline(name: str) -> dict:
    found = baseline_of(REPO / "evals" / name)
    assert found is not None
    return dict(json.loads(found.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", SETS)
def test_baseline_records_what_the_gate_needs(name: str) -> None:
    baseline = _baseline(name)
    assert baseline["questions"] == f"evals/{name}"
    assert set(GATED_KEYS) <= set(baseline["splits"]["all"]) and set(baseline["gated"]) == set(GATED_KEYS)
    assert 0 < baseline["margin"] <= 0.05  # a small margin, stated in the file and in evals/README.md


@pytest.mark.model
@pytest.mark.parametrize("name", SETS)
def test_quality_does_not_drop_below_the_baseline(real_engine: Engine, real_outcomes: Callable[[str], list[Outcome]],
                                                  name: str) -> None:
    baseline = _baseline(name)
    assert real_engine.settings.retrieval == baseline["retrieval"]
    summary = summarize(real_outcomes(name))
    assert summary["n"] == baseline["splits"]["all"]["n"], "the question set changed: rewrite the baseline"
    problems = regressions(summary, baseline["splits"]["all"], baseline["margin"])
    assert not problems, "below the baseline (qabot eval --report DIR shows the failures): " + "; ".join(problems)


@pytest.mark.parametrize("questions, baseline", [(q.name, b.name) for q, b in BASELINES.items()])
def test_each_committed_set_has_its_own_baseline_and_other_files_none(tmp_path: Path, questions: str,
                                                                      baseline: str) -> None:
    found = baseline_of(REPO / "evals" / questions)
    assert found is not None and found.resolve() == (REPO / "evals" / baseline).resolve()
    assert baseline_of(tmp_path / questions) is None


@pytest.mark.model
@pytest.mark.parametrize("name", [q.name for q in SQUAD_BASELINES])
def test_squad_quality_does_not_drop_below_the_baseline(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    """Each committed SQuAD-format set (the SQuAD subset, the news sets), indexed as `qabot eval --squad` does and
    asked of the real default engine."""
    from bot.config import Settings
    from bot.evaluation.metrics import run
    from bot.evaluation.squad import prepare

    baseline = json.loads(baseline_of(REPO / "evals" / name).read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert baseline["questions"] == f"evals/{name}" and set(baseline["gated"]) == set(GATED_KEYS)
    assert baseline["margin"] == margin_of(REPO / "evals" / name)
    settings, questions = prepare(REPO / "evals" / name, tmp_path_factory.mktemp("squad"), Settings())
    summary = summarize(run(Engine.from_settings(settings), questions))
    assert summary["n"] == baseline["splits"]["all"]["n"], "the question set changed: rewrite the baseline"
    problems = regressions(summary, baseline["splits"]["all"], baseline["margin"])
    assert not problems, f"below the baseline (qabot eval --squad evals/{name}): " + "; ".join(problems)
