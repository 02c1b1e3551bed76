"""The rate limiter, side by side with the hand-written one it replaced (numbers, not a test).

`python -m bench.ratelimit` times one check (a message recorded or refused) on memory and,
when redis-server is installed, on a local Redis started for the run (127.0.0.1, stopped at
the end). The previous limiter is read from git (BASE, main before the `limits` library), so
both run in one process on the same machine. Bounded: a few seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bot.env import PROJECT_ROOT
from bot.ratelimit import Limits, RateLimiter
from tests.multi_server.services import running_redis

BASE = "c2ac809"
VISITORS = 2_000
MESSAGES_PER_VISITOR = 25  # over the limit of 20: both paths (allowed, refused) are timed


def previous(commit: str) -> ModuleType | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{commit}:bot/ratelimit.py"], cwd=PROJECT_ROOT, capture_output=True, check=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "previous_ratelimit.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("previous_ratelimit", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_check_us(allow: Callable[[str], bool], visitors: int) -> tuple[float, int]:
    refused = 0
    start = time.perf_counter()
    for _ in range(MESSAGES_PER_VISITOR):
        for visitor in range(visitors):
            refused += not allow(f"v{visitor}")
    seconds = time.perf_counter() - start
    return seconds / (visitors * MESSAGES_PER_VISITOR) * 1e6, refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE)
    args = parser.parse_args()
    old = previous(args.base)
    rows: list[tuple[str, str, float, int]] = []
    new = RateLimiter(Limits(per_visitor=20, per_address=0))
    rows.append(("limits (moving window)", "memory", *per_check_us(new.allow, VISITORS)))
    if old is not None:
        rows.append((f"hand-written ({args.base})", "memory", *per_check_us(old.RateLimiter(20).allow, VISITORS)))
    with running_redis() as url:
        if url is not None:
            redis_visitors = VISITORS // 10
            new_redis = RateLimiter(Limits(per_visitor=20, per_address=0), url)
            rows.append(("limits (moving window)", "redis", *per_check_us(new_redis.allow, redis_visitors)))
            if old is not None:
                old_redis = old.RedisRateLimiter(url, 20)
                rows.append((f"hand-written ({args.base})", "redis", *per_check_us(old_redis.allow, redis_visitors)))
    print(f"{'limiter':<28} {'storage':<8} {'µs per check':>12} {'refused':>8}")
    for name, storage, us, refused in rows:
        print(f"{name:<28} {storage:<8} {us:>12.1f} {refused:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
