"""Conversations in the SQL tracker store: masked, deleted on request, kept across restarts.

The restart test stops and starts the shared stack; the tests after it use the restarted one.
"""

from __future__ import annotations

import json
import uuid

from sqlalchemy import create_engine, text

from bot.stack import Stack
from conversation.shared import FORGOTTEN
from tests.e2e.stored import rest


def ask(bot: Stack, sender: str, message: str) -> str:
    return " ".join(" ".join(r.get("text", "") for r in bot.send(sender, message)).replace("\u202f", " ").split())


def stored_events(tracker_db: str, sender: str) -> list[dict]:
    engine = create_engine(tracker_db)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
        events = [json.loads(row[0]) for row in rows]
    engine.dispose()
    return events


def test_stored_messages_have_personal_data_masked(bot: Stack, tracker_db: str) -> None:
    sender = f"mask-{uuid.uuid4().hex}"
    ask(bot, sender, "je m'appelle Camille, camille.dupont@gmail.com, 06 12 34 56 78, combien gagne une assistante ?")
    user_texts = [e["text"] for e in stored_events(tracker_db, rest(sender)) if e["event"] == "user"]
    assert user_texts == [
        "je m'appelle [nom masqué], [e-mail masqué], [téléphone masqué], combien gagne une assistante ?"
    ]
    raw = json.dumps(stored_events(tracker_db, rest(sender)), ensure_ascii=False)
    assert "camille.dupont" not in raw and "06 12 34" not in raw


def test_delete_my_data_erases_the_conversation_and_feedback(bot: Stack, tracker_db: str, feedback_db: str) -> None:
    from feedback.store import FeedbackStore
    from knowledge.db import make_engine

    sender = f"forget-{uuid.uuid4().hex}"
    ask(bot, sender, "c koi le salaire d'une assistante medicale")
    ask(bot, sender, "/feedback_negative")
    feedback = FeedbackStore(make_engine(feedback_db))
    assert [f.sender_id for f in feedback.feedback()].count(rest(sender)) == 1
    assert stored_events(tracker_db, rest(sender))

    assert ask(bot, sender, "supprimez mes données") == FORGOTTEN
    assert stored_events(tracker_db, rest(sender)) == []
    assert rest(sender) not in [f.sender_id for f in feedback.feedback()]
    # The bot has forgotten: a follow-up no longer refers to the salary, and the welcome is back.
    reply = ask(bot, sender, "et avec de l'experience ?")
    assert "assistant automatisé" in reply and "28 000" not in reply


def test_conversation_survives_a_restart_of_both_servers(bot: Stack) -> None:
    sender = f"restart-{uuid.uuid4().hex}"
    assert "22 000 à 27 000 €" in ask(bot, sender, "combien gagne une assistante medicale en debut de carriere")
    bot.stop()
    bot.start_actions()
    bot.start_rasa()
    print(f"\nrestarted in {bot.wait_ready(timeout=240):.1f} s")
    reply = ask(bot, sender, "et avec de l'experience ?")
    assert "28 000 à 33 000 € brut par an" in reply and "assistant automatisé" not in reply
