"""Questions the sources do not answer: recognised from knowledge/content/gaps.yml, answered honestly.

A gap is matched on the question's words (folded: no case, no accents, no punctuation),
so an editor adds a phrase to the file and runs `make kb`; nothing is retrained.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.answers import Answer
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.text import fold

HANDOFF_LINE = "Pour une réponse précise, {contact}."


def words(text: str) -> list[str]:
    """The folded words of a text (no case, accents or punctuation)."""
    return re.findall(r"[a-z0-9]+", fold(text).replace("\u2019", "'"))


def _has_word(said: list[str], word: str) -> bool:
    """A word of the question is `word`, or, for words of 5 letters or more, starts with it
    (so "remunere" also finds "remuneres", "remuneree")."""
    return any(w == word or (len(word) >= 5 and w.startswith(word)) for w in said)


def _mentions(said: list[str], phrases: list[str]) -> bool:
    """One phrase whose words all appear in the question, in any order ("stage ... remunere")."""
    return any(all(_has_word(said, w) for w in words(phrase)) for phrase in phrases)


def matches(gap: models.Gap, question: str) -> bool:
    said = words(question)
    return (
        _mentions(said, gap.phrases) and (not gap.also or _mentions(said, gap.also)) and not _mentions(said, gap.unless)
    )


def find_gap(kb: KnowledgeBase, question: str) -> Optional[models.Gap]:
    """The first gap the question falls into, if any."""
    return next((gap for gap in kb.gaps() if matches(gap, question)), None)


def gap_answer(gap: models.Gap, contact: str) -> Answer:
    """What the sources do not say, what they say that is related (cited), and a person to ask."""
    answer = Answer().add(gap.answer)
    if gap.related:
        answer.add(gap.related, gap)
    return answer.add(HANDOFF_LINE.format(contact=contact))
