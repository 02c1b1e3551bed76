"""The patched model loader (bot/rasa_patches.py, point 3) gives exactly Rasa's answers.

Both loaders run on the trained model in separate processes and parse every held-out
question; intents, confidences and entities must match.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.env import PROJECT_ROOT, bot_environment


def parse_holdout(*flags: str) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.e2e.parse_holdout", *flags],
        cwd=PROJECT_ROOT,
        env=bot_environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def both() -> tuple[list[dict], list[dict]]:
    return parse_holdout(), parse_holdout("--rasa-loader")


def test_patched_loader_understands_every_held_out_question_as_rasa_does(both: tuple[list[dict], list[dict]]) -> None:
    patched, rasa = both
    assert len(patched) == len(rasa) > 150
    for ours, theirs in zip(patched, rasa, strict=True):
        assert ours["text"] == theirs["text"]
        assert ours["intent"] == theirs["intent"], ours["text"]
        assert ours["confidence"] == pytest.approx(theirs["confidence"], abs=1e-5), ours["text"]
        assert ours["entities"] == theirs["entities"], ours["text"]


def test_the_patched_loader_answers_the_held_out_questions_correctly(both: tuple[list[dict], list[dict]]) -> None:
    """Guards against both loaders being equally broken (e.g. weights not restored)."""
    predictions = both[0]
    right = sum(p["intent"] == p["expected"] for p in predictions)
    assert right / len(predictions) >= 0.90
