"""Side by side in one run: this checkout against an earlier revision, same machine, same load.

Usage: python -m bench.compare [--base REV] [--levels 1,20] [--saturation 20]

Checks the base revision out in a scratch git worktree (sharing this .venv), trains its
model there if it has none (the training time is one of the figures), then runs the same
bounded `bench.load` on each checkout one after the other, and prints the rows side by
side with both training times. All traffic goes to 127.0.0.1. Numbers, not a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from bot.env import PROJECT_ROOT

DEFAULT_BASE = "048d5ea"  # main before the adviser and answer work of December 2026
SCRATCH = PROJECT_ROOT / "var" / "compare"


def _run(args: list[str], cwd: Path) -> None:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run(args, cwd=cwd, env=env, check=True)


def worktree(rev: str) -> Path:
    target = SCRATCH / rev
    if not target.exists():
        SCRATCH.mkdir(parents=True, exist_ok=True)
        _run(["git", "worktree", "add", "--detach", str(target), rev], PROJECT_ROOT)
    venv = target / ".venv"
    if not venv.exists():
        venv.symlink_to(PROJECT_ROOT / ".venv")
    return target


def rows(report: Path) -> dict[str, str]:
    """Load-table rows of a bench.load report, keyed by 'visitors/pause'."""
    found = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 10 and cells[0].isdigit():
            found[f"{cells[0]} visitors, pause {cells[1]} s"] = cells
    return found


def training_seconds(checkout: Path) -> str:
    path = checkout / "var" / "training-seconds"
    return path.read_text().strip() if path.exists() else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--levels", default="1,20")
    parser.add_argument("--saturation", default="20")
    parser.add_argument("--retrain", action="store_true", help="train both models again, one after the other")
    args = parser.parse_args(argv)
    base = worktree(args.base)
    checkouts = {"base " + args.base: base, "this checkout": PROJECT_ROOT}
    out = PROJECT_ROOT / "results" / "compare"
    reports = {}
    for name, checkout in checkouts.items():
        if args.retrain:
            (checkout / "models" / "bot.tar.gz").unlink(missing_ok=True)
        _run(["make", "kb", "train"], checkout)
        report = out / f"{name.replace(' ', '-')}.md"
        load = [str(checkout / ".venv" / "bin" / "python"), "-m", "bench.load", "--levels", args.levels]
        _run([*load, "--saturation", args.saturation, "--out", str(report)], checkout)
        reports[name] = rows(report)
    print(
        "\n| level | figure | "
        + " | ".join(checkouts)
        + " |\n| --- | --- | "
        + " | ".join("---:" for _ in checkouts)
        + " |"
    )
    print("| training | seconds | " + " | ".join(training_seconds(c) for c in checkouts.values()) + " |")
    for level in next(iter(reports.values())):
        for index, figure in (
            (4, "messages/s"),
            (5, "p50 ms"),
            (6, "p95 ms"),
            (8, "Rasa peak MB"),
            (9, "actions peak MB"),
        ):
            values = [reports[name].get(level, ["?"] * 10)[index] for name in checkouts]
            print(f"| {level} | {figure} | " + " | ".join(values) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
