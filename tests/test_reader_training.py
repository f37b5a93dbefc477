"""The reader's training in miniature: a few steps on a tiny SQuAD slice, exported to ONNX and run without
torch through the same windows the engine uses; and the pieces the training is made of."""

import json
from pathlib import Path

import pytest

from bot.reader.model import Reader
from bot.reader.squad import SquadQuestion, held_out_titles, normalize_answer, squad_f1, squad_questions
from bot.reader.train import base_model_dir, label, main
from bot.reader.windows import WordPieces

from .squad_helpers import NORMANDY, normandy_squad

SQUAD = normandy_squad()


@pytest.fixture(scope="module")
def pieces() -> WordPieces:
    return WordPieces(base_model_dir() / "tokenizer.json")


def test_labels_point_at_the_answer_tokens(pieces: WordPieces) -> None:
    context = NORMANDY
    passage = pieces.tokens(context)
    (window,) = pieces.windows(pieces.tokens("Who was the Norse leader?"), passage)
    start, end = label(window, passage, context.index("Rollo"), context.index("Rollo") + 5)
    shift = window.start - window.first
    a, b = passage.offsets[start + shift][0], passage.offsets[end + shift][1]
    assert context[a:b] == "Rollo"


def test_long_passages_are_read_in_overlapping_windows(pieces: WordPieces) -> None:
    passage = pieces.tokens("word " * 500)
    windows = pieces.windows(pieces.tokens("a question?"), passage, max_tokens=128, overlap=32)
    assert len(windows) > 4 and all(len(w.ids) <= 128 for w in windows)
    assert windows[-1].start + windows[-1].count == len(passage.ids)
    assert all(b.start < a.start + a.count for a, b in zip(windows, windows[1:], strict=False))  # they overlap


def test_official_squad_normalisation() -> None:
    assert normalize_answer("The  Norse-leader, Rollo!") == "norseleader rollo"
    assert squad_f1("the Norse leader Rollo", "Rollo") == pytest.approx(2 * (1 / 3) / (1 + 1 / 3))


def test_an_answer_whose_offset_misses_its_text_is_moved_to_it_or_dropped(caplog: pytest.LogCaptureFixture) -> None:
    def answers(*given: tuple[str, int], placed_only: bool = True) -> list[tuple[tuple[str, int], ...]]:
        qas = [{"id": "1", "question": "Who?", "answers": [{"text": t, "answer_start": at} for t, at in given]}]
        data = {"data": [{"title": "N", "paragraphs": [{"context": NORMANDY, "qas": qas}]}]}
        return [q.answers for q in squad_questions(data, placed_only)]

    right = NORMANDY.index("Rollo")
    assert answers(("Rollo", right)) == [(("Rollo", right),)] and not caplog.records
    assert answers(("Rollo", right - 11), ("Sweden", 3)) == [(("Rollo", right),)]  # the fixture's old offset
    assert "1 moved to where it stands, 1 not in their paragraph (dropped)" in caplog.text
    assert answers(("Rollo", -6)) == [(("Rollo", right),)]  # a negative offset is no place in the text
    # the nearest "the" standing as a word ("the 10th"), not the start of "their" beside the offset
    assert answers(("the", NORMANDY.index("their") + 1)) == [(("the", NORMANDY.index("the 10th")),)]
    assert answers(("Sweden", 3)) == [] and answers(("", 5)) == []  # skipped, not read as unanswerable
    assert "answerable questions left with none, skipped: 1" in caplog.text
    assert answers(("Sweden", 3), placed_only=False) == [(("Sweden", 3),)]  # an evaluation keeps the text as given


def test_held_out_articles_include_unanswerable_questions() -> None:
    qs = [SquadQuestion(str(i), t, "c", "q?", () if t.startswith("u") else (("a", 0),))
          for i, t in enumerate(["u1", "u2", "u3", "u4", *(f"a{n}" for n in range(20))])]
    held = held_out_titles(qs)
    assert len(held) == 5 and len({t for t in held if t.startswith("u")}) == 3
    assert held_out_titles(qs[:10]) == set()  # a slice too small to split


def test_a_few_training_steps_give_an_onnx_reader_that_runs_without_torch(tmp_path: Path) -> None:
    train = tmp_path / "train.json"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")
    out = tmp_path / "reader"
    args = ["--train", str(train), "--measure", str(train), "--out", str(out), "--work", str(tmp_path / "work"),
            "--max-steps", "2", "--batch", "2", "--epochs", "2", "--max-tokens", "96", "--overlap", "16",
            "--perturbed-unanswerable", "1.0", "--synthetic-unanswerable", "1.0", "--round-base",
            "--code-switch", "0.5"]
    assert main(args) == 0
    card = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert card["training"]["steps"] == 2 and card["shipped"] in ("int8", "fp32")
    assert card["perturbed_unanswerable"] == 1.0 and card["round_base"] and "made_unanswerable" in card["training"]
    assert card["code_switch"] == 0.5  # some questions in Korean or Japanese words (bot/reader/code_switch.py)
    reader = Reader(out)
    readings = reader.read("Who was the Norse leader?", ["They were led by Rollo.", ""])
    assert len(readings) == 2 and readings[0].span is not None and readings[1].span is None
    assert 0 <= readings[0].span.start < readings[0].span.end <= len("They were led by Rollo.")
    # resuming from the last checkpoint trains nothing more and gives the same export
    assert main(args) == 0
    # the same seed in another folder trains the same weights: the same logits
    again = [a if a != str(tmp_path / "work") else str(tmp_path / "again") for a in args]
    again[again.index(str(out))] = str(tmp_path / "reader2")
    assert main(again) == 0
    feeds = reader.pieces.windows(reader.pieces.tokens("Who led?"), reader.pieces.tokens("They were led by Rollo."))
    from bot.reader.windows import batch

    first = reader.logits(batch(feeds, reader.pieces.pad))
    second = Reader(tmp_path / "reader2").logits(batch(feeds, reader.pieces.pad))
    assert all((a == b).all() for a, b in zip(first, second, strict=True))


def test_the_shipped_reader_reads_back_into_the_weights_it_was_exported_from(tmp_path: Path) -> None:
    """bot/reader/unpack.py: the int8 export as a transformers model gives the export's logits (up to the int8
    rounding of the activations) and the same best span."""
    import numpy as np
    import torch
    from transformers import AutoModelForQuestionAnswering

    from bot.reader.unpack import unpack
    from bot.reader.windows import batch, best_span

    shipped = Path(__file__).resolve().parents[1] / "models" / "reader"
    folder = unpack(shipped, base_model_dir(), tmp_path / "unpacked")
    model = AutoModelForQuestionAnswering.from_pretrained(folder).eval()
    reader = Reader(shipped)
    context = NORMANDY
    feeds = batch(reader.pieces.windows(reader.pieces.tokens("Who was the Norse leader?"),
                                        reader.pieces.tokens(context)), reader.pieces.pad)
    start, end = reader.logits(feeds)
    with torch.no_grad():
        out = model(**{k: torch.tensor(v) for k, v in feeds.items()})
    for onnx_logits, torch_logits in ((start, out.start_logits.numpy()), (end, out.end_logits.numpy())):
        assert np.abs(onnx_logits - torch_logits).max() < 0.1 * np.ptp(onnx_logits)
    passage = reader.pieces.tokens(context)
    (window,) = reader.pieces.windows(reader.pieces.tokens("Who was the Norse leader?"), passage)
    exported = best_span(start[0], end[0], window, passage)
    read_back = best_span(out.start_logits.numpy()[0], out.end_logits.numpy()[0], window, passage)
    assert exported is not None and read_back is not None
    assert (read_back.start, read_back.end) == (exported.start, exported.end)
    assert context[exported.start:exported.end] == "Rollo"


def test_training_goes_on_from_a_shipped_reader_with_another_file_beside(tmp_path: Path) -> None:
    train = tmp_path / "train.json"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")
    out = tmp_path / "reader"
    shipped = Path(__file__).resolve().parents[1] / "models" / "reader"
    args = ["--train", str(train), "--also", str(train), "--sample", "2", "--from-reader", str(shipped),
            "--out", str(out), "--work", str(tmp_path / "work"), "--max-steps", "1", "--batch", "2",
            "--max-tokens", "96", "--overlap", "16", "--perturbed-unanswerable", "0", "--fp32"]
    assert main(args) == 0
    card = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert card["from_reader"] == str(shipped) and card["also"] == [str(train)]
    assert card["base"].endswith("from-reader") and not card["round_base"]  # the shipped reader's weights, as they are
    assert card["training"]["sampled"] == 2 and card["training"]["questions"] == 2 + 3  # and the other file's three
    context = NORMANDY
    (reading,) = Reader(out).read("Who was the Norse leader?", [context])
    assert reading.span is not None and context[reading.span.start:reading.span.end] == "Rollo"  # it still reads
