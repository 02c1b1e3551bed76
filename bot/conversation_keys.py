"""Whose conversation a message belongs to: the channel's name and the id the channel gives.

Every stored conversation, rate-limit count, rating and erasure is keyed by
`<channel>:<id>` (`telegram:555000111`, `slack:T0001:U0002`, `messenger:<psid>`,
`web:<widget id>`, `rest:<id>`), never by the id alone: a REST client that posts as
`555000111` reaches `rest:555000111`, not the Telegram user with that chat id, and the
prefix comes from the channel that received the message, never from the request.

Replies go back with the platform's own id: Rasa sends each bot message to
`tracker.sender_id`, so every output channel mixes in `PlatformRecipient`, which turns the
key back into the id the platform (or the REST client) knows.

Conversations stored before the keys had a channel are renamed once, on the tracker
store's start (`migrate`), using the channel recorded with their first message.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import column, select, table, update
from sqlalchemy.engine import Connection

logger = logging.getLogger(__name__)

# Rasa's channel name -> the key's prefix.
PREFIXES = {
    "rest": "rest",
    "webchat": "web",
    "telegram": "telegram",
    "slack": "slack",
    "facebook": "messenger",
}
# How many parts of a key, after the prefix, name the conversation before the platform id.
QUALIFIERS = {"slack": 1}  # slack:<team>:<user>
UNKNOWN_TEAM = "unknown"


def conversation_key(channel: str, platform_id: str, qualifier: str | None = None) -> str:
    """The key of a conversation on `channel` (Rasa's name) with this platform id."""
    prefix = PREFIXES[channel]
    if prefix in QUALIFIERS:
        return f"{prefix}:{qualifier or UNKNOWN_TEAM}:{platform_id}"
    return f"{prefix}:{platform_id}"


def platform_id(key: str) -> str:
    """The id the platform knows, from a conversation key (a key without prefix is returned as is)."""
    prefix, separator, rest = key.partition(":")
    if not separator or prefix not in PREFIXES.values():
        return key
    if prefix in QUALIFIERS:
        return rest.split(":", QUALIFIERS[prefix])[-1]
    return rest


def legacy_key(key: str) -> str | None:
    """Where a migrated conversation of this key may be stored: Slack ids stored before the keys
    had a channel did not record their team, so they were renamed `slack:unknown:<user>` and the
    user's next message (which names the team) adopts them."""
    prefix, _, rest = key.partition(":")
    team, _, user = rest.partition(":")
    if prefix == PREFIXES["slack"] and user and team != UNKNOWN_TEAM:
        return conversation_key("slack", user)
    return None


def has_channel(key: str) -> bool:
    prefix, separator, _ = key.partition(":")
    return bool(separator) and prefix in PREFIXES.values()


class PlatformRecipient:
    """Mixed into an output channel (before it): replies go to the platform's id, not the key."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        await super().send_response(platform_id(recipient_id), message)  # type: ignore[misc]


EVENTS = table("events", column("sender_id"), column("type_name"), column("data"), column("id"))


def old_keys(connection: Connection) -> dict[str, str]:
    """{bare id: its channel key} for every conversation stored before the keys had a channel
    (the channel of its first message; REST when none is recorded)."""
    renames = {}
    senders = connection.execute(select(EVENTS.c.sender_id).distinct()).scalars().all()
    for sender in senders:
        if has_channel(sender):
            continue
        first = connection.execute(
            select(EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender, EVENTS.c.type_name == "user")
            .order_by(EVENTS.c.id)
            .limit(1)
        ).scalar()
        recorded = (json.loads(first) if first else {}).get("input_channel")
        renames[sender] = conversation_key(recorded if recorded in PREFIXES else "rest", sender)
    return renames


def rename(connection: Connection, sender_column: Any, renames: dict[str, str]) -> int:
    """Apply `renames` to one sender-id column (in the caller's transaction)."""
    for old, new in renames.items():
        connection.execute(update(sender_column.table).where(sender_column == old).values({sender_column.name: new}))
    return len(renames)
