"""The tuned retrieval encoder: its change put together with the bundled weights (exactly, without torch, again
when it changes, with a clear error when it cannot be), and its training in miniature."""

import json
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file, save_file

from bot.errors import ModelError
from bot.index import tuned
from bot.index.embedding import resolve_model
from bot.reader.squad import SquadQuestion
from bot.reader.train_encoder import main, triples


def _base(folder: Path) -> Path:
    folder.mkdir()
    save_file({"encoder.w": np.arange(12, dtype=np.float32).reshape(3, 4), "encoder.b": np.ones(3, np.float32),
               "embeddings.x": np.zeros(2, np.float32)}, str(folder / tuned.WEIGHTS))
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text("{}", encoding="utf-8")
    return folder


def _change(folder: Path, scale: float = 0.5, extra: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    a = np.array([[1.0], [2.0], [0.0]], np.float16)
    b = np.array([[1.0, 0.0, -1.0, 0.5]], np.float16)
    tensors = {"encoder.w.a": a, "encoder.w.b": b, "encoder.b.d": np.array([1.0, 2.0, 3.0], np.float16)}
    if extra:
        tensors[f"{extra}.d"] = np.zeros(1, np.float16)
    save_file(tensors, str(folder / tuned.DELTA))
    (folder / tuned.CARD).write_text(json.dumps({"scale": scale, "rank": 1}), encoding="utf-8")
    return folder


def test_the_change_is_added_to_the_bundled_weights(tmp_path: Path) -> None:
    base, change = _base(tmp_path / "base"), _change(tmp_path / "change")
    out = tuned.assembled(base, change, tmp_path / "whole")
    got = load_file(str(out / tuned.WEIGHTS))
    w = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.testing.assert_array_equal(got["encoder.w"], w + 0.5 * np.array([[1], [2], [0]]) @ np.array([[1, 0, -1, .5]]))
    np.testing.assert_array_equal(got["encoder.b"], [1.5, 2.0, 2.5])
    np.testing.assert_array_equal(got["embeddings.x"], [0, 0])  # not in the change: as bundled
    assert (out / "config.json").is_file() and (out / "1_Pooling" / "config.json").is_file()
    assert json.loads((out / tuned.MADE_FROM).read_text(encoding="utf-8"))["delta"]


def test_it_is_made_once_and_again_when_the_change_changes(tmp_path: Path) -> None:
    base, change = _base(tmp_path / "base"), _change(tmp_path / "change")
    out = tuned.assembled(base, change, tmp_path / "whole")
    stamp = (out / tuned.WEIGHTS).stat().st_mtime_ns
    assert tuned.assembled(base, change, tmp_path / "whole") == out
    assert (out / tuned.WEIGHTS).stat().st_mtime_ns == stamp  # not rewritten
    _change(change, scale=1.0)
    tuned.assembled(base, change, tmp_path / "whole")
    np.testing.assert_array_equal(load_file(str(out / tuned.WEIGHTS))["encoder.b"], [2.0, 3.0, 4.0])
    assert not list(tmp_path.glob(".tmp-*"))


def test_the_card_s_figures_can_be_rewritten_without_a_rebuild(tmp_path: Path) -> None:
    base, change = _base(tmp_path / "base"), _change(tmp_path / "change")
    out = tuned.assembled(base, change, tmp_path / "whole")
    stamp = (out / tuned.WEIGHTS).stat().st_mtime_ns
    (change / tuned.CARD).write_text(json.dumps({"scale": 0.5, "rank": 1, "figures": {"hit@1": 0.7}}),
                                     encoding="utf-8")
    assert (tuned.assembled(base, change, tmp_path / "whole") / tuned.WEIGHTS).stat().st_mtime_ns == stamp


@pytest.mark.parametrize("spoil", ["missing", "corrupt", "foreign", "lone factor", "wrong shape", "no scale"])
def test_a_bad_change_is_a_clear_error_that_leaves_nothing_behind(tmp_path: Path, spoil: str) -> None:
    base, change = _base(tmp_path / "base"), _change(tmp_path / "change")
    if spoil == "missing":
        (change / tuned.DELTA).unlink()
    elif spoil == "corrupt":  # a git-lfs pointer, say
        (change / tuned.DELTA).write_text("version https://git-lfs.github.com/spec/v1\n", encoding="utf-8")
    elif spoil == "foreign":
        _change(change, extra="encoder.layer.99.w")
    elif spoil == "lone factor":
        save_file({"encoder.w.a": np.ones((3, 1), np.float16)}, str(change / tuned.DELTA))
    elif spoil == "wrong shape":
        save_file({"encoder.w.d": np.ones(4, np.float16)}, str(change / tuned.DELTA))
    else:
        (change / tuned.CARD).write_text(json.dumps({"scale": None}), encoding="utf-8")
    with pytest.raises(tuned.TunedError, match="set QABOT_MODEL=all-MiniLM-L6-v2"):
        tuned.assembled(base, change, tmp_path / "whole")
    assert not (tmp_path / "whole").exists() and not list(tmp_path.glob(".tmp-*"))


def test_the_name_resolves_to_the_whole_shipped_model_and_errors_say_what_to_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name in (tuned.DELTA, tuned.CARD):
        (shipped / name).write_bytes((tuned.FOLDER / name).read_bytes())
    monkeypatch.setenv("QABOT_ENCODER_DELTA", str(shipped))
    whole = Path(resolve_model(tuned.NAME))
    assert whole == shipped / "assembled"
    assert (whole / tuned.WEIGHTS).is_file() and (whole / "modules.json").is_file()
    monkeypatch.setenv("QABOT_ENCODER_DELTA", str(tmp_path / "none"))
    with pytest.raises(ModelError, match="QABOT_MODEL=all-MiniLM-L6-v2"):
        resolve_model(tuned.NAME)


def test_triples_pair_a_question_with_its_sentence_and_another() -> None:
    context = "Rollo led the Norse raiders. They settled in Normandy. It is a region in France."
    q = SquadQuestion("1", "t", context, "Who led the raiders?", (("Rollo", 0),))
    ((question, gold, other),) = triples([q, SquadQuestion("2", "t", context, "Why?", ())], seed=1)
    assert question == "Who led the raiders?" and gold == "Rollo led the Norse raiders."
    assert other in ("They settled in Normandy.", "It is a region in France.")


def test_a_few_training_steps_write_a_change_that_loads(tmp_path: Path) -> None:
    context = ("The Normans gave their name to Normandy, a region in France. They were descended from Norse "
               "raiders. Their leader was Rollo.")
    asked = [("Where is Normandy?", "France"), ("Who led the Normans?", "Rollo")]
    qas = [{"id": str(i), "question": q, "is_impossible": False,
            "answers": [{"text": a, "answer_start": context.index(a)}]} for i, (q, a) in enumerate(asked)]
    squad = tmp_path / "train.json"
    squad.write_text(json.dumps({"version": "v2.0", "data": [{"title": "Normandy", "paragraphs": [
        {"context": context, "qas": qas}]}]}), encoding="utf-8")
    out = tmp_path / "encoder"
    assert main(["--train", str(squad), "--out", str(out), "--work", str(tmp_path / "work"), "--batch", "2",
                 "--max-steps", "1", "--lr", "1e-3"]) == 0
    card = json.loads((out / tuned.CARD).read_text(encoding="utf-8"))
    assert card["rank"] == 16 and card["training"]["steps"] == 1
    change = load_file(str(out / tuned.DELTA))
    assert not any(k.startswith("embeddings.") for k in change)
    assert any(np.abs(v.astype(np.float32)).max() > 0 for v in change.values())
    from sentence_transformers import SentenceTransformer

    whole = tuned.assembled(Path(resolve_model("all-MiniLM-L6-v2")), out, tmp_path / "whole")
    vectors = SentenceTransformer(str(whole), device="cpu").encode(["Who led the Normans?"], normalize_embeddings=True)
    assert vectors.shape == (1, 384) and np.isfinite(vectors).all()


def test_the_written_change_rebuilds_the_trained_weights(tmp_path: Path) -> None:
    """A change of rank 2 comes back whole through the rank-16 factors (in C order: safetensors writes the
    buffer as it lies, and the SVD's factors are in Fortran order)."""
    import torch

    from bot.reader.train_encoder import write_change

    name = "encoder.layer.0.attention.self.query.weight"
    bundled = Path(resolve_model("all-MiniLM-L6-v2"))
    base = torch.from_numpy(load_file(str(bundled / tuned.WEIGHTS))[name])
    rng = np.random.default_rng(0)
    change = torch.from_numpy((rng.normal(size=(384, 2)) @ rng.normal(size=(2, 384)) / 100).astype(np.float32))

    class Model:
        def __getitem__(self, _: int) -> object:
            return type("T", (), {"auto_model": type("A", (), {"state_dict": lambda s: {name: base + change}})()})()

    write_change(Model(), tmp_path / "change", rank=16, scale=1.0, card={})
    whole = load_file(str(tuned.assembled(bundled, tmp_path / "change", tmp_path / "whole") / tuned.WEIGHTS))
    np.testing.assert_allclose(whole[name], (base + change).numpy(), atol=2e-4)
