"""The sentence ranker: its input, the shipped model ordering the rules' best sentences, the engine using it only when
QABOT_RANKER names it, and its training in miniature (candidates ranked by the real engine, a few steps, an ONNX
export run without torch, the same weights from the same seed)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.engine.answer import ScoredSentence
from bot.engine.engine import Engine
from bot.engine.ranking import RERANK, reordered
from bot.errors import ModelError
from bot.evaluation.candidates import training_candidates
from bot.models import Article, Sentence
from bot.reader.ranker import MAX_TOKENS, Ranker
from bot.reader.train import base_model_dir
from bot.reader.windows import WordPieces, batch, pair

from .squad_helpers import CANDIDATES, STOPPED_CODE, THREE_SENTENCES, stopped_run

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "train_ranker.py"
SHIPPED = REPO / "models" / "ranker"
SQUAD, TEXTS = THREE_SENTENCES, CANDIDATES


def test_a_pair_is_the_question_then_the_sentence_cut_to_fit() -> None:
    pieces = WordPieces(base_model_dir() / "tokenizer.json")
    window = pair(pieces, pieces.tokens("who led them?"), pieces.tokens("word " * 300), MAX_TOKENS, 32)
    assert len(window.ids) == MAX_TOKENS and window.ids[0] == pieces.cls and window.ids[-1] == pieces.sep
    assert window.types[: window.first] == (0,) * window.first and set(window.types[window.first:]) == {1}


def _scored(sid: int, score: float) -> ScoredSentence:
    return ScoredSentence(sid, 0, score, 0.5, 0.5, None)


def test_the_shipped_ranker_moves_the_answering_sentence_up_among_the_rules_best() -> None:
    ranker = Ranker(SHIPPED)
    logits = ranker.scores("Who was the Norse leader?", [f"Normandy. {t}" for t in TEXTS])
    assert int(np.argmax(logits)) == 1
    sentences = [Sentence("normandy", 0, len(t), t) for t in TEXTS]
    articles = {"normandy": Article("normandy", "Normandy", " ".join(TEXTS))}
    # the rules put the sentence about France first, a little ahead; the ranker reads that Rollo led
    ranked = [_scored(0, 1.0), _scored(1, 0.98), _scored(2, 0.5)]
    moved = reordered(ranked, "Who was the Norse leader?", sentences, articles, ranker=ranker)
    assert [r.sid for r in moved][0] == 1 and sorted(r.sid for r in moved) == [0, 1, 2]
    assert moved[0].score == 0.98  # each keeps its own score: the rules' confidence still judges their own best
    far_ahead = [_scored(0, 9.0), _scored(1, 0.98), _scored(2, 0.5)]  # its weight cannot overturn a wide lead
    assert reordered(far_ahead, "Who was the Norse leader?", sentences, articles, ranker=ranker)[0].sid == 0
    beyond = [_scored(2, 1.0)] * RERANK + [_scored(1, 0.9)]  # only the rules' best RERANK are read
    assert reordered(beyond, "Who was the Norse leader?", sentences, articles, ranker=ranker)[-1].sid == 1
    alone = [_scored(2, 1.0)]  # one sentence: nothing to order, nothing read
    assert reordered(alone, "Who was the Norse leader?", sentences, articles, ranker=ranker) == alone


def test_the_engine_ranks_with_it_only_when_qabot_ranker_names_it(real_settings: Settings, real_engine: Engine) -> None:
    assert Settings.from_env({}, dotenv=None).ranker is None  # off by default: it costs about 21 ms a question
    assert real_engine.ranker is None
    assert Settings.from_env({"QABOT_RANKER": "off"}, dotenv=None).ranker is None
    assert Settings.from_env({"QABOT_RANKER": str(SHIPPED)}, dotenv=None).ranker == SHIPPED
    engine = Engine.from_settings(real_settings.with_(ranker=SHIPPED))
    assert isinstance(engine.ranker, Ranker)
    answer = engine.answer("When was the Seoul concert?")
    assert not answer.abstained and "5 December 2025" in (answer.text or "")
    with pytest.raises(ModelError, match="QABOT_RANKER"):
        Engine.from_settings(real_settings.with_(ranker=REPO / "no-such-ranker"))


def test_a_few_training_steps_give_an_onnx_ranker_and_the_same_seed_the_same_one(tmp_path: Path) -> None:
    train = tmp_path / "train.json"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")

    def args(name: str, work: str) -> list[str]:
        return ["--train", str(train), "--work", str(tmp_path / work), "--out", str(tmp_path / name), "--questions",
                "8", "--max-steps", "2", "--batch", "1", "--threads", "1", "--checkpoint-every", "1"]

    def run(name: str, work: str) -> Path:
        subprocess.run([sys.executable, str(SCRIPT), *args(name, work)], check=True, capture_output=True)
        return tmp_path / name

    out = run("ranker", "work-ranker")
    card = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert card["training"]["questions"] == 3 and card["training"]["unanswerable"] == 1
    assert card["training"]["steps"] == 2
    assert card["shipped"] == "int8" and card["held_out_hit_at_1"] == {}  # no held-out articles: int8, unmeasured
    rows = [json.loads(line) for line in (tmp_path / "work-ranker" / "candidates-all.jsonl").read_text().splitlines()]
    leader = next(r for r in rows if r["question"] == "Who was the Norse leader?")
    assert leader["answerable"] and any(c["label"] and "Rollo" in c["text"] for c in leader["candidates"])
    assert all(c["text"].startswith("Normandy. ") for c in leader["candidates"])  # the title, as the engine reads it
    first = Ranker(out)
    # stopped in its second step, then run again: it resumes from the first step's checkpoint
    assert stopped_run(SCRIPT, args("resumed", "work-stopped"), after=1) == STOPPED_CODE
    assert not (tmp_path / "resumed").exists()
    for again in (run("resumed", "work-stopped"), run("again", "work-again")):  # resumed mid-run; from scratch
        assert (first.scores("Who led?", TEXTS) == Ranker(again).scores("Who led?", TEXTS)).all()
    feeds = batch([pair(first.pieces, first.pieces.tokens("Who led?"), first.pieces.tokens(TEXTS[1]), 96, 32)],
                  first.pieces.pad)
    assert set(first.inputs) <= set(feeds)  # the export takes what the engine feeds it


def test_the_candidates_are_reused_for_the_same_training_file_and_written_again_for_another(tmp_path: Path) -> None:
    train, work = tmp_path / "train.json", tmp_path / "work"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")
    every = work / "candidates-all.jsonl"

    def questions() -> set[str]:
        return {json.loads(line)["question"] for line in every.read_text(encoding="utf-8").splitlines()}

    training_candidates(train, work)
    assert "Who was the Norse leader?" in questions()
    marker = {"question": "(kept)", "article": "normandy", "answerable": False, "candidates": []}
    every.write_text(every.read_text(encoding="utf-8") + json.dumps(marker) + "\n", encoding="utf-8")
    training_candidates(train, work)  # the same file: reused as it is
    assert "(kept)" in questions()
    train.write_text(json.dumps(SQUAD).replace("Who was the Norse leader?", "Who led the Norse?"), encoding="utf-8")
    training_candidates(train, work)  # another file: written again from it
    assert "Who led the Norse?" in questions() and not {"(kept)", "Who was the Norse leader?"} & questions()


@pytest.mark.parametrize("script", ["train_ranker.py", "train_matcher.py"])
def test_a_trainers_script_answers_help_and_a_mistyped_argument_before_any_work(script: str, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(REPO / "scripts" / script), "--work", str(tmp_path / "work"), *args],
                              capture_output=True, text=True, check=False, timeout=120)

    shown = run("--help")
    assert shown.returncode == 0 and "--train" in shown.stdout and "--max-steps" in shown.stdout
    wrong = run("--epochz", "3")
    assert wrong.returncode == 2 and "--epochz" in wrong.stderr
    assert not (tmp_path / "work").exists()  # no candidates, no index: nothing was started
