"""qabot: answers questions from a collection of articles, with cited snippets."""

__version__ = "0.1.0"
