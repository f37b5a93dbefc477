"""The index on disk: versioned directories, a CURRENT pointer swapped atomically, and loading."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import IndexCorruptError, IndexMissingError
from ..models import Article, Chunk, Sentence
from .keyword import KeywordIndex
from .vectors import FaissStore

FORMAT = 2  # 2: sentence-level vector index (sentences.faiss)
KEEP_VERSIONS = 2
_VERSION_NAME = re.compile(r"[A-Za-z0-9][\w.-]{0,199}")  # a directory beside CURRENT, never "..", "/x" or "a/b"
REBUILD = "Run `qabot build` (or `make run`) to rebuild it."


@dataclass(frozen=True)
class Side:
    """The same passages and sentences embedded by a second, multilingual model (multilingual-e5-small):
    what a Korean or Japanese question is searched against."""

    model: str
    vectors: FaissStore
    sentence_vectors: np.ndarray
    sentence_store: FaissStore


@dataclass(frozen=True)
class IndexData:
    """A loaded index: everything needed to answer, immutable once built."""

    version: str
    manifest: dict[str, Any]
    articles: dict[str, Article]
    chunks: list[Chunk]
    sentences: list[Sentence]
    sentence_vectors: np.ndarray
    vectors: FaissStore
    keyword: KeywordIndex
    path: Path
    sentence_store: FaissStore  # sentence-level dense search, for answers that sit in an off-topic passage
    sentence_chunk: tuple[int, ...]  # the first passage holding each sentence
    multilingual: Side | None = None  # None: built without one (QABOT_MULTILINGUAL=off, or the model is one)

    def passages_of(self, article_id: str) -> str:
        """How many passages the build made of an article, for showing ("?" if the manifest does not say)."""
        return str(self.manifest.get("articles", {}).get(article_id, {}).get("passages", "?"))


def current_dir(index_dir: Path) -> Path:
    """The directory of the index version that CURRENT points at."""
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        raise IndexMissingError(f"No index found in {index_dir}/. Run `qabot build` (or `make run`) to build it.")
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        what = type(exc).__name__
        raise IndexCorruptError(f"The index pointer {pointer} is unreadable ({what}). {REBUILD}") from None
    path = index_dir / name
    if not _VERSION_NAME.fullmatch(name) or not path.is_dir():
        raise IndexCorruptError(f"The index pointer {pointer} names a missing version {name[:80]!r}. {REBUILD}")
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(f"The index at {path} has no manifest.json. {REBUILD}") from None
    except (OSError, ValueError) as exc:
        what = type(exc).__name__
        raise IndexCorruptError(f"The index manifest at {path} is unreadable ({what}). {REBUILD}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexCorruptError(f"The index at {path} has an unknown format. {REBUILD}")
    return manifest


def load_index(index_dir: Path) -> IndexData:
    """The current index, checked for consistency; raises IndexMissingError / IndexCorruptError."""
    path = current_dir(index_dir)
    manifest = read_manifest(path)
    try:
        articles = {a["id"]: Article(**a) for a in _json(path / "articles.json")}
        sentences = [Sentence(a, s, e, articles[a].text[s:e]) for a, s, e in _json(path / "sentences.json")]
        chunks = [Chunk(i, a, s, e, articles[a].text[s:e], tuple(ids))
                  for i, a, s, e, ids in _json(path / "chunks.json")]
        # memory-mapped: answers read a few dozen rows; the sentence index holds the vectors for search
        sentence_vectors = np.load(path / "sentence_vectors.npy", mmap_mode="r", allow_pickle=False)
        vectors = FaissStore.load(path / "dense.faiss", manifest["vector_index"])
        sentence_store = FaissStore.load(path / "sentences.faiss", manifest["sentence_index"], lookups=False)
        keyword = KeywordIndex.load(path / "bm25")
    except IndexCorruptError:
        raise
    except Exception as exc:  # noqa: BLE001 - any damage reads the same to the user
        what = f"{type(exc).__name__}: {_short(exc)}"
        raise IndexCorruptError(f"The index at {path} is damaged ({what}). {REBUILD}") from None
    dim = manifest.get("dimension")
    problems = [
        (vectors.size != len(chunks), f"{vectors.size} vectors for {len(chunks)} passages"),
        (keyword.size != len(chunks), f"{keyword.size} keyword entries for {len(chunks)} passages"),
        (vectors.dimension != dim, f"vectors of dimension {vectors.dimension}, manifest says {dim}"),
        (sentence_vectors.shape != (len(sentences), dim), "sentence vectors do not match the sentences"),
        (sentence_store.size != len(sentences) or sentence_store.dimension != dim,
         "the sentence index does not match the sentences"),
        (any(not 0 <= i < len(sentences) for c in chunks for i in c.sentence_ids), "passages name missing sentences"),
        (any(not 0 <= c.start < c.end <= len(articles[c.article_id].text) for c in chunks)
         or any(not 0 <= s.start < s.end <= len(articles[s.article_id].text) for s in sentences),
         "passage or sentence offsets outside their article"),
    ]
    first_chunk: dict[int, int] = {}  # sentence -> the first passage holding it
    for n, c in enumerate(chunks):
        for i in c.sentence_ids:
            first_chunk.setdefault(i, n)
    problems.append((len(first_chunk) < len(sentences), "sentences that belong to no passage"))  # after the range check
    for bad, what in problems:
        if bad:
            raise IndexCorruptError(f"The index at {path} is inconsistent ({what}). {REBUILD}")
    sentence_chunk = tuple(first_chunk[i] for i in range(len(sentences)))
    side = _load_side(path, manifest, len(chunks), len(sentences))
    return IndexData(path.name, manifest, articles, chunks, sentences, sentence_vectors, vectors, keyword, path,
                     sentence_store, sentence_chunk, side)


SIDE = "multilingual"  # the folder of the second model's vectors in a version


def _load_side(path: Path, manifest: dict[str, Any], chunks: int, sentences: int) -> Side | None:
    info = manifest.get(SIDE)
    if not info:
        return None
    where = path / SIDE
    try:
        sentence_vectors = np.load(where / "sentence_vectors.npy", mmap_mode="r", allow_pickle=False)
        vectors = FaissStore.load(where / "dense.faiss", info["vector_index"])
        sentence_store = FaissStore.load(where / "sentences.faiss", info["sentence_index"], lookups=False)
    except Exception as exc:  # noqa: BLE001 - any damage reads the same to the user
        raise IndexCorruptError(f"The index at {path} is damaged ({SIDE}: {type(exc).__name__}: {_short(exc)}). "
                                f"{REBUILD}") from None
    dim = info.get("dimension")
    if vectors.size != chunks or sentence_vectors.shape != (sentences, dim) or sentence_store.size != sentences:
        raise IndexCorruptError(f"The index at {path} is inconsistent (the {SIDE} vectors do not match the "
                                f"passages). {REBUILD}")
    return Side(str(info.get("model")), vectors, sentence_vectors, sentence_store)


def load_side_vectors(path: Path) -> tuple[np.ndarray, np.ndarray] | None:
    """The multilingual chunk and sentence vectors of a version, for reuse by the next build."""
    try:
        return (np.load(path / SIDE / "chunk_vectors.npy", allow_pickle=False),
                np.load(path / SIDE / "sentence_vectors.npy", allow_pickle=False))
    except OSError:
        return None


def load_chunk_vectors(path: Path) -> np.ndarray:
    return np.load(path / "chunk_vectors.npy", allow_pickle=False)


def write_index(
    index_dir: Path,
    version: str,
    manifest: dict[str, Any],
    articles: list[Article],
    chunks: list[Chunk],
    sentences: list[Sentence],
    chunk_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    side: tuple[str, np.ndarray, np.ndarray] | None = None,
) -> Path:
    """Write a new version beside the others, then point CURRENT at it in one atomic step; `side`: the
    multilingual model's name and its chunk and sentence vectors."""
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f".tmp-{version}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    vectors = FaissStore.build(chunk_vectors)
    sentence_store = FaissStore.build(sentence_vectors, lookups=False)  # searched only, never rescored
    manifest = {**manifest, "vector_index": vectors.params, "sentence_index": sentence_store.params}
    _write_json(tmp / "articles.json", [asdict(a) for a in articles])
    _write_json(tmp / "sentences.json", [[s.article_id, s.start, s.end] for s in sentences])
    _write_json(tmp / "chunks.json", [[c.id, c.article_id, c.start, c.end, list(c.sentence_ids)] for c in chunks])
    np.save(tmp / "chunk_vectors.npy", chunk_vectors)
    np.save(tmp / "sentence_vectors.npy", sentence_vectors)
    vectors.save(tmp / "dense.faiss")
    sentence_store.save(tmp / "sentences.faiss")
    if side is not None:
        manifest[SIDE] = _write_side(tmp / SIDE, *side)
    titles = {a.id: a.title for a in articles}  # a question may name the article ("in Turning a Page")
    KeywordIndex.build([f"{titles[c.article_id]}\n{c.text}" for c in chunks]).save(tmp / "bm25")
    _write_json(tmp / "manifest.json", manifest)  # last: its presence marks a complete version
    _fsync_tree(tmp)
    final = index_dir / version
    os.replace(tmp, final)
    pointer = index_dir / "CURRENT.tmp"
    pointer.write_text(version + "\n", encoding="utf-8")
    _fsync_file(pointer)
    os.replace(pointer, index_dir / "CURRENT")
    _fsync_file(index_dir)
    prune(index_dir, keep=version)
    return final


def _write_side(where: Path, model: str, chunk_vectors: np.ndarray, sentence_vectors: np.ndarray) -> dict[str, Any]:
    where.mkdir()
    vectors = FaissStore.build(chunk_vectors)
    sentence_store = FaissStore.build(sentence_vectors, lookups=False)
    np.save(where / "chunk_vectors.npy", chunk_vectors)
    np.save(where / "sentence_vectors.npy", sentence_vectors)
    vectors.save(where / "dense.faiss")
    sentence_store.save(where / "sentences.faiss")
    return {"model": model, "dimension": int(chunk_vectors.shape[1]), "vector_index": vectors.params,
            "sentence_index": sentence_store.params}


def prune(index_dir: Path, keep: str) -> None:
    """Remove all but the newest versions (a running bot holds its index in memory)."""
    versions = sorted((p for p in index_dir.glob("v-*") if p.is_dir() and p.name != keep), reverse=True)
    for old in versions[KEEP_VERSIONS - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale_temps(index_dir: Path) -> None:
    """Leftovers of builds that were killed; call only while holding the build lock."""
    for tmp in index_dir.glob(".tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in [*root.rglob("*"), root]:
        _fsync_file(path)


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:120]


def check_model(index: IndexData, model: str) -> None:
    """The index must have been built with the configured model (QABOT_MODEL)."""
    built = index.manifest.get("model")
    if built != model:
        raise IndexCorruptError(
            f"The index was built with the model {built!r} but QABOT_MODEL is {model!r}. "
            "Run `qabot build` to rebuild it.")
