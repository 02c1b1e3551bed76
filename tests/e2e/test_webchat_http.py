"""The web chat channel over HTTP: page, welcome, answers, and bad input refused politely."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from email.message import Message

from bot.stack import Stack


def call(url: str, body: bytes | None = None) -> tuple[int, Message, bytes]:
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def post(bot: Stack, payload: object) -> tuple[int, object]:
    status, _, body = call(bot.chat_url + "webhook", json.dumps(payload).encode("utf-8"))
    return status, json.loads(body)


def text_of(messages: list[dict]) -> str:
    return " ".join(" ".join(m["text"].replace("\u202f", " ").replace("\u00a0", " ").split()) for m in messages)


def test_page_embeds_the_widget_under_a_strict_content_policy(bot: Stack) -> None:
    status, headers, body = call(bot.chat_url)
    assert status == 200
    assert '<script src="widget.js" data-max-length="1000" defer></script>' in body.decode()
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, body = call(bot.chat_url + "widget.js")
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    assert b"textContent" in body


def test_welcome_discloses_the_bot_and_offers_topics_without_storing_anything(bot: Stack) -> None:
    status, _, body = call(bot.chat_url + "welcome")
    welcome = json.loads(body)
    assert status == 200
    assert "assistant automatisé" in welcome["text"] and "aucun avis médical" in welcome["text"]
    assert {"title": "Le salaire", "payload": "/ask_salary"} in welcome["buttons"]
    assert welcome["max_length"] == 1000
    # Typeset like every bot text, and the retention the window's privacy line states.
    assert welcome["text"].endswith("Que souhaitez-vous savoir\u202f?")
    assert {"title": "Quelle formation pour moi\u202f?", "payload": "/start_orientation"} in welcome["buttons"]
    assert welcome["retention_days"] == 30


def test_first_message_is_answered_without_a_second_welcome(bot: Stack) -> None:
    status, messages = post(bot, {"sender": f"web-{uuid.uuid4().hex}", "message": "cb coute la formation ?"})
    assert status == 200
    reply = text_of(messages)
    assert "5 000 à 10 000 €" in reply
    assert "assistant automatisé" not in reply
    # The rating is set apart for the window's icons, not mixed with the topic buttons.
    assert any(r["payload"] == "/feedback_positive" for m in messages for r in m.get("rating", []))
    assert not any(b["payload"].startswith("/feedback") for m in messages for b in m["buttons"])


def test_html_and_sql_in_a_message_are_just_text(bot: Stack) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    for message in ["<script>alert(1)</script>", "'; DROP TABLE events; --", "<img src=x onerror=alert(1)>"]:
        status, messages = post(bot, {"sender": sender, "message": message})
        assert status == 200 and messages and "<" not in text_of(messages)
    status, messages = post(bot, {"sender": sender, "message": "combien gagne une assistante medicale"})
    assert "22 000 à 27 000 € brut par an" in text_of(messages)  # the knowledge base is intact


def test_bad_requests_are_refused_politely(bot: Stack) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    cases = [
        (b"{not json", 400, "Requête invalide"),
        (b"[1, 2]", 400, "Requête invalide"),
        (json.dumps({"message": "bonjour"}).encode(), 400, "Identifiant de conversation invalide"),
        (json.dumps({"sender": "<b>x</b>", "message": "bonjour"}).encode(), 400, "Identifiant"),
        (json.dumps({"sender": sender, "message": "   "}).encode(), 400, "vide"),
        (json.dumps({"sender": sender, "message": 42}).encode(), 400, "Requête invalide"),
        (json.dumps({"sender": sender, "message": "a" * 1001}).encode(), 413, "trop long (1001 caractères)"),
        (b"\xff\xfe\x00binary", 400, "Requête invalide"),
    ]
    for body, status, message in cases:
        got_status, _, got_body = call(bot.chat_url + "webhook", body)
        assert (got_status, message in json.loads(got_body)["error"]) == (status, True), body[:40]
