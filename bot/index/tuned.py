"""An opt-in encoder (QABOT_MODEL=all-MiniLM-L6-v2-squad): the bundled all-MiniLM-L6-v2 plus a small low-rank
change trained here for finding the sentence that answers a question (models/encoder/, its card in the README
there; scripts/train_encoder.py).

Only the change is shipped (rank-16 factors of each layer's weight change, 1.4 MB); the whole model is put
together from the bundled copy into models/encoder/assembled/ the first time it is needed, with numpy and
safetensors alone (no torch), and again whenever the change, its scale or the bundled copy is not the one it was
made from. One process puts it together at a time (a lock file beside it); a folder it has published is never
removed under a reader's feet (it is renamed aside first).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

NAME = "all-MiniLM-L6-v2-squad"  # QABOT_MODEL's name for it
DELTA = "delta.safetensors"  # for a weight W: W + scale * (A @ B), A = W.a, B = W.b; other tensors: W + W.d
CARD = "encoder.json"  # base, rank, scale, training and figures
MADE_FROM = "made_from.json"  # in the assembled folder: which change, scale and base it holds
WEIGHTS = "model.safetensors"
FOLDER = Path(__file__).resolve().parents[2] / "models" / "encoder"
PARTS = ("a", "b", "d")
FIX = "Reinstall (make install), or set QABOT_MODEL=all-MiniLM-L6-v2."


class TunedError(Exception):
    """The change or the bundled base cannot be read or put together."""


def delta_dir() -> Path:
    """Where the change lives: QABOT_ENCODER_DELTA, or models/encoder."""
    return Path(os.environ.get("QABOT_ENCODER_DELTA") or FOLDER)


def assembled(base: Path, delta: Path | None = None, out: Path | None = None) -> Path:
    """The folder holding the whole tuned model (a sentence-transformers folder), made first if missing or stale."""
    delta = delta or delta_dir()
    out = out or delta / "assembled"
    wanted = _made_from(base, delta)
    if _holds(out, wanted):
        return out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with (out.parent / f".{out.name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be putting it together: wait for it
            if not _holds(out, wanted):
                _publish(base, delta, out, wanted)
    except Exception as exc:  # noqa: BLE001 - an unreadable change, base or folder all mean the same to the user
        raise TunedError(f"Cannot put the tuned encoder together from {delta} and {base} ({type(exc).__name__}: "
                         f"{exc}). {FIX}") from exc
    return out


def _publish(base: Path, delta: Path, out: Path, wanted: dict[str, str]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{out.name}-", dir=out.parent))
    try:
        shutil.copytree(base, tmp, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(WEIGHTS, "*.bin", "*.onnx", "onnx", "openvino"))
        write_weights(base / WEIGHTS, delta / DELTA, _scale(delta), tmp / WEIGHTS)
        (tmp / MADE_FROM).write_text(json.dumps(wanted, indent=1), encoding="utf-8")
        os.chmod(tmp, 0o755)  # mkdtemp makes it private
        old = out.parent / f".old-{out.name}-{os.getpid()}"
        if out.exists():
            os.replace(out, old)  # aside, not deleted: a process reading it keeps its files
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_weights(base: Path, delta: Path, scale: float, out: Path) -> None:
    """base weights + scale × the change -> out (float32, the base's tensor names and shapes)."""
    from safetensors.numpy import load_file, save_file

    weights = load_file(str(base))
    change = load_file(str(delta))
    names = {k.rsplit(".", 1)[0] for k in change}
    odd = [k for k in change if k.rsplit(".", 1)[-1] not in PARTS or k.rsplit(".", 1)[0] not in weights]
    if odd:
        raise ValueError(f"the change holds tensors the base lacks: {sorted(odd)[:3]}")
    for name in names:
        value = weights[name]
        if f"{name}.d" in change:
            step = change[f"{name}.d"].astype(np.float32)
        elif f"{name}.a" in change and f"{name}.b" in change:
            step = change[f"{name}.a"].astype(np.float32) @ change[f"{name}.b"].astype(np.float32)
        else:
            raise ValueError(f"the change of {name} lacks a factor")
        if step.shape != value.shape:
            raise ValueError(f"the change of {name} is {step.shape}, the weight {value.shape}")
        weights[name] = np.ascontiguousarray(value + scale * step, dtype=np.float32)
    save_file(weights, str(out))
    os.chmod(out, 0o644)  # safetensors writes 0600


def _scale(delta: Path) -> float:
    scale = json.loads((delta / CARD).read_text(encoding="utf-8"))["scale"]
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not np.isfinite(scale):
        raise ValueError(f"the card's scale is {scale!r}, not a number")
    return float(scale)


def _holds(out: Path, wanted: dict[str, str]) -> bool:
    try:
        return json.loads((out / MADE_FROM).read_text(encoding="utf-8")) == wanted and (out / WEIGHTS).is_file()
    except (OSError, ValueError):
        return False


def _made_from(base: Path, delta: Path) -> dict[str, str]:
    """What the folder must have been made from: the change's bytes and scale (not the card's figures, which
    may be rewritten) and the base by size and time (hashing its 90 MB would cost each start about 0.1 s)."""
    try:
        stat = (base / WEIGHTS).stat()
        change = (delta / DELTA).stat()
        digest = _digest(str(delta / DELTA), change.st_size, change.st_mtime_ns)
        scale = _scale(delta)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TunedError(f"Cannot read the tuned encoder's change in {delta} or its base in {base} "
                         f"({type(exc).__name__}: {exc}). {FIX}") from exc
    return {"delta": digest, "scale": repr(scale), "base": f"{base / WEIGHTS}:{stat.st_size}:{stat.st_mtime_ns}"}


@lru_cache(maxsize=4)
def _digest(path: str, size: int, mtime_ns: int) -> str:
    """The change's sha256, read once per file version (resolving the model's name asks for it a few times at
    start-up: the index's staleness and the ONNX export's fingerprint)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
