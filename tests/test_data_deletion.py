"""A visitor's right to erasure and the retention period, on real SQLite databases."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.actions import ActionDeleteMyData
from bot.retention import purge_conversations
from bot.tracker_store import PrivateSQLTrackerStore, asked_to_forget
from conversation.shared import DATA_DELETED, DELETE_MY_DATA_ACTION, FORGOTTEN, NOT_FORGOTTEN
from feedback.store import FeedbackStore
from tests.conftest import make_tracker, run_action


def turn(text: str, action: str, when: float | None = None, channel: str | None = None) -> list:
    """One turn; a deletion turn is confirmed the way the action confirms it (DATA_DELETED)."""
    stamp = {"timestamp": when} if when is not None else {}
    confirmation = {DATA_DELETED: True} if action == DELETE_MY_DATA_ACTION else {}
    return [
        UserUttered(text, {"name": "x", "confidence": 1.0}, input_channel=channel, **stamp),
        ActionExecuted(action, **stamp),
        BotUttered("réponse", metadata=confirmation, **stamp),
        ActionExecuted("action_listen", **stamp),
    ]


def failed_deletion() -> list:
    """What Rasa records when the action server is down: the action 'ran', the apology was said."""
    return [
        UserUttered("supprimez mes données", {"name": "delete_my_data", "confidence": 1.0}),
        ActionExecuted(DELETE_MY_DATA_ACTION),
        BotUttered(NOT_FORGOTTEN),
        ActionExecuted("action_listen"),
    ]


def conversation(sender: str, *turns: list, when: float | None = None) -> DialogueStateTracker:
    stamp = {"timestamp": when} if when is not None else {}
    events = [ActionExecuted("action_session_start", **stamp), SessionStarted(**stamp)]
    events += [ActionExecuted("action_listen", **stamp)]
    for events_of_turn in turns:
        events += events_of_turn
    return DialogueStateTracker.from_events(sender, events)


def store_at(path) -> PrivateSQLTrackerStore:
    return PrivateSQLTrackerStore(Domain.empty(), host=f"sqlite:///{path}")


def test_only_a_turn_that_ran_the_deletion_asks_to_forget() -> None:
    assert asked_to_forget(conversation("a", turn("supprimez mes données", "action_delete_my_data")))
    later = conversation("a", turn("supprimez mes données", "action_delete_my_data"), turn("bonjour", "utter_greet"))
    assert not asked_to_forget(later)
    assert not asked_to_forget(conversation("a", turn("bonjour", "utter_greet")))
    assert not asked_to_forget(conversation("a", failed_deletion()))


def test_a_deletion_the_action_did_not_confirm_erases_nothing(tmp_path, store: FeedbackStore) -> None:
    """Action server down: Rasa still records ActionExecuted(action_delete_my_data). Nothing is
    erased (feedback included) and the visitor is told so; the next try erases both."""
    tracker_store = store_at(tmp_path / "tracker.sqlite3")
    store.record_feedback(sender_id="camille", helpful=False, question="cb ça coûte")
    first = turn("combien gagne une assistante", "action_answer")
    asyncio.run(tracker_store.save(conversation("camille", first, failed_deletion())))
    kept = asyncio.run(tracker_store.retrieve_full_tracker("camille"))
    assert kept is not None and NOT_FORGOTTEN in [e.text for e in kept.events if isinstance(e, BotUttered)]
    assert [f.sender_id for f in store.feedback()] == ["camille"]

    messages, _ = run_action(ActionDeleteMyData(), make_tracker("delete_my_data", sender_id="camille"))
    assert messages[0][DATA_DELETED] is True and store.feedback() == []
    retry = turn("supprimez mes données", DELETE_MY_DATA_ACTION)
    asyncio.run(tracker_store.save(conversation("camille", first, failed_deletion(), retry)))
    assert asyncio.run(tracker_store.retrieve("camille")) is None


def test_conversations_stored_under_bare_ids_move_to_their_channel_key(
    tmp_path, store: FeedbackStore, monkeypatch
) -> None:
    """A copy of a database from before the keys named their channel keeps working."""
    monkeypatch.setenv("FEEDBACK_DATABASE_URL", str(store.engine.url))
    path = tmp_path / "tracker.sqlite3"
    old = store_at(path)
    for sender, channel in [
        ("555000111", "telegram"),
        ("web-" + "ab" * 16, "webchat"),
        ("moi", "rest"),
        ("U42", "slack"),
    ]:
        asyncio.run(
            old.save(conversation(sender, turn("combien gagne une assistante", "action_answer", channel=channel)))
        )
    store.record_feedback(sender_id="555000111", helpful=True, question="salaire")

    migrated = PrivateSQLTrackerStore(Domain.empty(), host=f"sqlite:///{path}")
    assert migrated.migrate_keys(store) == 0  # done once, on start
    for key in ["telegram:555000111", "web:web-" + "ab" * 16, "rest:moi", "slack:unknown:U42"]:
        tracker = asyncio.run(migrated.retrieve_full_tracker(key))
        assert tracker is not None and tracker.latest_message.text == "combien gagne une assistante", key
    assert asyncio.run(migrated.retrieve("555000111")) is None
    assert [f.sender_id for f in store.feedback()] == ["telegram:555000111"]
    # A Slack user's next message names the workspace: their conversation follows.
    assert asyncio.run(migrated.retrieve("slack:T1:U42")) is not None
    assert asyncio.run(migrated.retrieve("slack:unknown:U42")) is None


def test_deletion_turn_removes_the_whole_conversation_and_nothing_else(tmp_path) -> None:
    store = store_at(tmp_path / "tracker.sqlite3")
    asyncio.run(store.save(conversation("camille", turn("combien gagne une assistante", "action_answer"))))
    asyncio.run(store.save(conversation("dominique", turn("bonjour", "utter_greet"))))
    assert asyncio.run(store.retrieve("camille")) is not None

    tracker = conversation(
        "camille", turn("combien gagne une assistante", "action_answer"), turn("effacez tout", "action_delete_my_data")
    )
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve("camille")) is None
    with store.session_scope() as session:
        assert session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == "camille").count() == 0
    kept = asyncio.run(store.retrieve_full_tracker("dominique"))
    assert kept is not None and [e.text for e in kept.events if isinstance(e, UserUttered)] == ["bonjour"]


def test_action_deletes_the_visitor_feedback_and_confirms(store: FeedbackStore) -> None:
    store.record_feedback(sender_id="test-visitor", helpful=False, question="cb ça coûte", topic="cost", comment=None)
    store.record_unanswered("test-visitor", "out_of_scope", "mon numéro est [téléphone masqué]")
    store.record_unanswered("someone-else", "out_of_scope", "la météo")
    messages, events = run_action(ActionDeleteMyData(), make_tracker("delete_my_data"))
    assert messages[0]["text"] == FORGOTTEN
    assert [r.sender_id for r in store.unanswered()] == ["someone-else"]
    assert store.feedback() == []


def test_the_web_chat_learns_of_the_deletion_from_a_marker_not_from_the_words(store: FeedbackStore) -> None:
    """The action's reply, through what Rasa does with it (BotUttered, then the output channel)."""
    from rasa.core.actions.action import RemoteAction

    from bot.typography import french
    from bot.webchat import WebChatOutput, bot_messages

    async def through_rasa(responses: list[dict]) -> list[dict]:
        output = WebChatOutput()
        for event in await RemoteAction._utter_responses(json.loads(json.dumps(responses)), output, None, None):
            await output.send_response("visitor", event.message())
        return bot_messages(output.messages)

    deletion, _ = run_action(ActionDeleteMyData(), make_tracker("delete_my_data"))
    (reply,) = asyncio.run(through_rasa(deletion))
    assert reply["forget"] is True and reply["text"] in {FORGOTTEN, french(FORGOTTEN)}
    same_words = [{"text": FORGOTTEN, "buttons": []}]
    assert [r.get("forget") for r in asyncio.run(through_rasa(same_words))] == [None]


def test_retention_deletes_idle_conversations_and_old_feedback(tmp_path, store: FeedbackStore) -> None:
    path = tmp_path / "tracker.sqlite3"
    tracker_store = store_at(path)
    old, recent = time.time() - 40 * 86400, time.time() - 2 * 86400
    asyncio.run(tracker_store.save(conversation("old", turn("bonjour", "utter_greet", old), when=old)))
    asyncio.run(tracker_store.save(conversation("recent", turn("bonjour", "utter_greet", recent), when=old)))
    # "recent" started long ago but spoke two days ago: it is kept whole.
    assert purge_conversations(f"sqlite:///{path}", time.time() - 30 * 86400) == (1, 7)
    assert asyncio.run(tracker_store.retrieve("old")) is None
    assert asyncio.run(tracker_store.retrieve("recent")) is not None

    store.record_unanswered("x", "out_of_scope", "ancienne question")
    cutoff = datetime.now(UTC) + timedelta(seconds=1)
    assert store.purge_before(cutoff) == 1 and store.unanswered() == []


def test_retention_on_an_empty_store_does_nothing(tmp_path) -> None:
    assert purge_conversations(f"sqlite:///{tmp_path / 'none.sqlite3'}", time.time()) == (0, 0)
