"""Print the held-out NLU scores from `rasa test nlu` and fail below the threshold."""

from __future__ import annotations

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", help="intent_report.json written by rasa test nlu")
    parser.add_argument("--min-macro-f1", type=float, required=True)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    macro = report["macro avg"]["f1-score"]
    print(f"Held-out NLU: intent accuracy {report['accuracy']:.3f}, macro-F1 {macro:.3f}")
    weak = {
        name: scores["f1-score"]
        for name, scores in report.items()
        if isinstance(scores, dict) and "support" in scores and "avg" not in name and scores["f1-score"] < 0.8
    }
    for name, f1 in sorted(weak.items(), key=lambda item: item[1]):
        print(f"  weak intent: {name} F1 {f1:.2f}")
    if macro < args.min_macro_f1:
        print(f"FAIL: macro-F1 {macro:.3f} is below {args.min_macro_f1:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
