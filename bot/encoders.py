"""Choosing the question encoder for a loaded index."""

from __future__ import annotations

from .config import Settings
from .embedding import Embedder, SentenceTransformerEmbedder
from .store import IndexData


def query_embedder(settings: Settings, index: IndexData) -> Embedder:
    """The encoder for questions against `index`."""
    return SentenceTransformerEmbedder(settings.model)
