"""Bad input, flooding, personal data and a dead action server, on the real stack."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid

from sqlalchemy import create_engine, text

from bot.messages import too_many
from bot.ratelimit import DEFAULT_PER_MINUTE
from bot.stack import Stack
from bot.typography import french
from tests.e2e.stored import rest as rest_key
from tests.e2e.stored import stored_texts


def post_raw(bot: Stack, body: bytes) -> tuple[int, object]:
    request = urllib.request.Request(bot.webhook_url, data=body, headers=bot.rest_headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def rest(bot: Stack, sender: str, message: object) -> tuple[int, object]:
    return post_raw(bot, json.dumps({"sender": sender, "message": message}).encode())


def text_of(replies: object) -> str:
    return " ".join(r.get("text", "") for r in replies) if isinstance(replies, list) else ""


def test_bad_input_gets_a_4xx_or_a_polite_reply_never_a_500(bot: Stack, tracker_db: str) -> None:
    sender = f"faults-{uuid.uuid4().hex}"
    bodies = {
        "malformed JSON": b'{"sender": "x", "message": ',
        "not an object": b'"bonjour"',
        "missing sender": json.dumps({"message": "bonjour"}).encode(),
        "empty message": json.dumps({"sender": sender, "message": ""}).encode(),
        "100 KB message": json.dumps({"sender": sender, "message": "a" * 100_000}).encode(),
        "binary junk": bytes(range(256)) * 4,
        "emoji only": json.dumps({"sender": sender, "message": "😀🙏🏽👩‍⚕️"}).encode(),
        "control characters": json.dumps({"sender": sender, "message": "\x00\x07\x1b[31mbonjour\x7f"}).encode(),
        "SQL": json.dumps({"sender": sender, "message": "'); DELETE FROM events; --"}).encode(),
    }
    outcomes = {}
    for name, body in bodies.items():
        status, reply = post_raw(bot, body)
        outcomes[name] = status
        assert status < 500, (name, status, reply)
        if status >= 400:
            assert isinstance(reply, dict) and reply["error"], name  # a French explanation
        else:
            assert text_of(reply).strip(), name  # a polite reply, never silence
    assert outcomes["malformed JSON"] == outcomes["missing sender"] == 400
    assert outcomes["100 KB message"] == 413
    assert outcomes["emoji only"] == outcomes["control characters"] == 200
    # The conversation is intact afterwards, and holds only what was accepted, cleaned.
    status, reply = rest(bot, sender, "combien gagne une assistante medicale")
    assert status == 200 and "22 000 à 27 000 €" in " ".join(text_of(reply).replace("\u202f", " ").split())
    assert stored_texts(tracker_db, rest_key(sender)) == [
        "😀🙏🏽👩‍⚕️",
        "[31mbonjour",
        "'); DELETE FROM events; --",
        "combien gagne une assistante medicale",
    ]


def test_a_flood_from_one_sender_is_slowed_down_politely(bot: Stack) -> None:
    sender = f"flood-{uuid.uuid4().hex}"
    statuses = [rest(bot, sender, "bonjour")[0] for _ in range(DEFAULT_PER_MINUTE)]
    assert set(statuses) == {200}
    status, reply = rest(bot, sender, "bonjour")
    assert status == 429 and reply["error"] in {french(too_many(wait)) for wait in range(1, 61)}
    assert "une\u00a0minute" in reply["error"] or "une minute" in reply["error"]  # not « quelques secondes »
    assert rest(bot, f"other-{uuid.uuid4().hex}", "bonjour")[0] == 200  # other visitors unaffected


def test_personal_data_is_masked_before_anything_is_stored(bot: Stack, feedback_db: str) -> None:
    from feedback.store import FeedbackStore
    from knowledge.db import make_engine

    sender = f"pii-{uuid.uuid4().hex}"
    rest(bot, sender, "blabla xyz camille.dupont@gmail.com 06 12 34 56 78 secu 1 85 05 78 006 084 36")
    rows = [row for row in FeedbackStore(make_engine(feedback_db)).unanswered() if row.sender_id == rest_key(sender)]
    assert rows, "the off-topic message should be recorded as a gap"
    stored = rows[0].question
    assert "camille" not in stored and "06 12" not in stored and "006 084" not in stored
    assert "[e-mail masqué]" in stored and "[téléphone masqué]" in stored
    assert "[numéro de sécurité sociale masqué]" in stored


def test_action_server_down_gives_an_apology_then_the_bot_recovers(bot: Stack) -> None:
    sender = f"down-{uuid.uuid4().hex}"
    actions = next(p for p in bot.processes if "actions.server" in p.args)
    bot.stop_process(actions)
    try:
        start = time.monotonic()
        status, reply = rest(bot, sender, "combien coute la formation ?")
        assert status == 200 and time.monotonic() - start < 10
        assert "Désolé, je n'arrive pas à répondre pour le moment" in text_of(reply)
    finally:
        bot.start_actions()
        bot.wait_ready(timeout=120)
    status, reply = rest(bot, sender, "combien coute la formation ?")
    assert "5 000 à 10 000 €" in " ".join(text_of(reply).replace("\u202f", " ").split())


def test_http_api_is_off_and_cors_allows_no_other_site(bot: Stack) -> None:
    for path in ("/conversations/someone/tracker", "/model/parse", "/status"):
        request = urllib.request.Request(bot.rasa_url + path, method="GET")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (404, 405), path  # the route does not exist without RASA_API_TOKEN
    body = json.dumps({"sender": f"cors-{uuid.uuid4().hex}", "message": "bonjour"}).encode()
    request = urllib.request.Request(
        bot.webhook_url, data=body, headers={**bot.rest_headers, "Origin": "https://evil.example"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers.get("Access-Control-Allow-Origin") is None


def test_opening_the_web_chat_stores_nothing(bot: Stack, tracker_db: str) -> None:
    def events() -> int:
        engine = create_engine(tracker_db)
        with engine.connect() as connection:
            count = connection.execute(text("SELECT COUNT(*) FROM events")).scalar()
        engine.dispose()
        return count

    before = events()
    for path in ("", "widget.js", "widget.css", "welcome"):
        with urllib.request.urlopen(bot.chat_url + path, timeout=10) as response:
            assert response.status == 200
    assert events() == before
