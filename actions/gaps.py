"""Questions the sources do not answer: recognised from knowledge/content/gaps.yml, answered honestly.

A gap is matched on the question's words (folded: no case, no accents, no punctuation),
so an editor adds a phrase to the file and runs `make kb`; nothing is retrained.
"""

from __future__ import annotations

from typing import Optional

from actions.answers import Answer
from actions.messages import GAP_HANDOFF
from actions.reading import without_negated
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.retrieval import index_for
from knowledge.text import Said, says, without_placeholders, words


def _mentions(said: Said, phrases: list[str], named: Said | None = None) -> bool:
    """A phrase is said; `named`: the words without the job's name, for the phrases that do not
    name the job themselves (« combien d'assistants médicaux » does)."""
    return any(says(said if named is None or set(words(phrase)) & _JOB[0] else named, phrase) for phrase in phrases)


_JOB = ({"assistant", "assistante", "assistants", "assistantes"}, {"medical", "medicale", "medicaux", "medicales"})


def _without_the_job(folded: list[str]) -> list[str]:
    """The words with the job's own name set aside: its « médical » is no word of a gap's phrase
    (« le CQP assistant médical, c'est un certificat ? » says no « certificat médical »)."""
    kept = list(folded)
    for i in range(len(kept) - 1):
        if kept[i] in _JOB[0] and kept[i + 1] in _JOB[1]:
            kept[i] = kept[i + 1] = "-"
    return kept


def matches(gap: models.Gap, question: str, told: str = "") -> bool:
    """The gap's phrases are said, and its other conditions, and none of its exceptions outside
    what a negation puts aside (« je ne parle pas de l'assistant médical mais de la secrétaire :
    elle gagne combien ? » asks another job's pay). A gap about the visitor's own condition
    (`situation`) finds its phrases in what the message tells too (`told`), its other conditions
    in the question (« je suis enceinte. il y a des aménagements pendant la formation ? »)."""
    folded = words(without_placeholders(question))
    said = Said(folded)
    with_told = folded + words(without_placeholders(told)) if gap.situation else folded
    return (
        _mentions(Said(with_told), gap.phrases, Said(_without_the_job(with_told)))
        and all(not wanted or _mentions(said, wanted) for wanted in (gap.also, gap.too))
        and not _mentions(Said(without_negated(" ".join(folded)).split()), gap.unless)
    )


def find_gap(kb: KnowledgeBase, question: str, told: str = "") -> Optional[models.Gap]:
    """The first gap the question falls into, if any (`told`: what the message tells besides)."""
    return next((gap for gap in index_for(kb).gaps if matches(gap, question, told)), None)


def gap_answer(gap: models.Gap, contact: str) -> Answer:
    """What the sources do not say, what they say that is related (cited), and a person to ask."""
    answer = Answer().add(gap.answer)
    if gap.related:
        answer.add(gap.related, gap)
    return answer.add(GAP_HANDOFF.format(contact=contact))
