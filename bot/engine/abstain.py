"""Whether to answer: the reader's scores and the rules' confidence, joined by a logistic model fitted on
questions no one measures on (held-out SQuAD training articles and the committed tune splits), so the bot
abstains on questions its sources do not answer, also on articles nobody tuned for."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

FEATURES = ("margin", "span_score", "confidence", "names_ok")
CALIBRATION = "abstain.json"  # beside the reader it was fitted for


@dataclass(frozen=True)
class Evidence:
    """What the decision sees of one answer."""

    margin: float  # reader: best span score minus its passage's "no answer" score
    span_score: float  # reader: start + end logit of the span
    confidence: float  # the rules' confidence (answer.confidence), names and phrase factors included
    names_ok: bool  # the sources use every name the question does

    def vector(self) -> list[float]:
        return [self.margin, self.span_score, self.confidence, float(self.names_ok)]


class Decides(Protocol):
    @property
    def threshold(self) -> float: ...

    def probability(self, e: Evidence) -> float: ...


@dataclass(frozen=True)
class Decision:
    """p(answerable) = sigmoid(bias + weights · features); answer when p >= threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    mean: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)  # features are standardised before weighting
    scale: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)

    def probability(self, e: Evidence) -> float:
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in zip(self.weights, e.vector(), self.mean, self.scale,
                                                                  strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, "mean": list(self.mean), "scale": list(self.scale)}


# Without a calibration beside the reader: answer when the reader prefers a span to "no answer" and the rules'
# confidence is not low.
DEFAULT = Decision((1.0, 0.0, 4.0, 1.0), -2.0, 0.5)


def load_decision(reader_dir: Path) -> Decision:
    """The calibrated decision stored beside a reader, or DEFAULT."""
    path = reader_dir / CALIBRATION
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if list(data["features"]) != list(FEATURES):
            return DEFAULT
        return Decision(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]),
                        tuple(float(m) for m in data["mean"]), tuple(float(s) for s in data["scale"]))
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT


def fit(evidence: Sequence[Evidence], answerable: Sequence[bool], weights: Sequence[float] | None = None,
        use: Sequence[str] = FEATURES, l2: float = 1e-2, steps: int = 3000, rate: float = 0.5) -> Decision:
    """A logistic regression on the features named in `use` (gradient descent on standardised features,
    L2-regularised), threshold 0.5; the others get weight 0."""
    import numpy as np

    keep = np.array([f in use for f in FEATURES], dtype=np.float64)
    x = np.array([e.vector() for e in evidence], dtype=np.float64) * keep
    y = np.array(answerable, dtype=np.float64)
    w_row = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    w_row = w_row / w_row.sum()
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = p - y
        w -= rate * (z.T @ (g * w_row) + l2 * w)
        b -= rate * float((g * w_row).sum())
    return Decision(tuple(round(float(v), 6) for v in w), round(b, 6), 0.5, tuple(round(float(v), 6) for v in mean),
                    tuple(round(float(v), 6) for v in scale))
