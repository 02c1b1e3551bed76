"""Measure the real stack: time to ready, first answer latency, and resident memory.

Usage: python -m bench.startup   (prints numbers; not a test, nothing is asserted)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from bot.stack import Stack


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total_kb = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


QUESTIONS = [
    "combien gagne une assistante medicale",
    "je suis aide soignante, quelle formation ?",
    "ou travaille un assistant medical",
    "cb coute la formation",
]


def elapsed(call: Callable[..., object], *args: object) -> float:
    """Seconds one call takes."""
    start = time.monotonic()
    call(*args)
    return time.monotonic() - start


def timed(stack: Stack, sender: str, message: str) -> float:
    return elapsed(stack.send, sender, message)


def main() -> None:
    with Stack(rasa_port=5205, action_port=5255) as stack:
        ready = stack.wait_ready(timeout=300)
        first = timed(stack, "bench-first", QUESTIONS[0])
        latencies = sorted(timed(stack, f"bench-{i}", QUESTIONS[i % 4]) for i in range(20))
        actions, rasa = stack.processes
        print(f"time to ready (both servers): {ready:.1f} s")
        print(f"cold start to first answer: {ready + first:.1f} s (first answer {first * 1000:.0f} ms)")
        print(f"20 sequential questions: median {latencies[10] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
        print(f"resident memory: rasa server {rss_mb(rasa.pid):.0f} MB, action server {rss_mb(actions.pid):.0f} MB")


if __name__ == "__main__":
    main()
