"""Conversation keys (bot/conversation_keys.py): the channel names the key, never the request."""

from __future__ import annotations

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel

from bot.checked_channel import CollectedReplies
from bot.conversation_keys import conversation_key, legacy_key, platform_id
from bot.platforms import TelegramOutput


def test_every_channel_has_its_own_keys() -> None:
    keys = {
        conversation_key("telegram", "555000111"),
        conversation_key("rest", "555000111"),
        conversation_key("webchat", "555000111"),
        conversation_key("facebook", "555000111"),
        conversation_key("slack", "555000111", "T1"),
    }
    assert keys == {
        "telegram:555000111",
        "rest:555000111",
        "web:555000111",
        "messenger:555000111",
        "slack:T1:555000111",
    }
    # An id that looks like another channel's key stays inside its own channel.
    assert conversation_key("rest", "telegram:555000111") == "rest:telegram:555000111"


def test_replies_go_to_the_id_the_platform_knows() -> None:
    assert platform_id("telegram:555000111") == "555000111"
    assert platform_id("slack:T1:U2") == "U2"
    assert platform_id("rest:telegram:555") == "telegram:555"
    assert platform_id("no-prefix") == "no-prefix"
    collected = CollectedReplies()
    asyncio.run(collected.send_response("rest:moi", {"text": "bonjour"}))
    assert collected.messages[0]["recipient_id"] == "moi"
    assert issubclass(CollectedReplies, CollectingOutputChannel)
    sent: list[str] = []

    class Recorded(TelegramOutput):
        def __init__(self) -> None:
            pass

        async def send_text_message(self, recipient_id: str, text: str, **kwargs) -> None:
            sent.append(recipient_id)

    asyncio.run(Recorded().send_response("telegram:555000111", {"text": "bonjour"}))
    assert sent == ["555000111"]


def test_a_slack_conversation_from_before_the_keys_is_found_again() -> None:
    assert legacy_key("slack:T1:U2") == "slack:unknown:U2"
    assert legacy_key("slack:unknown:U2") is None and legacy_key("telegram:5") is None
