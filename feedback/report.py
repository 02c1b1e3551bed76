"""List the questions the bot could not answer or answered badly, most frequent first.

Usage: python -m feedback.report [--database-url URL] [--limit N]

For the people who maintain the content: each line is a question visitors asked,
how often, and why it counts (not understood, out of scope, not covered by the
sources, answer judged unhelpful).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata

from feedback.store import KIND_LABELS, FeedbackStore, Gap, database_url
from knowledge.db import make_engine


def printable(text: str) -> str:
    """Visitor text on one line of the report: control and format characters (newlines, escape
    sequences, bidirectional overrides) shown escaped, so no text can forge rows or recolour
    the terminal."""
    return "".join(
        ascii(char)[1:-1] if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char for char in text
    )


def format_gaps(gaps: list[Gap]) -> str:
    if not gaps:
        return "No unanswered or badly answered question recorded."
    lines = [f"{'count':>5}  {'why':<45}  question"]
    for gap in gaps:
        why = ", ".join(f"{KIND_LABELS[kind]} ×{n}" for kind, n in gap.kinds.most_common())
        lines.append(f"{gap.count:>5}  {why:<45}  {printable(gap.question)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(argv)
    store = FeedbackStore(make_engine(args.database_url or database_url()))
    print(format_gaps(store.gaps()[: args.limit]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
