"""How well personal data is masked, on tests/privacy_*.yml (numbers, not a test).

`python -m bench.masking` prints, for the whole masking, how many samples come out exactly
as expected, and for names, the message-level precision and recall of each finder
(context words, spaCy's NER, both), so the choice in bot/names.py rests on numbers.
Precision: of the messages where a name was masked, the share where that was right.
Recall: of the messages with a name, the share masked exactly as expected.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from bot import names as name_finder
from bot.normalise import normalise
from bot.privacy import mask, replace

TESTS = Path(__file__).resolve().parent.parent / "tests"
# Ours, and one written by a helper session that never saw the masking code.
SAMPLE_FILES = ("privacy_samples.yml", "privacy_holdout.yml", "privacy_shapes.yml", "privacy_shapes_unseen.yml")
NAME = "[nom masqué]"


def load(name: str) -> tuple[list[dict[str, str]], list[str]]:
    data = yaml.safe_load((TESTS / name).read_text(encoding="utf-8"))
    return data["masked"], data["kept"]


def pairs(name: str) -> list[tuple[str, str]]:
    """(text, expected) for every sample; a kept sample is expected unchanged."""
    masked, kept = load(name)
    return [(s["text"], s["expected"]) for s in masked] + [(text, text) for text in kept]


def name_scores(name: str, method: str) -> tuple[float, float, int, int]:
    masked_any = right = with_name = found = 0
    for text, expected in pairs(name):
        text = normalise(text)
        without_names = mask(text, names=False)
        got = replace(without_names, name_finder.names(without_names, method), NAME)
        has_name = NAME in expected
        with_name += has_name
        if NAME in got:
            masked_any += 1
            right += has_name and got == expected
        found += has_name and got == expected
    precision = right / masked_any if masked_any else 1.0
    return precision, found / with_name if with_name else 1.0, masked_any, with_name


def main() -> None:
    show_errors = "--show-errors" in sys.argv
    mask("Bonjour, je m'appelle Marie")  # loads spaCy: not part of the time per message
    for name in SAMPLE_FILES:
        samples = pairs(name)
        start = time.perf_counter()
        right = [mask(normalise(text)) == expected for text, expected in samples]
        ms = (time.perf_counter() - start) * 1000 / len(samples)
        masked, kept = load(name)
        exact, personal, ordinary = sum(right), sum(right[: len(masked)]), sum(right[len(masked) :])
        print(f"{name}: {len(samples)} samples ({len(masked)} with personal data, {len(kept)} ordinary)")
        print(f"  exactly as expected: {exact}/{len(samples)} ({exact / len(samples):.1%}), {ms:.1f} ms per message")
        print(f"    with personal data masked exactly: {personal}/{len(masked)}")
        print(f"    ordinary messages left unchanged:  {ordinary}/{len(kept)} (precision on ordinary text)")
        if show_errors:
            for (text, expected), ok in zip(samples, right, strict=True):
                if not ok:
                    got = mask(normalise(text))
                    print(f"      - {text!r}\n        got      {got!r}\n        expected {expected!r}")
        print("  names       precision  recall")
        for method in ("context", "ner", "both"):
            precision, recall, _, _ = name_scores(name, method)
            print(f"    {method:<9} {precision:>9.1%}  {recall:>6.1%}")


if __name__ == "__main__":
    main()
