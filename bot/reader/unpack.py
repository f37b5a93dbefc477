"""A shipped int8 reader back into a transformers folder, to train on from where it stands.

The ONNX export holds every weight: the int8 ones as values, a scale and a zero point (per output column for the
layers' matrices, one for each embedding table), the rest in fp32. Each matrix is named only by the graph
("onnx::MatMul_724"), so its layer is found from the bias added to its product. Needs onnx, safetensors,
transformers and the base's config.json; training and tests use it, answering never does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from .model import GRAPH, TOKENIZER

PREFIX = "inner."  # the export wraps the transformers model in a module whose attribute is `inner`


class UnpackError(Exception):
    """The graph is not a reader export this knows how to read back."""


def weights(graph: Path) -> dict[str, np.ndarray]:
    """The graph's weights by their transformers names, dequantized to fp32, matrices as torch stores them
    ([out, in])."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(graph))
    values = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    out: dict[str, np.ndarray] = {}
    for name, value in values.items():
        if name.startswith(PREFIX) and not name.endswith(("_scale", "_zero_point", "_quantized")):
            out[name[len(PREFIX):]] = value.astype(np.float32)
        elif name.startswith(PREFIX) and name.endswith("_quantized"):  # an embedding table
            stem = name[: -len("_quantized")]
            out[stem[len(PREFIX):]] = _dequantize(value, values[stem + "_scale"], values[stem + "_zero_point"])
    consumers: dict[str, list[Any]] = {}
    for node in model.graph.node:
        for x in node.input:
            consumers.setdefault(x, []).append(node)
    for node in model.graph.node:
        if node.op_type not in ("MatMulInteger", "MatMul"):
            continue
        quantized = node.op_type == "MatMulInteger"
        matrix = next((x for x in node.input if x in values and not x.startswith(PREFIX)
                       and x.endswith("_quantized") == quantized), None)
        if matrix is None:
            continue  # a product of two activations (attention's)
        bias = _bias_after(node, consumers, values)
        if bias is None:
            raise UnpackError(f"{graph}: a product ({node.name}) whose layer cannot be told")
        if quantized:
            stem = matrix[: -len("_quantized")]
            w = _dequantize(values[matrix], values[stem + "_scale"], values[stem + "_zero_point"])
        else:  # left in fp32 (nodes kept out of quantization, or an fp32 export)
            w = values[matrix].astype(np.float32)
        name = bias[len(PREFIX): -len("bias")] + "weight"
        if name in out or w.shape[1] != values[bias].shape[0]:
            raise UnpackError(f"{graph}: {name} found twice, or its width is not its bias's")
        out[name] = np.ascontiguousarray(w.T)
    return out


def _dequantize(q: np.ndarray, scale: np.ndarray, zero: np.ndarray) -> np.ndarray:
    return ((q.astype(np.float32) - zero.astype(np.float32)) * scale.astype(np.float32)).astype(np.float32)


def _bias_after(node: Any, consumers: dict[str, list[Any]], values: dict[str, np.ndarray],
                depth: int = 6) -> str | None:
    """The `*.bias` initializer added to a product within a few nodes of it (after its casts and scalings)."""
    frontier = list(node.output)
    for _ in range(depth):
        following = []
        for name in frontier:
            for c in consumers.get(name, []):
                if c.op_type == "Add":
                    bias = next((x for x in c.input if x in values and x.endswith(".bias")), None)
                    if bias is not None:
                        return bias
                following.extend(c.output)
        frontier = following
    return None


def unpack(reader: Path, base: Path, out: Path) -> Path:
    """reader/ (a shipped export) -> out/: config.json (the base's, as a question-answering model),
    model.safetensors and tokenizer.json. Returns out."""
    from safetensors.numpy import save_file

    state = weights(reader / GRAPH)
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    config = {**config, "architectures": ["BertForQuestionAnswering"], "source": f"{reader / GRAPH}, dequantized"}
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    save_file(state, str(out / "model.safetensors"))
    shutil.copyfile(reader / TOKENIZER, out / TOKENIZER)
    _check_complete(out)
    return out


def _check_complete(folder: Path) -> None:
    """Every weight the config's model has, and no other: transformers would start a missing one at random."""
    from transformers import AutoModelForQuestionAnswering

    _, info = AutoModelForQuestionAnswering.from_pretrained(folder, output_loading_info=True)
    wrong = [*info["missing_keys"], *info["unexpected_keys"], *info["mismatched_keys"]]
    if wrong:
        raise UnpackError(f"{folder}: the weights read back do not fit the model ({', '.join(map(str, wrong[:5]))})")
