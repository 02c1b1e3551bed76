"""Text folding shared by the actions and the feedback report."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: 'Hôpital' and 'hopital' are the same word to a visitor."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def question_key(text: str) -> str:
    """Folded words only, so 'Combien ça coûte ?' and 'combien ca coute' count as one question."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))
