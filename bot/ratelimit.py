"""Per-sender rate limit of the public channels: a visitor (or a script) cannot flood the bot.

Counted in each Rasa server process (with several servers behind a load balancer, the
limit applies per server). RATE_LIMIT_PER_MINUTE sets it (default 20; 0 switches it off).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import cache

TOO_MANY = "Vous envoyez beaucoup de messages à la suite : merci de patienter quelques secondes avant de réessayer."
DEFAULT_PER_MINUTE = 20
WINDOW_SECONDS = 60.0


class RateLimiter:
    def __init__(self, limit: int, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.recent: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def allow(self, sender: str) -> bool:
        """Record a message from `sender`; False when it is over the limit for the window."""
        if self.limit <= 0:
            return True
        now = self.clock()
        with self.lock:
            if len(self.recent) > 10_000:
                self._forget_idle(now)
            times = self.recent.setdefault(sender, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True

    def _forget_idle(self, now: float) -> None:
        idle = [s for s, times in self.recent.items() if not times or now - times[-1] >= self.window]
        for sender in idle:
            del self.recent[sender]


def from_environment() -> RateLimiter:
    return RateLimiter(int(os.environ.get("RATE_LIMIT_PER_MINUTE") or DEFAULT_PER_MINUTE))


@cache
def shared() -> RateLimiter:
    """The one limiter of this server process, for every channel (keys are "channel:sender")."""
    return from_environment()
