"""The action server's fixed French messages, in one place, and the handoff contact the site configures.

Fixed texts only: the composers (answers.py, advice.py) build their sentences from the knowledge
base and keep that wording beside the code that fills it. Texts the channels send too (the
apology, the deletion's confirmation, the welcome) are in conversation/shared.py; the rest of
the visitor-facing texts are Rasa responses in domain.yml. tests/test_texts.py keeps new fixed
texts here.
"""

from __future__ import annotations

from conversation.settings import current

# ---------------------------------------------------------------------------- what the bot covers

# action_out_of_scope, then the main topics as buttons.
OUT_OF_SCOPE = (
    "Je réponds uniquement aux questions sur le métier d'assistant médical : je ne couvre pas ce sujet. "
    "Voici ceux que je connais :"
)
# action_clarify, then the likeliest topics as buttons.
CLARIFY = (
    "Je ne suis pas sûr d'avoir compris. Je réponds uniquement aux questions sur le métier d'assistant "
    "médical : vouliez-vous parler de l'un de ces sujets ?"
)
# A follow-up with no topic to follow, then the main topics as buttons.
WHICH_TOPIC = "De quel sujet parlez-vous ? Choisissez un thème :"
# Start of the title of the button that shows a whole topic after a precise answer ("Tout voir : le salaire").
WHOLE_TOPIC = "Tout voir :"

# ---------------------------------------------------------------------------- a person, feedback

# action_handoff.
HANDOFF = "Je suis un assistant automatisé. Pour échanger avec un conseiller, {contact}."
# Before the nearest answer to a question about things the sources never mention
# (knowledge/lexicon.py): « Mes sources ne mentionnent pas « vaccins ». Voici… ».
UNHEARD = "Mes sources ne mentionnent {words}. Voici ce qu'elles disent de plus proche :"
# After an honest "my sources do not say" (actions/gaps.py).
GAP_HANDOFF = "Pour une réponse précise, {contact}."
# The visitor's rating of an answer.
FEEDBACK_THANKS = "Merci pour votre retour !"
FEEDBACK_SORRY = (
    "Merci, je le note pour améliorer mes réponses. Vous pouvez reformuler votre question, "
    "ou, pour échanger avec un conseiller, {contact}."
)

# ---------------------------------------------------------------------------- the adviser

# "oui" / "non" with no question pending, "stop" (actions/actions.py).
YES_NOTHING_PENDING = "Très bien. Quelle est votre question ?"
NO_NOTHING_PENDING = "Entendu. Si vous avez une autre question sur le métier, je reste à votre disposition."
QUESTIONS_STOPPED = (
    "D'accord, j'arrête les questions. Vous pouvez me poser une autre question quand vous voulez, "
    "ou reprendre avec « quelle formation pour moi ? »."
)
NOTHING_TO_STOP = "D'accord. Je reste à votre disposition si vous avez une question sur le métier d'assistant médical."

# What the adviser and the salary answer ask, by key (the keys of the pending questions are
# slot names); actions/questions.py adds the buttons that answer them.
QUESTION_TEXTS: dict[str, str] = {
    "diploma": "Quel diplôme avez-vous ? Vous pouvez aussi me décrire votre situation en une phrase.",
    "background": "Quel est votre métier actuel ou le dernier que vous avez exercé ?",
    "experience_years": "Depuis combien d'années exercez-vous ce métier ? (par exemple « 6 ans », ou « aucune »)",
    "experience_years_vae": (
        "Avec de l'expérience, la VAE peut s'ajouter : depuis combien d'années exercez-vous ce métier ?"
    ),
    "experience": "Pour votre cas, avez-vous déjà travaillé comme assistant médical ?",
    "refine": "Vous pouvez préciser votre projet, ou passer à la suite :",
    "refine_salary": "Selon le lieu de travail :",
}
# Lead-ins of a question asked again.
NOT_UNDERSTOOD = "Je n'ai pas bien compris votre réponse."
RESUME = "Pour reprendre :"
# Before the routes, when the visitor gave nothing the adviser could decide on.
OVERVIEW_INTRO = (
    "Sans connaître votre diplôme ni votre métier, je ne peux pas choisir pour vous ; voici les voies "
    "que décrivent mes sources. Pour un conseil personnalisé, {contact}."
)

# ---------------------------------------------------------------------------- answers

# An answer with nothing to say (actions/answers.py).
# Before a line of the previous reply that a question picks up (actions/echo.py): all the sources say.
ECHO = "Sur ce point, mes sources ne disent rien de plus que ceci :"
NO_DATA = "Je n'ai pas d'information à ce sujet dans mes sources."
# Before the lengths of a training asked in another unit (actions/answers.py, `in_units_asked`).
NO_UNIT = "Mes sources ne donnent pas cette durée en {unit}."
# Between the alternance's pay rule and the pay once qualified (actions/answers.py, `salary`).
APPRENTICE_PAY = "Mes sources ne donnent pas de montant pour la période d'alternance. Une fois le diplôme obtenu :"


def handoff_contact() -> str:
    """How to reach a person, e.g. 'écrivez à orientation@example.fr' (HANDOFF_CONTACT)."""
    return current().handoff_contact


# A measure of the training that leads to another diploma (« combien dure la formation
# d'infirmier ? »): the sources give its level, never its duration or cost.
OTHER_TRAINING = (
    "Mes sources ne donnent pas {what} de la formation menant au {code} ({name}) : "
    "elles décrivent l'accès au métier d'assistant médical."
)
OTHER_TRAINING_RELATED = (
    "Elles indiquent seulement que le {code} est de niveau {level}, et qu'avec lui, une {route} "
    "de {hours} heures donne accès au métier d'assistant médical."
)
OTHER_TRAINING_MEASURES = {"duration": "la durée", "cost": "le coût"}

# A question about the sources themselves (actions/mention.py): « le CSP, vos articles en parlent ? ».
NOT_MENTIONED = "Non : mes sources ne mentionnent {words}."
MENTIONED = "Mes sources parlent de « {thing} » ici :"

# A route the visitor asks about that their profile does not open (actions/advice.py).
ASKED_ROUTE_CLOSED = (
    "La {name} de {hours} heures est réservée aux titulaires {holders} : elle n'est donc pas ouverte à ce profil."
)

# Whom a training format is for: the sources' table does not say (actions/answers.py, `audience`).
AUDIENCE_NOT_GIVEN = (
    "Mes sources ne précisent pas à qui s'adresse le {what} en particulier ; elles le décrivent ainsi :"
)
UNMENTIONED = "Mes sources ne mentionnent {words}."
