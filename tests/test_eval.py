"""The evaluation: answer matching, metrics, threshold sweep, question set, report and `qabot eval`."""

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.engine.engine import Engine
from bot.evaluation.metrics import (
    BASELINES,
    METRIC_KEYS,
    QUESTIONS,
    EvalQuestion,
    EvalSetError,
    Outcome,
    calibrate,
    contains,
    first_hit,
    load_questions,
    question_texts,
    regressions,
    run,
    select,
    strip_marks,
    summarize,
    sweep,
)
from bot.evaluation.report import write_report

from .conftest import REPO

ARTICLES = {"turning-a-page", "valentines-two-towers", "lee-join-hands"}


@pytest.mark.parametrize("text, answer, found", [
    ("Most recently, on December 5th, a concert", "December 5th", True),
    ("Most recently, on December 5th, a concert", "december 5TH", True),
    ("held on December 51 somewhere", "December 5", False),  # whole words only
    ("They performed Beethoven’s Ninth Symphony", "Beethoven's Ninth Symphony", True),
    ("from 1910-45.", "1910–45", True),
    ("(October 26–November 11)", "October 26-November 11", True),
    ("South Korean President Lee Jae-myung", "Lee", True),
    ("anything", "", False),
    ("Samanid Empire", "The Samanid Empire,", True),  # articles are dropped, as SQuAD's normalisation does
    ("the Pamir range", "Pamir range", True),
    ("a theory", "the", False),  # an answer of articles alone matches nothing
    ("Samanid", "The Samanid Empire", False),  # a part of the answer is not the answer
    ("troops of the US", "U.S.", True),  # letters with stops are one word, as SQuAD's normalisation makes them
    ("Washington, D.C.", "Washington DC", True),
])
def test_answers_match_ignoring_case_and_punctuation(text: str, answer: str, found: bool) -> None:
    assert contains(text, answer) is found


def test_citation_marks_are_not_part_of_the_answer() -> None:
    assert strip_marks("5 December 2025 [1][2]") == "5 December 2025"
    assert strip_marks("Koichi Mizushima [1]") == "Koichi Mizushima"


def test_first_hit_is_the_rank_of_the_first_snippet_with_an_answer() -> None:
    snippets = ["nothing here", "It was June 19 in Tokyo.", "June 16 in Seoul"]
    assert first_hit(snippets, ["June 16", "16 June"]) == 3
    assert first_hit(snippets, ["June 19"]) == 2
    assert first_hit(snippets, ["October"]) is None


def _outcome(answers: tuple[str, ...], text: str | None, snippets: tuple[str, ...], confidence: float = 0.5,
             source: str | None = "a", articles: tuple[str, ...] = ("a",), latency: float = 10.0,
             kind: str = "factoid") -> Outcome:
    item = EvalQuestion("q?", answers, source if answers else None, kind if answers else "unanswerable", "tune")
    return Outcome(item, text, text is None, confidence, snippets, articles, latency)


def test_summary_metrics_on_a_handmade_run() -> None:
    outcomes = [
        _outcome(("1965",), "1965", ("in 1965", "x"), latency=10),  # right, hit@1
        _outcome(("Obuchi",), "Kim Dae-jung", ("x", "y", "Keizo Obuchi"), articles=("b", "a", "a"), latency=20),
        _outcome(("Camp David",), None, ("x",) * 6, latency=30),  # abstained on an answerable question
        _outcome((), None, ("x",), latency=40),  # rightly abstained
        _outcome((), "some sentence", ("x",), latency=50),  # answered an unanswerable question
    ]
    s = summarize(outcomes)
    assert list(s) == list(METRIC_KEYS)
    assert s["hit@1"] == pytest.approx(1 / 3) and s["hit@3"] == pytest.approx(2 / 3) and s["hit@5"] == s["hit@3"]
    assert s["mrr"] == pytest.approx((1 + 1 / 3) / 3)
    assert s["answer_accuracy"] == pytest.approx(1 / 3)
    assert s["citation_accuracy"] == pytest.approx(2 / 3)  # the second's first citation is from article b
    assert s["abstention_precision"] == pytest.approx(1 / 2) and s["abstention_recall"] == pytest.approx(1 / 2)
    assert s["latency_ms_p50"] == 30 and s["n"] == 5


def test_sweep_and_calibration_choose_the_middle_of_the_best_run() -> None:
    outcomes = [_outcome(("x",), "x", ("x",), confidence=0.6), _outcome(("y",), "y", ("y",), confidence=0.5),
                _outcome((), "z", ("z",), confidence=0.3), _outcome((), "w", ("w",), confidence=0.45)]
    points = sweep(outcomes, [0.2, 0.3, 0.4, 0.46, 0.5, 0.55, 0.7])
    by_t = {p.threshold: p for p in points}
    assert by_t[0.2].abstention_recall == 0 and by_t[0.2].answer_accuracy == 1
    assert by_t[0.46].abstention_precision == 1 and by_t[0.46].abstention_recall == 1
    assert by_t[0.55].answer_accuracy == 0.5 and by_t[0.55].abstention_precision == pytest.approx(2 / 3)
    assert calibrate(points) == pytest.approx(0.48)  # 0.46 and 0.5 are both perfect


def test_regressions_name_the_gated_metrics_that_dropped_beyond_the_margin() -> None:
    base = {"hit@3": 0.9, "answer_accuracy": 0.8, "abstention_precision": 0.7, "abstention_recall": 0.6, "mrr": 0.9}
    now = {"hit@3": 0.89, "answer_accuracy": 0.7, "abstention_precision": 0.7, "abstention_recall": 0.9, "mrr": 0.1}
    assert [r.split(":")[0] for r in regressions(now, base, margin=0.02)] == ["answer_accuracy"]


def test_bad_question_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(EvalSetError, match="No question file"):
        load_questions(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "ok?", "answers": []}\n{"answers": ["x"]}\n', encoding="utf-8")
    with pytest.raises(EvalSetError, match=r"bad.jsonl:2 "):
        load_questions(bad)


def test_the_repository_question_set_follows_the_issue() -> None:
    questions = load_questions(REPO / "evals" / "questions.jsonl")
    assert len(questions) >= 80
    assert len({q.question for q in questions}) == len(questions)
    unanswerable = [q for q in questions if not q.answerable]
    assert len(unanswerable) >= 15 and all(q.source is None for q in unanswerable)
    assert {q.kind for q in questions} == {"factoid", "paraphrase", "context", "cross", "unanswerable"}
    assert all(q.source in ARTICLES for q in questions if q.source)
    assert {q.split for q in questions} == {"tune", "heldout"}
    for split in ("tune", "heldout"):
        part = select(questions, split)
        assert len(part) >= 40 and sum(1 for q in part if not q.answerable) >= 10


def test_benchmarks_and_soaks_find_the_question_set_from_any_directory(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(question_texts(QUESTIONS)) == len(load_questions(REPO / QUESTIONS))
    assert question_texts(Path("missing.jsonl")) == []


@pytest.mark.parametrize("name", [q.name for q in BASELINES])
def test_every_acceptable_answer_is_written_in_the_articles(name: str) -> None:
    """An expected string that no article contains could never be matched in a snippet."""
    texts = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "corpus").glob("*.md"))
    for q in load_questions(REPO / "evals" / name):
        if q.answerable and q.kind != "context":
            assert any(contains(texts, a) for a in q.answers), q.question


def test_run_on_the_fake_engine(fake_engine: Engine) -> None:
    questions = [EvalQuestion("When was the concert in Seoul?", ("5 December 2025", "December 5th"), "concert",
                              "factoid"),
                 EvalQuestion("What is the population of Osaka?", (), None, "unanswerable")]
    outcomes = run(fake_engine, questions)
    assert outcomes[0].correct and outcomes[0].hit_rank == 1 and outcomes[0].articles[0] == "concert"
    assert outcomes[1].abstained and outcomes[1].correct
    assert summarize(outcomes)["abstention_recall"] == 1.0


def test_report_writes_markdown_and_a_png(tmp_path: Path) -> None:
    outcomes = [_outcome(("1965",), "1965", ("in 1965",), confidence=0.7),
                _outcome(("Obuchi",), "Kim", ("x",), confidence=0.5, kind="paraphrase"),
                _outcome((), None, ("x",), confidence=0.3)]
    base = dict(summarize(outcomes), answer_accuracy=0.9)
    path = write_report(tmp_path / "r", outcomes, 0.4, "hybrid", "q.jsonl", None, base, 0.02,
                        {"dense": summarize(outcomes)})
    text = path.read_text(encoding="utf-8")
    assert "| answer_accuracy | 0.900 | 0.500 | -0.400 | FAIL |" in text
    assert "## Retrieval ablation" in text and "![evaluation chart](eval.png)" in text
    assert "| paraphrase | tune | q? | Obuchi | Kim |" in text
    assert (tmp_path / "r" / "eval.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


SMALL_SET = [
    {"question": "When was the Seoul concert?", "answers": ["5 December 2025", "December 5th"],
     "source": "turning-a-page", "kind": "factoid", "split": "tune"},
    {"question": "What is the population of Osaka?", "answers": [], "source": None, "kind": "unanswerable",
     "split": "heldout"},
]


@pytest.mark.model
def test_eval_json_prints_exactly_the_metric_keys(monkeypatch: pytest.MonkeyPatch, real_settings: Settings,
                                                   tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QABOT_INDEX_DIR", str(real_settings.index_dir))
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in SMALL_SET) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--json", "--baseline", str(tmp_path / "none.json")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [*METRIC_KEYS, "failures"]
    assert out["n"] == 2 and out["hit@1"] == 1.0 and out["answer_accuracy"] == 1.0
    assert out["abstention_recall"] == 1.0 and out["failures"] == []
    assert main(["eval", str(path), "--json", "--split", "heldout", "--baseline", str(tmp_path / "none.json")]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == 1


@pytest.mark.model
def test_another_question_set_is_not_compared_with_the_repositorys_baseline(
        monkeypatch: pytest.MonkeyPatch, real_settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QABOT_INDEX_DIR", str(real_settings.index_dir))
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(SMALL_SET[1]) + "\n", encoding="utf-8")  # far below the baseline's hit@3...
    assert main(["eval", str(path), "--check"]) == 0  # ...but the baseline is of evals/questions.jsonl
    assert "baseline" not in capsys.readouterr().out
    assert main(["eval", str(path), "--write-baseline"]) == 1  # it would overwrite evals/baseline.json
    assert "--baseline FILE" in capsys.readouterr().err
    assert main(["eval", str(path), "--write-baseline", "--baseline", str(tmp_path / "b.json")]) == 0
    assert json.loads((tmp_path / "b.json").read_text())["splits"]["all"]["n"] == 1


@pytest.mark.model
def test_eval_report_and_ablation(monkeypatch: pytest.MonkeyPatch, real_settings: Settings, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QABOT_INDEX_DIR", str(real_settings.index_dir))
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in SMALL_SET) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--ablation", "--report", str(tmp_path / "rep")]) == 0
    out = capsys.readouterr().out
    assert "| metric | now | dense | keyword | hybrid |" in out
    assert (tmp_path / "rep" / "report.md").is_file() and (tmp_path / "rep" / "eval.png").is_file()


def test_eval_of_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(tmp_path / "nope.jsonl")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: No question file") and "Traceback" not in err


def test_a_report_on_korean_or_japanese_questions_draws_their_own_threshold() -> None:
    from bot.config import Settings
    from bot.evaluation.cli import _threshold_of

    settings = Settings(abstain_threshold=0.38, abstain_threshold_ko_ja=0.263)
    korean = [EvalQuestion("서울 콘서트는 언제 열렸나요?", (), None, "unanswerable"),
              EvalQuestion("When was it?", (), None, "unanswerable"),
              EvalQuestion("ソウルのコンサートはいつ？", (), None, "unanswerable")]
    assert _threshold_of(korean, settings) == 0.263
    assert _threshold_of(korean[1:2], settings) == 0.38
