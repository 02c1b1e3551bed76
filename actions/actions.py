"""Rasa custom actions. Thin by design: read the context, ask answers.py, send the text."""

from __future__ import annotations

import logging
import os
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import compose
from actions.context import context_from
from actions.topics import MAIN_MENU, TOPIC_INTENTS, TOPIC_TO_INTENT, buttons_for
from knowledge.query import KnowledgeBase

logger = logging.getLogger(__name__)

APOLOGY = (
    "Désolé, je n'arrive pas à répondre pour le moment. Pouvez-vous reformuler ou réessayer dans quelques instants ?"
)
WELCOME = (
    "Bonjour, je suis un assistant automatisé. Je réponds à vos questions sur le métier "
    "d'assistant médical : missions, formations, salaire, évolution, lieux de travail, "
    "avantages et inconvénients. Je ne donne aucun avis médical. Que souhaitez-vous savoir ?"
)
OUT_OF_SCOPE = (
    "Je ne peux répondre qu'aux questions sur le métier d'assistant médical. Voici les sujets que je connais :"
)
CLARIFY = "Je ne suis pas sûr d'avoir compris. Vouliez-vous parler de l'un de ces sujets ?"
WHICH_TOPIC = "De quel sujet parlez-vous ? Choisissez un thème :"
HANDOFF_ENV = "HANDOFF_CONTACT"
DEFAULT_HANDOFF = "utilisez la page Contact du site"

kb = KnowledgeBase()


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


class ActionAnswer(SafeAction):
    """Answers a topic question, or a follow-up about the topic discussed just before."""

    def name(self) -> str:
        return "action_answer"

    def respond(self, dispatcher, tracker, domain):
        intent = tracker.get_intent_of_latest_message()
        topic = TOPIC_INTENTS[intent][0] if intent in TOPIC_INTENTS else tracker.get_slot("topic")
        if topic not in TOPIC_TO_INTENT:
            dispatcher.utter_message(text=WHICH_TOPIC, buttons=buttons_for(MAIN_MENU))
            return []
        dispatcher.utter_message(text=compose(topic, kb, context_from(tracker)))
        return [SlotSet("topic", topic)]


class ActionSessionStart(SafeAction):
    """Opens every conversation with the automated-assistant disclosure and the main topics."""

    def name(self) -> str:
        return "action_session_start"

    def respond(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=WELCOME, buttons=buttons_for(MAIN_MENU))
        return [SessionStarted(), ActionExecuted("action_listen")]

    def run(self, dispatcher, tracker, domain):
        events = super().run(dispatcher, tracker, domain)
        # Even after a failure the session must start, or Rasa cannot go on.
        return events or [SessionStarted(), ActionExecuted("action_listen")]


class ActionOutOfScope(SafeAction):
    def name(self) -> str:
        return "action_out_of_scope"

    def respond(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text=OUT_OF_SCOPE, buttons=buttons_for(MAIN_MENU))
        return []


class ActionClarify(SafeAction):
    """Low NLU confidence: offer the topics the classifier found most likely."""

    def name(self) -> str:
        return "action_clarify"

    def respond(self, dispatcher, tracker, domain):
        ranking = tracker.latest_message.get("intent_ranking") or []
        likely = [r["name"] for r in ranking if r.get("name") in TOPIC_INTENTS][:3]
        dispatcher.utter_message(text=CLARIFY, buttons=buttons_for(likely or MAIN_MENU))
        return []


class ActionHandoff(SafeAction):
    """Points to a human; the route is configured by the site (HANDOFF_CONTACT)."""

    def name(self) -> str:
        return "action_handoff"

    def respond(self, dispatcher, tracker, domain):
        contact = os.environ.get(HANDOFF_ENV, "").strip() or DEFAULT_HANDOFF
        dispatcher.utter_message(text=f"Je suis un assistant automatisé. Pour échanger avec un conseiller, {contact}.")
        return []
