"""Topics the bot answers: intent names, button labels, and the main menu."""

from __future__ import annotations

# intent -> (topic key, button label)
TOPIC_INTENTS: dict[str, tuple[str, str]] = {
    "ask_profession": ("profession", "Le métier"),
    "ask_missions": ("missions", "Les missions"),
    "ask_training": ("training", "Les formations"),
    "ask_prerequisites": ("prerequisites", "Les conditions d'accès"),
    "ask_programme": ("programme", "Le programme"),
    "ask_duration": ("duration", "La durée"),
    "ask_cost": ("cost", "Le coût"),
    "ask_funding": ("funding", "Le financement"),
    "ask_skills": ("skills", "Les qualités"),
    "ask_salary": ("salary", "Le salaire"),
    "ask_career": ("career", "L'évolution"),
    "ask_workplaces": ("workplaces", "Les lieux de travail"),
    "ask_advantages": ("advantages", "Les avantages"),
    "ask_drawbacks": ("drawbacks", "Les inconvénients"),
    "ask_job_market": ("job_market", "Les débouchés"),
    "ask_continuing_education": ("continuing_education", "La formation continue"),
    "compare_training": ("compare", "Comparer les formations"),
}

TOPIC_TO_INTENT = {topic: intent for intent, (topic, _) in TOPIC_INTENTS.items()}

MAIN_MENU = [
    "ask_profession",
    "ask_missions",
    "ask_training",
    "ask_salary",
    "ask_career",
    "ask_workplaces",
    "ask_advantages",
]


# Offered under every answer, so a visitor can say whether it helped.
FEEDBACK_BUTTONS = [
    {"title": "Réponse utile", "payload": "/feedback_positive"},
    {"title": "Pas utile", "payload": "/feedback_negative"},
]
ORIENTATION_BUTTON = {"title": "Quelle formation pour moi ?", "payload": "/start_orientation"}
# Offered after the orientation advice.
NEXT_STEPS_BUTTONS = [
    {"title": "Mon salaire", "payload": "/ask_salary_profile"},
    {"title": "Comparer les formations", "payload": "/compare_training"},
]


WELCOME = (
    "Bonjour, je suis un assistant automatisé. Je réponds à vos questions sur le métier "
    "d'assistant médical : missions, formations, salaire, évolution, lieux de travail, "
    "avantages et inconvénients. Je ne donne aucun avis médical. Que souhaitez-vous savoir ?"
)
# Message metadata from a channel that has already shown the welcome (the web chat).
WELCOME_SHOWN = "welcome_shown"
# Message metadata from the web chat's vote on an answer: the question that answer replied to.
RATED_QUESTION = "rated_question"


def welcome_message() -> dict:
    """The first message of every conversation: the automated-assistant disclosure and the main topics.
    Also served by the web chat (bot/webchat.py) when a visitor opens it, before anything is stored."""
    return {"text": WELCOME, "buttons": [ORIENTATION_BUTTON, *buttons_for(MAIN_MENU)]}


def buttons_for(intents: list[str]) -> list[dict[str, str]]:
    """Rasa buttons whose payload triggers the topic's intent directly."""
    return [{"title": TOPIC_INTENTS[i][1], "payload": f"/{i}"} for i in intents if i in TOPIC_INTENTS]
