"""Rasa custom actions. Thin by design: read the context, ask answers.py, send the text."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.advice import orientation, salary_for
from actions.answers import compose
from actions.context import context_from
from actions.messages import FORGOTTEN, handoff_contact
from actions.safe import SafeAction
from actions.topics import (
    FEEDBACK_BUTTONS,
    MAIN_MENU,
    NEXT_STEPS_BUTTONS,
    ORIENTATION_BUTTON,
    TOPIC_INTENTS,
    TOPIC_TO_INTENT,
    WELCOME_SHOWN,
    buttons_for,
    welcome_message,
)
from feedback.store import FeedbackStore, shared_store
from knowledge.query import KnowledgeBase
from knowledge.recommend import Profile

logger = logging.getLogger(__name__)

OUT_OF_SCOPE = (
    "Je ne peux répondre qu'aux questions sur le métier d'assistant médical. Voici les sujets que je connais :"
)
CLARIFY = "Je ne suis pas sûr d'avoir compris. Vouliez-vous parler de l'un de ces sujets ?"
WHICH_TOPIC = "De quel sujet parlez-vous ? Choisissez un thème :"
FEEDBACK_THANKS = "Merci pour votre retour !"
FEEDBACK_SORRY = (
    "Merci, je le note pour améliorer mes réponses. Vous pouvez reformuler votre question, "
    "ou, pour échanger avec un conseiller, {contact}."
)
# General answers after which a visitor may want personal advice.
ADVICE_TOPICS = ("training", "prerequisites", "duration", "cost", "funding")
ADVICE_NEXT = "Souhaitez-vous connaître le salaire pour votre profil ou comparer les formations ?"

kb = KnowledgeBase()


def feedback_store() -> FeedbackStore:
    return shared_store()


def log_gap(tracker: Tracker, kind: str, question: str | None = None) -> None:
    """Remember a question the bot could not answer; never let that stop the reply."""
    try:
        text = question or tracker.latest_message.get("text") or ""
        feedback_store().record_unanswered(tracker.sender_id, kind, text)
    except Exception:  # noqa: BLE001 - recording is secondary to answering
        logger.exception("Could not record an unanswered question for sender %s", tracker.sender_id)


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
        buttons = [ORIENTATION_BUTTON, *FEEDBACK_BUTTONS] if topic in ADVICE_TOPICS else FEEDBACK_BUTTONS
        dispatcher.utter_message(text=compose(topic, kb, context_from(tracker)), buttons=buttons)
        return [SlotSet("topic", topic)]


class ActionSessionStart(SafeAction):
    """Opens every conversation with the automated-assistant disclosure and the main topics."""

    def name(self) -> str:
        return "action_session_start"

    def respond(self, dispatcher, tracker, domain):
        # The web chat shows the welcome itself when opened (without storing anything).
        metadata = tracker.get_slot("session_started_metadata") or {}
        if not metadata.get(WELCOME_SHOWN):
            dispatcher.utter_message(**welcome_message())
        return [SessionStarted(), ActionExecuted("action_listen")]

    def run(self, dispatcher, tracker, domain):
        events = super().run(dispatcher, tracker, domain)
        # Even after a failure the session must start, or Rasa cannot go on.
        return events or [SessionStarted(), ActionExecuted("action_listen")]


class ActionOutOfScope(SafeAction):
    def name(self) -> str:
        return "action_out_of_scope"

    def respond(self, dispatcher, tracker, domain):
        log_gap(tracker, "out_of_scope")
        dispatcher.utter_message(text=OUT_OF_SCOPE, buttons=buttons_for(MAIN_MENU))
        return []


class ActionClarify(SafeAction):
    """Low NLU confidence: offer the topics the classifier found most likely."""

    def name(self) -> str:
        return "action_clarify"

    def respond(self, dispatcher, tracker, domain):
        ranking = tracker.latest_message.get("intent_ranking") or []
        likely = [r["name"] for r in ranking if r.get("name") in TOPIC_INTENTS][:3]
        log_gap(tracker, "fallback")
        dispatcher.utter_message(text=CLARIFY, buttons=buttons_for(likely or MAIN_MENU))
        return []


class ActionHandoff(SafeAction):
    """Points to a human; the route is configured by the site (HANDOFF_CONTACT)."""

    def name(self) -> str:
        return "action_handoff"

    def respond(self, dispatcher, tracker, domain):
        dispatcher.utter_message(
            text=f"Je suis un assistant automatisé. Pour échanger avec un conseiller, {handoff_contact()}."
        )
        return []


class ActionRecommend(SafeAction):
    """End of the orientation form: the routes that fit, chosen by the rules in the knowledge base."""

    def name(self) -> str:
        return "action_recommend"

    def respond(self, dispatcher, tracker, domain):
        profile = Profile(
            diploma=tracker.get_slot("diploma"),
            background=tracker.get_slot("background"),
            experience_years=tracker.get_slot("experience_years"),
            alternance=tracker.get_slot("wants_alternance"),
            funding=tracker.get_slot("funding_plan"),
        )
        answer, rules = orientation(kb, profile, handoff_contact())
        routes = [r for r in rules if r.route is not None and r.covered]
        if any(not r.covered for r in rules):
            log_gap(tracker, "uncovered", f"orientation : {answer.lines[0]}")
        dispatcher.utter_message(text=answer.text(), buttons=FEEDBACK_BUTTONS)
        dispatcher.utter_message(text=ADVICE_NEXT, buttons=NEXT_STEPS_BUTTONS)
        typed = [r.training_type.code for r in routes if r.training_type is not None]
        return [
            SlotSet("topic", "training"),
            SlotSet("recommended_route", routes[0].route.code if routes else None),
            SlotSet("recommended_type", typed[-1] if typed else None),
        ]


class ActionSalaryProfile(SafeAction):
    """End of the salary form: the band and the factors for this visitor."""

    def name(self) -> str:
        return "action_salary_profile"

    def respond(self, dispatcher, tracker, domain):
        answer = salary_for(kb, tracker.get_slot("experience"), tracker.get_slot("work_setting"))
        dispatcher.utter_message(text=answer.text(), buttons=FEEDBACK_BUTTONS)
        return [SlotSet("topic", "salary")]


def _label(event: dict) -> tuple[str | None, str]:
    intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
    text = event.get("text") or ""
    if text.startswith("/"):  # a button: its label says what was asked
        text = TOPIC_INTENTS.get(intent, (None, intent or text))[1]
    return intent, text


def rated_question(tracker: Tracker) -> str | None:
    """The question the rated answer replied to.

    Skips the feedback itself and, after a form, the short answers to its questions
    ("non", "à l'hôpital"), to reach the question that started it ("combien je gagnerais ?").
    """
    asked = [_label(e) for e in reversed(tracker.events) if e.get("event") == "user"][1:]
    asked = [(intent, text) for intent, text in asked if intent not in ("feedback_positive", "feedback_negative")]
    for intent, text in asked:
        if intent not in ("inform", "affirm", "deny"):
            return text
    return asked[0][1] if asked else None


class ActionFeedback(SafeAction):
    """Stores whether the last answer helped, with the question it answered."""

    def name(self) -> str:
        return "action_feedback"

    def respond(self, dispatcher, tracker, domain):
        helpful = tracker.get_intent_of_latest_message() == "feedback_positive"
        text = tracker.latest_message.get("text") or ""
        feedback_store().record_feedback(
            sender_id=tracker.sender_id,
            helpful=helpful,
            question=rated_question(tracker),
            topic=tracker.get_slot("topic"),
            comment=None if text.startswith("/") else text,
        )
        dispatcher.utter_message(text=FEEDBACK_THANKS if helpful else FEEDBACK_SORRY.format(contact=handoff_contact()))
        return []


class ActionDeleteMyData(SafeAction):
    """ "Supprimez mes données": deletes the visitor's feedback here; the Rasa server's tracker
    store (bot/tracker_store.py) deletes the conversation itself when it sees this action."""

    def name(self) -> str:
        return "action_delete_my_data"

    def respond(self, dispatcher, tracker, domain):
        feedback_store().forget(tracker.sender_id)
        dispatcher.utter_message(text=FORGOTTEN)
        return []
