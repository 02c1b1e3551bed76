"""A question about the sources themselves: « le CSP, vos articles en parlent ? », « vétérinaire,
c'est cité ou pas ? », « vous avez des infos sur la mutuelle ? ».

The visitor does not ask a fact of the job but whether the sources say anything of a thing. The
honest answer is yes (with the lines that say it, cited) or no, and it is decided by reading the
knowledge base's own texts, never a list of subjects. A thing the registry answers (a route, a
place, an attribute's words: « vos sources parlent du salaire ? ») is left to the usual answer,
which gives what the sources say of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from actions.answers import Answer, compose_answer
from actions.compose import unheard_words
from actions.context import Context
from actions.echo import holding, phrase_patterns, registry_stem
from actions.messages import GAP_HANDOFF, MENTIONED, NOT_MENTIONED, UNMENTIONED
from actions.reading import asks_mention, attributes_in, objects_in
from knowledge.query import KnowledgeBase
from knowledge.retrieval import STOP, Doc
from knowledge.text import fold

# What such a question says besides the thing it asks about.
_AROUND = frozenset(
    "oui non mais pas ou bien alors donc aussi vraiment precisement exactement quelque chose qqch qqc truc "
    "sources source articles article documents document textes texte infos info informations information fiches "
    "parlent parle mentionnent mentionne citent cite evoquent evoque abordent disent dit cites citee citees "
    "mentionnee mentionnes mentionnees evoquee concernant propos avez as dedans ici la dessus rien part genre "
    "quelquepart endroit".split()
)
# Lines quoted for a thing the sources hold.
QUOTED = 2
# A quoted line shorter than this (a block's name) is introduced by its record's name.
SHORT_LINE = 6


@dataclass(frozen=True)
class Mention:
    """The things a question asks the sources about, as the visitor wrote them."""

    things: tuple[str, ...]


def _registry(kb: KnowledgeBase, word: str) -> bool:
    """What the bot answers through its registry: an object (« CQP »), an attribute's word."""
    return registry_stem(kb, word) or bool(objects_in(word) or attributes_in(word))


def mention_in(kb: KnowledgeBase, text: str) -> Mention | None:
    """The things a question about the sources asks of (« le permis de conduire » in « et le
    permis de conduire, c'est mentionné ? »), each as a phrase of the visitor's own words; None
    when it asks an attribute of what the registry answers (« vos sources parlent du salaire ? »).
    Read for a message whose reading holds the act (actions/reading.py, MENTION)."""
    # The sentence that asks it (« vos articles parlent des kinés quelque part ? genre on bosse avec eux ? »).
    asking = [p for p in re.findall(r"[^?.!;]+[?.!;]*", text) if asks_mention(p)] or [text]
    text = asking[0]
    spans = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    raw = [w for w, _, _ in spans]
    content = [len(fold(w)) >= 3 and fold(w) not in STOP and fold(w) not in _AROUND for w in raw]
    kept = [n for n, w in enumerate(raw) if content[n] and not _registry(kb, fold(w))]
    if not kept and not attributes_in(text):  # « vos articles parlent des kinés ? »: the thing is all it asks
        kept = [n for n, _ in enumerate(raw) if content[n]]
    if not kept:
        return None
    # A word of the registry right after a thing belongs to its name (« le tiers payant »).
    kept = sorted({*kept, *(n + 1 for n in kept if n + 1 < len(raw) and content[n + 1])})
    # Things' words close to each other make one phrase (« pics d'activité saisonniers »): at most
    # two words between them, grammar words or the registry's.
    phrases: list[list[int]] = [[kept[0]]]
    for n in kept[1:]:
        between = raw[phrases[-1][-1] + 1 : n]
        apart = bool(re.search(r"[,:;()«»\"]", text[spans[phrases[-1][-1]][2] : spans[n][1]]))
        if (
            not apart
            and len(between) <= 2
            and all(
                fold(w) in STOP or len(fold(w)) < 3 or content[m] for m, w in enumerate(between, phrases[-1][-1] + 1)
            )
        ):
            phrases[-1].append(n)
        else:
            phrases.append([n])
    return Mention(tuple(text[spans[p[0]][1] : spans[p[-1]][2]] for p in phrases))


def _quoted(kb: KnowledgeBase, doc: Doc, thing: str) -> str:
    """The line that says the thing: from the answer that shows its record (« Le métier… a été
    créé en 2019 dans le cadre du plan « Ma santé 2022 »… »), else from the record's own text
    (a sentence, a list item), never a whole record indexed in one piece."""
    patterns = phrase_patterns(thing)

    def holds(line: str) -> int:
        folded = fold(line)
        return sum(1 for p in patterns if p.search(folded))

    fields = Context.__dataclass_fields__
    try:
        shown = compose_answer(
            doc.topic, kb, Context(**cast(dict[str, Any], {k: v for k, v in doc.context if k in fields}))
        ).lines
    except KeyError:  # a topic no composer shows alone
        shown = []
    lines = [p.strip(" -") for line in shown for p in line.split("\n") if p.strip(" -")]
    lines += [p.strip(" -") for p in re.split(r"(?<=[.;!?])\s+|\n| ; ", doc.text) if p.strip(" -")]
    best = max(lines, key=holds, default=doc.text)
    line = best[0].upper() + best[1:]
    name = getattr(doc.record, "name", None)
    if isinstance(name, str) and len(line.split()) < SHORT_LINE and fold(name) not in fold(line):
        line = f"{name} : {line[0].lower()}{line[1:]}"  # « CQP Assistant médical : gestion du risque… »
    return line


def mention_answer(kb: KnowledgeBase, mention: Mention, contact: str, asked_of_sources: bool = True) -> Answer:
    """Yes, with the lines of the sources that hold the things asked about; or plainly no
    (`asked_of_sources`: « non » answers the visitor's question only when it was about them)."""
    held = [(thing, holding(kb, thing)) for thing in mention.things]
    missing = [thing for thing, docs in held if not docs]
    answer = Answer()
    if missing:
        wording = NOT_MENTIONED if asked_of_sources else UNMENTIONED
        answer.add(wording.format(words=unheard_words(missing)))
    found = [(thing, docs) for thing, docs in held if docs]
    quoted: set[str] = set()
    for thing, docs in found:
        answer.add(MENTIONED.format(thing=thing))
        said: dict[str, Doc] = {}
        for doc in docs:
            said.setdefault(_quoted(kb, doc, thing), doc)
        for line, doc in [(line, doc) for line, doc in said.items() if line not in quoted][:QUOTED]:
            answer.add(line, doc.record)
            quoted.add(line)
    if missing and not found:
        answer.add(GAP_HANDOFF.format(contact=contact))
    return answer
