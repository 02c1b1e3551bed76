"""The questions the two forms ask, one action per slot (Rasa calls action_ask_<slot>).

Buttons carry the normalised value as an entity, so a click fills the slot exactly.
"""

from __future__ import annotations

import json

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.safe import SafeAction


def _choice(title: str, intent: str = "inform", **entity: str) -> dict[str, str]:
    return {"title": title, "payload": f"/{intent}{json.dumps(entity) if entity else ''}"}


# slot -> (question, buttons)
QUESTIONS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "diploma": (
        "Quel diplôme avez-vous ? Vous pouvez aussi me décrire votre situation en une phrase.",
        [
            _choice("DEAS (aide-soignant)", diploma="DEAS"),
            _choice("DEAP (auxiliaire de puériculture)", diploma="DEAP"),
            _choice("DEI (infirmier)", diploma="DEI"),
            _choice("Autre diplôme de santé", diploma="autre_sante"),
            _choice("Le bac", diploma="bac"),
            _choice("Pas le bac", diploma="aucun"),
            _choice("Diplôme étranger", diploma="etranger"),
        ],
    ),
    "background": (
        "Quel est votre métier actuel ou le dernier que vous avez exercé ?",
        [
            _choice("Secrétaire médicale", background="secretaire_medicale"),
            _choice("Assistante dentaire", background="assistante_dentaire"),
            _choice("Un autre métier", background="autre"),
        ],
    ),
    "experience_years": (
        "Depuis combien d'années exercez-vous ce métier ? (par exemple « 6 ans », ou « aucune »)",
        [],
    ),
    "wants_alternance": (
        "Souhaitez-vous vous former en alternance ?",
        [
            _choice("Oui", intent="affirm"),
            _choice("Non", intent="deny"),
        ],
    ),
    "funding_plan": (
        "Comment pensez-vous financer votre formation ?",
        [
            _choice("CPF", funding="cpf"),
            _choice("OPCO", funding="opco"),
            _choice("Moi-même", funding="personnel"),
            _choice("Je ne sais pas", funding="inconnu"),
        ],
    ),
    "experience": (
        "Avez-vous déjà travaillé comme assistant médical ?",
        [
            _choice("Non, je débuterais", experience="debutant"),
            _choice("Oui, j'ai de l'expérience", experience="experimente"),
        ],
    ),
    "work_setting": (
        "Où aimeriez-vous travailler ?",
        [
            _choice("À l'hôpital", workplace="hopital"),
            _choice("En cabinet (ville ou campagne)", workplace="cabinet"),
            _choice("En maison de santé", workplace="msp"),
            _choice("En alternance", training_format="alternance"),
            _choice("Je ne sais pas", workplace="indifferent"),
        ],
    ),
}


class AskSlot(SafeAction):
    """Asks the question of one slot; one subclass per entry of QUESTIONS (this base stays abstract)."""

    slot = ""

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        text, buttons = QUESTIONS[self.slot]
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


# Registered by the action server like any Action subclass.
ASK_ACTIONS = [
    type(f"Ask_{slot}", (AskSlot,), {"slot": slot, "name": lambda self, s=slot: f"action_ask_{s}"})
    for slot in QUESTIONS
]
