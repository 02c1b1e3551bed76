"""Rate limits per visitor and per client address (bot/ratelimit.py, the `limits` library)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.messages import too_many
from bot.ratelimit import Limits, RateLimiter, client_address, from_environment, networks
from tests.multi_server.services import running_redis

LOOPBACK = networks("127.0.0.1, ::1")


def limiter(per_visitor: int = 3, per_address: int = 5, **kwargs: object) -> RateLimiter:
    return RateLimiter(Limits(per_visitor=per_visitor, per_address=per_address, window=60, **kwargs))


def test_a_visitor_over_the_limit_waits_and_is_told_how_long() -> None:
    limits = limiter()
    assert [limits.retry_after("a") for _ in range(3)] == [0, 0, 0]
    wait = limits.retry_after("a")
    assert 55 <= wait <= 60
    assert limits.allow("b")  # another visitor is not affected


def test_new_conversation_ids_from_one_address_do_not_get_round_the_limit() -> None:
    limits = limiter(per_visitor=3, per_address=5)
    assert all(limits.allow(f"id-{i}", "203.0.113.7") for i in range(5))
    assert not limits.allow("id-new", "203.0.113.7")
    assert limits.allow("id-new", "198.51.100.1")  # another address is not affected


def test_a_refused_message_is_not_counted_against_the_other_limit() -> None:
    limits = limiter(per_visitor=2, per_address=3)
    assert limits.allow("a", "203.0.113.7") and limits.allow("a", "203.0.113.7")
    assert not limits.allow("a", "203.0.113.7")  # visitor limit: the address is not charged
    assert limits.allow("b", "203.0.113.7")


def test_exempt_addresses_are_limited_per_visitor_only() -> None:
    limits = limiter(per_visitor=100, per_address=2, exempt=tuple(LOOPBACK))
    assert all(limits.allow(f"id-{i}", "127.0.0.1") for i in range(10))


def test_zero_switches_a_limit_off() -> None:
    limits = limiter(per_visitor=0, per_address=0)
    assert all(limits.allow("a", "203.0.113.7") for _ in range(500))


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not a trusted proxy: the header is ignored
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),
        ("127.0.0.1", "10.9.9.9, 198.51.100.1", "198.51.100.1"),  # the client's own entry is not trusted
        ("127.0.0.1", "198.51.100.1, 127.0.0.1", "198.51.100.1"),  # chained trusted proxies are skipped
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_the_forwarded_address_is_trusted_only_from_configured_proxies(peer, forwarded, expected) -> None:
    assert client_address(peer, forwarded, LOOPBACK) == expected


def test_the_message_matches_the_wait() -> None:
    assert too_many(60) == (
        "Vous envoyez beaucoup de messages à la suite : merci de patienter une minute avant de réessayer."
    )
    assert "patienter 12 secondes" in too_many(12)
    assert "patienter 1 seconde " in too_many(1)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "7")
    monkeypatch.setenv("RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "0")
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, nonsense")
    monkeypatch.delenv("RATE_LIMIT_REDIS_URL", raising=False)
    monkeypatch.delenv("RATE_LIMIT_EXEMPT", raising=False)
    limits = from_environment().limits
    assert (limits.per_visitor, limits.per_address) == (7, 0)
    assert [str(n) for n in limits.trusted_proxies] == ["10.0.0.0/8"]
    assert [str(n) for n in limits.exempt] == ["127.0.0.1/32", "::1/128"]  # the machine itself
    monkeypatch.setenv("RATE_LIMIT_EXEMPT", "")
    assert from_environment().limits.exempt == ()


def test_unreachable_redis_lets_visitors_through() -> None:
    """The limit must never silence the bot."""
    limits = RateLimiter(Limits(per_visitor=1), "redis://127.0.0.1:1/0")
    assert all(limits.allow("a") for _ in range(3))


@pytest.fixture
def redis_url() -> Iterator[str]:
    with running_redis() as url:
        if url is None:
            pytest.skip("redis-server not installed (make services-deps); tests/multi_server covers Redis too")
        yield url


def test_two_servers_sharing_redis_count_once(redis_url: str) -> None:
    first = RateLimiter(Limits(per_visitor=4, per_address=0), redis_url)
    second = RateLimiter(Limits(per_visitor=4, per_address=0), redis_url)
    assert [first.allow("v"), second.allow("v"), first.allow("v"), second.allow("v")] == [True] * 4
    assert not first.allow("v") and 55 <= second.retry_after("v") <= 60


def test_a_proxy_nobody_declared_on_an_exempt_address_is_counted_by_forwarded_address() -> None:
    from bot.ratelimit import counted_address

    undeclared = Limits(exempt=tuple(networks("127.0.0.1")))
    assert counted_address("127.0.0.1", "203.0.113.9", undeclared) == "203.0.113.9"
    assert counted_address("127.0.0.1", None, undeclared) == "127.0.0.1"  # the machine itself: exempt
    assert counted_address("198.51.100.1", "203.0.113.9", undeclared) == "198.51.100.1"  # not believed
    limiter = RateLimiter(Limits(per_visitor=0, per_address=3, exempt=undeclared.exempt))
    results = [limiter.allow(f"rest:v{i}", counted_address("127.0.0.1", "203.0.113.9", undeclared)) for i in range(4)]
    assert results == [True, True, True, False]


def test_the_launcher_warns_about_an_open_rest_channel_and_undeclared_proxies() -> None:
    from bot.stack import startup_warnings
    from conversation.settings import Settings

    assert any("REST_TOKEN" in w for w in startup_warnings(Settings.from_env({"RASA_HOST": "0.0.0.0"})))
    quiet = Settings.from_env({"RASA_HOST": "0.0.0.0", "REST_TOKEN": "t", "TRUSTED_PROXIES": "127.0.0.1"})
    assert startup_warnings(quiet) == []
    assert any("TRUSTED_PROXIES" in w for w in startup_warnings(Settings.from_env({})))
