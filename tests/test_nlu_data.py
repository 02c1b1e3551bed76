"""The training data is big enough per topic, and the held-out file is really held out."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from conversation.shared import TOPIC_INTENTS

ROOT = Path(__file__).resolve().parent.parent
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def examples(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for block in data.get("nlu", []):
        if "intent" in block:
            for line in block["examples"].splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    found.append((block["intent"], text))
    return found


def plain(text: str) -> str:
    return " ".join(ANNOTATION.sub(r"\1", text).lower().split())


def training_examples() -> list[tuple[str, str]]:
    return [e for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for e in examples(path)]


def test_every_topic_intent_has_at_least_25_examples() -> None:
    per_intent = Counter(intent for intent, _ in training_examples())
    short = {intent: per_intent[intent] for intent in TOPIC_INTENTS if per_intent[intent] < 25}
    assert not short, short


def test_held_out_file_shares_no_example_with_training() -> None:
    train = {plain(text) for _, text in training_examples()}
    held_out = examples(ROOT / "tests" / "nlu" / "holdout.yml")
    assert len(held_out) >= 100
    overlap = [text for _, text in held_out if plain(text) in train]
    assert not overlap, overlap


def test_held_out_file_covers_every_intent() -> None:
    trained = {intent for intent, _ in training_examples()}
    held_out = {intent for intent, _ in examples(ROOT / "tests" / "nlu" / "holdout.yml")}
    assert held_out == trained
