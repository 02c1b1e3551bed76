"""Telegram, Slack and Messenger webhooks on the running server, answered through a local fake API.

Inbound payloads are shaped like the examples in each platform's documentation
(Telegram Update, Slack Events API event_callback, Messenger webhook "page" event).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid

from bot.stack import Stack
from tests.e2e.conftest import PLATFORM_SECRETS
from tests.e2e.fake_platforms import FakePlatforms


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def clean(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def settle(platforms: FakePlatforms, seconds: float = 3.0) -> int:
    """Number of calls once nothing more arrives (replies can be sent after the webhook returns)."""
    count = len(platforms.calls)
    time.sleep(seconds)
    return len(platforms.calls) if len(platforms.calls) == count else settle(platforms, seconds)


# ---------------------------------------------------------------------------- Telegram


def telegram_update(chat_id: int, text: str) -> dict:
    return {
        "update_id": 10000 + chat_id % 1000,
        "message": {
            "message_id": 1365,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Camille", "language_code": "fr"},
            "chat": {"id": chat_id, "first_name": "Camille", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def telegram_button(chat_id: int, data: str) -> dict:
    return {
        "update_id": 20000 + chat_id % 1000,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Camille"},
            "message": {"message_id": 1366, "chat": {"id": chat_id, "type": "private"}, "date": int(time.time())},
            "chat_instance": "-5326436853458",
            "data": data,
        },
    }


def telegram(bot: Stack, payload: dict, secret: str = PLATFORM_SECRETS["TELEGRAM_SECRET_TOKEN"]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    return post(f"{bot.rasa_url}/webhooks/telegram/webhook", json.dumps(payload).encode(), headers)[0]


def telegram_replies(platforms: FakePlatforms, chat_id: int) -> list[dict]:
    return [b for b in platforms.sent("telegram", "sendMessage") if int(b["chat_id"]) == chat_id]


def test_telegram_message_and_button_are_answered_with_an_inline_keyboard(bot: Stack, platforms) -> None:
    chat_id = int(time.time() * 1000) % 10**9
    assert telegram(bot, telegram_update(chat_id, "combien gagne une assistante medicale en debut de carriere")) == 200
    replies = telegram_replies(platforms, chat_id)
    welcome, answer = replies[0], replies[-1]
    assert "assistant automatisé" in welcome["text"]
    keyboard = json.loads(welcome["reply_markup"])["inline_keyboard"]
    assert len(keyboard) == 8 and all(len(row) == 1 for row in keyboard)  # all 8 kept, one per row
    assert {"text": "Le salaire", "callback_data": "/ask_salary"} in [row[0] for row in keyboard]
    # Typeset by the Rasa server like every channel's texts (bot/typography.py), titles too.
    assert welcome["text"].endswith("Que souhaitez-vous savoir\u202f?")
    assert {"text": "Quelle formation pour moi\u202f?", "callback_data": "/start_orientation"} in [
        r[0] for r in keyboard
    ]
    assert "22 000 à 27 000 € brut par an" in clean(answer["text"])
    assert all(len(r["text"]) <= 4096 for r in replies)

    assert telegram(bot, telegram_button(chat_id, "/ask_workplaces")) == 200
    assert "hôpitaux" in telegram_replies(platforms, chat_id)[-1]["text"]


def test_telegram_forged_request_is_refused_and_not_answered(bot: Stack, platforms) -> None:
    chat_id = int(time.time() * 1000) % 10**9 + 7
    before = settle(platforms, 1.0)
    assert telegram(bot, telegram_update(chat_id, "bonjour"), secret="wrong") == 403
    assert telegram(bot, telegram_update(chat_id, "bonjour"), secret="") == 403
    assert settle(platforms) == before and telegram_replies(platforms, chat_id) == []


# ---------------------------------------------------------------------------- Slack


def slack_event(user: str, channel: str, text: str) -> dict:
    return {
        "token": "XXYYZZ",
        "team_id": "T123ABC456",
        "api_app_id": "A123ABC456",
        "event": {
            "type": "message",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": f"{time.time():.6f}",
            "event_ts": f"{time.time():.6f}",
            "channel_type": "im",
        },
        "type": "event_callback",
        "authed_users": ["U0BOT"],
        "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
    }


def slack(bot: Stack, payload: dict, secret: str = PLATFORM_SECRETS["SLACK_SIGNING_SECRET"]) -> int:
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()))
    signature = "v0=" + hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    return post(f"{bot.rasa_url}/webhooks/slack/webhook", body, headers)[0]


def slack_replies(platforms: FakePlatforms, channel: str) -> list[dict]:
    return [b for b in platforms.sent("slack", "chat.postMessage") if b.get("channel") == channel]


def test_slack_direct_message_is_answered_with_all_buttons(bot: Stack, platforms) -> None:
    channel = f"D{uuid.uuid4().hex[:9].upper()}"
    assert slack(bot, slack_event("U2147483697", channel, "ou travaille une assistante medicale")) == 200
    deadline = time.monotonic() + 60
    while len(slack_replies(platforms, channel)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)  # Slack is answered in the background, as Slack requires
    welcome, answer = slack_replies(platforms, channel)[:2]
    buttons = [e for block in welcome["blocks"] if block["type"] == "actions" for e in block["elements"]]
    assert len(buttons) == 8  # Rasa's own channel drops them all above 5
    assert "assistant automatisé" in welcome["blocks"][0]["text"]["text"]
    assert "hôpitaux" in answer["blocks"][0]["text"]["text"]
    assert all(len(b["text"]["text"]) <= 3000 for r in (welcome, answer) for b in r["blocks"] if b["type"] == "section")


def test_slack_bad_signature_is_refused_and_not_answered(bot: Stack, platforms) -> None:
    channel = f"D{uuid.uuid4().hex[:9].upper()}"
    before = settle(platforms, 1.0)
    assert slack(bot, slack_event("U2147483697", channel, "bonjour"), secret="not-the-secret") == 403
    status, _ = post(f"{bot.rasa_url}/webhooks/slack/webhook", json.dumps(slack_event("U1", channel, "x")).encode(), {})
    assert status == 403
    assert settle(platforms) == before and slack_replies(platforms, channel) == []


# ---------------------------------------------------------------------------- Facebook Messenger


def messenger_event(psid: str, text: str) -> dict:
    return {
        "object": "page",
        "entry": [
            {
                "id": "PAGE_ID",
                "time": int(time.time() * 1000),
                "messaging": [
                    {
                        "sender": {"id": psid},
                        "recipient": {"id": "PAGE_ID"},
                        "timestamp": int(time.time() * 1000),
                        "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
                    }
                ],
            }
        ],
    }


def messenger(bot: Stack, payload: dict, secret: str = PLATFORM_SECRETS["FACEBOOK_APP_SECRET"]) -> int:
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return post(f"{bot.rasa_url}/webhooks/facebook/webhook", body, {"X-Hub-Signature-256": signature})[0]


def messenger_replies(platforms: FakePlatforms, psid: str) -> list[dict]:
    return [
        b["message"]
        for b in platforms.sent("facebook", "messages")
        if b.get("recipient", {}).get("id") == psid and "message" in b
    ]


def test_messenger_message_is_answered_with_quick_replies(bot: Stack, platforms) -> None:
    psid = str(uuid.uuid4().int)[:16]
    assert messenger(bot, messenger_event(psid, "cb coute la formation ?")) == 200
    replies = messenger_replies(platforms, psid)
    welcome, answer = replies[0], replies[-1]
    assert "assistant automatisé" in welcome["text"]
    titles = [q["title"] for q in welcome["quick_replies"]]
    assert len(titles) == 8 and all(len(t) <= 20 for t in titles)  # Rasa drops buttons above 3
    assert "Quelle formation po…" in titles
    assert "5 000 à 10 000 €" in clean(answer["text"]) and len(answer["text"]) <= 2000


def test_messenger_bad_signature_is_refused_and_not_answered(bot: Stack, platforms) -> None:
    psid = str(uuid.uuid4().int)[:16]
    before = settle(platforms, 1.0)
    assert messenger(bot, messenger_event(psid, "bonjour"), secret="not-the-secret") == 403
    status, _ = post(f"{bot.rasa_url}/webhooks/facebook/webhook", json.dumps(messenger_event(psid, "x")).encode(), {})
    assert status == 403
    assert settle(platforms) == before and messenger_replies(platforms, psid) == []


def test_messenger_webhook_verification(bot: Stack) -> None:
    base = f"{bot.rasa_url}/webhooks/facebook/webhook?hub.mode=subscribe&hub.challenge=1158201444"
    with urllib.request.urlopen(f"{base}&hub.verify_token={PLATFORM_SECRETS['FACEBOOK_VERIFY_TOKEN']}") as response:
        assert response.read() == b"1158201444"
    try:
        urllib.request.urlopen(f"{base}&hub.verify_token=wrong")
        raise AssertionError("a wrong verify token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403
