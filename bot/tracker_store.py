"""Rasa's SQL tracker store, which also honours a visitor's request to delete their data.

Configured in endpoints.yml (`type: bot.tracker_store.PrivateSQLTrackerStore`, URL from
TRACKER_STORE_URL: SQLite by default, PostgreSQL for several servers). When the turn being
saved ran `action_delete_my_data` (DELETE_MY_DATA_ACTION), every stored event of that visitor is deleted instead
of saved. It has to happen here: an action server that deleted the rows itself would see
them written back when Rasa saves the turn.
"""

from __future__ import annotations

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from conversation.shared import DELETE_MY_DATA_ACTION
from knowledge.db import private_sqlite_file


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """Whether the last turn (events since the visitor's last message) ran the deletion."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == DELETE_MY_DATA_ACTION:
            return True
    return False


class PrivateSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        private_sqlite_file(self.engine)

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
