"""The sentence matcher: its input and score, the shipped model ordering the rules' best sentences, the index's
sentence vectors stored once and made again when they are another matcher's, the engine using it only when
QABOT_MATCHER names it, and its training in miniature (candidates ranked by the real engine, a few steps, an ONNX
export run without torch, the same weights from the same seed)."""

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.engine.answer import ScoredSentence
from bot.engine.engine import Engine
from bot.engine.ranking import MATCH_WEIGHT, RERANK, WEIGHT, reordered
from bot.errors import ModelError
from bot.models import Article, Sentence
from bot.reader.matcher import STORED, STORED_FORMAT, Matcher, WordVectors, matcher_vectors, score
from bot.reader.ranker import Ranker
from bot.reader.train import base_model_dir
from bot.reader.windows import WordPieces, single

from .squad_helpers import CANDIDATES, STOPPED_CODE, THREE_SENTENCES, stopped_run

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "train_matcher.py"
SHIPPED = REPO / "models" / "matcher"
SQUAD = THREE_SENTENCES
TEXTS = [f"Normandy. {t}" for t in CANDIDATES]  # as the matcher reads a sentence: its title first


def test_a_text_is_cls_its_pieces_and_sep_cut_to_fit() -> None:
    pieces = WordPieces(base_model_dir() / "tokenizer.json")
    window = single(pieces, "word " * 300, 96)
    assert len(window.ids) == 96 and window.ids[0] == pieces.cls and window.ids[-1] == pieces.sep
    assert window.first == 1 and window.count == 94
    assert single(pieces, "", 96).ids == (pieces.cls, pieces.sep)


def test_a_sentence_scores_by_the_best_match_of_each_question_word() -> None:
    q = np.array([[1.0, 0.0], [0.0, 1.0]])
    both = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    one = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert score(q, both) == pytest.approx(1.0)
    assert score(q, one) == pytest.approx(0.5)  # the second word finds nothing like it
    assert score(q, np.zeros((0, 2))) == 0.0 and score(np.zeros((0, 2)), both) == 0.0


def _scored(sid: int, score: float) -> ScoredSentence:
    return ScoredSentence(sid, 0, score, 0.5, 0.5, None)


def _stored(matcher: Matcher, texts: list[str]) -> WordVectors:
    made = matcher.vectors(texts)
    offsets = np.concatenate([[0], np.cumsum([len(v) for v in made])]).astype(np.int64)
    return WordVectors(np.concatenate(made).astype(np.float16), offsets)


def test_the_shipped_matcher_moves_the_answering_sentence_up_among_the_rules_best() -> None:
    matcher = Matcher(SHIPPED)
    stored = _stored(matcher, TEXTS)
    q = matcher.question("Who was the Norse leader?")
    assert q.shape[1] == stored.vectors.shape[1] and np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-3)
    assert int(np.argmax([score(q, stored.of(i)) for i in range(3)])) == 1
    # the rules put the sentence about France first, a little ahead; the matcher finds the leader and the Norse
    ranked = [_scored(0, 1.0), _scored(1, 0.98), _scored(2, 0.5)]
    moved = reordered(ranked, "Who was the Norse leader?", [], {}, matcher=matcher, stored=stored)
    assert moved[0].sid == 1 and sorted(r.sid for r in moved) == [0, 1, 2]
    assert moved[0].score == 0.98  # each keeps its own score: the rules' confidence still judges their own best
    far_ahead = [_scored(0, 9.0), _scored(1, 0.98), _scored(2, 0.5)]  # its weight cannot overturn a wide lead
    assert reordered(far_ahead, "Who was the Norse leader?", [], {}, matcher=matcher, stored=stored)[0].sid == 0
    beyond = [_scored(2, 1.0)] * RERANK + [_scored(1, 0.9)]  # only the rules' best RERANK are read
    assert reordered(beyond, "Who was the Norse leader?", [], {}, matcher=matcher, stored=stored)[-1].sid == 1
    alone = [_scored(2, 1.0)]
    assert reordered(alone, "Who was the Norse leader?", [], {}, matcher=matcher, stored=stored) == alone


def test_with_the_ranker_on_too_both_terms_order_the_sentences_in_one_sort() -> None:
    matcher, ranker = Matcher(SHIPPED), Ranker(REPO / "models" / "ranker")
    stored = _stored(matcher, TEXTS)
    sentences = [Sentence("normandy", 0, len(t), t) for t in CANDIDATES]
    articles = {"normandy": Article("normandy", "Normandy", " ".join(CANDIDATES))}
    question = "Who was the Norse leader?"
    q = matcher.question(question)
    logits = ranker.scores(question, TEXTS)
    for scores in ([1.0, 0.99, 0.98], [1.2, 1.0, 1.05]):
        ranked = [_scored(i, v) for i, v in enumerate(scores)]
        both = [scores[i] + MATCH_WEIGHT * score(q, stored.of(i)) + WEIGHT * float(logits[i]) for i in range(3)]
        moved = reordered(ranked, question, sentences, articles, ranker=ranker, matcher=matcher, stored=stored)
        assert [r.sid for r in moved] == sorted(range(3), key=lambda i: -both[i])


def test_an_index_keeps_its_sentence_vectors_and_makes_them_again_for_another_matcher(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    matcher = Matcher(SHIPPED)
    made = matcher_vectors(matcher, tmp_path, TEXTS)
    where = tmp_path / STORED / matcher.fingerprint  # a folder a matcher: another's stays beside it
    assert (where / "vectors.npy").is_file() and len(made.offsets) == 4
    assert np.allclose(made.of(1), matcher.vectors(TEXTS[1:2])[0], atol=2e-3)  # stored as float16
    again = matcher_vectors(matcher, tmp_path, TEXTS)
    assert isinstance(again.vectors, np.memmap)  # read back, not made again
    meta = where / "meta.json"
    for other in ({"format": STORED_FORMAT, "matcher": "another"}, {"format": 0, "matcher": matcher.fingerprint}):
        meta.write_text(json.dumps({**other, "sentences": 3}), encoding="utf-8")
        assert not isinstance(matcher_vectors(matcher, tmp_path, TEXTS).vectors, np.memmap)  # another matcher's
    assert json.loads(meta.read_text(encoding="utf-8"))["matcher"] == matcher.fingerprint
    assert len(matcher_vectors(matcher, tmp_path, TEXTS[:2]).offsets) == 3  # another count of sentences
    meta.write_text("[]", encoding="utf-8")  # not a meta at all
    assert len(matcher_vectors(matcher, tmp_path, TEXTS).offsets) == 4
    (where / "vectors.npy").write_bytes(b"damaged")
    assert len(matcher_vectors(matcher, tmp_path, TEXTS).offsets) == 4  # a damaged file is made again
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the index's folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        kept = matcher_vectors(matcher, blocked, TEXTS)  # cannot be written: kept in memory, said once
    assert len(kept.offsets) == 4 and "kept in memory" in caplog.text


def test_the_engine_matches_only_when_qabot_matcher_names_it(real_settings: Settings, real_engine: Engine) -> None:
    assert Settings.from_env({}, dotenv=None).matcher is None  # off by default: it loses answers on the news sets
    assert real_engine.matcher is None and real_engine._state.matcher_vectors is None
    assert Settings.from_env({"QABOT_MATCHER": "off"}, dotenv=None).matcher is None
    assert Settings.from_env({"QABOT_MATCHER": str(SHIPPED)}, dotenv=None).matcher == SHIPPED
    engine = Engine.from_settings(real_settings.with_(matcher=SHIPPED))
    assert isinstance(engine.matcher, Matcher) and engine._state.matcher_vectors is not None
    answer = engine.answer("When was the Seoul concert?")
    assert not answer.abstained and "5 December 2025" in (answer.text or "")
    assert (engine.index.path / STORED / engine.matcher.fingerprint / "vectors.npy").is_file()  # kept with the index
    with pytest.raises(ModelError, match="QABOT_MATCHER"):
        Engine.from_settings(real_settings.with_(matcher=REPO / "no-such-matcher"))


def test_qabot_build_stores_the_vectors_when_qabot_matcher_is_set(monkeypatch: pytest.MonkeyPatch,
                                                                   real_settings: Settings,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main
    from bot.index.store import load_index

    stored = load_index(real_settings.index_dir).path / STORED
    fingerprint = Matcher(SHIPPED).fingerprint
    shutil.rmtree(stored, ignore_errors=True)
    monkeypatch.setenv("QABOT_CORPUS_DIR", str(real_settings.corpus_dir))
    monkeypatch.setenv("QABOT_INDEX_DIR", str(real_settings.index_dir))
    assert main(["build"]) == 0 and "up to date" in capsys.readouterr().out
    assert not stored.exists()  # off: nothing made
    monkeypatch.setenv("QABOT_MATCHER", str(SHIPPED))
    assert main(["build"]) == 0 and "up to date" in capsys.readouterr().out
    assert json.loads((stored / fingerprint / "meta.json").read_text(encoding="utf-8"))["sentences"] == \
        len(load_index(real_settings.index_dir).sentences)


def test_a_few_training_steps_give_an_onnx_matcher_and_the_same_seed_the_same_one(tmp_path: Path) -> None:
    train = tmp_path / "train.json"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")

    def args(name: str, work: str) -> list[str]:
        return ["--train", str(train), "--work", str(tmp_path / work), "--out", str(tmp_path / name), "--questions",
                "8", "--group", "3", "--max-steps", "2", "--batch", "1", "--threads", "1", "--checkpoint-every", "1"]

    def run(name: str, work: str) -> Path:
        subprocess.run([sys.executable, str(SCRIPT), *args(name, work)], check=True, capture_output=True)
        return tmp_path / name

    (tmp_path / "matcher").mkdir()
    (tmp_path / "matcher" / "README.md").write_text("# the card someone wrote\n", encoding="utf-8")
    out = run("matcher", "work-matcher")
    assert (out / "README.md").read_text(encoding="utf-8") == "# the card someone wrote\n"  # kept by retraining
    card = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert card["training"]["steps"] == 2 and card["training"]["questions"] >= 2
    assert card["shipped"] == "int8" and card["held_out_hit_at_1"] == {}  # no held-out articles: int8, unmeasured
    first = Matcher(out)
    vectors = first.vectors(TEXTS)
    assert [v.shape for v in vectors] == [(len(first.pieces.tokens(t).ids), 64) for t in TEXTS]
    # stopped in its second step, then run again: it resumes from the first step's checkpoint
    assert stopped_run(SCRIPT, args("resumed", "work-stopped"), after=1) == STOPPED_CODE
    assert not (tmp_path / "resumed").exists()
    for again in (run("resumed", "work-stopped"), run("again", "work-again")):  # resumed mid-run; from scratch
        assert all((a == b).all() for a, b in zip(vectors, Matcher(again).vectors(TEXTS), strict=True))
