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


class Said:
    """The words of a question, indexed for whole-word and prefix look-ups."""

    def __init__(self, text_words: list[str]) -> None:
        self.words = set(text_words)
        self.heads = {w[:5] for w in text_words if len(w) >= 5}

    def has(self, word: str) -> bool:
        """`word` is a word of the question, or, for words of 5 letters or more, starts one
        ("remunere" also finds "remuneres", "stress" finds "stressant")."""
        if word in self.words:
            return True
        return len(word) >= 5 and word[:5] in self.heads and any(w.startswith(word) for w in self.words)


def has_all(said: Said, wanted: list[str]) -> bool:
    """Every word of `wanted` is among the words `said`, in any order (prefixes of 5+ letters)."""
    return bool(wanted) and all(said.has(w) for w in wanted)


def says(said: Said, phrase: str) -> bool:
    """Every word of `phrase` is among the words `said`, in any order ("stage … rémunéré")."""
    return has_all(said, words(phrase))


# What the channel's masking put in place of personal data ("[e-mail masqué]"): not the visitor's words.
_PLACEHOLDER = re.compile(r"\[[^\]]*masqu[ée]\]")


def without_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub(" ", text)
