"""Load benchmark of the real stack: N concurrent visitors holding multi-turn conversations.

Usage: python -m bench.load [--levels 1,5,20,50] [--conversations 2] [--out docs/benchmarks.md]
       python -m bench.load --smoke      (tiny run for `make test`, report under results/)

Everything runs on 127.0.0.1 and is bounded: each visitor plays a fixed number of
conversations, and each load level stops starting new messages after --level-seconds.
Prints a table and writes a Markdown report with a latency-vs-load plot. Not a test:
it asserts nothing about speed; it exits non-zero only if a reply failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.startup import elapsed, rss_mb, timed
from bot.env import PROJECT_ROOT
from bot.stack import Stack

# Multi-turn conversations, each leaning on the previous turns (follow-ups, a form).
CONVERSATIONS = [
    ["combien gagne une assistante medicale", "et avec de l'experience ?", "et a l'hopital ?", "merci"],
    ["je suis aide soignante, comment devenir assistante medicale ?", "ça dure combien de temps ?", "cb ca coute"],
    ["ou travaille un assistant medical", "et en maison de sante ?", "quels sont les inconvenients"],
    ["quelle formation pour moi ?", "j'ai le bac", "je suis vendeuse", "5 ans", "non", "cpf"],
]
NLU_QUESTIONS = [turn for conversation in CONVERSATIONS for turn in conversation]
TRAINING_SECONDS_FILE = PROJECT_ROOT / "var" / "training-seconds"


@dataclass
class Level:
    visitors: int
    think: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    rasa_peak_mb: float = 0.0
    actions_peak_mb: float = 0.0

    @property
    def messages(self) -> int:
        return len(self.latencies) + self.errors


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


class MemorySampler(threading.Thread):
    """Peak resident memory of both servers while a load level runs."""

    def __init__(self, stack: Stack) -> None:
        super().__init__(daemon=True)
        self.actions, self.rasa = stack.processes
        self.peaks = [0.0, 0.0]
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peaks = [max(self.peaks[0], rss_mb(self.rasa.pid)), max(self.peaks[1], rss_mb(self.actions.pid))]
            self.done.wait(0.5)


def visitor(stack: Stack, level: Level, index: int, conversations: int, deadline: float, lock: threading.Lock) -> None:
    """One visitor: a few conversations, pausing like a person typing (seeded, so runs compare)."""
    pause = random.Random(index)
    if level.think:
        time.sleep(pause.uniform(0, 2 * level.think))  # visitors arrive over time, not all at once
    for round_ in range(conversations):
        sender = f"bench-{level.visitors}-{index}-{round_}"
        for message in CONVERSATIONS[(index + round_) % len(CONVERSATIONS)]:
            if time.monotonic() > deadline:
                return
            start = time.monotonic()
            try:
                ok = bool(stack.send(sender, message, timeout=30))
            except (OSError, ValueError):  # refused, timed out, HTTP error, or a body that is not JSON
                ok = False
            elapsed = time.monotonic() - start
            with lock:
                if ok:
                    level.latencies.append(elapsed)
                else:
                    level.errors += 1
            if level.think:
                time.sleep(level.think * pause.uniform(0.5, 1.5))


def run_level(stack: Stack, visitors: int, conversations: int, level_seconds: float, think: float) -> Level:
    level = Level(visitors, think)
    lock = threading.Lock()
    sampler = MemorySampler(stack)
    sampler.start()
    start = time.monotonic()
    deadline = start + level_seconds
    with ThreadPoolExecutor(max_workers=visitors) as pool:
        for index in range(visitors):
            pool.submit(visitor, stack, level, index, conversations, deadline, lock)
    level.seconds = time.monotonic() - start
    sampler.done.set()
    sampler.join()
    level.rasa_peak_mb, level.actions_peak_mb = sampler.peaks
    return level


def floors(stack: Stack, repeats: int) -> dict[str, list[float]]:
    """Where a reply's time goes: NLU alone over HTTP, and composing an answer from the KB alone."""
    from actions.answers import COMPOSERS, compose
    from actions.context import Context
    from knowledge.query import KnowledgeBase

    kb = KnowledgeBase()
    topics = list(COMPOSERS)
    return {
        "nlu": [elapsed(stack.parse, NLU_QUESTIONS[i % len(NLU_QUESTIONS)]) for i in range(repeats)],
        "knowledge": [elapsed(compose, topics[i % len(topics)], kb, Context()) for i in range(repeats)],
    }


def training_time() -> str:
    if TRAINING_SECONDS_FILE.exists():
        return f"{int(TRAINING_SECONDS_FILE.read_text().strip())} s (last `make train` on this checkout)"
    return "not measured (the model was not trained by `make train` in this checkout)"


def machine() -> str:
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GB RAM, Python {platform.python_version()}"


def table(levels: list[Level]) -> list[str]:
    header = ["visitors", "pause s", "messages", "errors", "messages/s", "p50 ms", "p95 ms", "p99 ms"]
    header += ["Rasa peak MB", "actions peak MB"]
    rows = ["| " + " | ".join(header) + " |", "|" + " ---: |" * len(header)]
    for lv in levels:
        rate = len(lv.latencies) / lv.seconds if lv.seconds else 0.0
        cells = [str(lv.visitors), f"{lv.think:g}", str(lv.messages), str(lv.errors), f"{rate:.1f}"]
        cells += [ms(percentile(lv.latencies, p)) for p in (50, 95, 99)]
        cells += [f"{lv.rasa_peak_mb:.0f}", f"{lv.actions_peak_mb:.0f}"]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def plot(levels: list[Level], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paced = [lv for lv in levels if lv.think]
    xs = [lv.visitors for lv in paced]
    figure, axes = plt.subplots(figsize=(6, 4))
    for p in (50, 95, 99):
        axes.plot(xs, [percentile(lv.latencies, p) * 1000 for lv in paced], marker="o", label=f"p{p}")
    axes.set_xlabel("concurrent visitors")
    axes.set_ylabel("reply latency (ms)")
    axes.set_title(f"REST reply latency vs load (pause {paced[0].think:g} s between messages)")
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def report(
    levels: list[Level], ready: float, first: float, idle: tuple[float, float], floor: dict[str, list[float]]
) -> str:
    full = levels[0].latencies
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {machine()}. Command: `make bench` (`python -m bench.load`). Generated {time.strftime('%Y-%m-%d')}.",
        "",
        "## Start-up and memory",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| time to ready (both servers) | {ready:.1f} s |",
        f"| cold start to first answer | {ready + first:.1f} s (first answer {ms(first)} ms) |",
        f"| resident memory at rest | Rasa server {idle[0]:.0f} MB, action server {idle[1]:.0f} MB |",
        f"| training time | {training_time()} |",
        "",
        "## Load (REST channel, multi-turn conversations, 127.0.0.1)",
        "",
        "Each visitor plays whole conversations (follow-ups, the orientation form) and pauses",
        "between messages like a person typing (0.5–1.5 × the pause, seeded); visitors arrive",
        "spread over the first two pauses. The last line",
        "has no pause at all: it measures capacity (saturation), not a realistic load.",
        "",
        *table(levels),
        "",
        "![latency vs load](benchmarks-latency.png)",
        "",
        "## Where a reply's time goes (sequential, median)",
        "",
        "| part | p50 ms | p95 ms |",
        "| --- | ---: | ---: |",
        f"| full reply, 1 visitor (REST → NLU → rules → action server → KB) | {ms(percentile(full, 50))} | "
        f"{ms(percentile(full, 95))} |",
        f"| NLU alone (`/model/parse` over HTTP) | {ms(percentile(floor['nlu'], 50))} | "
        f"{ms(percentile(floor['nlu'], 95))} |",
        f"| answer composed from the knowledge base alone (in process) | {ms(percentile(floor['knowledge'], 50))} | "
        f"{ms(percentile(floor['knowledge'], 95))} |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,5,20,50", help="concurrent visitors per level")
    parser.add_argument("--conversations", type=int, default=2, help="conversations per visitor and level")
    parser.add_argument("--level-seconds", type=float, default=120.0, help="stop starting messages after this")
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between a visitor's messages (s)")
    parser.add_argument("--saturation", type=int, default=20, help="visitors of the no-pause capacity level (0: none)")
    parser.add_argument("--floor-repeats", type=int, default=60)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--smoke", action="store_true", help="tiny run so the script cannot rot")
    args = parser.parse_args(argv)
    if args.smoke:
        args.levels, args.conversations, args.floor_repeats, args.think, args.saturation = "1,2", 1, 5, 0.2, 2
        args.out = PROJECT_ROOT / "results" / "bench-smoke" / "benchmarks.md"
    counts = [int(n) for n in args.levels.split(",")]
    ports = (5305, 5355) if args.smoke else (5205, 5255)
    # Loopback only, and the HTTP API (for /model/parse) behind a one-off token. The per-sender
    # rate limit is off: the no-pause level measures the bot, not the limiter.
    # Its own SQLite tracker store and feedback database: same set-up as `make run`, without
    # filling the real ones with benchmark conversations.
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {
        "RASA_HOST": "127.0.0.1",
        "RATE_LIMIT_PER_MINUTE": "0",
        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "0",
        "TRACKER_STORE_URL": f"sqlite:///{scratch / 'tracker.sqlite3'}",
        "FEEDBACK_DATABASE_URL": f"sqlite:///{scratch / 'feedback.sqlite3'}",
    }
    stack = Stack(*ports, extra_env=env, api_token=secrets.token_urlsafe(24))
    with stack:
        ready = stack.wait_ready(timeout=300)
        first = timed(stack, "bench-first", CONVERSATIONS[0][0])
        idle = (rss_mb(stack.processes[1].pid), rss_mb(stack.processes[0].pid))
        plan = [(count, args.think) for count in counts] + ([(args.saturation, 0.0)] if args.saturation else [])
        levels = []
        for count, think in plan:
            levels.append(run_level(stack, count, args.conversations, args.level_seconds, think))
            print("\n".join(table(levels)[-1:] if len(levels) > 1 else table(levels)), flush=True)
        floor = floors(stack, args.floor_repeats)
    shutil.rmtree(scratch, ignore_errors=True)
    text = report(levels, ready, first, idle, floor)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    plot(levels, args.out.parent / "benchmarks-latency.png")
    print(f"\n{text}\nReport written to {args.out}")
    return 1 if any(lv.errors for lv in levels) else 0


if __name__ == "__main__":
    sys.exit(main())
