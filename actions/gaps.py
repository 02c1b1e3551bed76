"""Questions the sources do not answer: recognised from knowledge/content/gaps.yml, answered honestly.

A gap is matched on the question's words (folded: no case, no accents, no punctuation),
so an editor adds a phrase to the file and runs `make kb`; nothing is retrained.
"""

from __future__ import annotations

from typing import Optional

from actions.answers import Answer
from actions.messages import GAP_HANDOFF
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.retrieval import index_for
from knowledge.text import Said, says, without_placeholders, words


def _mentions(said: Said, phrases: list[str]) -> bool:
    return any(says(said, phrase) for phrase in phrases)


def matches(gap: models.Gap, question: str) -> bool:
    said = Said(words(without_placeholders(question)))
    return (
        _mentions(said, gap.phrases)
        and all(not words or _mentions(said, words) for words in (gap.also, gap.too))
        and not _mentions(said, gap.unless)
    )


def find_gap(kb: KnowledgeBase, question: str) -> Optional[models.Gap]:
    """The first gap the question falls into, if any."""
    return next((gap for gap in index_for(kb).gaps if matches(gap, question)), None)


def gap_answer(gap: models.Gap, contact: str) -> Answer:
    """What the sources do not say, what they say that is related (cited), and a person to ask."""
    answer = Answer().add(gap.answer)
    if gap.related:
        answer.add(gap.related, gap)
    return answer.add(GAP_HANDOFF.format(contact=contact))
