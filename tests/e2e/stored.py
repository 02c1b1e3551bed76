"""What the tracker store kept of a visitor's messages: the proof that refused or masked input
was not stored."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text


def stored_texts(tracker_db: str, sender: str) -> list[str]:
    """The visitor's messages as the tracker store holds them, oldest first."""
    engine = create_engine(tracker_db)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"), {"s": sender}
        )
        texts = [json.loads(row[0])["text"] for row in rows]
    engine.dispose()
    return texts


def rest(sender: str) -> str:
    """The stored conversation of a REST client's id (the key format of bot/conversation_keys.py,
    spelt out: the tests check it)."""
    return f"rest:{sender}"


def web(sender: str) -> str:
    """The stored conversation of a web chat id."""
    return f"web:{sender}"
