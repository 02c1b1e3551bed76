"""The base of every action: whatever fails, the visitor gets a polite reply."""

from __future__ import annotations

import logging
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from conversation.shared import APOLOGY

logger = logging.getLogger(__name__)


class SafeAction(Action, metaclass=ABCMeta):
    """Never leaves the visitor without a reply: any failure becomes a short apology.

    Abstract, so the SDK does not register it as an action of its own.
    """

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        raise NotImplementedError

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        try:
            return self.respond(dispatcher, tracker, domain)
        except Exception:  # noqa: BLE001 - the visitor must get an answer whatever failed
            logger.exception("Action %s failed for sender %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(text=APOLOGY)
            return []
