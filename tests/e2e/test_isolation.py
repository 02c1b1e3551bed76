"""No visitor reaches another's conversation (issue 22), on the running server with the three
platforms on (local fakes of their APIs): REST and the web chat cannot read, continue,
rate-limit or erase a platform user's conversation, nor each other's; commands come only
from the bot's own buttons; nothing personal reaches the logs; erasure is all or nothing.

It imports nothing that main 0549f3a lacked, so it can be run on that revision too (where
each test fails: docs/security.md).
"""

from __future__ import annotations

import json
import socket
import time
import uuid

from sqlalchemy import create_engine, text

from bot.stack import Stack
from conversation.shared import FORGOTTEN, NOT_FORGOTTEN
from feedback.store import FeedbackStore
from knowledge.db import make_engine
from tests.e2e.conftest import REST_AUTH
from tests.e2e.fake_platforms import FakePlatforms
from tests.e2e.test_hardening import http, message
from tests.e2e.test_platforms import (
    clean,
    messenger,
    messenger_event,
    messenger_replies,
    settle,
    slack,
    slack_event,
    slack_replies,
    telegram,
    telegram_replies,
    telegram_update,
)

PROFILE = "je suis aide-soignante depuis 5 ans, quelle formation pour moi ?"


def events(tracker_db: str, key: str) -> list[dict]:
    engine = create_engine(tracker_db)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": key})
        found = [json.loads(row[0]) for row in rows]
    engine.dispose()
    return found


def said(replies: list[dict]) -> str:
    return clean(" ".join(r.get("text", "") for r in replies))


def rest(bot: Stack, sender: str, text_: str, headers: dict[str, str] | None = None) -> tuple[int, list | dict]:
    status, _, body = http(bot.webhook_url, message(sender, text_), headers)
    return status, json.loads(body)


def webchat(bot: Stack, sender: str, text_: str) -> tuple[int, list | dict]:
    status, _, body = http(f"{bot.rasa_url}/webhooks/webchat/webhook", message(sender, text_))
    return status, json.loads(body)


def new_chat_id() -> int:
    return 500_000_000 + uuid.uuid4().int % 100_000_000


def test_rest_cannot_read_continue_or_erase_a_telegram_conversation(
    bot: Stack, platforms: FakePlatforms, tracker_db: str
) -> None:
    chat_id = new_chat_id()
    assert telegram(bot, telegram_update(chat_id, PROFILE)) == 200
    settle(platforms)
    assert "titulaire du DEAS" in said(telegram_replies(platforms, chat_id))
    stored = len(events(tracker_db, f"telegram:{chat_id}"))
    assert stored > 0

    for sender in (str(chat_id), f"telegram:{chat_id}", f"-{chat_id}"):
        status, replies = rest(bot, sender, "quelle formation pour moi ?")
        assert status == 200 and "DEAS" not in said(replies) and "5 ans" not in said(replies), sender
        assert rest(bot, sender, "supprimez mes données")[0] == 200
    assert len(events(tracker_db, f"telegram:{chat_id}")) == stored  # nothing read, added or erased
    assert events(tracker_db, f"rest:{chat_id}") == []  # the REST conversation was erased, its own


def test_the_web_chat_cannot_name_a_slack_or_messenger_user(bot: Stack, platforms: FakePlatforms) -> None:
    user, channel, psid = f"U{uuid.uuid4().hex[:8].upper()}", f"D{uuid.uuid4().hex[:8].upper()}", str(new_chat_id())
    assert slack(bot, slack_event(user, channel, PROFILE)) == 200
    assert messenger(bot, messenger_event(psid, PROFILE)) == 200
    settle(platforms)
    assert "DEAS" in said(slack_replies(platforms, channel))
    assert "DEAS" in said(messenger_replies(platforms, psid))
    for sender in (user, psid, f"slack:T123ABC456:{user}", f"messenger:{psid}"):
        status, reply = webchat(bot, sender, "quelle formation pour moi ?")
        assert status == 400 and reply == {"error": "Identifiant de conversation invalide."}, sender
    status, replies = rest(bot, psid, "quelle formation pour moi ?")
    assert status == 200 and "DEAS" not in said(replies)


def test_rest_and_the_web_chat_do_not_share_conversations(bot: Stack) -> None:
    widget_id = "web-" + uuid.uuid4().hex
    assert "DEAS" in said(webchat(bot, widget_id, PROFILE)[1])
    status, replies = rest(bot, widget_id, "quelle formation pour moi ?")
    assert status == 200 and "DEAS" not in said(replies)


def test_rest_cannot_silence_a_telegram_user(bot: Stack, platforms: FakePlatforms) -> None:
    chat_id = new_chat_id()
    statuses = [rest(bot, f"telegram:{chat_id}", "bonjour")[0] for _ in range(21)]
    assert statuses[-1] == 429  # the REST client used up its own conversation's limit
    assert telegram(bot, telegram_update(chat_id, "combien gagne une assistante medicale ?")) == 200
    settle(platforms)
    reply = said(telegram_replies(platforms, chat_id))
    assert "€" in reply and "beaucoup de messages" not in reply


def test_rest_needs_its_token_and_json(bot: Stack) -> None:
    sender = "token-" + uuid.uuid4().hex
    for headers in ({"Authorization": ""}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic e2U="}):
        status, reply = rest(bot, sender, "bonjour", headers)
        assert status == 401 and reply["error"].startswith("Authentification requise"), headers
    status, _, body = http(bot.webhook_url, message(sender, "bonjour"), {"Content-Type": "text/plain"})
    assert status == 415 and json.loads(body)["error"].startswith("Type de contenu non accepté")
    status, _, _ = http(
        f"{bot.rasa_url}/webhooks/webchat/webhook",
        message("web-" + uuid.uuid4().hex, "bonjour"),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 415
    assert rest(bot, sender, "bonjour")[0] == 200  # with REST_AUTH (tests/e2e/conftest.py)


def test_a_slash_message_is_text_unless_the_bot_offered_it(bot: Stack, tracker_db: str) -> None:
    sender = "slash-" + uuid.uuid4().hex
    forged = '/inform{"diploma": "deas", "email": "camille.d\\u0040gmail.com", "phone": "06\\u002012\\u002034"}'
    status, replies = rest(bot, sender, forged)
    assert status == 200 and replies
    stored = json.dumps(events(tracker_db, f"rest:{sender}"), ensure_ascii=False)
    assert "camille" not in stored and "gmail" not in stored and "06 12 34" not in stored
    [first] = [e for e in events(tracker_db, f"rest:{sender}") if e["event"] == "user"][:1]
    # Read by the NLU like any text: no intent forced at confidence 1, no entity given by the
    # sender (Rasa's /intent{json} entities have no extractor; the NLU's name theirs).
    assert first["parse_data"]["intent"].get("confidence", 0) < 1.0
    assert all(entity.get("extractor") for entity in first["parse_data"]["entities"])
    # The bot's own buttons still work: the welcome offered /ask_salary, the answer the ratings.
    assert "€" in said(rest(bot, sender, "/ask_salary")[1])
    assert rest(bot, sender, "/feedback_negative")[0] == 200


def test_nothing_a_visitor_typed_reaches_the_logs(bot: Stack, platforms: FakePlatforms) -> None:
    secrets = ["camille.d@gmail.com", "06 12 34 56 78", "4111 1111 1111 1111", "FR76 3000 6000 0112 3456 7890 189"]
    typed = f"mon mail {secrets[0]}, tel {secrets[1]}, carte {secrets[2]}, iban {secrets[3]}"
    rest(bot, "logs-" + uuid.uuid4().hex, typed)
    rest(bot, "logs-" + uuid.uuid4().hex, "/" + typed + "{oops")
    telegram(bot, telegram_update(new_chat_id(), "/" + typed))
    for raw in (b"GET /webhooks/rest/\xff\xfe" + secrets[1].encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n",):
        with socket.create_connection(("127.0.0.1", bot.rasa_port), timeout=10) as connection:
            connection.sendall(raw)
            assert connection.recv(4096).startswith(b"HTTP/1.1 400")
    status, _, body = http(f"http://127.0.0.1:{bot.action_port}/health", typed.encode(), method="POST")
    assert status == 405 and b"camille" not in body
    settle(platforms)
    time.sleep(1)
    # Every file in the log directory, whatever the servers named it.
    logs = "".join(path.read_text(encoding="utf-8", errors="replace") for path in bot.log_dir.glob("*.log"))
    for secret in [*secrets, "camille", "3456 7890"]:
        assert secret not in logs, secret
    assert "Failed to parse arguments" not in logs
    assert "surrogates not allowed" not in logs and "Method POST not allowed for URL /health" not in logs


def test_erasure_is_all_or_nothing_when_the_action_server_is_down(
    bot: Stack, tracker_db: str, feedback_db: str
) -> None:
    sender = "erase-" + uuid.uuid4().hex
    key = f"rest:{sender}"
    feedback = FeedbackStore(make_engine(feedback_db))
    rest(bot, sender, "combien gagne une assistante medicale ?")
    rest(bot, sender, "/feedback_negative")
    assert [f.sender_id for f in feedback.feedback()].count(key) == 1
    stored = len(events(tracker_db, key))

    [actions] = [p for p in bot.processes if "actions.server" in " ".join(map(str, p.args))]
    bot.stop_process(actions)
    try:
        status, replies = rest(bot, sender, "supprimez mes données")
        assert status == 200 and said(replies) == clean(NOT_FORGOTTEN)
        assert len(events(tracker_db, key)) > stored  # everything kept, the failed attempt included
        assert [f.sender_id for f in feedback.feedback()].count(key) == 1
    finally:
        bot.start_actions()
        bot.wait_ready(timeout=120)
    status, replies = rest(bot, sender, "supprimez mes données")
    assert said(replies) == clean(FORGOTTEN)
    assert events(tracker_db, key) == [] and key not in [f.sender_id for f in feedback.feedback()]


def test_rest_requests_without_the_token_leave_nothing(bot: Stack, tracker_db: str) -> None:
    sender = "anon-" + uuid.uuid4().hex
    status, _, _ = http(bot.webhook_url, message(sender, "bonjour"), {"Authorization": "Bearer nope"})
    assert status == 401 and events(tracker_db, f"rest:{sender}") == []
    assert REST_AUTH["Authorization"].startswith("Bearer ")
