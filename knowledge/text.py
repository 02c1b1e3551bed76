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


def words(text: str) -> list[str]:
    """The folded words of a text (no case, accents or punctuation)."""
    return re.findall(r"[a-z0-9]+", fold(text).replace("\u2019", "'"))


def _has_word(said: list[str], word: str) -> bool:
    """A word of `said` is `word`, or, for words of 5 letters or more, starts with it
    ("remunere" also finds "remuneres", "stress" finds "stressant")."""
    return any(w == word or (len(word) >= 5 and w.startswith(word)) for w in said)


def says(said: list[str], phrase: str) -> bool:
    """Every word of `phrase` is among the words `said`, in any order ("stage … rémunéré")."""
    wanted = words(phrase)
    return bool(wanted) and all(_has_word(said, w) for w in wanted)
