"""What the visitor told us that narrows an answer.

Two kinds of entities: personal ones (diploma, experience) describe the visitor
and are remembered in slots for the whole conversation; focus ones (workplace,
training format, funding, specialty, route) only describe the current question,
so they are read from the latest message and never leak into later answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Optional

from rasa_sdk import Tracker

from knowledge.query import KnowledgeBase
from knowledge.text import fold as _fold
from knowledge.text import numbers_as_digits, question_key
from knowledge.vocabulary import ALTERNANCE, ENTITIES, EXPERIENCE_LEVELS

PERSONAL_ENTITIES = ("diploma", "experience")
FOCUS_ENTITIES = ("workplace", "training_format", "funding", "specialty", "route")

# The normalised values the answers understand, per entity (knowledge/vocabulary.py).
KNOWN_VALUES: dict[str, tuple[str, ...]] = {
    entity: ENTITIES[entity].codes for entity in PERSONAL_ENTITIES + FOCUS_ENTITIES
}
# Values spotted in the text when the entity extractor missed them: focus entities only (a
# personal fact is the adviser's to read), and not the formats "court" and "long", which are
# ordinary words ("c'est long ?").
SPOTTED: dict[str, tuple[str, ...]] = {
    **{entity: KNOWN_VALUES[entity] for entity in FOCUS_ENTITIES},
    "training_format": (ALTERNANCE,),
}
# The knowledge base the synonyms are read from (the tests put theirs in its place).
kb = KnowledgeBase()


# The synonyms table for the reading in progress: read once per message, not once per lookup.
_reading_table: ContextVar[Optional[Mapping[str, str]]] = ContextVar("synonyms_table", default=None)


def synonyms() -> Mapping[str, str]:
    """Folded variant -> value: the NLU synonyms (data/nlu/synonyms.yml, one list for NLU and
    actions), which make kb stores in the knowledge base; the action server never reads data/."""
    return _reading_table.get() or kb.synonyms()


def known_words() -> frozenset[str]:
    """The words the articles, the NLU data and the registry use, as the loader stored them
    (knowledge/lexicon.py)."""
    return kb.known_words()


@contextmanager
def one_synonyms_lookup() -> Iterator[None]:
    """Within it, the synonyms (and so the knowledge base's load stamp) are read once: a reading
    looks values up hundreds of times, and a reload between two of them is not worth a query each."""
    token = _reading_table.set(kb.synonyms())
    try:
        yield
    finally:
        _reading_table.reset(token)


def normalise(entity: str, value: Optional[str], known: tuple[str, ...] | None = None) -> Optional[str]:
    """The known value for what NLU extracted, or None when it is not one we can answer about.

    EntitySynonymMapper only maps exact variants; this also catches case and accent
    differences, and drops values no answer knows (so they cannot narrow to nothing).
    """
    if not value:
        return None
    known = known or KNOWN_VALUES[entity]
    folded = _fold(str(value))
    for candidate in (folded, synonyms().get(folded, "")):
        for known_value in known:
            if _fold(known_value) == _fold(candidate):
                return known_value
    return None


class _Spellings:
    """(spelling as words, value) per set of values, built once per synonyms table (so again
    after the knowledge base is reloaded)."""

    def __init__(self) -> None:
        self._table: Mapping[str, str] | None = None
        self._built: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def __call__(self, values: tuple[str, ...]) -> list[tuple[str, str]]:
        table = synonyms()
        if table is not self._table:
            self._table, self._built = table, {}
        if values not in self._built:
            self._built[values] = self._build(values, table)
        return self._built[values]

    @staticmethod
    def _build(values: tuple[str, ...], table: Mapping[str, str]) -> list[tuple[str, str]]:
        """Longest first. Two-letter spellings ("as", "ap") are left out: too easy to find by accident."""
        candidates = [(v, v) for v in values] + [(k, v) for k, v in table.items() if v in values]
        # Deduplicated in order; the stable sort keeps that order among equally long spellings.
        spelled = dict.fromkeys((question_key(spelling), value) for spelling, value in candidates)
        return sorted(((w, v) for w, v in spelled if len(w) >= 3), key=lambda item: -len(item[0]))


spellings = _Spellings()


def spot(text: str, values: tuple[str, ...]) -> Optional[str]:
    """The value whose longest known spelling appears as words in `text`, if any.

    Uses the NLU synonyms (from the knowledge base), so one list of spellings serves the model and this.
    """
    folded = f" {question_key(text)} "
    return next((value for words, value in spellings(values) if f" {words} " in folded), None)


@dataclass(frozen=True)
class Context:
    diploma: Optional[str] = None
    experience: Optional[str] = None
    workplace: Optional[str] = None
    training_format: Optional[str] = None
    funding: Optional[str] = None
    specialty: Optional[str] = None
    route: Optional[str] = None
    # What the orientation adviser recommended, so "combien ça coûte ?" is about that route.
    recommended_route: Optional[str] = None
    recommended_type: Optional[str] = None
    # Things the visitor put out of the question (« pas le CQP », « pas à l'hôpital »).
    excluded: frozenset[str] = frozenset()
    # Sums of money the message names (« et avec trente-trois mille ? »): the pay band they fall in.
    amounts: tuple[int, ...] = ()
    # Units of time a length is asked in (« ça fait combien de semaines ? »): `units_in`.
    units: tuple[str, ...] = ()


# A sum: « 33000 », « 33 000 », « 1 860 », « 33k » (number words already made digits).
_AMOUNT = re.compile(r"\b(\d{1,3}(?:[ .]\d{3})+|\d{4,6})\b|\b(\d{1,3})\s?k\b")


_MONEY = re.compile(r"€|\beuros?\b|\bbrut\b|\bnet\b|\bsalaire\b|\bpaye\b|\bgagn")


# A unit of time a length is asked in, and the words that give a length in it.
_UNIT_ASKED = re.compile(r"\b(?:en|de|d|par)[\s']+(semaines?|jours?|mois|annees?|ans|heures?)\b")
UNIT_WORDS = {
    "semaine": ("semaine", "semaines"),
    "jour": ("jour", "jours"),
    "mois": ("mois",),
    "an": ("an", "ans", "annee", "annees"),
    "heure": ("heure", "heures"),
}


def units_in(text: str) -> tuple[str, ...]:
    """The units of time a question asks a length in (« en semaines », « combien de jours »)."""
    said = _fold(text)
    return tuple(
        dict.fromkeys(
            unit for match in _UNIT_ASKED.findall(said) for unit, spelt in UNIT_WORDS.items() if match in spelt
        )
    )


def amounts_in(text: str) -> tuple[int, ...]:
    """The sums of a thousand or more a message names, in euros; a year (« en 2019 ») is none,
    unless the message speaks of money."""
    said = numbers_as_digits(_fold(text))
    money = bool(_MONEY.search(said))
    found = []
    for whole, thousands in _AMOUNT.findall(said):
        value = int(re.sub(r"[ .]", "", whole)) if whole else int(thousands) * 1000
        if value >= 1000 and (money or not 1950 <= value <= 2100):
            found.append(value)
    return tuple(found)


def context_from(tracker: Tracker, found: Optional[dict[str, str]] = None) -> Context:
    """What narrows the answer: the message's entities, the visitor's remembered facts, and
    `found` (the context of the fact retrieval matched) where the message names nothing.
    A value the entity extractor missed is spotted in the text by its known spellings."""
    text = tracker.latest_message.get("text") or ""
    values: dict[str, Any] = {}
    said: set[str] = set()
    for entity in PERSONAL_ENTITIES + FOCUS_ENTITIES:
        latest = next(tracker.get_latest_entity_values(entity), None)
        if latest is None and entity in SPOTTED and not text.startswith("/"):
            latest = spot(text, SPOTTED[entity])
        if latest is not None:
            said.add(entity)
        if latest is None and entity in PERSONAL_ENTITIES:
            latest = tracker.get_slot(entity)
        values[entity] = normalise(entity, latest) or normalise(entity, (found or {}).get(entity))
    # A level said (« un débutant touche 2 000 € ? ») is asked about, whatever band the sum is in.
    levelled = "experience" in said or spot(text, EXPERIENCE_LEVELS) is not None
    return Context(
        **values,
        recommended_route=tracker.get_slot("recommended_route"),
        recommended_type=tracker.get_slot("recommended_type"),
        amounts=() if text.startswith("/") or levelled else amounts_in(text),
        units=units_in(text),
    )


def personal_entities(tracker: Tracker) -> list[tuple[str, str]]:
    """(slot, value) of the visitor's own diploma or experience named in the latest message."""
    found = []
    for entity in PERSONAL_ENTITIES:
        value = normalise(entity, next(tracker.get_latest_entity_values(entity), None))
        if value is not None:
            found.append((entity, value))
    return found
