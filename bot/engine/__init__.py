"""The answer engine: reading the question, retrieval, scoring, the reader, answer composition.

It imports nothing from the adapters (discord, cli) or the tools (evaluation, bench): .importlinter."""

from .engine import Engine

__all__ = ["Engine"]
