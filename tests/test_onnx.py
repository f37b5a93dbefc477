"""The ONNX question encoder: parity with sentence-transformers, selection and fallback, no torch on answers."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.config import DEFAULT_MODEL, Settings
from bot.index import encoders
from bot.index.build import build_index
from bot.index.embedding import SentenceTransformerEmbedder
from bot.index.export import build_embedder, ensure_onnx
from bot.index.exported import GRAPH, META, TOKENIZER, OnnxEmbedder, matching_export, model_fingerprint, onnx_dir
from bot.index.store import load_index

from .conftest import REPO
from .fakes import HashEmbedder

MODEL = DEFAULT_MODEL


@pytest.fixture(scope="module")
def exported(real_settings: Settings) -> Path:
    """The bundled model's export, which the session's real index made (tests copy it, never change it)."""
    return onnx_dir(real_settings.index_dir, MODEL)


def varied_texts() -> list[str]:
    """A few hundred texts: corpus sentences and pieces of them, long ones, other languages and scripts."""
    rng = random.Random(0)
    corpus = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.md")))
    words = corpus.split()
    texts = [" ".join(words[i:i + rng.randint(1, 40)]) for i in range(0, len(words), max(1, len(words) // 180))]
    texts += [" ".join(words[i:i + 400]) for i in (0, len(words) // 3, len(words) // 2)]  # past 256 tokens
    texts += ["word " * 600, "x" * 3000, "   padded with spaces   ", "a", "?", "12 345 678.90", "ÀÉÎÕÜ çñ ß",
              "Die Beziehungen zwischen Korea und Japan verbesserten sich im Jahr 1965 deutlich.",
              "Le concert a eu lieu à Séoul le 5 décembre pour célébrer l'anniversaire.",
              "El tratado se firmó en Tokio el 22 de junio de 1965.",
              "서울에서 열린 콘서트는 12월 5일에 한일 수교 60주년을 기념했다.",
              "東京タワーと南山ソウルタワーが同時にライトアップされた。",
              "首尔塔和东京塔在情人节同时亮灯。",
              "Договор об основных отношениях был подписан в Токио в 1965 году.",
              "تم توقيع المعاهدة في طوكيو عام ١٩٦٥",
              "emoji 🎹🎻 and symbols ∑ ∞ → ✓", "MiXeD CaSe QUESTION about SEOUL?", "tab\tand\nnewline"]
    texts += [" ".join(rng.sample(words, 12)) for _ in range(60)]
    return [t for t in texts if t.strip()]


@pytest.mark.model
def test_onnx_vectors_equal_sentence_transformers(st_embedder: SentenceTransformerEmbedder, exported: Path) -> None:
    texts = varied_texts()
    assert len(texts) >= 250
    onnx = OnnxEmbedder(exported, threads=2)
    reference = st_embedder.encode(texts)
    for batch in (1, 32):  # alone (as questions are) and padded in batches (as the benchmark does)
        ours = np.concatenate([onnx.encode(texts[i:i + batch]) for i in range(0, len(texts), batch)])
        assert ours.shape == reference.shape and ours.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        cosines = np.sum(ours * reference, axis=1)
        assert cosines.min() >= 0.999, texts[int(cosines.argmin())][:80]


@pytest.mark.model
def test_answering_imports_neither_torch_nor_sentence_transformers(
        settings: Settings, st_embedder: SentenceTransformerEmbedder, exported: Path, tmp_path: Path) -> None:
    build_index(settings, embedder=st_embedder)
    shutil.copytree(exported, onnx_dir(settings.index_dir, MODEL))
    script = (
        "import json, sys\n"
        "from bot.cli import main\n"
        "code = main(['ask', '--json', 'When was the concert in Seoul?'])\n"
        "heavy = ('torch', 'sentence_transformers', 'transformers', 'trafilatura')\n"
        "print(json.dumps({'code': code, 'loaded': [m for m in heavy if m in sys.modules]}))\n"
    )
    env = {**os.environ, "QABOT_INDEX_DIR": str(settings.index_dir), "QABOT_CORPUS_DIR": str(settings.corpus_dir),
           "QABOT_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    *answer_lines, last = done.stdout.strip().splitlines()
    assert json.loads(last) == {"code": 0, "loaded": []}
    assert "5 December 2025" in json.loads("\n".join(answer_lines))["answer"]


@pytest.mark.model
def test_query_embedder_picks_the_matching_export(settings: Settings, exported: Path) -> None:
    build_index(settings, embedder=HashEmbedder(dimension=384))
    shutil.copytree(exported, onnx_dir(settings.index_dir, MODEL))
    chosen = encoders.query_embedder(settings, load_index(settings.index_dir))
    assert isinstance(chosen, OnnxEmbedder) and chosen.dimension == 384


def _spins(embedder: object) -> str:
    assert isinstance(embedder, OnnxEmbedder)
    return embedder.session.get_session_options().get_session_config_entry("session.intra_op.allow_spinning")


@pytest.mark.model
def test_a_question_encoders_threads_sleep_and_a_builds_spin(settings: Settings, exported: Path) -> None:
    """Threads left spinning after a question took the CPU of the reader, which runs next (README, Speed): the
    question encoder of the engine (`query_embedder`) and of ask, chat and the Discord bot (`ensure_onnx`) sleep;
    building, batch after batch, spins."""
    build_index(settings, embedder=HashEmbedder(dimension=384))
    shutil.copytree(exported, onnx_dir(settings.index_dir, MODEL))
    assert _spins(encoders.query_embedder(settings, load_index(settings.index_dir))) == "0"
    assert _spins(ensure_onnx(settings)) == "0"
    assert _spins(build_embedder(settings)) == "1"


class FallbackEmbedder(HashEmbedder):
    def __init__(self, model: str) -> None:
        super().__init__(dimension=384, name=model)


def fake_export(directory: Path, **meta: object) -> None:
    directory.mkdir(parents=True)
    (directory / GRAPH).write_bytes(b"not a graph")
    (directory / TOKENIZER).write_text("{}")
    values = {"format": 1, "model": MODEL, "fingerprint": model_fingerprint(MODEL), "dimension": 384,
              "max_seq_length": 256, "pad_id": 0, "pad_token": "[PAD]", "inputs": ["input_ids"], **meta}
    (directory / META).write_text(json.dumps(values))


@pytest.fixture
def fallback(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> Settings:
    monkeypatch.setattr(encoders, "SentenceTransformerEmbedder", FallbackEmbedder)
    build_index(settings, embedder=HashEmbedder(dimension=384))
    return settings


def test_without_an_export_questions_use_sentence_transformers(fallback: Settings) -> None:
    assert matching_export(fallback.index_dir, MODEL, 384) is None
    assert isinstance(encoders.query_embedder(fallback, load_index(fallback.index_dir)), FallbackEmbedder)


@pytest.mark.parametrize("meta", [{"model": "other-model"}, {"dimension": 768}, {"fingerprint": "stale"},
                                  {"format": 99}])
def test_an_export_that_does_not_match_is_ignored(fallback: Settings, meta: dict[str, object]) -> None:
    fake_export(onnx_dir(fallback.index_dir, MODEL), **meta)
    assert matching_export(fallback.index_dir, MODEL, 384) is None
    assert isinstance(encoders.query_embedder(fallback, load_index(fallback.index_dir)), FallbackEmbedder)


def test_a_damaged_export_falls_back_instead_of_failing(fallback: Settings) -> None:
    fake_export(onnx_dir(fallback.index_dir, MODEL))
    assert matching_export(fallback.index_dir, MODEL, 384) is not None
    assert isinstance(encoders.query_embedder(fallback, load_index(fallback.index_dir)), FallbackEmbedder)
