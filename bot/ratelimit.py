"""Rate limits of the public channels, per visitor and per client address: nobody can flood the bot.

Counted with the `limits` library's moving window (measured against the hand-written
limiter it replaces: `python -m bench.ratelimit`):

- per visitor, i.e. per conversation id: RATE_LIMIT_PER_MINUTE (default 20). The REST and
  web chat channels share conversation ids, so they share this count; a platform's users
  are counted under the platform's name;
- per client address on the REST and web chat channels: RATE_LIMIT_PER_ADDRESS_PER_MINUTE
  (default 120, several visitors may share an address), so new conversation ids do not get
  round the limit. The address is the connection's peer, or the client named by
  X-Forwarded-For when the peer is one of TRUSTED_PROXIES (comma-separated addresses or
  networks, e.g. the nginx in front of the servers); a forwarded address from anyone else
  is ignored. RATE_LIMIT_EXEMPT lists addresses never limited per address; by default the
  machine itself (127.0.0.1, ::1): a site's own back-end or a test script, not a visitor. A
  reverse proxy on the machine must be in TRUSTED_PROXIES, so its visitors count by their
  own address.

0 switches a limit off. Each Rasa server process counts by itself unless RATE_LIMIT_REDIS_URL
(e.g. redis://127.0.0.1:6379/1) makes every server count in one place. If Redis cannot be
reached the message is let through (logged): the limit must never silence the bot.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from conversation.settings import DEFAULTS, current

logger = logging.getLogger(__name__)

DEFAULT_PER_MINUTE = DEFAULTS.rate_limit_per_minute
DEFAULT_PER_ADDRESS_PER_MINUTE = DEFAULTS.rate_limit_per_address_per_minute
WINDOW_SECONDS = 60
KEY_PREFIX = "assistant-medical:ratelimit"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(value: str | Iterable[str]) -> list[Network]:
    """Addresses or networks from a setting (its entries, or comma- or space-separated); a bad entry
    is logged, not fatal."""
    entries = value.replace(",", " ").split() if isinstance(value, str) else value
    result: list[Network] = []
    for entry in entries:
        try:
            result.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            logger.warning("Ignored %r: not an address or network", entry)
    return result


def within(address: str, nets: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_address(peer: str, forwarded_for: str | None, trusted: Iterable[Network]) -> str:
    """The client's address: the peer, or when the peer is a trusted proxy, the last address of
    X-Forwarded-For that is not itself a trusted proxy (proxies append, so earlier entries are
    whatever the client chose to send)."""
    if not forwarded_for or not within(peer, trusted):
        return peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        if not within(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # garbage from the client: count it under the proxy's own address
    return peer


def counted_address(peer: str, forwarded_for: str | None, limits: Limits) -> str:
    """The address a message is counted under. A forwarded address from a peer that is not a
    trusted proxy is ignored, except from an exempt peer (the machine itself): that is a proxy
    nobody declared (an nginx on the same machine with TRUSTED_PROXIES empty), whose visitors
    would otherwise all pass as exempt. They are counted by their forwarded address, and the
    deployer is warned once."""
    if forwarded_for and not within(peer, limits.trusted_proxies) and within(peer, limits.exempt):
        warn_undeclared_proxy(peer)
        return client_address(peer, forwarded_for, (ipaddress.ip_network(peer),))
    return client_address(peer, forwarded_for, limits.trusted_proxies)


@cache
def warn_undeclared_proxy(peer: str) -> None:
    logger.warning(
        "X-Forwarded-For received from %s, which is exempt from the per-address limit but not in "
        "TRUSTED_PROXIES: counting those messages by their forwarded address. Add the proxy to TRUSTED_PROXIES.",
        peer,
    )


@dataclass
class Limits:
    per_visitor: int = DEFAULT_PER_MINUTE
    per_address: int = DEFAULT_PER_ADDRESS_PER_MINUTE
    window: int = WINDOW_SECONDS
    trusted_proxies: tuple[Network, ...] = ()
    exempt: tuple[Network, ...] = ()


class RateLimiter:
    """Moving windows per visitor and per address, in memory or in Redis (`storage_uri`)."""

    def __init__(self, limits: Limits, storage_uri: str = "memory://") -> None:
        self.limits = limits
        options: dict[str, Any] = (
            {"socket_timeout": 0.5, "socket_connect_timeout": 0.5} if storage_uri.startswith("redis") else {}
        )
        if storage_uri.startswith("redis"):
            options["key_prefix"] = KEY_PREFIX
        # memory:// and redis:// give a synchronous storage (the async ones are async+redis:// etc.).
        self.storage = cast(Storage, storage_from_string(storage_uri, **options))
        self.strategy = MovingWindowRateLimiter(self.storage)
        self.items: dict[str, RateLimitItem | None] = {
            "visitor": RateLimitItemPerSecond(limits.per_visitor, limits.window) if limits.per_visitor > 0 else None,
            "address": RateLimitItemPerSecond(limits.per_address, limits.window) if limits.per_address > 0 else None,
        }

    def retry_after(self, visitor: str, address: str | None = None) -> int:
        """Record one message; 0 if it is allowed, otherwise the seconds to wait (for Retry-After)."""
        keys = [("visitor", visitor)]
        if address is not None and not within(address, self.limits.exempt):
            keys.append(("address", address))
        checks = [(item, key) for kind, key in keys if (item := self.items[kind]) is not None]
        try:
            # One atomic hit per limit (one round trip on Redis); the first refusal stops there,
            # so a visitor over their own limit does not use up their address's.
            for item, key in checks:
                if not self.strategy.hit(item, key):
                    reset = self.strategy.get_window_stats(item, key).reset_time
                    break
            else:
                return 0
        except Exception as error:  # noqa: BLE001 - Redis down: let the visitor through
            logger.warning("Rate limit not checked (storage unreachable: %r)", error)
            return 0
        return max(1, math.ceil(reset - time.time()))

    def allow(self, visitor: str, address: str | None = None) -> bool:
        return self.retry_after(visitor, address) == 0


def from_environment() -> RateLimiter:
    """A limiter with the settings of this process's environment (conversation/settings.py)."""
    settings = current()
    limits = Limits(
        per_visitor=settings.rate_limit_per_minute,
        per_address=settings.rate_limit_per_address_per_minute,
        trusted_proxies=tuple(networks(settings.trusted_proxies)),
        exempt=tuple(networks(settings.rate_limit_exempt)),
    )
    return RateLimiter(limits, settings.rate_limit_redis_url or "memory://")


@cache
def shared() -> RateLimiter:
    """The one limiter of this server process, for every channel."""
    return from_environment()
