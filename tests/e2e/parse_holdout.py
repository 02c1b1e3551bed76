"""Parse every held-out question with the trained model; print JSON (predictions, memory).

Run in its own process, once with our patched loader and once with Rasa's own
(`--rasa-loader`), so tests/e2e/test_model_loading.py can compare the two.
"""

from __future__ import annotations

import asyncio
import json
import sys

from bot import env
from bot.env import PROJECT_ROOT

HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout.yml"
MODEL = PROJECT_ROOT / "models" / "bot.tar.gz"


def resident_mb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))


def main() -> None:
    env.apply()
    if "--rasa-loader" not in sys.argv:
        from bot import rasa_patches

        rasa_patches.apply()
    from rasa.core.agent import Agent

    from bench.pipelines import load_examples

    agent = Agent.load(str(MODEL))
    loaded_mb = resident_mb()
    examples, _ = load_examples(HOLDOUT)
    predictions = []
    for example in examples:
        parsed = asyncio.run(agent.parse_message(example.text))
        predictions.append(
            {
                "text": example.text,
                "expected": example.intent,
                "intent": parsed["intent"]["name"],
                "confidence": parsed["intent"]["confidence"],
                "entities": sorted((e["entity"], e["value"]) for e in parsed["entities"]),
            }
        )
    print(json.dumps({"loaded_mb": loaded_mb, "predictions": predictions}))


if __name__ == "__main__":
    main()
