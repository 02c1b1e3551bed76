"""A bounded fuzz of every webhook on the real stack: random bytes, random JSON shapes and depths,
random Unicode (lone surrogates, controls, bidi, emoji). Never a 500, never an empty 200, and
nothing stored for a refused request. Seeded (FUZZ_SEED), about 300 requests, under a minute."""

from __future__ import annotations

import json
import os
import random
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

from bot.stack import Stack
from tests.e2e.conftest import PLATFORM_SECRETS, REST_AUTH
from tests.e2e.stored import stored_texts

SEED = int(os.environ.get("FUZZ_SEED", "20261202"))
REQUESTS_PER_KIND = 25
TIME_BUDGET_SECONDS = 150.0
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ÉéèàçùÔ?!:;«»'\"\\/{}[]0123456789 "
    "\u200b\u200d\u202e\u2066\ufeff\u00ad\x00\x07\x1b\x7f\u0085😀👩‍⚕️🙏🏽"
)


def random_text(rng: random.Random, longest: int = 80) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest)))


def random_json(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["str", "int", "float", "bool", "null"] + (["list", "dict"] * 2 if depth < 6 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return random_text(rng, 30)
    if kind == "int":
        return rng.choice([0, -1, 2**63, 10**30, rng.randint(-1000, 1000)])
    if kind == "float":
        return rng.choice([0.5, -1e308, 1e-300])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = ["sender", "message", "text", "chat", "id", "update_id", "entry", "object", "event", "type"]
    return {rng.choice(keys + [random_text(rng, 8)]): random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def deep(rng: random.Random) -> bytes:
    depth = rng.choice([500, 3_000, 10_000])
    return rng.choice([b"[" * depth + b"]" * depth, b'{"a":' * depth + b"0" + b"}" * depth, b"[" * depth])


def with_surrogates(rng: random.Random, sender: str) -> bytes:
    escapes = rng.choice(["\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud83d", "\\u0000", "\\u202e"])
    return (
        f'{{"sender": "{sender}", "message": "salaire {escapes} {random_text(rng, 10).replace(chr(34), "")}"}}'.encode(
            "utf-8", "surrogatepass"
        )
    )


def bodies(rng: random.Random) -> list[tuple[str, bytes, str | None]]:
    """(kind, body, the sender id it names if any) for one target."""
    result: list[tuple[str, bytes, str | None]] = []
    for _ in range(REQUESTS_PER_KIND):
        sender, other = (f"fuzz-{uuid.uuid4().hex[:12]}" for _ in range(2))  # one per body
        shape = random_json(rng)
        if isinstance(shape, dict) and rng.random() < 0.5:
            shape["sender"] = sender
        result += [
            ("bytes", bytes(rng.randrange(256) for _ in range(rng.randint(0, 300))), None),
            ("json shape", json.dumps(shape, ensure_ascii=rng.random() < 0.5).encode(), sender),
            ("deep", deep(rng), None),
            ("unicode", with_surrogates(rng, other), other),
        ]
    return result


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_no_webhook_fails_or_answers_with_nothing_whatever_it_is_sent(bot: Stack, tracker_db: str) -> None:
    rng = random.Random(SEED)
    telegram = {"X-Telegram-Bot-Api-Secret-Token": PLATFORM_SECRETS["TELEGRAM_SECRET_TOKEN"]}
    targets = {
        "rest": (f"{bot.rasa_url}/webhooks/rest/webhook", REST_AUTH),
        "webchat": (f"{bot.rasa_url}/webhooks/webchat/webhook", {}),
        "telegram (signed)": (f"{bot.rasa_url}/webhooks/telegram/webhook", telegram),
        "slack (unsigned)": (f"{bot.rasa_url}/webhooks/slack/webhook", {}),
        "facebook (unsigned)": (f"{bot.rasa_url}/webhooks/facebook/webhook", {}),
    }
    start = time.monotonic()
    failures, refused_senders, sent = [], [], 0
    for target, (url, headers) in targets.items():
        for kind, body, sender in bodies(rng):
            if time.monotonic() - start > TIME_BUDGET_SECONDS:
                break
            status, reply = post(url, body, headers)
            sent += 1
            if status >= 500 or (status == 200 and not reply.strip()):
                failures.append((target, kind, status, body[:80], reply[:200]))
            if status >= 400 and sender:
                refused_senders.append((sender, target, status))
    assert sent >= 200, f"only {sent} requests in the time budget"
    assert not failures, failures[:5]
    stored = {}
    for sender, target, status in refused_senders:
        if texts := stored_texts(tracker_db, sender):
            stored[sender] = (target, status, texts)
    assert not stored, stored
