"""The two guided conversations, as one turn at a time: orientation and salary for a profile.

No Rasa form: a form that rejects a message it cannot read leaves Rasa predicting the
same actions until its circuit breaker trips, and the conversation stays locked. Here
every turn is one action answering one message, then Rasa listens. The state is two
slots: the question pending (`pending_question`) and how many answers to it could not be
read (`question_misses`; after one clarification the question is skipped, never asked a
third time).

Answer first: as soon as what the visitor said decides the route (or the salary band),
the reply gives it; what could refine it (alternance, funding, a workplace) is offered
as buttons, and only a fact that would change the answer is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.advice import orientation, salary_for
from actions.answers import Answer, compose_answer
from actions.context import Context, amounts_in
from actions.messages import NOT_UNDERSTOOD, OVERVIEW_INTRO, RESUME
from actions.profile import (
    ORIENTATION_FACTS,
    SALARY_FACTS,
    SKIPPED,
    Message,
    declines,
    read_orientation,
    read_salary,
)
from actions.questions import (
    ORIENTATION_REFINEMENTS,
    QUESTIONS,
    question_message,
    salary_refinements,
)
from actions.reading import objects_in, someone_elses_situation
from actions.topics import NEXT_STEPS_BUTTONS
from conversation.shared import FEEDBACK_BUTTONS
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.recommend import Profile, recommend
from knowledge.vocabulary import ALTERNANCE, BEGINNER, EXPERIENCE_LEVELS, EXPERIENCED_BACKGROUNDS

PENDING = "pending_question"
MISSES = "question_misses"
# Intents of a message that tries to answer the pending question (when nothing is read
# from it, it gets one clarification); any other intent is a digression, answered first.
ANSWER_INTENTS = ("inform", "nlu_fallback", "affirm", "deny")
DECIDING_GROUPS = ("route", "vae")


@dataclass
class Turn:
    """What the bot sends (dispatcher keyword arguments) and the slots it sets."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    # Orientation rules the advice used (to log situations the sources do not cover).
    rules: list[models.RecommendationRule] = field(default_factory=list)

    def say(self, text: str, buttons: Optional[list[dict[str, str]]] = None) -> Turn:
        self.messages.append({"text": text, "buttons": buttons or []})
        return self

    def ask(self, slot: str, prefix: str = "", wording: Optional[str] = None) -> Turn:
        """Ask for `slot` (in the words of QUESTIONS[wording] when given)."""
        self.messages.append(question_message(wording or slot, prefix))
        self.slots[PENDING] = slot
        return self


def _known(slots: dict[str, Any], updates: dict[str, Any]) -> dict[str, Any]:
    return {**slots, **updates}


def _profile(facts: dict[str, Any]) -> Profile:
    def value(slot: str) -> Any:
        return None if facts.get(slot) == SKIPPED else facts.get(slot)

    return Profile(
        diploma=value("diploma"),
        background=value("background"),
        experience_years=value("experience_years"),
        alternance=value("wants_alternance"),
        funding=facts.get("funding_plan"),
    )


def _next_orientation_question(facts: dict[str, Any]) -> Optional[str]:
    """The one fact still worth asking before any route can be given, if any."""
    if facts.get("diploma") is None and facts.get("background") in (None, "autre"):
        return "diploma"
    if facts.get("background") is None and facts.get("diploma") in (None, SKIPPED):
        return "background"
    if facts.get("background") in EXPERIENCED_BACKGROUNDS and facts.get("experience_years") is None:
        return "experience_years"
    return None


def _refinement_buttons(facts: dict[str, Any]) -> list[dict[str, str]]:
    wanted = []
    if facts.get("wants_alternance") is None:
        wanted.append("alternance")
    if facts.get("funding_plan") is None and not facts.get("wants_alternance"):
        wanted += ["cpf", "opco"]
    return [ORIENTATION_REFINEMENTS[key] for key in wanted]


def _advice(
    kb: KnowledgeBase,
    facts: dict[str, Any],
    handoff: str,
    turn: Turn,
    rules: list[models.RecommendationRule],
    asked: Optional[str] = None,
) -> Turn:
    answer, rules = orientation(kb, _profile(facts), handoff, rules, asked=asked)
    turn.rules = rules
    routes = [r for r in rules if r.route is not None and r.covered]
    typed = [r.training_type.code for r in routes if r.training_type is not None]
    turn.slots.update(
        topic="training",
        recommended_route=routes[0].route.code if routes else None,
        recommended_type=typed[-1] if typed else None,
    )
    turn.say(answer.text(), FEEDBACK_BUTTONS)
    # A fact that would add the VAE is worth one question; the rest are optional buttons.
    if facts.get("background") in EXPERIENCED_BACKGROUNDS and facts.get("experience_years") is None:
        return turn.ask("experience_years", wording="experience_years_vae")
    turn.slots[PENDING] = None
    turn.say(QUESTIONS["refine"][0], _refinement_buttons(facts) + NEXT_STEPS_BUTTONS)
    return turn


def _overview(kb: KnowledgeBase, handoff: str, turn: Turn) -> Turn:
    """Nothing known decides a route: every route with whom it is for, and a person to ask."""
    answer = compose_answer("training", kb, Context())
    answer.lines.insert(0, OVERVIEW_INTRO.format(contact=handoff))
    turn.slots.update(topic="training", **{PENDING: None})
    return turn.say(answer.text(), FEEDBACK_BUTTONS)


def _miss(slots: dict[str, Any], pending: str) -> tuple[dict[str, Any], bool]:
    """An answer to `pending` that could not be read: (slot updates, clarify again?)."""
    if (slots.get(MISSES) or 0) >= 1:
        return {pending: SKIPPED, MISSES: 0}, False
    return {MISSES: 1}, True


def _read(
    slots: dict[str, Any], message: Message, flow_facts: tuple[str, ...], reader: Callable[..., dict[str, Any]]
) -> tuple[Turn, dict[str, Any], bool]:
    """Read the message against this flow's pending question: (turn, facts read, clarification asked).

    An answer that states nothing gets one clarification; the next one skips the question.
    """
    pending = slots.get(PENDING) if slots.get(PENDING) in flow_facts else None
    updates = reader(message, slots, pending)
    turn = Turn(slots={**updates, MISSES: 0})
    if pending and not updates and message.intent in ANSWER_INTENTS:
        missed, clarify = _miss(slots, pending)
        turn.slots.update(missed)
        if clarify:
            return turn.ask(pending, NOT_UNDERSTOOD), updates, True
        updates = {pending: SKIPPED}
    return turn, updates, False


def orientation_turn(kb: KnowledgeBase, slots: dict[str, Any], message: Message, handoff: str) -> Turn:
    """One turn of the adviser: read the message, then advise, or ask the one fact still missing."""
    turn, updates, clarified = _read(slots, message, ORIENTATION_FACTS, read_orientation)
    if clarified:
        return turn
    facts = _known(slots, updates)
    rules = recommend(kb, _profile(facts))
    if any(rule.group in DECIDING_GROUPS for rule in rules):
        return _advice(kb, facts, handoff, turn, rules, asked=objects_in(message.text).get("route"))
    following = _next_orientation_question(facts)
    if following is None:
        return _overview(kb, handoff, turn)
    if SKIPPED in facts.values():  # not known: every route now, and the question that would narrow them
        _overview(kb, handoff, turn)
    return turn.ask(following)


def route_decided(kb: KnowledgeBase, slots: dict[str, Any], message: Message) -> Optional[str]:
    """The route the visitor's profile (known, and told in this message) leads to, if it decides
    one: what « la formation » of their question is (« j'ai le DEAS, combien d'heures dure la
    formation ? » asks the FAE's hours, which the sources give)."""
    facts = _known(slots, read_orientation(message, slots))
    routes = [r for r in recommend(kb, _profile(facts)) if r.route is not None and r.covered]
    return routes[0].route.code if routes else None


def relative_route_turn(kb: KnowledgeBase, message: Message, handoff: str) -> Optional[Turn]:
    """The route of a relative the visitor tells about (« mon mari est assistant dentaire depuis
    huit ans, c'est compliqué pour lui ? »), when their diploma or job decides one: said as theirs,
    and nothing of it kept as the visitor's own profile."""
    told = someone_elses_situation(message.text)
    if not told:
        return None
    facts = read_orientation(Message(told, message.intent), {})
    if "diploma" not in facts and facts.get("background") in (None, "autre"):
        return None
    profile = _profile(facts)
    rules = recommend(kb, profile)
    if not any(rule.group in DECIDING_GROUPS for rule in rules):
        return None
    answer, rules = orientation(kb, profile, handoff, rules, whose="sa")
    turn = Turn(rules=rules)
    turn.slots.update(topic="training", **{PENDING: None})
    return turn.say(answer.text(), FEEDBACK_BUTTONS)


def salary_turn(kb: KnowledgeBase, slots: dict[str, Any], message: Message) -> Turn:
    """One turn of the salary answer, never a question: the band for the visitor's experience
    (both bands while it is unknown, with buttons to say it), and the workplace's factor."""
    turn, updates, clarified = _read(slots, message, SALARY_FACTS, read_salary)
    if clarified:
        return turn
    facts = _known(slots, updates)
    experience = facts.get("experience")
    if experience is None and facts.get("recommended_route"):
        experience = turn.slots["experience"] = BEGINNER  # just advised how to enter the job
    if facts.get("work_setting") is None and facts.get("wants_alternance") is True:
        facts["work_setting"] = ALTERNANCE
    known = experience if experience in EXPERIENCE_LEVELS else None
    answer: Answer = salary_for(kb, known, facts.get("work_setting"), amounts_in(message.text))
    turn.slots.update(topic="salary", **{PENDING: None})
    turn.say(answer.text(), FEEDBACK_BUTTONS)
    if known is None and experience != SKIPPED:
        turn.say(QUESTIONS["experience"][0], QUESTIONS["experience"][1][:2])
    elif facts.get("work_setting") is None:
        turn.say(QUESTIONS["refine_salary"][0], salary_refinements(f.code for f in kb.salary_factors()))
    return turn


def pending_turn(
    kb: KnowledgeBase, slots: dict[str, Any], message: Message, handoff: str, questions_too: bool = False
) -> Optional[Turn]:
    """The adviser's turn when this message answers the pending question; None when it is
    something else (a question, a digression), to be answered as such.

    `questions_too`: the message was classified as a topic question; it still answers the
    pending question when it is not phrased as a question and states the fact asked
    ("3 ans" classified as a duration question).
    """
    pending = slots.get(PENDING)
    if pending in ORIENTATION_FACTS:
        read, orientation = read_orientation(message, slots, pending), True
    elif pending in SALARY_FACTS:
        read, orientation = read_salary(message, slots, pending), False
    else:
        return None
    if (questions_too or not read) and message.is_question and pending not in read:
        # « donc c'est plus court pour moi ? » while the years of experience are pending: a
        # question of its own, answered as such (then the pending question is asked again).
        return None
    if questions_too and pending not in read:
        return None
    if not read and message.intent not in ANSWER_INTENTS and not declines(message):
        return None
    if orientation:
        return orientation_turn(kb, slots, message, handoff)
    return salary_turn(kb, slots, message)


def resume(slots: dict[str, Any]) -> Optional[dict[str, Any]]:
    """After a digression, the pending question once more (None when nothing is pending)."""
    pending = slots.get(PENDING)
    return question_message(pending, RESUME) if pending in QUESTIONS else None
