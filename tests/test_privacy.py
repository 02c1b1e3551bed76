"""Personal data is masked before a message reaches Rasa; the rate limit counts per sender."""

from __future__ import annotations

import pytest

from bot.privacy import mask
from bot.ratelimit import RateLimiter, RedisRateLimiter, from_environment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mon mail c'est camille.dupont@gmail.com, rappelez moi",
            "mon mail c'est [e-mail masqué], rappelez moi",
        ),
        ("Écrivez à j-p.martin+cv@orange.fr svp", "Écrivez à [e-mail masqué] svp"),
        ("mon num 06 12 34 56 78", "mon num [téléphone masqué]"),
        ("appelez le 0612345678 ou le 01.45.67.89.10", "appelez le [téléphone masqué] ou le [téléphone masqué]"),
        ("+33 6 12 34 56 78", "[téléphone masqué]"),
        ("0033612345678 merci", "[téléphone masqué] merci"),
        ("+33 (0)6 12 34 56 78", "[téléphone masqué]"),
        ("ma secu 1 85 05 78 006 084 36", "ma secu [numéro de sécurité sociale masqué]"),
        ("n° 285052A006084 pour le dossier", "n° [numéro de sécurité sociale masqué] pour le dossier"),
        ("2850578006084", "[numéro de sécurité sociale masqué]"),
    ],
)
def test_personal_data_is_masked(text: str, expected: str) -> None:
    assert mask(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "combien gagne une assistante medicale, 22 000 € ?",
        "la FAE dure 112 heures",
        "j'ai 35 ans et 8 ans d'expérience",
        "le CQP coûte entre 5000 et 10000 euros",
        "formation de 9 à 12 mois en 2024",
        "je suis dans le 75, à Paris 15",
    ],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert mask(text) == text


def test_rate_limit_is_per_sender_and_frees_up_after_the_window() -> None:
    now = [0.0]
    limiter = RateLimiter(3, window=60, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another visitor is not affected
    now[0] = 59.0
    assert not limiter.allow("a")
    now[0] = 60.5
    assert limiter.allow("a")


def test_rate_limit_zero_switches_it_off() -> None:
    limiter = RateLimiter(0)
    assert all(limiter.allow("a") for _ in range(1000))


def test_the_limit_is_counted_in_redis_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "7")
    monkeypatch.delenv("RATE_LIMIT_REDIS_URL", raising=False)
    assert type(from_environment()) is RateLimiter
    monkeypatch.setenv("RATE_LIMIT_REDIS_URL", "redis://127.0.0.1:6390/1")
    limiter = from_environment()
    assert type(limiter) is RedisRateLimiter and limiter.limit == 7


def test_unreachable_redis_lets_visitors_through() -> None:
    """Shared counting is tested with a real Redis in tests/multi_server; here nothing listens."""
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", limit=1)
    assert all(limiter.allow("a") for _ in range(3))


def test_idle_senders_are_forgotten() -> None:
    now = [0.0]
    limiter = RateLimiter(5, window=10, clock=lambda: now[0])
    for i in range(10_001):
        limiter.allow(f"s{i}")
    now[0] = 100.0
    limiter.allow("new")
    assert len(limiter.recent) == 1
