"""A question that picks up the bot's own words: « on peut valider juste un bloc ? » after a reply
that said the blocks can be validated separately, « la coordination de parcours, c'est quoi ? »,
« les pics d'activité dont vous parlez, c'est quand ? ».

The previous reply is part of the dialogue state. A visitor often asks about a precise thing it
said, in its words, and in no other way the bot would recognise: the thing is too small to be a
topic, an object or an attribute of its own. Such a question is about that line of the reply,
and the honest answer is that line again, with what its source says and nothing more: when the
line answers (the blocks are validated separately), the visitor reads it; when it does not (at
which time of year the peaks come), they learn the sources say no more, instead of getting a
neighbouring fact as if it were the answer.

A word is picked up only when it is rare in the knowledge base (a word of many records, such as
« formation », says nothing about which line is meant), is not an object the bot knows (« le
CQP » is answered through the registry), and the question asks no attribute of its own in
other words (« et la FAE coûte combien ? » after a list that named it is a cost question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from actions.answers import Answer
from actions.context import spellings
from actions.messages import ECHO
from actions.reading import without_negated
from knowledge.query import KnowledgeBase
from knowledge.registry import ATTRIBUTES, NAMES
from knowledge.retrieval import STOP, Doc, Index, index_for
from knowledge.text import fold
from knowledge.vocabulary import ENTITIES

# A word in at most this many of the knowledge base's records names a precise thing.
RARE_IN = 2
# Words shorter than this are grammar or abbreviations, never what is picked up.
SHORTEST = 4
# A line of the reply retrieval finds with this score is the record it shows (for its citation).
LINE_FOUND = 0.3
# At most this many lines are given back.
MAX_LINES = 2


@dataclass(frozen=True)
class Echo:
    """The lines of the previous reply a question picks up, and the records they come from."""

    lines: tuple[str, ...]
    records: tuple[Any, ...]

    def answer(self) -> Answer:
        answer = Answer().add(ECHO)
        for line in self.lines:
            answer.add(line)
        return answer.cite(self.records)


# Endings two spellings of one word differ by (« valider », « validés »; « modules », « module »),
# longest first; what is left keeps at least SHORTEST letters.
_ENDINGS = ("ements", "ement", "ations", "ation", "ees", "ee", "es", "er", "ez", "e", "s", "x")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST:
            return word[: -len(ending)]
    return word


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) >= SHORTEST and w not in STOP]


@dataclass(frozen=True)
class _Stems:
    """What the knowledge base's words tell, counted once per index (rebuilt with it when the
    knowledge base reloads, synonyms included)."""

    holders: dict[str, tuple[Doc, ...]]  # stem -> the records whose text or keywords hold it
    named: frozenset[str]  # answered through the registry: never picked up
    precise: frozenset[str]  # in few records and not named: what a question can pick up
    # Two words in a row (grammar words aside) that few records hold together, though each is
    # common: « coordination de parcours » names one line, « coordination » or « parcours » do not.
    precise_pairs: frozenset[tuple[str, str]]


_STEMS: dict[int, tuple[Index, _Stems]] = {}


def _stems(index: Index) -> _Stems:
    kept = _STEMS.get(id(index))
    if kept is not None and kept[0] is index:
        return kept[1]
    holders: dict[str, list[Doc]] = {}
    pairs: dict[tuple[str, str], int] = {}
    for doc in index.docs:
        for stem in {_stem(w) for w in _words(" ".join((doc.text, *doc.keywords)))}:
            holders.setdefault(stem, []).append(doc)
        for pair in {p for text in (doc.text, *doc.keywords) for p in _pairs(text)}:
            pairs[pair] = pairs.get(pair, 0) + 1
    named = _named_stems()
    rare = {stem for stem, docs in holders.items() if len(docs) <= RARE_IN}
    rare_pairs = {p for p, n in pairs.items() if n <= RARE_IN and not set(p) <= named and not set(p) & rare}
    counted = _Stems(
        {stem: tuple(docs) for stem, docs in holders.items()}, named, frozenset(rare - named), frozenset(rare_pairs)
    )
    _STEMS.clear()
    _STEMS[id(index)] = (index, counted)
    return counted


def _pairs(text: str) -> set[tuple[str, str]]:
    """The stems of each two words in a row, grammar words left out."""
    stems = [_stem(w) for w in _words(text)]
    return set(zip(stems, stems[1:], strict=False))


def _named_stems() -> frozenset[str]:
    """The stems of what the bot answers through its registry: every spelling of the objects the
    vocabulary knows (routes, places, diplomas…, from the knowledge base's synonyms like the
    reading's), the words that name an attribute (« les inconvénients ») and the general words
    that only lean towards one (« devenir »)."""
    spelt = [spelling for entity in ENTITIES.values() for spelling, _ in spellings(entity.codes)]
    spelt += [name for names in NAMES.values() for name in names]
    spelt += [cue for attribute in ATTRIBUTES for cue in attribute.weak]  # « devenir », « la formation »
    return frozenset(_stem(w) for spelling in spelt for w in _words(spelling))


def _lines(reply: str) -> list[str]:
    """The reply's lines of content: not its source line, bullets unmarked."""
    return [
        line.strip().removeprefix("- ").removesuffix(" :").strip()
        for line in reply.splitlines()
        if line.strip() and not line.startswith("D'après")
    ]


def picked_up(kb: KnowledgeBase, echoed: set[str], previous_reply: str, asks_own: bool) -> Optional[Echo]:
    """The lines of `previous_reply` that hold the words the question picked up from it
    (`echoed_words`), unless it asks an attribute or names an object of its own (`asks_own`: the
    reading found one in other words than those picked up)."""
    if asks_own or not echoed:
        return None
    index = index_for(kb)
    asked = {_stem(w) for w in echoed}
    scored = [(len(asked & {_stem(w) for w in _words(line)}), n, line) for n, line in enumerate(_lines(previous_reply))]
    best = sorted((s for s in scored if s[0]), key=lambda s: (-s[0], s[1]))[:MAX_LINES]
    if not best:
        return None
    lines = tuple(line for _, _, line in sorted(best, key=lambda s: s[1]))
    records = []
    for line in lines:
        hits = index.search(line)
        if hits and hits[0].score >= LINE_FOUND:
            records.append(hits[0].doc.record)
    return Echo(lines, tuple(records))


def previous_reply(events: list[dict[str, Any]]) -> str:
    """What the bot said between the visitor's previous message and this one (the last)."""
    users = [n for n, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2:  # before the first message: the welcome, which names topics, not facts
        return ""
    start = users[-2] + 1
    return "\n".join(e["text"] for e in events[start : users[-1]] if e.get("event") == "bot" and e.get("text"))


def echoed_words(kb: KnowledgeBase, question: str, previous_reply: str) -> set[str]:
    """The question's words (outside a negation) that the previous reply holds among the precise
    ones: what `picked_up` answers, and what the reading sets aside to tell whether anything else
    in the question asks."""
    stems = _stems(index_for(kb))
    said = {_stem(w) for line in _lines(previous_reply) for w in _words(line)}
    said_pairs = {p for line in _lines(previous_reply) for p in _pairs(line)}
    asked = _words(without_negated(fold(question)))
    echoed = {w for w in asked if _stem(w) in stems.precise and _stem(w) in said}
    for first, second in zip(asked, asked[1:], strict=False):
        if (pair := (_stem(first), _stem(second))) in stems.precise_pairs and pair in said_pairs:
            echoed |= {first, second}
    return echoed


def owner(kb: KnowledgeBase, held: set[str], asks_own: bool) -> Optional[Doc]:
    """« y a combien de blocs ? »: the one record of a named thing (a route, a place…) that holds
    every word of the question found in a single record (`single_held_words`), when the question
    asks nothing of its own in other words: it is about that thing."""
    if asks_own:
        return None
    holders = _stems(index_for(kb)).holders
    single = {_stem(w) for w in held}
    owners = {holders[stem][0] for stem in single}
    if len(owners) != 1:
        return None
    (doc,) = owners
    # In its own text, not only among the keywords written to find it (« tout de suite » is not
    # about the « soins de suite » a keyword of the long-term care places names).
    return doc if doc.context and single & {_stem(w) for w in _words(doc.text)} else None


def single_held_words(kb: KnowledgeBase, question: str) -> set[str]:
    """The question's words (outside a negation, not named through the registry) that a single
    record holds: what `owner` reads, and what the reading sets aside to tell whether anything
    else in the question asks."""
    stems = _stems(index_for(kb))
    return {
        w
        for w in _words(without_negated(fold(question)))
        if _stem(w) not in stems.named and len(stems.holders.get(_stem(w), ())) == 1
    }


def registry_stem(kb: KnowledgeBase, word: str) -> bool:
    """The folded word is one the bot answers through its registry: an object's spelling, an
    attribute's name or one of its one-word cues (« salaire », « VAE », « financer »)."""
    stem = _stem(word)
    return stem in _stems(index_for(kb)).named or stem in _CUE_STEMS


# The attributes' one-word cues (code, not content: no reload changes them).
_CUE_STEMS = frozenset(_stem(c) for attribute in ATTRIBUTES for c in attribute.cues if " " not in c)


def phrase_patterns(phrase: str) -> list[re.Pattern[str]]:
    """One pattern per word of `phrase` (grammar words aside) that finds it in folded text: its
    stem and any ending (« kinés » in « kinésithérapeutes »), or, for a short word, its stem and
    one of the usual endings (« âge » is not the start of « agenda »). Short words count here
    (« CSP », « QCM »), unlike in the picked-up words."""
    stems = [_stem(w) for w in re.findall(r"[a-z0-9]+", fold(phrase)) if len(w) >= 3 and w not in STOP]
    endings = "|".join(_ENDINGS)
    return [
        re.compile(rf"\b{re.escape(s)}\w*" if len(s) >= SHORTEST else rf"\b{re.escape(s)}(?:{endings})?\b")
        for s in stems
    ]


def holding(kb: KnowledgeBase, phrase: str) -> tuple[Doc, ...]:
    """The records whose own text holds every word of `phrase` (`phrase_patterns`): what the
    sources say of a thing, in their words. A name of three words or more is held with one of
    them left out (« le plan Ma santé 2022 »)."""
    patterns = phrase_patterns(phrase)
    if not patterns:
        return ()
    needed = len(patterns) - 1 if len(patterns) >= 3 else len(patterns)
    found: dict[Any, Doc] = {}
    for doc in index_for(kb).docs:
        text = fold(doc.text)
        if sum(1 for p in patterns if p.search(text)) >= needed:
            found.setdefault(doc.key, doc)
    return tuple(found.values())
