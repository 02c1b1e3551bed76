"""The contract between the channels (bot/) and the actions (actions/).

Texts the channels send themselves as well as the actions, the message metadata keys one
side writes and the other reads, the action names both sides know, and the welcome with
its buttons (sent by the session start action, and by the web chat when it opens).
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------------------- texts

# Sent instead of silence when an action or a channel fails (actions/safe.py, bot/rasa_patches.py,
# bot/checked_channel.py, bot/platforms.py).
APOLOGY = (
    "Désolé, je n'arrive pas à répondre pour le moment. Pouvez-vous reformuler ou réessayer dans quelques instants ?"
)
# Sent once a visitor's data is deleted (action_delete_my_data), with the DATA_DELETED marker.
FORGOTTEN = (
    "C'est fait : notre conversation et vos avis sont effacés de nos serveurs. "
    "Si vous revenez, nous repartirons de zéro."
)
# Sent when the deletion could not be done (action server down, database error): nothing was erased.
NOT_FORGOTTEN = (
    "Je n'ai pas pu effacer vos données pour le moment : rien n'a été supprimé. "
    "Réessayez dans quelques instants en écrivant « supprimez mes données »."
)

# ---------------------------------------------------------------------------- action names

# Deletes the visitor's feedback (action server); the Rasa server's tracker store
# (bot/tracker_store.py) deletes the conversation when a turn ran it.
DELETE_MY_DATA_ACTION = "action_delete_my_data"

# ---------------------------------------------------------------------------- metadata keys

# User message metadata from a channel that has already shown the welcome (the web chat).
WELCOME_SHOWN = "welcome_shown"
# User message metadata from the web chat's vote on an answer: the question that answer replied to.
RATED_QUESTION = "rated_question"
# Bot message metadata of the deletion's confirmation: the web chat then clears its own copy
# (a structured signal, so rewording FORGOTTEN cannot break it).
DATA_DELETED = "data_deleted"

# ---------------------------------------------------------------------------- buttons and welcome

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

MAIN_MENU = [
    "ask_profession",
    "ask_missions",
    "ask_training",
    "ask_salary",
    "ask_career",
    "ask_workplaces",
    "ask_advantages",
]

# Offered under every answer, so a visitor can say whether it helped; the web chat draws them as
# two icons on the answer (bot/webchat.py), other channels keep them as buttons.
FEEDBACK_BUTTONS = [
    {"title": "Réponse utile", "payload": "/feedback_positive"},
    {"title": "Pas utile", "payload": "/feedback_negative"},
]
ORIENTATION_BUTTON = {"title": "Quelle formation pour moi ?", "payload": "/start_orientation"}

WELCOME = (
    "Bonjour, je suis un assistant automatisé. Je réponds à vos questions sur le métier "
    "d'assistant médical : missions, formations, salaire, évolution, lieux de travail, "
    "avantages et inconvénients. Je ne donne aucun avis médical. Que souhaitez-vous savoir ?"
)


# Commands a visitor may send without the bot having offered them in this conversation
# (bot/rasa_patches.py): the web chat's rating icons and deletion link, the welcome's buttons
# (the web chat shows the welcome before anything is stored), Telegram's /start (a greeting).
DELETE_PAYLOAD = "/delete_my_data"
TYPED_COMMANDS = {"/start": "/greet"}


def commands() -> dict[str, str]:
    """{what the visitor's client sends: the payload it stands for}."""
    offered = [*FEEDBACK_BUTTONS, *welcome_message()["buttons"], {"payload": DELETE_PAYLOAD}]
    return {**{button["payload"]: button["payload"] for button in offered}, **TYPED_COMMANDS}


def as_text(message: str) -> str:
    """A `/…` message that is not a command, as the visitor's text (no forced intent)."""
    return message.lstrip("/").strip() or "?"


def buttons_for(intents: list[str]) -> list[dict[str, str]]:
    """Rasa buttons whose payload triggers the topic's intent directly."""
    return [{"title": TOPIC_INTENTS[i][1], "payload": f"/{i}"} for i in intents if i in TOPIC_INTENTS]


def welcome_message() -> dict[str, Any]:
    """The first message of every conversation: the automated-assistant disclosure and the main topics.
    Sent by action_session_start, and served by the web chat (bot/webchat.py) when a visitor opens
    it, before anything is stored."""
    return {"text": WELCOME, "buttons": [ORIENTATION_BUTTON, *buttons_for(MAIN_MENU)]}
