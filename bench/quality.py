"""Answer quality of the NLU against two baselines: `make eval`.

Usage: python -m bench.quality [--folds 3] [--out docs]
       python -m bench.quality --smoke      (tiny data and epochs for `make test`, report under results/)

One run trains the three pipelines of bench/pipelines.py on the same data with the same
seed, then scores them on (1) the held-out file tests/nlu/holdout.yml, (2) k-fold
cross-validation of the training data (same folds for all), (3) robustness variants of
the held-out file (bench/perturb.py). Prints the summary tables and writes a Markdown
report with plots. It is a measurement, not a test: it fails only if something crashes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.load import machine
from bench.perturb import VARIANTS
from bench.pipelines import NLU_DATA, PIPELINES, SEED, Pipeline, load_examples, pipelines, prepare_rasa
from bench.scores import (
    FALLBACK,
    OUT_OF_SCOPE,
    Example,
    Prediction,
    accuracy,
    entity_f1,
    macro_f1,
    out_of_scope_recall,
    per_intent_f1,
)
from bot.env import PROJECT_ROOT

HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout.yml"
SMOKE_INTENTS = 5  # plus out_of_scope
SMOKE_EXAMPLES_PER_INTENT = 8


@dataclass
class Outcome:
    """One pipeline trained once and scored on one test set."""

    pipeline: str
    extracts_entities: bool
    train_seconds: float
    test: list[Example]
    predictions: list[Prediction]

    @property
    def gold(self) -> list[str]:
        return [e.intent for e in self.test]

    @property
    def predicted(self) -> list[str]:
        return [p.intent for p in self.predictions]

    def scores(self) -> dict[str, float]:
        return {
            "accuracy": accuracy(self.gold, self.predicted),
            "macro_f1": macro_f1(self.gold, self.predicted),
            "oos_recall": out_of_scope_recall(self.gold, self.predicted),
            "oos_or_fallback": out_of_scope_recall(self.gold, self.predicted, fallback_counts=True),
            "entity_f1": (
                entity_f1([e.entities for e in self.test], [p.entities for p in self.predictions])
                if self.extracts_entities
                else float("nan")
            ),
            "train_seconds": self.train_seconds,
            "ms_per_message": 1000 * statistics.mean(p.seconds for p in self.predictions),
        }


def run(pipeline: Pipeline, train: list[Example], test: list[Example]) -> Outcome:
    print(f"--- {pipeline.name}: training on {len(train)} examples, testing on {len(test)}", flush=True)
    seconds = pipeline.train(train)
    return Outcome(pipeline.name, pipeline.extracts_entities, seconds, test, [pipeline.predict(e.text) for e in test])


def variants(test: list[Example]) -> dict[str, list[tuple[Example, str]]]:
    """For each variant, the held-out examples it changes and their changed text."""
    changed: dict[str, list[tuple[Example, str]]] = {}
    for name, transform in VARIANTS.items():
        pairs = [(e, transform(e.text)) for e in test]
        changed[name] = [(e, text) for e, text in pairs if text != e.text]
    return changed


def robustness(pipeline: Pipeline, outcome: Outcome, changed: dict[str, list[tuple[Example, str]]]) -> dict:
    """Accuracy on the changed examples before and after the change (the model is already trained)."""
    clean = {id(e): p.intent for e, p in zip(outcome.test, outcome.predictions, strict=True)}
    results = {}
    for name, pairs in changed.items():
        gold = [e.intent for e, _ in pairs]
        before = [clean[id(e)] for e, _ in pairs]
        after = [pipeline.predict(text).intent for _, text in pairs]
        results[name] = {"n": len(pairs), "before": accuracy(gold, before), "after": accuracy(gold, after)}
    return results


def folds(examples: list[Example], k: int) -> list[tuple[list[Example], list[Example]]]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED)
    labels = [e.intent for e in examples]
    return [
        ([examples[i] for i in train], [examples[i] for i in test]) for train, test in splitter.split(examples, labels)
    ]


def smoke_subset(train: list[Example], test: list[Example]) -> tuple[list[Example], list[Example]]:
    intents = sorted({e.intent for e in test} - {OUT_OF_SCOPE})[:SMOKE_INTENTS] + [OUT_OF_SCOPE]
    per_intent: dict[str, list[Example]] = defaultdict(list)
    for e in train:
        if e.intent in intents and len(per_intent[e.intent]) < SMOKE_EXAMPLES_PER_INTENT:
            per_intent[e.intent].append(e)
    return [e for group in per_intent.values() for e in group], [e for e in test if e.intent in intents]


# ---------------------------------------------------------------- report


def number(value: float, digits: int = 3) -> str:
    return "—" if value != value else f"{value:.{digits}f}"  # NaN: not applicable


def mean_sd(values: list[float], digits: int = 3) -> str:
    clean = [v for v in values if v == v]
    if not clean:
        return "—"
    sd = statistics.stdev(clean) if len(clean) > 1 else 0.0
    return f"{statistics.mean(clean):.{digits}f} ± {sd:.{digits}f}"


def holdout_table(outcomes: list[Outcome]) -> list[str]:
    lines = [
        "| Pipeline | Intent accuracy | Macro-F1 | Out-of-scope recall | OOS or fallback | Entity F1 "
        "| Training (s) | Inference (ms/message) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for outcome in outcomes:
        s = outcome.scores()
        lines.append(
            f"| {outcome.pipeline} | {number(s['accuracy'])} | {number(s['macro_f1'])} | {number(s['oos_recall'])} "
            f"| {number(s['oos_or_fallback'])} | {number(s['entity_f1'])} | {number(s['train_seconds'], 1)} "
            f"| {number(s['ms_per_message'], 1)} |"
        )
    return lines


def kfold_table(per_pipeline: dict[str, list[Outcome]]) -> list[str]:
    lines = [
        "| Pipeline | Intent accuracy | Macro-F1 | Out-of-scope recall | Entity F1 | Training (s/fold) "
        "| Inference (ms/message) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, outcomes in per_pipeline.items():
        scores = [o.scores() for o in outcomes]

        def column(key: str, digits: int = 3, scores: list[dict[str, float]] = scores) -> str:
            return mean_sd([s[key] for s in scores], digits)

        lines.append(
            f"| {name} | {column('accuracy')} | {column('macro_f1')} | {column('oos_recall')} "
            f"| {column('entity_f1')} | {column('train_seconds', 1)} | {column('ms_per_message', 1)} |"
        )
    return lines


def robustness_table(per_pipeline: dict[str, dict]) -> list[str]:
    names = list(per_pipeline)
    header = "| Variant | n | " + " | ".join(f"{name}: before → after (drop)" for name in names) + " |"
    lines = [header, "|---|---:|" + "---:|" * len(names)]
    for variant in VARIANTS:
        cells = []
        n = 0
        for name in names:
            r = per_pipeline[name][variant]
            n = r["n"]
            cells.append(f"{number(r['before'])} → {number(r['after'])} ({number(r['before'] - r['after'])})")
        lines.append(f"| {variant} | {n} | " + " | ".join(cells) + " |")
    return lines


def errors(outcome: Outcome, limit: int = 25) -> list[str]:
    wrong = [(e, p) for e, p in zip(outcome.test, outcome.predictions, strict=True) if e.intent != p.intent]
    lines = ["| Question | Expected | Predicted (confidence) |", "|---|---|---|"]
    for example, prediction in wrong[:limit]:
        text = example.text.replace("|", "\\|")
        lines.append(f"| {text} | {example.intent} | {prediction.intent} ({prediction.confidence:.2f}) |")
    return lines if wrong else ["None."]


def plots(outcomes: list[Outcome], out: Path, prefix: str) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    files = {}
    reference = outcomes[0]
    labels = sorted(set(reference.gold))
    columns = labels + ([FALLBACK] if FALLBACK in reference.predicted else [])
    matrix = [[0] * len(columns) for _ in labels]
    for gold, predicted in zip(reference.gold, reference.predicted, strict=True):
        if predicted in columns:
            matrix[labels.index(gold)][columns.index(predicted)] += 1
    fig, ax = plt.subplots(figsize=(12, 10))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    for row, counts in enumerate(matrix):
        for column, count in enumerate(counts):
            if count:
                ax.text(column, row, str(count), ha="center", va="center", fontsize=6)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title(f"Confusion matrix on the held-out file: {reference.pipeline}")
    fig.tight_layout()
    files["confusion"] = f"{prefix}confusion.png"
    fig.savefig(out / files["confusion"], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(10, max(4, 0.32 * len(labels) * len(outcomes) / 2)))
    height = 0.8 / len(outcomes)
    for index, outcome in enumerate(outcomes):
        f1 = per_intent_f1(outcome.gold, outcome.predicted)
        ax.barh(
            [i + index * height for i in range(len(labels))],
            [f1[label] for label in labels],
            height,
            label=outcome.pipeline,
        )
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(labels))], labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("F1 on the held-out file")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    files["f1"] = f"{prefix}per-intent-f1.png"
    fig.savefig(out / files["f1"], dpi=110)
    plt.close(fig)

    fig, axes = plt.subplots(1, len(outcomes), figsize=(4 * len(outcomes), 3.5), sharey=True)
    for ax, outcome in zip(axes, outcomes, strict=True):
        right = [p.confidence for e, p in zip(outcome.test, outcome.predictions, strict=True) if e.intent == p.intent]
        wrong = [p.confidence for e, p in zip(outcome.test, outcome.predictions, strict=True) if e.intent != p.intent]
        ax.hist([right, wrong], bins=[i / 20 for i in range(21)], stacked=True, label=["correct", "wrong"])
        ax.set_title(outcome.pipeline, fontsize=9)
        ax.set_xlabel("confidence of the predicted intent")
    axes[0].set_ylabel("held-out questions")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    files["confidence"] = f"{prefix}confidence.png"
    fig.savefig(out / files["confidence"], dpi=110)
    plt.close(fig)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs")
    parser.add_argument("--pipelines", default=",".join(PIPELINES), help=f"comma-separated, from {PIPELINES}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny data, 2 epochs, 2 folds, no Rasa-default run (same code path as ours); report under results/",
    )
    args = parser.parse_args(argv)
    keys = [key.strip() for key in args.pipelines.split(",")]
    unknown = set(keys) - set(PIPELINES)
    if unknown:
        parser.error(f"unknown pipeline(s) {sorted(unknown)}; choose from {PIPELINES}")
    if args.smoke:
        args.folds, args.out, keys = 2, PROJECT_ROOT / "results" / "eval-smoke", ["project", "tfidf"]
    args.out.mkdir(parents=True, exist_ok=True)

    prepare_rasa()
    train, source = load_examples(NLU_DATA)
    test, _ = load_examples(HOLDOUT)
    if args.smoke:
        train, test = smoke_subset(train, test)
    split = folds(train, args.folds)
    changed = variants(test)

    with tempfile.TemporaryDirectory(prefix="eval-") as workdir:
        candidates = pipelines(keys, source, Path(workdir), epochs=2 if args.smoke else None)
        holdout: list[Outcome] = []
        robust: dict[str, dict] = {}
        for pipeline in candidates:
            outcome = run(pipeline, train, test)
            holdout.append(outcome)
            robust[pipeline.name] = robustness(pipeline, outcome, changed)
        kfold: dict[str, list[Outcome]] = {p.name: [] for p in candidates}
        for number_, (fold_train, fold_test) in enumerate(split, start=1):
            print(f"=== fold {number_}/{len(split)}", flush=True)
            for pipeline in candidates:
                kfold[pipeline.name].append(run(pipeline, fold_train, fold_test))

    prefix = "evaluation-"
    files = plots(holdout, args.out, prefix)
    tables = {
        "holdout": holdout_table(holdout),
        "kfold": kfold_table(kfold),
        "robustness": robustness_table(robust),
    }
    summary = [
        f"Held-out file ({len(test)} questions, {len(set(e.intent for e in test))} intents):",
        *tables["holdout"],
        "",
        f"{args.folds}-fold cross-validation of the training data ({len(train)} examples), mean ± sd:",
        *tables["kfold"],
        "",
        "Robustness (intent accuracy on the held-out questions each variant changes):",
        *tables["robustness"],
    ]
    print("\n" + "\n".join(summary))
    report = args.out / "evaluation.md"
    report.write_text(render(args, train, test, tables, holdout[0], files), encoding="utf-8")
    print(f"\nReport: {report.relative_to(PROJECT_ROOT)}")
    return 0


def render(args, train: list[Example], test: list[Example], tables: dict, ours: Outcome, files: dict) -> str:
    oos_test = sum(e.intent == OUT_OF_SCOPE for e in test)
    oos_train = sum(e.intent == OUT_OF_SCOPE for e in train)
    lines = [
        "# NLU quality: this pipeline against two baselines",
        "",
        "Produced by `make eval` (`python -m bench.quality`"
        + (" --smoke: tiny data, 2 epochs — numbers meaningless" if args.smoke else "")
        + f"). Machine: {machine()}. All pipelines see the same examples, the same folds "
        f"(stratified, seed {SEED}) and every seeded model uses seed {SEED}.",
        "",
        "- **This project**: `config.yml` (spaCy `fr_core_news_sm` tokens and vectors, regex/lookup, "
        "word and char 2–5-gram count vectors on accent-stripped text, logistic regression for intents, "
        "CRF for entities, FallbackClassifier 0.45).",
        "- **Rasa default (no spaCy)**: Rasa 3.6's own `default_config.yml` with `language: fr` — whitespace "
        "tokenizer, word and char 1–4-gram count vectors, DIET 100 epochs, FallbackClassifier 0.3; "
        "ResponseSelector left out (no retrieval intents here).",
        "- **TF-IDF + LogReg**: scikit-learn, word 1–2-grams + char_wb 2–5-grams, logistic regression "
        "(C=10). Intents only: no entities, no fallback.",
        "",
        "Definitions: macro-F1 averages the F1 of every intent present in the test set. A fallback "
        "(`nlu_fallback`, the bot asks to rephrase) counts as wrong. Out-of-scope recall is the share "
        "of unrelated questions predicted `out_of_scope` (the bot says what it can talk about); "
        "*OOS or fallback* also counts a fallback (no wrong answer given). Entity F1 is micro-F1 over "
        "exact spans (start, end, type). Training time is the wall time of `train_nlu` (Rasa's cache "
        "off) or `fit`; inference is one message at a time, as visitors send them.",
        "",
        f"## Held-out file (`tests/nlu/holdout.yml`: {len(test)} questions, {oos_test} out of scope)",
        "",
        *tables["holdout"],
        "",
        f"## {args.folds}-fold cross-validation of the training data ({len(train)} examples, "
        f"{oos_train} out of scope), mean ± standard deviation",
        "",
        *tables["kfold"],
        "",
        "## Robustness",
        "",
        "Variants generated from the held-out file by `bench/perturb.py`: accents stripped, one-letter "
        "typo (dropped, doubled, swapped or neighbouring AZERTY key, in a word of 4+ letters), lower case, "
        "SMS abbreviations (c'est → c, quoi → koi, quel → kel, pourquoi → pk, combien → cb…). Each row "
        "counts only the questions the variant changes (n), and compares each pipeline's intent accuracy "
        "on those questions before and after the change.",
        "",
        *tables["robustness"],
        "",
        f"## Held-out errors of {ours.pipeline}",
        "",
        *errors(ours),
        "",
        "## Plots",
        "",
        f"![Confusion matrix]({files['confusion']})",
        "",
        f"![Per-intent F1]({files['f1']})",
        "",
        f"![Confidence histogram]({files['confidence']})",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
