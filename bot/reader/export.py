"""A trained reader as the engine runs it: an ONNX graph (fp32, or int8 with some products kept fp32) beside its
tokenizer and meta, and for a multilingual base a vocabulary cut to what is needed. Needs torch and transformers for
the export, onnxruntime for the quantization; answering runs the result with onnxruntime alone (bot/reader/model.py)."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .model import FORMAT, GRAPH, META, TOKENIZER
from .squad import load_squad
from .windows import VOCAB_IDS


def export(final: Path, out: Path, max_tokens: int, overlap: int, embeddings: str = "") -> Path:
    """final/ (transformers weights) -> out/reader.onnx (fp32) with tokenizer and meta; returns out. With
    `embeddings` (a frozen table kept elsewhere, EMBEDDINGS), the graph takes the word vectors, not the ids."""
    import torch
    from transformers import AutoModelForQuestionAnswering

    model = AutoModelForQuestionAnswering.from_pretrained(final, attn_implementation="eager").eval()

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.inner = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> tuple[Any, Any]:
            result = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return result.start_logits, result.end_logits

    class FromVectors(Logits):
        def forward(self, inputs_embeds: Any, attention_mask: Any, token_type_ids: Any) -> tuple[Any, Any]:
            result = self.inner(inputs_embeds=inputs_embeds, attention_mask=attention_mask,
                                token_type_ids=token_type_ids)
            return result.start_logits, result.end_logits

    out.mkdir(parents=True, exist_ok=True)
    example: tuple[Any, ...] = tuple(torch.ones(2, 16, dtype=torch.long) for _ in range(3))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    graph: torch.nn.Module = Logits()
    if embeddings:
        width = model.config.hidden_size
        example = (torch.zeros(2, 16, width), *example[1:])
        names[0] = "inputs_embeds"
        graph = FromVectors()
        dynamic = {"inputs_embeds": {0: "batch", 1: "tokens"}}
    else:
        dynamic = {}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(graph.eval(), example, str(out / GRAPH), dynamo=False, input_names=names,
                          output_names=["start_logits", "end_logits"], opset_version=17,
                          dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, **dynamic,
                                        "start_logits": {0: "batch", 1: "tokens"},
                                        "end_logits": {0: "batch", 1: "tokens"}})
    shutil.copyfile(final / TOKENIZER, out / TOKENIZER)
    meta = {"format": FORMAT, "max_tokens": max_tokens, "overlap": overlap, "precision": "fp32",
            **({"embeddings": embeddings} if embeddings else {})}
    (out / META).write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return out


def cut_vocabulary(folder: Path, train: str) -> None:
    """Replace folder's tokenizer with the pieces e5_base.kept_pieces keeps for the training file's texts and
    the repository's articles (vocab_ids.npy maps them back to the model's ids)."""
    from .e5_base import kept_pieces, read, tokenizer_json

    packed = read()
    texts = [t for q in load_squad(Path(train)) for t in (q.context, q.question)]
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))]
    keep = kept_pieces(packed, dict.fromkeys(texts))
    (folder / TOKENIZER).write_text(tokenizer_json(packed, keep), encoding="utf-8")
    np.save(folder / VOCAB_IDS, np.asarray(keep, dtype=np.int32))


# Left in fp32 when the multilingual reader is quantized: the head, and the feed-forward output of layers 0-5. Plain
# int8 lost 1.5 points of span F1 on the held-out training articles (0.7065 -> 0.6917); keeping these gave 0.7136
# at 32 MB instead of 22 (all twelve: 0.711 at 43 MB; layers 6-11: 0.696). Chosen there, not on the measuring file.
KEEP_FP32_MULTILINGUAL = ("/inner/qa_outputs/MatMul",
                          *(f"/inner/bert/encoder/layer.{i}/output/dense/MatMul" for i in range(6)))


def quantize(fp32: Path, out: Path, keep: Sequence[str] = (), graph: str = GRAPH, meta: str = META) -> Path:
    """An int8 (dynamic, per-channel weights) copy of the fp32 export; the nodes named in `keep` stay fp32. `graph`
    and `meta` name the export's files (the sentence ranker's are its own)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(str(fp32 / graph), str(out / graph), weight_type=QuantType.QInt8, per_channel=True,
                     nodes_to_exclude=list(keep))
    shutil.copyfile(fp32 / TOKENIZER, out / TOKENIZER)
    if (fp32 / VOCAB_IDS).is_file():
        shutil.copyfile(fp32 / VOCAB_IDS, out / VOCAB_IDS)
    found = json.loads((fp32 / meta).read_text(encoding="utf-8"))
    (out / meta).write_text(json.dumps({**found, "precision": "int8"}, indent=1), encoding="utf-8")
    return out
