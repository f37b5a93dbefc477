"""Train the sentence ranker: a cross-encoder scoring how likely a sentence holds a question's answer, fine-tuned
from the shipped reader's own weights (read back by bot/reader/unpack.py) on candidates the engine's rules ranked.

The candidates file (JSON lines, one question each: {"question", "answerable", "candidates": [{"text", "label"}]},
written by scripts/train_ranker.py) holds, for each training question, the rules' best sentences, each labelled by
whether it holds an acceptable answer. Each step reads a few questions' candidates; the loss is a sigmoid
cross-entropy on every candidate (how likely it holds the answer) plus, for an answerable question, a softmax over its
candidates (which of them does). Deterministic for a seed, checkpointed and resumable, with a progress bar; exported
to ONNX, int8 when it costs at most a point of hit@1 on the held-out candidates. Needs torch and transformers, which
only training uses; answering runs the export with onnxruntime (bot/reader/ranker.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .export import quantize
from .model import TOKENIZER
from .ranker import FORMAT, GRAPH, MAX_QUESTION, MAX_TOKENS, META, Ranker
from .train import QUANTIZE_MAX_DROP, finish, run_steps, seed_all, ship
from .windows import WordPieces, batch, pairs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Group:
    """One question and its candidate sentences (each "title. sentence"), labelled."""

    question: str
    texts: tuple[str, ...]
    labels: tuple[bool, ...]

    @property
    def answerable(self) -> bool:
        return any(self.labels)


def load_groups(path: Path, size: int) -> list[Group]:
    """The candidates file's questions, `size` candidates each at most; an answerable question whose answer none of
    them holds is left out (nothing to rank it up to), an unanswerable one is kept (every candidate is wrong)."""
    found: list[Group] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cands = row["candidates"][:size]
        if len(cands) < 2 or (row["answerable"] and not any(c["label"] for c in cands)):
            continue
        found.append(Group(row["question"], tuple(c["text"] for c in cands), tuple(bool(c["label"]) for c in cands)))
    return found


def chosen(groups: Sequence[Group], questions: int, seed: int) -> list[Group]:
    """Every unanswerable question and answerable ones drawn with the seed, `questions` in all, shuffled."""
    order = list(groups)
    random.Random(seed).shuffle(order)
    unanswerable = [g for g in order if not g.answerable]
    picked = unanswerable + [g for g in order if g.answerable][: max(0, questions - len(unanswerable))]
    random.Random(seed + 1).shuffle(picked)
    return picked


def group_loss(logits: Any, labels: Any, owners: Sequence[int], count: int) -> Any:
    """Sigmoid cross-entropy on every candidate, plus a softmax over each answerable question's candidates."""
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
    owner = torch.tensor(list(owners))
    listwise = []
    for g in range(count):
        mine, right = logits[owner == g], labels[owner == g]
        if right.sum() > 0:
            listwise.append(torch.logsumexp(mine, 0) - torch.logsumexp(mine[right > 0], 0))
    return loss + torch.stack(listwise).mean() if listwise else loss


def train(args: argparse.Namespace) -> Path:
    """Fine-tune and save the final weights as a transformers folder under args.work/final; returns it."""
    import torch
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    pieces = WordPieces(Path(args.base) / TOKENIZER)
    groups = chosen(load_groups(Path(args.candidates), args.group), args.questions, args.seed)
    steps = len(groups) // args.batch
    if args.max_steps:
        steps = min(steps, args.max_steps)
    log.info("%d questions (%d unanswerable), %d steps of %d questions", len(groups),
             sum(not g.answerable for g in groups), steps, args.batch)
    seed_all(args.seed)
    model = AutoModelForSequenceClassification.from_pretrained(args.base, num_labels=1, dtype=torch.float32)
    config = {**{k: getattr(args, k) for k in ("candidates", "base", "seed", "questions", "group", "batch", "lr",
                                               "max_steps", "fp32")},
              "groups": len(groups), "labels": sum(sum(g.labels) for g in groups)}  # what the file held

    def loss_at(step: int) -> Any:
        chunk = groups[step * args.batch:(step + 1) * args.batch]
        made = [(g, w, label) for g, group in enumerate(chunk)
                for w, label in zip(pairs(pieces, group.question, group.texts, MAX_TOKENS, MAX_QUESTION), group.labels,
                                    strict=True)]
        feeds = {k: torch.from_numpy(v) for k, v in batch([w for _, w, _ in made], pieces.pad).items()}
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.fp32):
            logits = model(**feeds).logits[:, 0].float()
        labels = torch.tensor([float(label) for _, _, label in made])
        return group_loss(logits, labels, [g for g, _, _ in made], len(chunk))

    started = time.perf_counter()
    run_steps(model, args, config, steps, "training ranker", loss_at)
    final = work / "final"
    model.save_pretrained(final)
    return finish(final, args.base, {"steps": steps, "questions": len(groups),
                                     "unanswerable": sum(not g.answerable for g in groups),
                                     "seconds_this_run": round(time.perf_counter() - started, 1)})

def export(final: Path, out: Path) -> Path:
    """final/ (transformers weights) -> out/ranker.onnx (fp32) with its tokenizer and meta; returns out."""
    import warnings

    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(final, attn_implementation="eager").eval()

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    out.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in names)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Logits().eval(), example, str(out / GRAPH), dynamo=False, input_names=names,
                          output_names=["logits"], opset_version=17,
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}})
    shutil.copyfile(final / TOKENIZER, out / TOKENIZER)
    meta = {"format": FORMAT, "max_tokens": MAX_TOKENS, "max_question": MAX_QUESTION, "precision": "fp32"}
    (out / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


def hit_at_1(ranker: Ranker, groups: Sequence[Group]) -> float:
    """How often the ranker's best candidate holds the answer, over answerable questions (the ranker alone, not the
    engine's blend with the rules' scores)."""
    answerable = [g for g in groups if g.answerable]
    right = sum(g.labels[int(np.argmax(ranker.scores(g.question, g.texts)))] for g in answerable)
    return right / len(answerable) if answerable else 0.0


def ship_chosen(fp32: Path, work: Path, out: Path, graph: str, meta: str,
                hit: Callable[[Path], float] | None) -> tuple[str, dict[str, float]]:
    """Quantize the fp32 export to int8, measure both by `hit` (hit@1 on held-out candidates; None in a smoke run
    without them: int8 is shipped unmeasured) and ship int8 to `out` unless it is more than QUANTIZE_MAX_DROP below
    fp32; returns what was shipped and the figures (the ranker's and the sentence matcher's trainers)."""
    int8 = quantize(fp32, work / "int8", graph=graph, meta=meta)
    figures = {name: round(hit(d), 4) for name, d in (("fp32", fp32), ("int8", int8))} if hit else {}
    pick = "int8" if not figures or figures["int8"] >= figures["fp32"] - QUANTIZE_MAX_DROP else "fp32"
    ship(work / pick, out)
    return pick, figures


def add_common(p: argparse.ArgumentParser, out: str, work: str) -> None:
    """The arguments the ranker's and the sentence matcher's trainers share."""
    p.add_argument("--candidates", required=True, help="the candidates file to train on (the trainer's script)")
    p.add_argument("--held-out", default=None, help="a candidates file of questions not trained on: int8 or fp32 "
                                                    "is chosen on it")
    p.add_argument("--out", default=out)
    p.add_argument("--work", default=work)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--max-steps", type=int, default=0, help="stop after N steps (smoke runs)")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--fp32", action="store_true", help="train without bf16 autocast")
    p.add_argument("--restart", action="store_true", help="ignore an existing checkpoint")
    p.add_argument("--checkpoint-every", type=int, default=100, metavar="STEPS")


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="train_ranker", description=__doc__.splitlines()[0])
    add_common(p, "models/ranker", ".cache/ranker-train")
    p.add_argument("--base", required=True, help="transformers folder to start from (the reader read back)")
    p.add_argument("--questions", type=int, default=8000, help="questions trained on (every unanswerable one, "
                                                               "answerable ones drawn with the seed)")
    p.add_argument("--group", type=int, default=5, help="candidates read with each question")
    p.add_argument("--batch", type=int, default=8, help="questions a step")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None, described: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train, export, choose int8 or fp32 and write the card (`described` overrides its entries); returns it."""
    args = parse(argv)
    started = time.perf_counter()
    final = train(args)
    trained_s = time.perf_counter() - started
    held = load_groups(Path(args.held_out), args.group) if args.held_out else []
    out = Path(args.out)
    pick, figures = ship_chosen(export(final, Path(args.work) / "fp32"), Path(args.work), out, GRAPH, META,
                                (lambda d: hit_at_1(Ranker(d), held)) if held else None)
    card = {"base": args.base, "candidates": args.candidates, "held_out": args.held_out, "seed": args.seed,
            "questions": args.questions, "group": args.group, "batch": args.batch, "lr": args.lr,
            "training": json.loads((final / "training.json").read_text(encoding="utf-8")),
            "train_seconds": round(trained_s, 1), "shipped": pick, "held_out_hit_at_1": figures, **(described or {})}
    (out / "training.json").write_text(json.dumps(card, indent=1), encoding="utf-8")
    return card
