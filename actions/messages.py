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
HANDOFF_ENV = "HANDOFF_CONTACT"
DEFAULT_HANDOFF = "utilisez la page Contact du site"


def handoff_contact() -> str:
    """How to reach a person, e.g. 'écrivez à orientation@example.fr' (HANDOFF_CONTACT)."""
    return os.environ.get(HANDOFF_ENV, "").strip() or DEFAULT_HANDOFF
