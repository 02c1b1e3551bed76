"""Short French texts several actions send, and the handoff contact the site configures."""

from __future__ import annotations

import os

APOLOGY = (
    "Désolé, je n'arrive pas à répondre pour le moment. Pouvez-vous reformuler ou réessayer dans quelques instants ?"
)
# Sent once a visitor's data is deleted; the web chat also clears its copy when it sees it.
FORGOTTEN = (
    "C'est fait : notre conversation et vos avis sont effacés de nos serveurs. "
    "Si vous revenez, nous repartirons de zéro."
)
# Said by the adviser's actions (actions/actions.py): "oui" / "non" with no question pending, "stop".
YES_NOTHING_PENDING = "Très bien. Quelle est votre question ?"
NO_NOTHING_PENDING = "Entendu. Si vous avez une autre question sur le métier, je reste à votre disposition."
QUESTIONS_STOPPED = (
    "D'accord, j'arrête les questions. Vous pouvez me poser une autre question quand vous voulez, "
    "ou reprendre avec « quelle formation pour moi ? »."
)
NOTHING_TO_STOP = "D'accord. Je reste à votre disposition si vous avez une question sur le métier d'assistant médical."
HANDOFF_ENV = "HANDOFF_CONTACT"
DEFAULT_HANDOFF = "utilisez la page Contact du site"


def handoff_contact() -> str:
    """How to reach a person, e.g. 'écrivez à orientation@example.fr' (HANDOFF_CONTACT)."""
    return os.environ.get(HANDOFF_ENV, "").strip() or DEFAULT_HANDOFF
