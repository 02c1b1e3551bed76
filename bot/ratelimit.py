"""Per-sender rate limit of the public channels: a visitor (or a script) cannot flood the bot.

RATE_LIMIT_PER_MINUTE sets it (default 20; 0 switches it off). By default it is counted in
each Rasa server process. With several servers behind a load balancer, a visitor's
messages are spread over them, so RATE_LIMIT_REDIS_URL (e.g. the lock store's Redis,
redis://127.0.0.1:6379/1) makes every server count in one place. If Redis cannot be reached
the message is let through (logged): the limit must never silence the bot.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import cache

logger = logging.getLogger(__name__)

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


# Sliding window in one atomic step on the Redis server (its clock, so servers agree).
SLIDING_WINDOW = """
local now = redis.call('TIME')
local t = tonumber(now[1]) + tonumber(now[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t - tonumber(ARGV[1]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], t, now[1] .. now[2] .. ARGV[3])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[1])))
return 1
"""


class RedisRateLimiter:
    """The same limit, counted in Redis for every server that shares it."""

    def __init__(self, url: str, limit: int, window: float = WINDOW_SECONDS) -> None:
        import redis

        self.limit = limit
        self.window = window
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.script = self.client.register_script(SLIDING_WINDOW)

    def allow(self, sender: str) -> bool:
        if self.limit <= 0:
            return True
        try:
            return bool(
                self.script(
                    keys=[f"assistant-medical:ratelimit:{sender}"], args=[self.window, self.limit, os.urandom(4).hex()]
                )
            )
        except Exception as error:  # noqa: BLE001 - Redis down: let the visitor through
            logger.warning("Rate limit not checked (Redis unreachable: %r)", error)
            return True


def from_environment() -> RateLimiter | RedisRateLimiter:
    limit = int(os.environ.get("RATE_LIMIT_PER_MINUTE") or DEFAULT_PER_MINUTE)
    url = os.environ.get("RATE_LIMIT_REDIS_URL")
    return RedisRateLimiter(url, limit) if url else RateLimiter(limit)


@cache
def shared() -> RateLimiter | RedisRateLimiter:
    """The one limiter of this server process, for every channel."""
    return from_environment()


def allow(channel: str, sender: str) -> bool:
    """Record a message from `sender` on `channel`; False when it is over the limit."""
    return shared().allow(f"{channel}:{sender}")
