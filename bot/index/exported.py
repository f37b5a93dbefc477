"""Question encoding without torch: the exported ONNX sentence-embedding graph run by onnxruntime.

The graph (written by bot/index/export.py at build time) takes token ids and returns pooled,
L2-normalised sentence embeddings; the model's own tokenizer.json is applied with the same maximum
sequence length and truncation as sentence-transformers. Importing this module loads neither torch
nor sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .embedding import resolve_model

META = "meta.json"
GRAPH = "model.onnx"
TOKENIZER = "tokenizer.json"
FORMAT = 1
# Measured on the 2-core machine with the 112 evaluation questions (README, "Speed"): two intra-op
# threads that spin while a question is encoded take 3.2 ms p50, against 4.3 ms without spinning and
# 5.5 ms on one thread. But the reader runs right after, and threads left spinning took its CPU: whole
# answers p95 36 -> 24 ms with them sleeping (README, "Speed"). So a question encoder's threads sleep after
# each question (an idle bot costs no CPU either); building, batch after batch, spins (build_embedder).
QUERY_THREADS = min(2, os.cpu_count() or 1)
SPIN = False
BUILD_BATCH = 8  # texts per onnxruntime call when embedding passages (sorted by length first; measured)


def onnx_dir(index_dir: Path, model: str) -> Path:
    """Where the exported graph for `model` lives: a cache beside the index versions, keyed by model."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("_") or "model"
    return index_dir / "onnx" / slug


def model_fingerprint(model: str) -> str:
    """A cheap identity of the model's files: names, sizes and the small config files' contents."""
    path = Path(resolve_model(model))
    digest = hashlib.sha256(model.encode())
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            rel = file.relative_to(path).as_posix()
            digest.update(f"{rel}:{file.stat().st_size}\n".encode())
            if file.suffix == ".json" and file.stat().st_size < 1_000_000:
                digest.update(file.read_bytes())
    return digest.hexdigest()


def read_meta(directory: Path) -> dict[str, Any] | None:
    """The export's meta.json, or None when there is no complete export there."""
    try:
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        return None
    if not (directory / GRAPH).is_file() or not (directory / TOKENIZER).is_file():
        return None
    return meta


def matching_export(index_dir: Path, model: str, dimension: int | None) -> Path | None:
    """The export directory for `model` when it exists and was made from these model files."""
    directory = onnx_dir(index_dir, model)
    meta = read_meta(directory)
    if meta is None or meta.get("model") != model:
        return None
    if dimension is not None and meta.get("dimension") != dimension:
        return None
    if meta.get("fingerprint") != model_fingerprint(model):
        return None
    return directory


class OnnxEmbedder:
    """The Embedder protocol over an exported graph: same vectors as sentence-transformers, no torch."""

    def __init__(self, directory: Path, threads: int = QUERY_THREADS, batch_size: int = BUILD_BATCH,
                 spin: bool = SPIN) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = read_meta(directory)
        if meta is None:
            raise ModelError(f"No exported ONNX model in {directory}. Run `qabot build` to export it.")
        self.name: str = meta["model"]
        self.dimension: int = int(meta["dimension"])
        self.max_seq_length: int = int(meta["max_seq_length"])
        self.do_lower_case: bool = bool(meta.get("do_lower_case", False))
        self.input_names: list[str] = list(meta["inputs"])
        self.batch_size = batch_size
        self.threads = max(1, threads)
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
        options.log_severity_level = 3
        try:
            self.tokenizer = Tokenizer.from_file(str(directory / TOKENIZER))
            self.session = ort.InferenceSession(str(directory / GRAPH), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - a damaged export means the same to the user
            raise ModelError(f"The exported ONNX model in {directory} cannot be loaded ({type(exc).__name__}). "
                             "Run `qabot build --force` to export it again.") from exc
        self.tokenizer.enable_truncation(self.max_seq_length, strategy="longest_first")
        self.tokenizer.enable_padding(pad_id=int(meta["pad_id"]), pad_token=str(meta["pad_token"]))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, dimension) float32 array with unit-length rows (run in batches of similar length)."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            ids = order[start:start + self.batch_size]
            out[ids] = self._run([texts[i] for i in ids])
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        prepared = [t.strip().lower() if self.do_lower_case else t.strip() for t in texts]
        encodings = self.tokenizer.encode_batch(prepared)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        (vectors,) = self.session.run(None, {name: feeds[name] for name in self.input_names})
        return np.asarray(vectors, dtype=np.float32)
