"""Train the sentence matcher: all-MiniLM-L6-v2 fine-tuned so that a question's word vectors find their matches in
the sentence that answers it (late interaction, as ColBERT), with a projection to fewer dimensions on top.

It learns from the same candidates file as the sentence ranker (bot/reader/train_ranker.py, written by
scripts/train_matcher.py): for each training question, the rules' best sentences labelled by whether each holds an
acceptable answer. Only answerable questions among whose first candidates some hold the answer and some do not are
trained on; the loss is a softmax over each question's candidates (which of them do). Deterministic for a seed,
checkpointed and resumable, with a progress bar; exported to ONNX, int8 when it costs at most a point of hit@1 on the
held-out candidates. Needs torch and transformers, which only training uses; answering runs the export with
onnxruntime (bot/reader/matcher.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .matcher import FORMAT, GRAPH, MAX_QUESTION, MAX_TOKENS, META, Matcher, score
from .model import TOKENIZER
from .train import finish, run_steps, seed_all
from .train_ranker import Group, add_common, load_groups, ship_chosen
from .windows import WordPieces, batch, single

log = logging.getLogger(__name__)

SHARPNESS = 20.0  # the softmax reads scores (a mean cosine, at most 1) times this


def trained_on(groups: Sequence[Group], questions: int, seed: int) -> list[Group]:
    """The answerable questions whose candidates are not all right, `questions` of them drawn with the seed."""
    order = [g for g in groups if g.answerable and not all(g.labels)]
    random.Random(seed).shuffle(order)
    return order[:questions] if questions else order


def build_model(base: str, dim: int) -> Any:
    """The base encoder with a linear projection to `dim`; forward gives unit-length vectors of every word piece."""
    import torch
    from transformers import AutoModel

    class Words(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base, dtype=torch.float32, attn_implementation="eager")
            self.project = torch.nn.Linear(self.encoder.config.hidden_size, dim, bias=False)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            return torch.nn.functional.normalize(self.project(hidden).float(), dim=-1)

    return Words()


def group_loss(model: Any, pieces: WordPieces, chunk: Sequence[Group]) -> Any:
    """The softmax loss over each question's candidates, scored as the engine scores them (matcher.score)."""
    import torch

    def words(texts: Sequence[str], limit: int) -> tuple[Any, Any]:
        made = [single(pieces, t, limit) for t in texts]
        feeds = {k: torch.from_numpy(v) for k, v in batch(made, pieces.pad).items()}
        keep = torch.zeros_like(feeds["attention_mask"])
        for i, w in enumerate(made):
            keep[i, 1:w.count + 1] = 1  # the text's own pieces: no [CLS], [SEP] or padding
        return model(**feeds), keep

    questions, q_keep = words([g.question for g in chunk], MAX_QUESTION)
    sentences, s_keep = words([t for g in chunk for t in g.texts], MAX_TOKENS)
    losses, at = [], 0
    for i, g in enumerate(chunk):
        n = len(g.texts)
        sims = torch.einsum("ld,ntd->nlt", questions[i], sentences[at:at + n])
        sims = sims.masked_fill(s_keep[at:at + n, None, :] == 0, -1e4).max(-1).values  # (n, question pieces)
        mine = (sims * q_keep[i][None, :]).sum(-1) / q_keep[i].sum().clamp(min=1) * SHARPNESS
        right = torch.tensor(g.labels)
        losses.append(torch.logsumexp(mine, 0) - torch.logsumexp(mine[right], 0))
        at += n
    return torch.stack(losses).mean()


def train(args: argparse.Namespace) -> Path:
    """Fine-tune and save the final weights under args.work/final (final.pt and the tokenizer); returns it."""
    import torch
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    pieces = WordPieces(Path(args.base) / TOKENIZER)
    groups = trained_on(load_groups(Path(args.candidates), args.group), args.questions, args.seed)
    per_epoch = len(groups) // args.batch
    if not per_epoch:
        raise SystemExit(f"{len(groups)} questions to train on, fewer than a step's {args.batch}: nothing to train.")
    steps = per_epoch * args.epochs
    if args.max_steps:
        steps = min(steps, args.max_steps)
    log.info("%d questions, %d steps of %d questions (%d epochs)", len(groups), steps, args.batch, args.epochs)
    seed_all(args.seed)
    model = build_model(args.base, args.dim)
    config = {**{k: getattr(args, k) for k in ("candidates", "base", "seed", "questions", "group", "batch", "lr",
                                               "epochs", "dim", "max_steps", "fp32")},
              "groups": len(groups), "labels": sum(sum(g.labels) for g in groups)}
    orders = [random.Random(args.seed + 1 + e).sample(groups, len(groups)) for e in range(args.epochs)]

    def loss_at(step: int) -> Any:
        epoch, at = divmod(step, per_epoch)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.fp32):
            return group_loss(model, pieces, orders[epoch][at * args.batch:(at + 1) * args.batch])

    started = time.perf_counter()
    run_steps(model, args, config, steps, "training matcher", loss_at)
    final = work / "final"
    final.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), final / "final.pt")
    return finish(final, args.base, {"steps": steps, "questions": len(groups),
                                     "seconds_this_run": round(time.perf_counter() - started, 1)})


def export(final: Path, out: Path, base: str, dim: int) -> Path:
    """final/ -> out/matcher.onnx (fp32) with its tokenizer and meta; returns out."""
    import warnings

    import torch

    model = build_model(base, dim)
    model.load_state_dict(torch.load(final / "final.pt", weights_only=True))
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    example = tuple(torch.ones(2, 16, dtype=torch.long) for _ in names)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, example, str(out / GRAPH), dynamo=False, input_names=names,
                          output_names=["vectors"], opset_version=17,
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names},
                                        "vectors": {0: "batch", 1: "tokens"}})
    shutil.copyfile(final / TOKENIZER, out / TOKENIZER)
    meta = {"format": FORMAT, "max_tokens": MAX_TOKENS, "max_question": MAX_QUESTION, "dim": dim,
            "precision": "fp32"}
    (out / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


def hit_at_1(matcher: Matcher, groups: Sequence[Group]) -> float:
    """How often the matcher's best candidate holds the answer, over answerable questions (the matcher alone, not
    the engine's blend with the rules' scores)."""
    answerable = [g for g in groups if g.answerable]
    right = 0
    for g in answerable:
        q = matcher.question(g.question)  # each text read alone, as an index's sentences are (matcher._make)
        right += g.labels[int(np.argmax([score(q, matcher.vectors([t])[0]) for t in g.texts]))]
    return right / len(answerable) if answerable else 0.0


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    from .train import base_model_dir

    p = argparse.ArgumentParser(prog="train_matcher", description=__doc__.splitlines()[0])
    add_common(p, "models/matcher", ".cache/matcher-train")
    p.add_argument("--base", default=str(base_model_dir()), help="transformers folder to start from (the bundled "
                                                                 "all-MiniLM-L6-v2)")
    p.add_argument("--questions", type=int, default=6500, help="questions trained on, drawn with the seed (0: all)")
    p.add_argument("--group", type=int, default=4, help="candidates read with each question (the engine's four)")
    p.add_argument("--batch", type=int, default=16, help="questions a step")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--dim", type=int, default=64, help="dimensions of a word's vector")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None, described: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train, export, choose int8 or fp32 and write the card (`described` overrides its entries); returns it."""
    args = parse(argv)
    started = time.perf_counter()
    final = train(args)
    trained_s = time.perf_counter() - started
    held = load_groups(Path(args.held_out), args.group) if args.held_out else []
    out = Path(args.out)
    pick, figures = ship_chosen(export(final, Path(args.work) / "fp32", args.base, args.dim), Path(args.work), out,
                                GRAPH, META, (lambda d: hit_at_1(Matcher(d), held)) if held else None)
    card = {"base": args.base, "candidates": args.candidates, "held_out": args.held_out, "seed": args.seed,
            "questions": args.questions, "group": args.group, "batch": args.batch, "epochs": args.epochs,
            "dim": args.dim, "lr": args.lr,
            "training": json.loads((final / "training.json").read_text(encoding="utf-8")),
            "train_seconds": round(trained_s, 1), "shipped": pick, "held_out_hit_at_1": figures, **(described or {})}
    (out / "training.json").write_text(json.dumps(card, indent=1), encoding="utf-8")
    return card
