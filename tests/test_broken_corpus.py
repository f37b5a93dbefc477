"""Broken corpus files: skipped with a warning naming the file and the reason; the rest is indexed;
`qabot build` exits non-zero only when nothing usable is left."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.engine.engine import Engine
from bot.index import store
from bot.index.build import build_index
from bot.index.corpus import MAX_FILE_BYTES
from bot.text.lang import written_in

from . import robust_helpers
from .conftest import TINY, write_corpus
from .fakes import HashEmbedder

BODY = "The festival opened on 3 March 2021 near the old market, and thousands of visitors came.\n"

# name -> (bytes, words expected in the skip reason)
BROKEN: dict[str, tuple[bytes, str]] = {
    "junk.md": (bytes(range(256)) * 40, "binary"),
    "random.txt": (bytes((i * 7919 + 13) % 256 for i in range(20_000)), "binary"),
    "empty.md": (b"", "empty"),
    "blank.txt": (b" \n\n\t \r\n", "empty"),
    "huge.txt": (b"word " * (MAX_FILE_BYTES // 5 + 10), "too large"),
    "front-not-key-value.md": (b"---\ntitle: A\nthis line is not a pair\n---\n" + BODY.encode(), "front matter line 3"),
    "front-never-ends.md": (b"---\ntitle: A\n" + BODY.encode(), "never ends"),
    "front-bad-date.md": (b"---\ntitle: A\ndate: the day after tomorrow\n---\n" + BODY.encode(), "not a date"),
    "nav-only.html": (b"<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
                      b"<a href='/about'>About</a></nav><footer>(c) 2024 Example</footer></body></html>", "no article"),
    "script-only.html": (b"<html><body><script>var x = 1;</script><div></div></body></html>", "no article"),
    "report.pdf": (b"%PDF-1.4\n" + BODY.encode(), "not a PDF that can be read"),
    "minutes.docx": (b"PK\x03\x04" + bytes(100), "not a Word document that can be read"),
    "minutes.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
                    "not a kind of file qabot reads (.docx, .htm, .html, .markdown, .md, .pdf, .txt); save it as text, "
                    "HTML, PDF or .docx"),
}

READABLE: dict[str, bytes] = {
    "latin1.txt": "Le café de Montréal\nLe café de Montréal a ouvert le 3 mars 2021, près du marché Jean-Talon.\n"
                  .encode("latin-1"),
    "utf16.md": codecs.BOM_UTF16_LE + "---\ntitle: Über Sejong\n---\nKing Sejong the Great created Hangul, "
                "the Korean alphabet, in 1443 during the Joseon dynasty.\n".encode("utf-16-le"),
    "utf16be.md": codecs.BOM_UTF16_BE + "Hangul Day\nHangul Day is celebrated in South Korea every year on "
                  "9 October to honour the alphabet.\n".encode("utf-16-be"),
    "utf16-nobom.md": "Busan Port\nBusan is the largest port city of South Korea, on its south-eastern "
                      "coast.\n".encode("utf-16-le"),  # no BOM: as some editors save "Unicode"
    "utf16be-nobom.md": "Jeju Island\nJeju is a volcanic island south of the Korean peninsula.\n".encode("utf-16-be"),
    "utf8bom.txt": codecs.BOM_UTF8 + b"The ferry\nThe ferry to Jeju leaves Mokpo every morning at seven o'clock.\n",
}


def make_settings(root: Path, files: dict[str, bytes], tiny: bool = True) -> Settings:
    corpus = write_corpus(root / "corpus", TINY if tiny else {})
    for name, data in files.items():
        (corpus / name).write_bytes(data)
    return Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_broken_file_is_skipped_with_a_warning_and_the_rest_indexed(
        tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture) -> None:
    data, reason = BROKEN[name]
    settings = make_settings(tmp_path, {name: data})
    with caplog.at_level(logging.WARNING):
        report = build_index(settings, embedder=HashEmbedder())
    assert report.articles == 2
    assert [(Path(s.path).name, reason in s.reason) for s in report.skipped] == [(name, True)]
    warning = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and name in r.getMessage()]
    assert len(warning) == 1 and reason in warning[0]
    skipped = store.read_manifest(store.current_dir(settings.index_dir))["skipped"]
    assert [Path(s["path"]).name for s in skipped] == [name]


def test_an_article_in_korean_or_japanese_is_indexed_with_a_warning(tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    settings = make_settings(tmp_path, {
        "busan-ko.md": ("부산서 첫 한일 항구 축제\n부산 북항에서 11월 1일 제1회 한일 항구 축제가 개막해 약 1만2000명이 "
                        "찾았다. 축제는 부산시와 후쿠오카시가 공동으로 주최했다.\n").encode(),
        "tokyo-ja.txt": ("東京タワーが韓国の国旗の色に\n東京タワーは2月15日の夜、国交正常化60周年を記念して"
                         "韓国の国旗の色で点灯されました。ソウルの南山タワーも日本の国旗の色で点灯されました。\n").encode(),
        "quoted.md": "The concert in Seoul (서울) on 5 December was also shown in Tokyo (東京) and Osaka.\n".encode()})
    with caplog.at_level(logging.WARNING):
        report = build_index(settings, embedder=HashEmbedder())
    assert report.articles == 5 and not report.skipped  # indexed all the same
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 2, warned  # an English article quoting a Korean or Japanese name is English
    assert any("busan-ko.md is written in Korean" in w for w in warned)
    assert any("tokyo-ja.txt is written in Japanese" in w for w in warned)
    assert written_in("日韩邦交正常化六十周年纪念音乐会在首尔举行") == "zh"  # kanji without kana


def test_other_encodings_are_read_not_skipped(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, READABLE)
    report = build_index(settings, embedder=HashEmbedder())
    assert report.skipped == () and report.articles == 2 + len(READABLE)
    articles = store.load_index(settings.index_dir).articles
    assert "café de Montréal a ouvert" in articles["latin1"].text
    assert articles["utf16"].title == "Über Sejong" and "Hangul" in articles["utf16"].text
    assert "9 October" in articles["utf16be"].text
    assert "largest port city" in articles["utf16-nobom"].text and articles["utf16-nobom"].title == "Busan Port"
    assert "volcanic island" in articles["utf16be-nobom"].text
    assert not articles["utf8bom"].text.startswith("\ufeff")


def test_all_broken_at_once_still_indexes_the_good_articles(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, {**{n: d for n, (d, _) in BROKEN.items()}, **READABLE})
    embedder = HashEmbedder()
    report = build_index(settings, embedder=embedder)
    assert {Path(s.path).name for s in report.skipped} == set(BROKEN)
    assert report.articles == 2 + len(READABLE)
    answer = Engine.from_settings(settings, embedder=embedder).answer("When was the Treaty on Basic Relations signed?")
    assert answer.text is not None and "1965" in answer.text


def test_a_run_on_sentence_is_split_so_snippets_stay_bounded(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, {"run-on.txt": ("Run on\n" + "and then the parade went on " * 4000).encode()})
    embedder = HashEmbedder()
    build_index(settings, embedder=embedder)
    index = store.load_index(settings.index_dir)
    assert max(len(s.text) for s in index.sentences) <= 2000
    answer = Engine.from_settings(settings, embedder=embedder).answer("the parade went on")
    assert all(len(c.snippet) <= 2000 for c in answer.citations)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The CLI pointed at tmp_path, building with the hashing embedder instead of the model."""
    robust_helpers.cli_env(monkeypatch, tmp_path)
    return tmp_path


def test_cli_build_with_nothing_usable_exits_1_with_one_clear_line(
        cli_env: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    make_settings(cli_env, {n: d for n, (d, _) in BROKEN.items()}, tiny=False)
    with caplog.at_level(logging.WARNING):
        assert main(["build"]) == 1
    *skipped, error = capsys.readouterr().err.strip().splitlines()
    assert error.startswith("error: No usable articles") and "qabot build" in error
    assert f"({len(BROKEN)} file(s) skipped)" in error
    for name, (_, reason) in BROKEN.items():  # each named once, with why, before the error
        assert sum(name in line and reason in line for line in skipped) == 1, name
    assert len(skipped) == len(BROKEN) and "skipped" not in caplog.text  # (not said twice, in the log too)
    assert not (cli_env / "index" / "CURRENT").exists()


def test_cli_build_with_some_usable_exits_0_and_lists_the_skipped(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_settings(cli_env, {n: d for n, (d, _) in BROKEN.items()})
    assert main(["build"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Built v-") and "2 articles" in out
    for name, (_, reason) in BROKEN.items():
        assert sum(name in line and reason in line for line in err.splitlines()) == 1, name


def test_cli_build_after_the_corpus_breaks_keeps_the_last_good_index(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = make_settings(cli_env, {})
    assert main(["build"]) == 0
    good = (settings.index_dir / "CURRENT").read_text()
    for path in settings.corpus_dir.iterdir():
        path.write_bytes(bytes(range(256)) * 10)
    capsys.readouterr()
    assert main(["build"]) == 1
    *skipped, error = capsys.readouterr().err.strip().splitlines()
    assert error.startswith("error: No usable articles") and all(line.startswith("skipped ") for line in skipped)
    assert (settings.index_dir / "CURRENT").read_text() == good
    assert len(store.load_index(settings.index_dir).articles) == 2
