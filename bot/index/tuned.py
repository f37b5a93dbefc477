"""The default encoder: the bundled all-MiniLM-L6-v2 plus a small low-rank change trained here for finding the
sentence that answers a question (models/encoder/, its card in the README there; scripts/train_encoder.py).

Only the change is shipped (rank-16 factors of each layer's weight change, 1.4 MB); the whole model is put
together from the bundled copy into models/encoder/assembled/ the first time it is needed, with numpy and
safetensors alone (no torch), and again whenever the change or the bundled copy is not the one it was made from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import numpy as np

NAME = "all-MiniLM-L6-v2-squad"  # QABOT_MODEL's name for it (the default)
DELTA = "delta.safetensors"  # for a weight W: W + scale * (A @ B), A = W.a, B = W.b; other tensors: W + W.d
CARD = "encoder.json"  # base, rank, scale, training and figures
MADE_FROM = "made_from.json"  # in the assembled folder: which change and base it holds (hashed into its identity)
WEIGHTS = "model.safetensors"
FOLDER = Path(__file__).resolve().parents[2] / "models" / "encoder"


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
    tmp = out.parent / f".tmp-{out.name}-{os.getpid()}"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(base, tmp, ignore=shutil.ignore_patterns(WEIGHTS, "*.bin", "*.onnx", "onnx", "openvino"))
        write_weights(base / WEIGHTS, delta / DELTA, tmp / WEIGHTS)
        (tmp / MADE_FROM).write_text(json.dumps(wanted, indent=1), encoding="utf-8")
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)
    except (OSError, ValueError, KeyError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if _holds(out, wanted):  # another process put it together at the same time
            return out
        raise TunedError(f"Cannot put the tuned encoder together from {delta} and {base} ({type(exc).__name__}: "
                         f"{exc}). Reinstall (make install), or set QABOT_MODEL=all-MiniLM-L6-v2.") from exc
    return out


def write_weights(base: Path, delta: Path, out: Path) -> None:
    """base weights + the change -> out (float32, the base's tensor names)."""
    from safetensors.numpy import load_file, save_file

    weights = load_file(base)
    change = load_file(delta)
    scale = float(json.loads((delta.parent / CARD).read_text(encoding="utf-8"))["scale"])
    for name, value in weights.items():
        low_a, low_b, full = change.get(f"{name}.a"), change.get(f"{name}.b"), change.get(f"{name}.d")
        if low_a is not None and low_b is not None:
            value = value + scale * (low_a.astype(np.float32) @ low_b.astype(np.float32))
        elif full is not None:
            value = value + scale * full.astype(np.float32)
        weights[name] = np.ascontiguousarray(value, dtype=np.float32)
    unknown = {k.rsplit(".", 1)[0] for k in change} - set(weights)
    if unknown:
        raise KeyError(f"the change names tensors the base lacks: {sorted(unknown)[:3]}")
    save_file(weights, str(out))


def _holds(out: Path, wanted: dict[str, str]) -> bool:
    try:
        return json.loads((out / MADE_FROM).read_text(encoding="utf-8")) == wanted and (out / WEIGHTS).is_file()
    except (OSError, ValueError):
        return False


def _made_from(base: Path, delta: Path) -> dict[str, str]:
    try:  # the base by size and time (hashing its 90 MB would cost each start about 0.1 s)
        stat = (base / WEIGHTS).stat()
    except OSError as exc:
        raise TunedError(f"Cannot read {base / WEIGHTS} ({exc.strerror or exc}). Reinstall (make install), or set "
                         "QABOT_MODEL=all-MiniLM-L6-v2.") from exc
    return {"delta": _sha256(delta / DELTA), "card": _sha256(delta / CARD),
            "base": f"{base / WEIGHTS}:{stat.st_size}:{stat.st_mtime_ns}"}


def _sha256(path: Path) -> str:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError as exc:
        raise TunedError(f"Cannot read {path} ({exc.strerror or exc}). Reinstall (make install), or set "
                         "QABOT_MODEL=all-MiniLM-L6-v2.") from exc
