"""Which channels open, and how answers are fitted to each platform's limits."""

from __future__ import annotations

import asyncio
import stat

import yaml

from bot.channels import CREDENTIALS, resolve, write_credentials
from bot.platforms import MESSENGER_MAX_TEXT, MessengerBot, shorten, split_text

TELEGRAM_ENV = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_SECRET_TOKEN": "s3cret"}


def test_without_platform_variables_only_rest_and_web_chat_open() -> None:
    config = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    enabled, notes = resolve(config, {})
    assert set(enabled) == {"bot.checked_channel.RestInput", "bot.webchat.WebChatInput"}
    assert "Channel bot.platforms.TelegramInput off: TELEGRAM_SECRET_TOKEN, TELEGRAM_TOKEN not set." in notes
    assert len(notes) == 3


def test_a_platform_opens_only_when_all_its_variables_are_set() -> None:
    config = yaml.safe_load(CREDENTIALS.read_text(encoding="utf-8"))
    enabled, notes = resolve(config, {**TELEGRAM_ENV, "SLACK_BOT_TOKEN": "xoxb", "SLACK_SIGNING_SECRET": " "})
    assert enabled["bot.platforms.TelegramInput"] == {"access_token": "123:abc", "secret_token": "s3cret"}
    assert "bot.platforms.SlackInput" not in enabled  # a blank secret is a missing secret
    assert "Channel bot.platforms.SlackInput off: SLACK_SIGNING_SECRET not set." in notes


def test_resolved_credentials_file_is_private(tmp_path) -> None:
    target, _ = write_credentials(TELEGRAM_ENV, target=tmp_path / "run" / "credentials.yml")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert written["bot.platforms.TelegramInput"]["secret_token"] == "s3cret"
    assert "${" not in target.read_text(encoding="utf-8")


def test_split_text_cuts_between_paragraphs_then_lines_then_words() -> None:
    paragraphs = "\n\n".join(f"Paragraphe {i} " + "mot " * 30 for i in range(10))
    pieces = split_text(paragraphs, 400)
    assert all(len(p) <= 400 for p in pieces)
    assert all(p.startswith("Paragraphe") for p in pieces)  # never cut inside a paragraph here
    assert " ".join(" ".join(pieces).split()) == " ".join(paragraphs.split())  # nothing lost
    one_line = "mot " * 300
    assert all(len(p) <= 100 for p in split_text(one_line, 100))
    assert split_text("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]
    assert split_text("  court  ", 100) == ["court"]
    assert split_text("", 100) == []


def test_shorten_marks_a_cut_title() -> None:
    assert shorten("Quelle formation pour moi ?", 20) == "Quelle formation po…"
    assert shorten("Le salaire", 20) == "Le salaire"


class RecordingClient:
    def __init__(self) -> None:
        self.sent: list[tuple[dict, str]] = []

    def send(self, payload: dict, recipient_id: str, messaging_type: str) -> None:
        self.sent.append((payload, recipient_id))


def test_messenger_long_answer_with_many_buttons() -> None:
    client = RecordingClient()
    buttons = [{"title": f"Choix numéro {i} très long", "payload": f"/choice_{i}"} for i in range(15)]
    text = "\n".join(f"- ligne {i} " + "x" * 90 for i in range(40))  # ~4 000 characters
    asyncio.run(MessengerBot(client).send_text_with_buttons("psid", text, buttons))
    messages = [payload for payload, _ in client.sent]
    assert len(messages) == 3 and all(len(m["text"]) <= MESSENGER_MAX_TEXT for m in messages)
    replies = messages[-1]["quick_replies"]
    assert len(replies) == 13 and all(len(r["title"]) <= 20 for r in replies)
    assert replies[0] == {"content_type": "text", "title": "Choix numéro 0 très…", "payload": "/choice_0"}
