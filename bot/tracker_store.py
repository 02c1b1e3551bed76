"""Rasa's SQL tracker store, which also honours a visitor's request to delete their data.

Configured in endpoints.yml (`type: bot.tracker_store.PrivateSQLTrackerStore`, URL from
TRACKER_STORE_URL: SQLite by default, PostgreSQL for several servers).

Erasure is all or nothing. `action_delete_my_data` erases the visitor's ratings and
unanswered questions, then confirms with a bot message carrying the DATA_DELETED marker.
Only when the turn being saved holds that confirmation does the store delete every stored
event of the conversation instead of saving it. It has to happen here: an action server that
deleted the rows itself would see them written back when Rasa saves the turn. Rasa records
`ActionExecuted(action_delete_my_data)` even when the action failed (action server down):
then there is no confirmation, nothing is erased, and the visitor is told to try again
(bot/rasa_patches.py).

On start, conversations stored under a bare id (before keys named their channel) are
renamed to their channel key, with their feedback rows (bot/conversation_keys.py).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import inspect

from bot.conversation_keys import legacy_key, old_keys, rename
from conversation.shared import DATA_DELETED, DELETE_MY_DATA_ACTION
from knowledge.db import private_sqlite_file

logger = logging.getLogger(__name__)


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """Whether the last turn (events since the visitor's last message) ran the deletion and the
    action confirmed it (its bot message carries DATA_DELETED)."""
    confirmed = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(DATA_DELETED):
            confirmed = True
        if isinstance(event, ActionExecuted) and event.action_name == DELETE_MY_DATA_ACTION:
            return confirmed
    return False


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        private_sqlite_file(self.engine)
        self.migrate_keys()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await super().retrieve(sender_id)
        legacy = legacy_key(sender_id)
        if tracker is None and legacy and await super().retrieve(legacy) is not None:
            self.rename_keys({legacy: sender_id})
            tracker = await super().retrieve(sender_id)
        return tracker

    def migrate_keys(self, feedback: Any = None) -> int:
        """Rename bare-id conversations to channel keys: feedback rows first (their own database),
        then the events, so an interrupted migration is simply done again on the next start."""
        if not inspect(self.engine).has_table("events"):
            return 0
        with self.engine.connect() as connection:
            renames = old_keys(connection)
        if renames:
            self.rename_keys(renames, feedback)
            logger.info("Renamed %d stored conversations to channel keys", len(renames))
        return len(renames)

    def rename_keys(self, renames: dict[str, str], feedback: Any = None) -> None:
        if feedback is None:
            from feedback.store import shared_store

            feedback = shared_store()
        feedback.rename_senders(renames)
        with self.engine.begin() as connection:
            rename(connection, self.SQLEvent.__table__.c.sender_id, renames)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            self.forget(tracker.sender_id)
            return
        await super().save(tracker)

    def forget(self, sender_id: str) -> int:
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        return deleted
