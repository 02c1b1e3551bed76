"""Parse every held-out question with the trained model; print the predictions as JSON.

Run in its own process, once with our patched loader and once with Rasa's own
(`--rasa-loader`), so tests/e2e/test_model_loading.py can compare the two.
"""

from __future__ import annotations

import asyncio
import json
import sys

from bot import env

HOLDOUT = env.PROJECT_ROOT / "tests" / "nlu" / "holdout.yml"
MODEL = env.PROJECT_ROOT / "models" / "bot.tar.gz"


def main() -> None:
    env.apply()
    if "--rasa-loader" not in sys.argv:
        from bot import rasa_patches

        rasa_patches.apply()
    from rasa.core.agent import Agent

    from bench.pipelines import load_examples

    agent = Agent.load(str(MODEL))
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
    print(json.dumps(predictions))


if __name__ == "__main__":
    main()
