"""One reply for everything a message asks: each resolved ask answered in the order asked,
assembled into one text with one source line (actions/reading.py gives the asks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from actions.answers import ATTRIBUTE_COMPOSERS, Answer, compose_answer, focused, measure_of
from actions.context import FOCUS_ENTITIES, Context, normalise
from actions.focus import LIST_TOPICS, read_question
from actions.gaps import find_gap, gap_answer
from actions.reading import Ask, alternatives_in
from knowledge.query import KnowledgeBase
from knowledge.retrieval import records_of


@dataclass
class Reply:
    """A finished reply: its text, and the state it leaves (last topic, attribute and objects)."""

    answer: Answer = field(default_factory=Answer)
    topic: str | None = None
    attribute: str | None = None
    objects: dict[str, str] = field(default_factory=dict)
    gaps: int = 0


def ask_context(ask: Ask, slots: dict[str, Any], excluded: frozenset[str]) -> Context:
    """What narrows one ask's answer: the objects it names, the visitor's remembered facts."""
    values: dict[str, Any] = {e: normalise(e, ask.objects.get(e)) for e in FOCUS_ENTITIES}
    return Context(
        diploma=slots.get("diploma"),
        experience=slots.get("experience"),
        recommended_route=slots.get("recommended_route"),
        recommended_type=slots.get("recommended_type"),
        excluded=excluded,
        **values,
    )


def answer_ask(
    kb: KnowledgeBase, ask: Ask, slots: dict[str, Any], excluded: frozenset[str], contact: str
) -> tuple[Answer, bool]:
    """The answer to one thing asked, and whether it is an honest gap (the sources are silent on it)."""
    gap = find_gap(kb, ask.clause)
    if gap is not None:
        return gap_answer(gap, contact), True
    return _answer(kb, ask, ask_context(ask, slots, excluded)), False


def _answer(kb: KnowledgeBase, ask: Ask, ctx: Context) -> Answer:
    attribute, topic = ask.attribute, ask.topic
    if attribute in ATTRIBUTE_COMPOSERS:
        return ATTRIBUTE_COMPOSERS[attribute](kb, ctx)
    subject = ask.objects.get("subject")
    if subject is not None and attribute in ("duration", "cost"):
        return measure_of(kb, subject, attribute)
    if topic is None:
        return Answer()
    if attribute == "environment" and not ctx.workplace:
        topic = "workplaces"
    if topic in LIST_TOPICS:
        reading = read_question(kb, ask.clause, topic)
        if reading.topic == topic and reading.focus:
            return focused(topic, records_of(reading.focus), ask.yes_no)
    return compose_answer(topic, kb, ctx)


def _each_place(asks: tuple[Ask, ...]) -> list[Ask]:
    """« en cabinet ou à l'hôpital ? »: the ask once per place named."""
    expanded: list[Ask] = []
    for ask in asks:
        places = alternatives_in(ask.clause, "workplace") if "workplace" in ask.objects else []
        if len(places) > 1:
            expanded.extend(Ask(ask.attribute, {**ask.objects, "workplace": p}, ask.clause, ask.yes_no) for p in places)
        else:
            expanded.append(ask)
    return expanded


def compose_reply(
    kb: KnowledgeBase, asks: tuple[Ask, ...], slots: dict[str, Any], excluded: frozenset[str], contact: str
) -> Reply:
    """Every ask answered once, in order, in one text; the state is the last ask's."""
    reply = Reply()
    done: set[tuple[str | None, tuple[tuple[str, str], ...]]] = set()
    for ask in _each_place(asks):
        key = (ask.topic, tuple(sorted(ask.objects.items())))
        if ask.topic is None or key in done:
            continue
        done.add(key)
        part, gap = answer_ask(kb, ask, slots, excluded, contact)
        reply.gaps += gap
        reply.answer.lines.extend(line for line in part.lines if line not in reply.answer.lines)
        reply.answer.records.extend(part.records)
        reply.topic = ask.topic
        reply.attribute = ask.attribute
        reply.objects = {k: v for k, v in ask.objects.items() if k in FOCUS_ENTITIES}
    return reply
