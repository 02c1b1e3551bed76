"""Scores for intent and entity predictions, the same code for every pipeline compared.

Kept free of Rasa and scikit-learn imports so the definitions are unit-tested cheaply.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

OUT_OF_SCOPE = "out_of_scope"
# What Rasa's FallbackClassifier predicts when unsure: the bot asks the visitor to rephrase.
FALLBACK = "nlu_fallback"

Span = tuple[int, int, str]  # start, end, entity type


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    entities: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Prediction:
    intent: str
    confidence: float
    entities: tuple[Span, ...] = ()
    seconds: float = 0.0


def per_intent_f1(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """F1 of every intent present in the gold labels. A fallback prediction is simply wrong
    for these (a visitor asked something answerable and was asked to rephrase)."""
    scores = {}
    for intent in sorted(set(gold)):
        true_positive = sum(g == p == intent for g, p in zip(gold, predicted, strict=True))
        predicted_count = sum(p == intent for p in predicted)
        gold_count = sum(g == intent for g in gold)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / gold_count
        scores[intent] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return scores


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else float("nan")


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    scores = per_intent_f1(gold, predicted)
    return sum(scores.values()) / len(scores) if scores else float("nan")


def out_of_scope_recall(gold: list[str], predicted: list[str], *, fallback_counts: bool = False) -> float:
    """Share of unrelated questions recognised as such. With fallback_counts, a request to
    rephrase also counts: the visitor gets no wrong answer, but is not told it is off-topic."""
    accepted = {OUT_OF_SCOPE, FALLBACK} if fallback_counts else {OUT_OF_SCOPE}
    outcomes = [p in accepted for g, p in zip(gold, predicted, strict=True) if g == OUT_OF_SCOPE]
    return sum(outcomes) / len(outcomes) if outcomes else float("nan")


def entity_f1(gold: list[tuple[Span, ...]], predicted: list[tuple[Span, ...]]) -> float:
    """Micro-F1 over exact entity spans (same start, end and type), CoNLL style."""
    true_positive = gold_total = predicted_total = 0
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        gold_count, predicted_count = Counter(gold_spans), Counter(predicted_spans)
        true_positive += sum((gold_count & predicted_count).values())
        gold_total += len(gold_spans)
        predicted_total += len(predicted_spans)
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = true_positive / gold_total if gold_total else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
