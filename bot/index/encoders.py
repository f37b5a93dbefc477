"""Choosing the question encoder for a loaded index."""

from __future__ import annotations

import logging

from ..config import Settings
from ..errors import ModelError
from .embedding import Embedder, SentenceTransformerEmbedder
from .store import IndexData

log = logging.getLogger(__name__)


def query_embedder(settings: Settings, index: IndexData) -> Embedder:
    """The encoder for questions against `index`: the exported ONNX graph when one matches the model
    and the index, else sentence-transformers (the source of truth, slower to import)."""
    from .e5 import E5Embedder, is_e5
    from .exported import OnnxEmbedder, matching_export

    if is_e5(settings.model):
        return E5Embedder(settings.model)  # its own C engine: nothing to export
    directory = matching_export(settings.index_dir, settings.model, index.manifest.get("dimension"))
    if directory is not None:
        try:
            return OnnxEmbedder(directory)  # its threads sleep after each question, as the reader's do
        except ModelError as exc:
            log.warning("%s Falling back to sentence-transformers.", exc)
    else:
        log.info("no matching ONNX export for %s; using sentence-transformers", settings.model)
    return SentenceTransformerEmbedder(settings.model)
