"""The evaluation report: a Markdown page (metrics, baseline comparison, ablation, failures) and a PNG chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .metrics import GATED_KEYS, METRIC_KEYS, Outcome, by_kind, failures, grouped, summarize

Metrics = Mapping[str, float | int]


def _fmt(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def metrics_table(columns: Mapping[str, Metrics], keys: Sequence[str] = METRIC_KEYS) -> str:
    """A Markdown table with one row per metric and one column per run ("–" where a run lacks the metric)."""
    names = list(columns)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(_fmt(columns[n][k]) if k in columns[n] else "–" for n in names) + " |")
    return "\n".join(lines)


_ANSWERABLE_KEYS = ("hit@1", "hit@3", "hit@5", "mrr", "answer_accuracy", "citation_accuracy")


def kind_table(outcomes: Sequence[Outcome]) -> str:
    """Metrics per question kind, leaving out those that do not apply (retrieval for unanswerable kinds)."""
    columns: dict[str, dict[str, float | int]] = {}
    for kind, mine in grouped(outcomes, lambda q: q.kind).items():
        applies = {"n"}
        if any(o.item.answerable for o in mine):
            applies.update(_ANSWERABLE_KEYS)
        if any(not o.item.answerable for o in mine):
            applies.add("abstention_recall")
        columns[kind] = {k: v for k, v in summarize(mine).items() if k in applies}
    return metrics_table(columns, ("hit@1", "hit@3", "mrr", "answer_accuracy", "abstention_recall", "n"))


def baseline_table(current: Metrics, baseline: Metrics, margin: float) -> str:
    """Current vs baseline, with the change and whether the gate would fail."""
    lines = ["| metric | baseline | now | change | gate |", "|---|---:|---:|---:|---|"]
    for k in METRIC_KEYS:
        if k not in baseline or k == "n":
            continue
        delta = float(current[k]) - float(baseline[k])
        gate = ""
        if k in GATED_KEYS:
            gate = "FAIL" if delta < -margin else "ok"
        lines.append(f"| {k} | {_fmt(baseline[k])} | {_fmt(current[k])} | {delta:+.3f} | {gate} |")
    return "\n".join(lines)


def chart(outcomes: Sequence[Outcome], threshold: float, path: Path) -> Path:
    """Hit@k and answer accuracy per question kind; confidence of answerable vs unanswerable questions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    answerable_kinds = {o.item.kind for o in outcomes if o.item.answerable}
    kinds = {k: m for k, m in by_kind(outcomes).items() if k in answerable_kinds}
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.6))
    series = ["hit@1", "hit@3", "hit@5", "answer_accuracy"]
    x = np.arange(len(kinds))
    width = 0.2
    for i, key in enumerate(series):
        left.bar(x + (i - 1.5) * width, [float(m[key]) for m in kinds.values()], width, label=key)
    counts = [int(m["n"]) for m in kinds.values()]
    left.set_xticks(x, [f"{k}\n(n={c})" for k, c in zip(kinds, counts, strict=True)])
    left.set_ylim(0, 1.2)
    left.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    left.set_ylabel("share of questions")
    left.set_title("Retrieval and answers by question kind")
    left.legend(loc="upper center", ncol=4, fontsize=8)
    left.grid(axis="y", alpha=0.3)

    answerable = [o.confidence for o in outcomes if o.item.answerable]
    unanswerable = [o.confidence for o in outcomes if not o.item.answerable]
    every = answerable + unanswerable
    bins = np.linspace(min(every + [threshold]) - 0.02, max(every + [threshold]) + 0.02, 25)
    right.hist(answerable, bins=bins, alpha=0.6, label=f"answerable (n={len(answerable)})", color="tab:blue")
    right.hist(unanswerable, bins=bins, alpha=0.6, label=f"unanswerable (n={len(unanswerable)})", color="tab:red")
    right.axvline(threshold, color="black", linestyle="--", label=f"abstain below {threshold:g}")
    right.set_xlabel("answer confidence")
    right.set_ylabel("questions")
    right.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of questions has no halves
    right.set_title("Confidence: answerable vs unanswerable")
    right.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(directory: Path, outcomes: Sequence[Outcome], threshold: float, retrieval: str,
                 questions_path: str, split: str | None, baseline: Metrics | None = None, margin: float = 0.0,
                 ablation: Mapping[str, Metrics] | None = None) -> Path:
    """Write report.md and eval.png into `directory`; return the Markdown path."""
    directory.mkdir(parents=True, exist_ok=True)
    image = chart(outcomes, threshold, directory / "eval.png")
    summary = summarize(outcomes)
    parts = [
        "# qabot evaluation",
        "",
        f"Questions: `{questions_path}` (split: {split or 'all'}, n={summary['n']}); retrieval: {retrieval}; "
        f"abstention threshold: {threshold:g}.",
        "",
        "## Metrics",
        "",
        metrics_table({"now": summary}),
        "",
    ]
    splits = grouped(outcomes, lambda q: q.split or None)
    if len(splits) > 1:
        per_split = {name: summarize(part) for name, part in splits.items()}
        parts += ["## By split (thresholds and weights are tuned on `tune` only)", "", metrics_table(per_split), ""]
    if baseline is not None:
        parts += ["## Against the committed baseline", "",
                  f"The gate fails when a gated metric drops more than {margin} below the baseline.", "",
                  baseline_table(summary, baseline, margin), ""]
    if ablation:
        parts += ["## Retrieval ablation", "", metrics_table(ablation), ""]
    parts += ["## By question kind", "", kind_table(outcomes), "",
              f"![evaluation chart]({image.name})", "", "## Failures", ""]
    rows = failures(outcomes)
    if not rows:
        parts.append("None.")
    else:
        parts += ["| kind | split | question | expected | got | hit rank | confidence |",
                  "|---|---|---|---|---|---:|---:|"]
        for f in rows:
            expected = f["expected"] if isinstance(f["expected"], str) else " / ".join(f["expected"])  # type: ignore[arg-type]
            got = str(f["got"]).replace("|", "\\|")
            parts.append(f"| {f['kind']} | {f['split'] or ''} | {f['question']} | {expected} | {got} | "
                         f"{f['hit_rank'] or '–'} | {f['confidence']} |")
    path = directory / "report.md"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path
