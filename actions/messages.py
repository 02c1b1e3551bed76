"""Short French texts several actions send, and the handoff contact the site configures.

Texts the channels send too (the apology, the deletion's confirmation) are in conversation/shared.py.
"""

from __future__ import annotations

from conversation.settings import current

# Said by the adviser's actions (actions/actions.py): "oui" / "non" with no question pending, "stop".
YES_NOTHING_PENDING = "Très bien. Quelle est votre question ?"
NO_NOTHING_PENDING = "Entendu. Si vous avez une autre question sur le métier, je reste à votre disposition."
QUESTIONS_STOPPED = (
    "D'accord, j'arrête les questions. Vous pouvez me poser une autre question quand vous voulez, "
    "ou reprendre avec « quelle formation pour moi ? »."
)
NOTHING_TO_STOP = "D'accord. Je reste à votre disposition si vous avez une question sur le métier d'assistant médical."


def handoff_contact() -> str:
    """How to reach a person, e.g. 'écrivez à orientation@example.fr' (HANDOFF_CONTACT)."""
    return current().handoff_contact
