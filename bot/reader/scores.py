"""How well a reader reads: span EM and F1 on the gold paragraph, and how well its "no answer" margin separates
unanswerable questions (AUC). Chooses int8 or fp32 in training and fills the card's figures."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .model import Reader
from .squad import SquadQuestion, squad_em, squad_f1


def span_scores(reader: Reader, questions: Sequence[SquadQuestion]) -> dict[str, float]:
    """Reading the gold paragraph: EM and F1 of the best span on answerable questions, and how well the
    no-answer margin alone separates the unanswerable ones (best accuracy over thresholds, and its AUC)."""
    em = f1 = 0.0
    answerable = 0
    margins: list[tuple[float, bool]] = []
    for q in questions:
        (reading,) = reader.read(q.question, [q.context])
        margins.append((reading.margin, bool(q.answers)))
        if not q.answers:
            continue
        answerable += 1
        guess = q.context[reading.span.start:reading.span.end] if reading.span else ""
        golds = [t for t, _ in q.answers]
        em += max(squad_em(guess, g) for g in golds)
        f1 += max(squad_f1(guess, g) for g in golds)
    return {"answerable": answerable, "span_em": round(em / max(1, answerable), 4),
            "span_f1": round(f1 / max(1, answerable), 4), "null_auc": round(_auc(margins), 4)}


def _auc(margins: list[tuple[float, bool]]) -> float:
    """Chance that an answerable question's margin is above an unanswerable one's."""
    pos = np.array([m for m, a in margins if a])
    neg = np.array([m for m, a in margins if not a])
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = np.argsort(np.argsort(np.concatenate([pos, neg]))) + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))
