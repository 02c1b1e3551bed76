"""What the adviser and the salary answer ask, and the buttons that answer or refine them.

Buttons carry the normalised value as an entity, so a click states the fact exactly;
"Je ne sais pas" buttons send those words, read like typed text (a valid answer).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from actions.messages import QUESTION_TEXTS
from knowledge.vocabulary import (
    ALTERNANCE,
    BACKGROUND,
    DIPLOMA,
    EXPERIENCE,
    FUNDING,
    TRAINING_FORMAT,
    WORKPLACE,
    Values,
)

DONT_KNOW_BUTTON = {"title": "Je ne sais pas", "payload": "je ne sais pas"}


def _choice(title: str, intent: str = "inform", **entity: str) -> dict[str, str]:
    return {"title": title, "payload": f"/{intent}{json.dumps(entity) if entity else ''}"}


def _offer(values: Values, code: str, intent: str = "inform") -> dict[str, str]:
    """The button that states one value of the vocabulary, titled as the vocabulary says."""
    return _choice(values.term(code).button or code, intent, **{values.name: code})


def _choices(values: Values, intent: str = "inform", codes: Iterable[str] | None = None) -> list[dict[str, str]]:
    """A button per value that has a title (of `codes` only, when given), in the vocabulary's order."""
    wanted = values.codes if codes is None else tuple(codes)
    return [_offer(values, t.code, intent) for t in values.terms if t.button and t.code in wanted]


# key -> (question, buttons); the keys of the pending questions are slot names. The wording is
# in actions/messages.py (QUESTION_TEXTS).
_BUTTONS: dict[str, list[dict[str, str]]] = {
    "diploma": [*_choices(DIPLOMA), DONT_KNOW_BUTTON],
    "background": [*_choices(BACKGROUND), DONT_KNOW_BUTTON],
    "experience_years": [DONT_KNOW_BUTTON],
    "experience_years_vae": [DONT_KNOW_BUTTON],
    "experience": [*_choices(EXPERIENCE, intent="ask_salary_profile"), DONT_KNOW_BUTTON],
    "refine": [],
    "refine_salary": [],
}
QUESTIONS: dict[str, tuple[str, list[dict[str, str]]]] = {key: (QUESTION_TEXTS[key], _BUTTONS[key]) for key in _BUTTONS}
# Offered after a route is given, keyed by the value they state.
ORIENTATION_REFINEMENTS = {
    code: _offer(values, code) for values, code in ((TRAINING_FORMAT, ALTERNANCE), (FUNDING, "cpf"), (FUNDING, "opco"))
}


def salary_refinements(factors: Iterable[str]) -> list[dict[str, str]]:
    """A button per workplace whose salary the sources detail (`factors`: the codes of the
    salary factors in the knowledge base), then alternance."""
    return [
        *_choices(WORKPLACE, intent="ask_salary_profile", codes=factors),
        *_choices(TRAINING_FORMAT, intent="ask_salary_profile", codes=[ALTERNANCE]),
    ]


def question_message(key: str, prefix: str = "") -> dict[str, Any]:
    """The question as dispatcher arguments, after an optional short lead-in."""
    text, buttons = QUESTIONS[key]
    return {"text": f"{prefix} {text}" if prefix else text, "buttons": buttons}
