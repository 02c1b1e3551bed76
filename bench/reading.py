"""How well the bot reads a message: speech acts, (attribute, objects) pairs, exclusions.

Usage: python -m bench.reading [--file tests/reading/holdout.yml] [--show-errors]

Parses every message of a labelled file (written by a helper from the articles only, without
seeing the bot's code or training data) with the trained NLU model, reads it with
actions/reading.py as the action server does, and prints each part's accuracy:
- acts: the set of speech acts equals the gold set (exact), and per act precision / recall;
- asks: precision / recall / F1 of the attributes asked, and of the (attribute, objects) pairs;
- excluded: the excluded objects equal the gold ones (exact), over all items and over the
  items that exclude something.
With --min-f1, exits non-zero when the attributes' F1 falls below it (make nlu-test).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.env import PROJECT_ROOT

HOLDOUT = PROJECT_ROOT / "tests" / "reading" / "holdout.yml"
MODEL = PROJECT_ROOT / "models" / "bot.tar.gz"
ACTS = ("ask", "state", "leave", "thank", "greet", "health", "correct")


def _objects(objects: dict[str, Any] | None) -> frozenset[tuple[str, str]]:
    """Objects as comparable pairs; a list of values (a comparison) counts each value."""
    pairs = set()
    for entity, value in (objects or {}).items():
        for one in value if isinstance(value, list) else [value]:
            pairs.add((entity, str(one)))
    return frozenset(pairs)


@dataclass
class Tally:
    """Counts for precision / recall over a multiset of labels."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: list, gold: list) -> None:
        common = Counter(predicted) & Counter(gold)
        self.hits += sum(common.values())
        self.predicted += len(predicted)
        self.gold += len(gold)

    def line(self, name: str) -> str:
        p = self.hits / self.predicted if self.predicted else 1.0
        r = self.hits / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name}: precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}"

    @property
    def f1(self) -> float:
        p = self.hits / self.predicted if self.predicted else 1.0
        r = self.hits / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    items: int
    acts_exact: float
    excluded_exact: float
    excluded_when_any: float
    attributes: Tally
    pairs: Tally
    per_act: dict[str, Tally]
    errors: list[str]

    def lines(self) -> list[str]:
        out = [
            f"items: {self.items}",
            f"acts (exact set): {self.acts_exact:.3f}",
            *(t.line(f"  act {a}") for a, t in self.per_act.items() if t.gold or t.predicted),
            self.attributes.line("attributes asked"),
            self.pairs.line("(attribute, objects) pairs"),
            f"excluded objects (exact): {self.excluded_exact:.3f} over all items, "
            f"{self.excluded_when_any:.3f} over items that exclude something",
        ]
        return out


def parse_all(texts: list[str]) -> list[dict[str, Any]]:
    """The NLU parse of each text by the trained model (as the Rasa server gives the action server)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(MODEL))

    async def parse() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    return asyncio.run(parse())


def evaluate(items: list[dict[str, Any]], parses: list[dict[str, Any]]) -> Report:
    from actions.actions import message_from_parse
    from actions.profile import states_profile
    from actions.reading import read_message, resolve

    attributes, pairs = Tally(), Tally()
    per_act = {a: Tally() for a in ACTS}
    acts_ok = excluded_ok = excluding = excluding_ok = 0
    errors: list[str] = []
    for item, parse in zip(items, parses, strict=True):
        reading = read_message(parse, states_profile(message_from_parse(parse)))
        asks = resolve(reading, {})  # within the message: « et l'OPCO ? » asks what came before
        gold_acts = set(item.get("acts") or [])
        acts_ok += set(reading.acts) == gold_acts
        for act in ACTS:
            per_act[act].add([act] if act in reading.acts else [], [act] if act in gold_acts else [])
        gold_asks = item.get("asks") or []
        attributes.add([a.attribute for a in asks], [g.get("attribute") for g in gold_asks])
        pairs.add(
            [(a.attribute, _objects(a.objects)) for a in asks],
            [(g.get("attribute"), _objects(g.get("objects"))) for g in gold_asks],
        )
        gold_excluded = _objects(item.get("excluded"))
        got_excluded = _objects({k: sorted(v) for k, v in reading.excluded.items()})
        excluded_ok += got_excluded == gold_excluded
        if gold_excluded:
            excluding += 1
            excluding_ok += got_excluded == gold_excluded
        if set(reading.acts) != gold_acts or [a.attribute for a in asks] != [g.get("attribute") for g in gold_asks]:
            errors.append(
                f"{item['text'][:90]!r}: acts {sorted(reading.acts)} (gold {sorted(gold_acts)}), "
                f"asks {[a.attribute for a in asks]} (gold {[g.get('attribute') for g in gold_asks]})"
            )
    n = len(items)
    return Report(
        n,
        acts_ok / n,
        excluded_ok / n,
        excluding_ok / excluding if excluding else 1.0,
        attributes,
        pairs,
        per_act,
        errors,
    )


def run(path: Path = HOLDOUT) -> Report:
    items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items") or []
    return evaluate(items, parse_all([item["text"] for item in items]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=HOLDOUT)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--min-f1", type=float, default=0.0, help="fail below this F1 of the attributes asked")
    args = parser.parse_args()
    report = run(args.file)
    if args.show_errors:
        print("\n".join(report.errors))
    print("\n".join(report.lines()))
    if report.attributes.f1 < args.min_f1:
        print(f"attributes F1 {report.attributes.f1:.3f} below {args.min_f1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
