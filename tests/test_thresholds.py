"""The committed abstention thresholds are the ones their calibration chooses on the tune splits today: a change
that moves the choice must move the threshold with it (0.445 for Korean and Japanese had gone stale once).

The Korean and Japanese one is checked to lie within the run of equally best thresholds, not to equal its middle:
the Korean and Japanese scores moved by about 0.002 between two CPUs (evals/README.md), which can move an edge of
that run by one step of the sweep and its middle by half a step."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.evaluation.cli import THRESHOLDS
from bot.evaluation.metrics import calibrate, load_questions, run, select, sweep

from .conftest import REPO, load_script


@pytest.mark.model
def test_the_english_threshold_is_the_one_the_tune_split_chooses(real_settings: Settings) -> None:
    engine = Engine.from_settings(real_settings.with_(abstain_threshold=0.0))  # as `qabot eval --calibrate`
    questions = select(load_questions(REPO / "evals" / "questions.jsonl"), "tune")
    assert calibrate(sweep(run(engine, questions), THRESHOLDS)) == pytest.approx(Settings().abstain_threshold)


@pytest.mark.model
def test_the_korean_japanese_threshold_is_the_one_the_tune_splits_choose(real_settings: Settings) -> None:
    script = load_script("calibrate_ko_ja")
    engine = Engine.from_settings(real_settings.with_(abstain_threshold_ko_ja=0.0))
    questions = [q for name in script.SETS for q in select(load_questions(REPO / "evals" / f"{name}.jsonl"), "tune")]
    points = sweep(run(engine, questions), script.THRESHOLDS)
    chosen = calibrate(points, key=script.balanced)
    best = script.balanced(min(points, key=lambda p: abs(p.threshold - chosen)))
    run_of_best = [p.threshold for p in points if script.balanced(p) == best]
    committed = Settings().abstain_threshold_ko_ja
    assert min(run_of_best) <= committed <= max(run_of_best), (committed, chosen)
    # and no worse threshold lies between the committed one and the chosen one
    between = [p for p in points if min(committed, chosen) <= p.threshold <= max(committed, chosen)]
    assert all(script.balanced(p) == best for p in between), (committed, chosen)

