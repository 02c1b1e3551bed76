"""One reply for everything a message asks: each resolved ask answered in the order asked,
assembled into one text with one source line and its buttons (actions/reading.py gives the asks).

For each ask, the attribute says which composer answers (actions/answers.py) and the objects
narrow it; the facts its clause names (knowledge/retrieval.py, through actions/focus.py) narrow
a list answer to them (« il fait des prises de sang ? » gets that mission, not the list). An
ask the sources are silent on gets its honest gap (actions/gaps.py), matched on the clause and
on what the clause was resolved to be about, so « et elle coûte combien ? » after the FAE is
about the FAE's cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Optional

from actions.answers import ATTRIBUTE_COMPOSERS, Answer, compose_answer, focused, measure_of, training_of
from actions.context import FOCUS_ENTITIES, PERSONAL_ENTITIES, Context, amounts_in, normalise, units_in
from actions.focus import CONTINUED, LIST_TOPICS, read_question
from actions.gaps import find_gap, gap_answer
from actions.messages import GAP_HANDOFF, UNHEARD, WHOLE_TOPIC
from actions.reading import Ask, alternatives_in, names
from actions.topics import TOPIC_TO_INTENT
from conversation.shared import FEEDBACK_BUTTONS, ORIENTATION_BUTTON, TOPIC_INTENTS
from knowledge.query import KnowledgeBase
from knowledge.registry import ASPECTS, DEFINITION, MEASURES, NAMES
from knowledge.retrieval import STOP, index_for, records_of
from knowledge.text import fold, numbers_as_digits

# General answers after which a visitor may want personal advice.
ADVICE_TOPICS = ("training", "prerequisites", "duration", "cost", "funding")


@dataclass
class Reply:
    """A finished reply: its text and buttons, and the state it leaves (last topic, attribute, objects)."""

    answer: Answer = field(default_factory=Answer)
    buttons: list[dict[str, str]] = field(default_factory=list)
    topic: Optional[str] = None
    attribute: Optional[str] = None
    objects: dict[str, str] = field(default_factory=dict)
    gaps: int = 0
    unheard: tuple[str, ...] = ()  # what was asked about that the sources never mention


@dataclass
class Part:
    """The answer to one ask, with the topic it was answered under and what narrowed it."""

    answer: Answer
    topic: Optional[str]
    objects: dict[str, str]
    gap: bool = False
    whole_topic: Optional[str] = None  # a list topic narrowed to some facts: the whole list one button away


def ask_context(
    objects: dict[str, str], personal: dict[str, Any], excluded: frozenset[str], clause: str = ""
) -> Context:
    """What narrows one ask's answer: the objects it is about, the visitor's own facts and the
    sums its clause names."""
    values: dict[str, Any] = {e: normalise(e, objects.get(e)) for e in FOCUS_ENTITIES}
    values.update({e: normalise(e, objects.get(e) or personal.get(e)) for e in PERSONAL_ENTITIES})
    return Context(
        recommended_route=personal.get("recommended_route"),
        recommended_type=personal.get("recommended_type"),
        excluded=excluded,
        amounts=() if objects.get("experience") else amounts_in(clause),  # « un débutant touche 2 000 € ? »
        units=units_in(clause),
        **values,
    )


def gap_words(ask: Ask) -> str:
    """What a gap is looked for in: the ask's clause, the objects it is about and, when carried
    over from the previous answer, the attribute's name (« et un kiné ? » after the pay asks a
    kinésithérapeute's pay, which the sources do not give)."""
    # (a measure of a topic's things is read with the topic's name: « en présentiel ? » after
    # continuing education is about it, not the access training the sources are silent on)
    about = [v for k, v in ask.objects.items() if k != "subject"]
    about += [NAMES[v][0] for k, v in ask.objects.items() if k == "subject" and v in NAMES]
    if ask.inherited and ask.attribute in NAMES:
        about.append(NAMES[ask.attribute][0])
    return numbers_as_digits(" ".join([ask.clause, *about]).strip())


def _gap(kb: KnowledgeBase, ask: Ask, contact: str) -> Optional[Answer]:
    """The honest gap this ask falls into (`gap_words`)."""
    gap = find_gap(kb, gap_words(ask), ask.told)
    return gap_answer(gap, contact) if gap is not None else None


def continued(kb: KnowledgeBase, ask: Ask) -> Optional[Part]:
    """A follow-up about one of the things the previous answer listed: « c'est quoi comme
    modules ? » after continuing education asks about its modules, not the training programme
    the word « modules » usually asks. Decided by the knowledge base: the clause's best fact is
    one of the previous list topic's (from CONTINUED), and the clause does not name its own
    attribute (« et les inconvénients ? » after the advantages moves on)."""
    previous = ask.previous
    if previous is None or previous not in LIST_TOPICS or previous == ask.topic:
        return None
    if ask.objects or ask.attribute in ASPECTS:  # a measure of those things has its own answer
        return None
    if ask.attribute is not None and names(ask.clause, ask.attribute):
        return None
    hits = index_for(kb).search(ask.clause)
    if not hits or hits[0].doc.topic != previous or hits[0].score < CONTINUED:
        return None
    docs = [h.doc for h in hits if h.doc.topic == previous and h.score >= CONTINUED]
    return Part(focused(previous, records_of(docs), ask.yes_no), previous, {}, whole_topic=previous)


def unheard_words(unheard: Iterable[str]) -> str:
    """« pas « vaccins » », « ni « CSP » ni « RSA » »: what the sources never mention, quoted."""
    quoted = [f"« {w} »" for w in unheard]
    return f"pas {quoted[0]}" if len(quoted) == 1 else "ni " + " ni ".join(quoted)


def unheard_note(unheard: tuple[str, ...]) -> str:
    """« Mes sources ne mentionnent pas « vaccins ». Voici ce qu'elles disent de plus proche : »."""
    return UNHEARD.format(words=unheard_words(unheard))


def answer_ask(
    kb: KnowledgeBase,
    ask: Ask,
    personal: dict[str, Any],
    excluded: frozenset[str],
    contact: str,
    likely: Optional[dict[str, float]] = None,
    unheld: frozenset[str] = frozenset(),
) -> Part:
    """The answer to one thing asked (`_answer`), after what the sources never mention of it: the
    nearest facts are then given as such, never as the answer."""
    part = _answer(kb, ask, personal, excluded, contact, likely, unheld)
    if ask.unheard and not part.gap and part.answer.lines:
        part.answer.lines.insert(0, unheard_note(ask.unheard))
    return part


def _answer(
    kb: KnowledgeBase,
    ask: Ask,
    personal: dict[str, Any],
    excluded: frozenset[str],
    contact: str,
    likely: Optional[dict[str, float]],
    unheld: frozenset[str],
) -> Part:
    """The answer to one thing asked. `likely`: the classifier's topic probabilities when it was
    unsure and the attribute is its guess, so the facts the clause names may decide the topic.
    `unheld`: diplomas the message names only as a goal or a choice, which narrow nothing."""
    gap = _gap(kb, ask, contact)
    if gap is not None:
        return Part(gap, ask.topic, ask.objects, gap=True)
    following = continued(kb, ask)
    if following is not None:
        return following
    trained = ask.objects.get("training_of")
    other = training_of(kb, trained, ask.attribute or "") if trained else None
    if other is not None:  # « combien dure la formation d'infirmier ? »: not the route it opens here
        other.add(GAP_HANDOFF.format(contact=contact))
        return Part(other, ask.topic, ask.objects, gap=True)
    attribute, topic = ask.attribute, ask.topic
    if attribute in ATTRIBUTE_COMPOSERS:
        ctx = ask_context(ask.objects, personal, excluded, ask.clause)
        return Part(ATTRIBUTE_COMPOSERS[attribute](kb, ctx), topic, ask.objects)
    subject = ask.objects.get("subject")
    if subject is not None and attribute in MEASURES:
        return Part(measure_of(kb, subject, attribute), subject, {})
    if topic is None:
        return Part(Answer(), None, ask.objects)
    found = read_question(kb, ask.clause, topic, followup=ask.inherited, likely=None if ask.cued else likely)
    own_record = Ask(DEFINITION, dict(found.context)).topic if found.context else None
    of_object = bool(found.context) and found.context.items() <= ask.objects.items()
    # A fact found only through the object the ask names says nothing of what is asked about it:
    # the object's own record, or (for an attribute carried over from the previous answer) a fact
    # of another topic that mentions it (« et avec beaucoup d'expérience ? » after the career
    # stays the career, not the experienced salary band).
    names_object = of_object and (found.topic == own_record or ask.inherited)
    if found.topic is not None and (found.topic == topic or not (ask.cued or names_object)):
        # The facts named may move a guessed attribute to their topic, but not the record of the
        # object itself (« je parlais de la VAE » after a duration: the VAE's duration).
        topic = found.topic
    narrowed = found.topic == topic
    kept = {k: v for k, v in found.context.items() if v not in excluded | unheld} if narrowed else {}
    objects = {**kept, **ask.objects}  # the facts named narrow it, never back to what was excluded
    ctx = ask_context(objects, personal, excluded, ask.clause)
    if narrowed and topic == "workplaces" and len(found.focus) > 1 and not ask.objects:  # « cabinet ou hôpital ? »
        merged = Answer()
        for doc in found.focus:
            part = compose_answer(topic, kb, ask_context(dict(doc.context), personal, excluded, ask.clause))
            merged.lines.extend(line for line in part.lines if line not in merged.lines)
            merged.records.extend(part.records)
        return Part(merged, topic, objects)
    if narrowed and topic in LIST_TOPICS and found.focus and not excluded:
        return Part(focused(topic, records_of(found.focus), ask.yes_no), topic, objects, whole_topic=topic)
    if topic == "programme" and ctx.route:  # a route's own programme: the CQP's blocks
        topic = "training"
    answer = compose_answer(topic, kb, ctx)
    if ask.yes_no and topic == "workplaces" and ask.objects.get("workplace") and answer.lines:  # one the sources name
        answer.lines[0] = f"Oui. {answer.lines[0]}"
    return Part(answer, topic, objects)


def _each_place(asks: tuple[Ask, ...], excluded: frozenset[str]) -> list[Ask]:
    """« en cabinet ou à l'hôpital ? »: the ask once per place named, but not the places put
    aside (« et pas à l'hôpital, en cabinet plutôt ? » asks about the cabinet only)."""
    expanded: list[Ask] = []
    for ask in asks:
        named = alternatives_in(ask.clause, "workplace") if "workplace" in ask.objects else []
        places = [p for p in named if p not in excluded]
        if len(places) > 1:
            expanded.extend(
                replace(ask, objects={**ask.objects, "workplace": p}, leans=False, inherited=False, previous=None)
                for p in places
            )
        else:
            expanded.append(ask)
    return expanded


def compose_reply(
    kb: KnowledgeBase,
    asks: tuple[Ask, ...],
    personal: dict[str, Any],
    excluded: frozenset[str],
    contact: str,
    likely: Optional[dict[str, float]] = None,
    unheld: frozenset[str] = frozenset(),
) -> Reply:
    """Every ask answered once, in order, in one text with one source line; the state is the last ask's."""
    reply = Reply()
    done: set[tuple[Optional[str], tuple[tuple[str, str], ...], str]] = set()
    parts: list[Part] = []
    for ask in _each_place(asks, excluded):
        key = (ask.topic, tuple(sorted(ask.objects.items())), ask.clause)
        if key in done:  # the same thing asked once (a clause may be expanded per place)
            continue
        done.add(key)
        part = answer_ask(kb, ask, personal, excluded, contact, likely if len(asks) == 1 else None, unheld)
        if not part.answer.lines:
            continue
        parts.append(part)
        said = {w for line in reply.answer.lines for w in _content_words(line)}
        reply.answer.lines.extend(
            line for line in part.answer.lines if not _said_already(line, reply.answer.lines, said)
        )
        reply.answer.records.extend(part.answer.records)
        reply.gaps += part.gap
        if ask.unheard and not part.gap:
            reply.unheard += ask.unheard
        reply.topic, reply.attribute = part.topic, ask.attribute
        reply.objects = {k: v for k, v in part.objects.items() if k in FOCUS_ENTITIES}
    reply.buttons = _buttons(parts)
    return reply


# A line of this many words or more is dropped when the reply already holds every one of them.
_RESTATED = 5


def _content_words(line: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(line)) if len(w) >= 3 and w not in STOP}


def _said_already(line: str, lines: list[str], said: set[str]) -> bool:
    """The line is in the reply, or restates what an earlier answer of it said (« …s'adresse aux
    titulaires du DEAS, du DEAP ou du DEI » after the route's description that says so)."""
    own = _content_words(line)
    return line in lines or (len(own) >= _RESTATED and own <= said)


def _buttons(parts: list[Part]) -> list[dict[str, str]]:
    """The whole list when one answer was narrowed to some facts, personal advice after a general
    answer about training, and the rating buttons."""
    buttons: list[dict[str, str]] = []
    if len(parts) == 1 and parts[0].whole_topic in TOPIC_TO_INTENT:
        whole = TOPIC_TO_INTENT[parts[0].whole_topic]
        buttons.append({"title": f"{WHOLE_TOPIC} {TOPIC_INTENTS[whole][1].lower()}", "payload": f"/{whole}"})
    elif any(p.topic in ADVICE_TOPICS and not p.gap for p in parts):
        buttons.append(ORIENTATION_BUTTON)
    return [*buttons, *FEEDBACK_BUTTONS]
