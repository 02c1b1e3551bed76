"""The two guided conversations: orientation (which route suits me) and salary for a profile.

Rasa asks the questions (action_ask_<slot>, actions/questions.py); these
validation actions read every answer, fill every slot they can from one message ("je suis
aide-soignante depuis 6 ans" fills the diploma, the job and the years) and
leave the rest to be asked. A message that fills nothing lets Rasa answer it as
a question and come back to the form.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from typing import Any, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.context import normalise
from actions.extract import dont_know, experience_years, negated, spot
from actions.messages import APOLOGY
from knowledge.vocabulary import BACKGROUNDS, DIPLOMAS, FUNDING_PLANS, WORK_SETTINGS

logger = logging.getLogger(__name__)

HEALTH_DIPLOMAS = ("DEAS", "DEAP", "DEI", "autre_sante")
# Intents whose message may be a free-text answer ("vendeuse", "dans la vente").
FREE_ANSWER_INTENTS = ("inform", "nlu_fallback", "out_of_scope")
NO_BAC_WORDS = ("pas le bac", "pas de bac", "sans bac", "sans le bac", "pas eu le bac", "pas mon bac")


def _entity(tracker: Tracker, entity: str, known: tuple[str, ...]) -> Optional[str]:
    """The latest message's entity, normalised to one of `known` (None if absent or unknown)."""
    return normalise(entity, next(tracker.get_latest_entity_values(entity), None), known)


def _asked(tracker: Tracker, slot: str) -> bool:
    return tracker.get_slot("requested_slot") == slot


def _text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def _intent(tracker: Tracker) -> Optional[str]:
    """The classified intent as is (the SDK helper would skip nlu_fallback, a free answer here)."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def _value_before_this_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest message set it (to undo a misread)."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    earlier = [e for e in events[:last_user] if e.get("event") == "slot" and e.get("name") == slot]
    return earlier[-1]["value"] if earlier else None


def _if_new(tracker: Tracker, slot: str, value: Any) -> dict[str, Any]:
    return {slot: value} if value is not None and value != tracker.get_slot(slot) else {}


class SafeFormValidation(FormValidationAction):
    """A failure while reading an answer stops the form with an apology instead of silence."""

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        try:
            return await super().run(dispatcher, tracker, domain)
        except Exception:  # noqa: BLE001 - the visitor must get an answer whatever failed
            logger.exception("Validation %s failed for sender %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(text=APOLOGY)
            return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ValidateOrientationForm(SafeFormValidation):
    def name(self) -> str:
        return "validate_orientation_form"

    def extract_diploma(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = _text(tracker)
        if any(words in text.lower() for words in NO_BAC_WORDS):
            return _if_new(tracker, "diploma", "aucun")
        value = _entity(tracker, "diploma", DIPLOMAS)
        if value is None and (tracker.get_slot("diploma") is None or _asked(tracker, "diploma")):
            value = spot(text, DIPLOMAS)
        return _if_new(tracker, "diploma", value)

    def validate_diploma(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        """NLU sometimes tags a stray word as a diploma: keep what the visitor said before."""
        return {"diploma": normalise("diploma", value, DIPLOMAS) or _value_before_this_message(tracker, "diploma")}

    def extract_background(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = _text(tracker)
        value = _entity(tracker, "background", BACKGROUNDS) or spot(text, BACKGROUNDS)
        if value is None and tracker.get_slot("background") is None:
            if tracker.get_slot("diploma") in HEALTH_DIPLOMAS:
                value = "sante"  # "je suis aide-soignante" already says what they do
            elif _asked(tracker, "background") and _intent(tracker) in FREE_ANSWER_INTENTS:
                value = "autre"
        return _if_new(tracker, "background", value)

    def extract_experience_years(self, dispatcher, tracker, domain) -> dict[str, Any]:
        years = experience_years(_text(tracker), answering=_asked(tracker, "experience_years"))
        return _if_new(tracker, "experience_years", years)

    def extract_wants_alternance(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = _text(tracker)
        mentioned = _entity(tracker, "training_format", ("alternance",)) or spot(text, ("alternance",))
        value: Optional[bool] = None
        if mentioned:
            value = not negated(text)
        elif _asked(tracker, "wants_alternance"):
            if _intent(tracker) == "affirm":
                value = True
            elif _intent(tracker) == "deny" or negated(text):
                value = False
        return _if_new(tracker, "wants_alternance", value)

    def extract_funding_plan(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = _text(tracker)
        value = _entity(tracker, "funding", FUNDING_PLANS) or spot(text, FUNDING_PLANS)
        if value is None and _asked(tracker, "funding_plan") and (dont_know(text) or _intent(tracker) == "deny"):
            value = "inconnu"
        if value is None and tracker.get_slot("funding_plan") is None and tracker.get_slot("wants_alternance"):
            value = "employeur"  # in alternance the employer usually pays: no need to ask
        return _if_new(tracker, "funding_plan", value)


class ValidateSalaryForm(SafeFormValidation):
    def name(self) -> str:
        return "validate_salary_form"

    def extract_experience(self, dispatcher, tracker, domain) -> dict[str, Any]:
        value = _entity(tracker, "experience", ("debutant", "experimente"))
        if value is None and _asked(tracker, "experience"):
            years = experience_years(_text(tracker), answering=True)
            if _intent(tracker) == "affirm" or (years is not None and years > 0):
                value = "experimente"
            elif _intent(tracker) == "deny" or years == 0:
                value = "debutant"
        if value is None and tracker.get_slot("experience") is None and tracker.get_slot("recommended_route"):
            value = "debutant"  # just advised on how to enter the job: they would start out
        return _if_new(tracker, "experience", value)

    def extract_work_setting(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = _text(tracker)
        value = _entity(tracker, "workplace", WORK_SETTINGS) or spot(text, WORK_SETTINGS)
        if _entity(tracker, "training_format", ("alternance",)):
            value = "alternance"
        if value is None and _asked(tracker, "work_setting") and (dont_know(text) or _intent(tracker) == "deny"):
            value = "indifferent"
        if value is None and tracker.get_slot("work_setting") is None and tracker.get_slot("wants_alternance"):
            value = "alternance"
        return _if_new(tracker, "work_setting", value)
