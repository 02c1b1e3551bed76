"""What the adviser and the salary answer ask, and the buttons that answer or refine them.

Buttons carry the normalised value as an entity, so a click states the fact exactly;
"Je ne sais pas" buttons send those words, read like typed text (a valid answer).
"""

from __future__ import annotations

import json
from typing import Any

DONT_KNOW_BUTTON = {"title": "Je ne sais pas", "payload": "je ne sais pas"}


def _choice(title: str, intent: str = "inform", **entity: str) -> dict[str, str]:
    return {"title": title, "payload": f"/{intent}{json.dumps(entity) if entity else ''}"}


# key -> (question, buttons); the keys of the pending questions are slot names.
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
            DONT_KNOW_BUTTON,
        ],
    ),
    "background": (
        "Quel est votre métier actuel ou le dernier que vous avez exercé ?",
        [
            _choice("Secrétaire médicale", background="secretaire_medicale"),
            _choice("Assistante dentaire", background="assistante_dentaire"),
            _choice("Un autre métier", background="autre"),
            DONT_KNOW_BUTTON,
        ],
    ),
    "experience_years": (
        "Depuis combien d'années exercez-vous ce métier ? (par exemple « 6 ans », ou « aucune »)",
        [DONT_KNOW_BUTTON],
    ),
    "experience_years_vae": (
        "Avec de l'expérience, la VAE peut s'ajouter : depuis combien d'années exercez-vous ce métier ?",
        [DONT_KNOW_BUTTON],
    ),
    "experience": (
        "Pour votre cas, avez-vous déjà travaillé comme assistant médical ?",
        [
            _choice("Non, je débuterais", intent="ask_salary_profile", experience="debutant"),
            _choice("Oui, j'ai de l'expérience", intent="ask_salary_profile", experience="experimente"),
            DONT_KNOW_BUTTON,
        ],
    ),
    "refine": ("Vous pouvez préciser votre projet, ou passer à la suite :", []),
    "refine_salary": ("Selon le lieu de travail :", []),
}
ORIENTATION_REFINEMENTS = {
    "alternance": _choice("En alternance", training_format="alternance"),
    "cpf": _choice("Avec mon CPF", funding="cpf"),
    "opco": _choice("Avec un OPCO", funding="opco"),
}
SALARY_REFINEMENTS = [
    _choice("À l'hôpital", intent="ask_salary_profile", workplace="hopital"),
    _choice("En cabinet", intent="ask_salary_profile", workplace="cabinet"),
    _choice("En maison de santé", intent="ask_salary_profile", workplace="msp"),
    _choice("En alternance", intent="ask_salary_profile", training_format="alternance"),
]
NOT_UNDERSTOOD = "Je n'ai pas bien compris votre réponse."
RESUME = "Pour reprendre :"
OVERVIEW_INTRO = (
    "Sans connaître votre diplôme ni votre métier, je ne peux pas choisir pour vous ; voici les voies "
    "que décrivent mes sources. Pour un conseil personnalisé, {contact}."
)


def question_message(key: str, prefix: str = "") -> dict[str, Any]:
    """The question as dispatcher arguments, after an optional short lead-in."""
    text, buttons = QUESTIONS[key]
    return {"text": f"{prefix} {text}" if prefix else text, "buttons": buttons}
