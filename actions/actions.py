"""Rasa custom actions. Thin by design: read the context, ask answers.py, send the text."""

from __future__ import annotations

import logging
import re
from abc import abstractmethod
from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, AllSlotsReset, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.adviser import (
    MISSES,
    PENDING,
    Turn,
    orientation_turn,
    pending_turn,
    relative_route_turn,
    resume,
    route_decided,
    salary_turn,
)
from actions.answers import Answer, compose, compose_many, focused
from actions.compose import ADVICE_TOPICS, compose_reply, continued, gap_words
from actions.context import FOCUS_ENTITIES, context_from, personal_entities
from actions.echo import Echo, echoed_words, owner, picked_up, previous_reply, single_held_words
from actions.focus import CONFIDENT, LIST_TOPICS, Reading, continues, is_yes_no, names_topic, read_question
from actions.gaps import find_gap, gap_answer
from actions.medical import asks_about_the_answers
from actions.mention import Mention, mention_answer, mention_in
from actions.messages import (
    CLARIFY,
    FEEDBACK_SORRY,
    FEEDBACK_THANKS,
    HANDOFF,
    NO_NOTHING_PENDING,
    NOTHING_TO_STOP,
    OUT_OF_SCOPE,
    QUESTIONS_STOPPED,
    WHICH_TOPIC,
    WHOLE_TOPIC,
    YES_NOTHING_PENDING,
    handoff_contact,
)
from actions.profile import (
    Message,
    asks_salary,
    asks_training,
    in_post,
    read_orientation,
    read_salary,
    speaks_of_self,
    states_profile,
)
from actions.reading import (
    ASK,
    CORRECT,
    GOAL,
    GREET,
    HEALTH,
    LAST_ATTRIBUTE,
    LAST_TOPIC,
    LEAVE,
    MENTION,
    STATE,
    THANK,
    Ask,
    MessageReading,
    alternatives_in,
    asks_besides,
    attributes_in,
    names,
    read_message,
    resolve,
)
from actions.safe import SafeAction
from actions.topics import TOPIC_TO_INTENT
from conversation.shared import (
    DATA_DELETED,
    DELETE_MY_DATA_ACTION,
    FEEDBACK_BUTTONS,
    FORGOTTEN,
    MAIN_MENU,
    NOT_FORGOTTEN,
    ORIENTATION_BUTTON,
    RATED_QUESTION,
    TOPIC_INTENTS,
    WELCOME_SHOWN,
    buttons_for,
    welcome_message,
)
from feedback.store import FeedbackStore, shared_store
from knowledge.query import KnowledgeBase
from knowledge.registry import ASPECTS, CUE_ONLY
from knowledge.retrieval import Doc, records_of
from knowledge.text import numbers_as_digits, without_placeholders, words

logger = logging.getLogger(__name__)


kb = KnowledgeBase()


def feedback_store() -> FeedbackStore:
    return shared_store()


def log_gap(tracker: Tracker, kind: str, question: str | None = None) -> None:
    """Remember a question the bot could not answer; never let that stop the reply."""
    try:
        text = question or tracker.latest_message.get("text") or ""
        feedback_store().record_unanswered(tracker.sender_id, kind, text)
    except Exception:  # noqa: BLE001 - recording is secondary to answering
        logger.exception("Could not record an unanswered question for sender %s", tracker.sender_id)


def said_of(tracker: Tracker) -> str:
    """The message as the fact index reads it: a button's payload as sent, else number words as
    digits (« vingt-deux mille brut » meets the 22 000 € of the salary band)."""
    text = tracker.latest_message.get("text") or ""
    return text if text.startswith("/") else numbers_as_digits(text)


def message_from(tracker: Tracker) -> Message:
    return message_from_parse(tracker.latest_message or {})


def message_from_parse(latest: dict) -> Message:
    """The message as NLU parsed it (text, intent, entities by name)."""
    entities: dict[str, list[str]] = {}
    for entity in latest.get("entities") or []:
        entities.setdefault(entity.get("entity"), []).append(entity.get("value"))
    return Message(text=latest.get("text") or "", intent=(latest.get("intent") or {}).get("name"), entities=entities)


def likely_topics(tracker: Tracker) -> dict[str, float]:
    """The classifier's probability for each answer topic (from its intent ranking)."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    return {TOPIC_INTENTS[r["name"]][0]: r.get("confidence") or 0.0 for r in ranking if r.get("name") in TOPIC_INTENTS}


def own_entities(tracker: Tracker, intent: str | None, message: Message) -> list[tuple[str, str]]:
    """The visitor's own diploma or experience, to remember: named by a message in which they
    speak of themself (« j'ai le DEAS »), not one that asks about a diploma (« c'est quoi le
    DEAS ? »), another person (« et pour un infirmier ? ») or a job weighed or aimed at
    (« j'hésite entre infirmier et assistant médical »): the diploma the profile reading holds."""
    if intent == "followup" or not speaks_of_self(message):
        return []
    held = read_orientation(message, {}).get("diploma")
    return [(name, value) for name, value in personal_entities(tracker) if name != "diploma" or value == held]


def confidence(tracker: Tracker) -> float:
    return (tracker.latest_message.get("intent") or {}).get("confidence") or 0.0


def send(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn) -> list[EventType]:
    """Utter the adviser's messages and set its slots; log situations the sources do not cover."""
    for message in turn.messages:
        dispatcher.utter_message(**message)
    if any(not rule.covered for rule in turn.rules):
        log_gap(tracker, "uncovered", f"orientation : {turn.messages[0]['text'].splitlines()[0]}")
    return [SlotSet(slot, value) for slot, value in turn.slots.items()]


def about_the_answers(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Where the answers come from and what they are worth, in the articles' own warning."""
    dispatcher.utter_message(response="utter_bot_challenge")
    note = kb.note("disclaimer")
    if note is not None:
        dispatcher.utter_message(text=Answer().add(note.text, note).text(), buttons=FEEDBACK_BUTTONS)
    return []


def reply_mention(
    dispatcher: CollectingDispatcher, tracker: Tracker, mention: Mention, asked_of_sources: bool = True
) -> list[EventType]:
    """Whether the sources speak of a thing, in their lines, or plainly not; a thing they never
    mention is logged for the content team like an unheard word."""
    answer = mention_answer(kb, mention, handoff_contact(), asked_of_sources)
    if not answer.records:
        log_gap(tracker, "unheard")
    dispatcher.utter_message(text=answer.text(), buttons=FEEDBACK_BUTTONS)
    return []


def follows_mention(tracker: Tracker, reading: MessageReading) -> bool:
    """« et des maisons de santé ? » right after « vos articles parlent du plan Ma santé 2022 ? »:
    the same question about the sources, of another thing (the dialogue state: what the previous
    turn was understood to do)."""
    before = tracker.get_slot(UNDERSTOOD) or {}
    return (
        MENTION in (before.get("acts") or [])
        and bool(reading.asks)
        and all(a.leans and not (a.cued and a.attribute) for a in reading.asks)  # no attribute asked in words
    )


def unheard_only(dispatcher: CollectingDispatcher, tracker: Tracker, reading: MessageReading) -> bool:
    """A question the bot cannot place, about a thing its sources never mention (« et les vaccins ? »,
    « on fait des électrocardiogrammes ? »): said plainly, rather than « pas sûr d'avoir compris ».
    `reading`: the caller's reading of the message, not read again."""
    if not reading.unheard or any(a.attribute for a in reading.asks):
        return False
    reply_mention(dispatcher, tracker, Mention(reading.unheard), asked_of_sources=False)
    return True


def reply_gap(dispatcher: CollectingDispatcher, tracker: Tracker, gap) -> list[EventType]:
    """What the sources do not say, said plainly, and logged for the content team."""
    log_gap(tracker, "not_in_sources")
    dispatcher.utter_message(text=gap_answer(gap, handoff_contact()).text(), buttons=FEEDBACK_BUTTONS)
    return []


class ConversationAction(SafeAction):
    """An action that first checks whether the message answers the adviser's pending question.

    Whatever the intent, "3 ans" or "je ne sais pas" right after "depuis combien d'années ?"
    is an answer: the adviser takes it. Anything else is answered by `reply`, then the
    pending question is asked once more (`resumes`), so a digression never ends the advice
    and never traps the visitor.
    """

    # Topic intents: an answer only when not phrased as a question and stating the fact asked.
    questions_too = False
    resumes = True
    # Questions (not answers to the adviser): first check whether the sources are silent on them.
    checks_gaps = False
    # The adviser: a question that states no profile is answered as asked, not advised on.
    advises = False

    @abstractmethod
    def reply(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]: ...

    def respond(self, dispatcher, tracker, domain):
        slots, message = tracker.current_slot_values(), message_from(tracker)
        profiled = states_profile(message)
        reading = read_message(tracker.latest_message or {}, profiled)
        # A question of its own (an attribute asked) is not an answer to the adviser's pending
        # question: it is answered, and the pending question asked again.
        asks_own = any(a.attribute for a in reading.asks) and not profiled
        # Thanks or a goodbye that asks nothing is never taken for an answer: no question traps.
        leaves = not reading.asks and bool(reading.acts & {LEAVE, THANK}) and not profiled
        turn = None if asks_own or leaves else pending_turn(kb, slots, message, handoff_contact(), self.questions_too)
        if turn is not None:
            return [*send(dispatcher, tracker, turn), SlotSet(UNDERSTOOD, reading.summary())]
        if self.checks_gaps and asks_about_the_answers(reading.text):
            return [*about_the_answers(dispatcher), SlotSet(UNDERSTOOD, reading.summary())]
        if self.checks_gaps and MENTION not in reading.acts and follows_mention(tracker, reading):
            reading = replace(reading, acts=reading.acts | {MENTION})  # « et des maisons de santé ? »
        mention = mention_in(kb, reading.text) if self.checks_gaps and MENTION in reading.acts else None
        if mention is not None and find_gap(kb, reading.said) is None:  # the gaps say what is known to be missing
            return [*reply_mention(dispatcher, tracker, mention), SlotSet(UNDERSTOOD, reading.summary())]
        # (a question about what the sources never mention gets the reading's answer, which says so first)
        own = not profiled and not reading.unheard and self._own_question(reading)  # read once for the two below
        echo = self._picked_up(tracker, reading) if own else None
        if echo is not None:
            dispatcher.utter_message(text=echo.answer().text(), buttons=FEEDBACK_BUTTONS)
            return [SlotSet(UNDERSTOOD, reading.summary())]
        held = self._held(reading) if own else None
        if held is not None:  # « y a combien de blocs ? »: about the one thing whose record holds it
            found = Reading(held.topic, [], is_yes_no(reading.text), dict(held.context))
            return [*answer_topic(dispatcher, tracker, held.topic, found), SlotSet(UNDERSTOOD, reading.summary())]
        # « ma fille a le DEAS, elle peut devenir assistante médicale ? »: the relative's route,
        # unless the question is one the sources are silent on (« il aura un CDI direct ? »).
        relative = (
            relative_route_turn(kb, message, handoff_contact())
            if asks_a_route(reading) and not profiled and not reading.unheard
            else None
        )
        if relative is not None and find_gap(kb, reading.said) is None:  # the gap read only when a relative is told
            return [*send(dispatcher, tracker, relative), SlotSet(UNDERSTOOD, reading.summary())]
        # The resolution against the dialogue state decided what is asked (« et en clinique ? »
        # after the pay; « et les urgences, c'est possible ? » after it): the reading answers it.
        # With nothing said before, « et avec de l'expérience ? » leans on nothing: it is asked
        # about, not resolved.
        resolved = resolve(reading, slots)
        nothing_before = slots.get(LAST_TOPIC) is None
        follows = self.checks_gaps and any(
            (a.attribute and (a.inherited or not said.attribute) and not (said.leans and nothing_before))
            or continued(kb, a) is not None
            for a, said in zip(resolved, reading.asks, strict=True)
        )
        if follows or ((self.checks_gaps or self.advises or asks_own) and takes_reading(reading, profiled)):
            events = reply_reading(dispatcher, tracker, reading, resolved)
        else:
            events = self._by_intent(dispatcher, tracker, domain, reading, resolved)
        return [*events, SlotSet(UNDERSTOOD, reading.summary())]

    def _own_question(self, reading: MessageReading) -> bool:
        """A question of the visitor's own (not a story, a correction or a button; the caller
        leaves out a profile) on which the sources are not known to be silent."""
        if not self.checks_gaps or reading.acts & {STATE, CORRECT, HEALTH} or ASK not in reading.acts:
            return False
        if reading.text.startswith("/"):
            return False
        return find_gap(kb, reading.said) is None  # what the sources are silent on is said so first

    def _held(self, reading: MessageReading) -> Doc | None:
        """A question whose precise words only one thing's record holds (actions/echo.py, `owner`)."""
        if any(a.objects for a in reading.asks):
            return None
        held = single_held_words(kb, reading.text)
        return owner(kb, held, asks_besides(reading.text, held)) if held else None

    def _picked_up(self, tracker: Tracker, reading: MessageReading) -> Echo | None:
        """A question about a line of the previous reply, in its words (actions/echo.py), asking
        nothing else in other words."""
        before = previous_reply(tracker.events)
        echoed = echoed_words(kb, reading.text, before)
        return picked_up(kb, echoed, before, asks_besides(reading.text, echoed)) if echoed else None

    def _by_intent(
        self, dispatcher, tracker, domain, reading: MessageReading, asks: tuple[Ask, ...]
    ) -> list[EventType]:
        """One thing asked (or none): answered by this intent's action, the gaps checked first.
        `asks`: the reading resolved against the dialogue state."""
        slots = tracker.current_slot_values()
        # The gaps read the question with what it was resolved to be about (« elle fait combien
        # d'heures cette formation ? » after the FAE is about the FAE, whose hours are known).
        gap = None
        if self.checks_gaps:  # (the profile's route read only when the gaps are)
            asked = with_route(slots, message_from(tracker), asks)
            gap = find_gap(kb, " ".join(map(gap_words, asked)), asked[0].told) if asked else find_gap(kb, reading.said)
        if self.checks_gaps and HEALTH in reading.acts and not reading.asks:
            dispatcher.utter_message(response="utter_medical_advice")
            return []
        events = reply_gap(dispatcher, tracker, gap) if gap is not None else self.reply(dispatcher, tracker, domain)
        again = resume(slots) if self.resumes else None
        if again is not None:
            dispatcher.utter_message(**again)
        return events


# What the bot understood of the turn (actions/reading.py), kept with it for the people who review
# conversations.
UNDERSTOOD = "understood"
# Intents that carry no topic of their own: a topic the reading finds in the message decides.
# (Not the fallback or out of scope: for one thing asked, retrieval weighed with the classifier
# decides those better than an attribute's words: « comment devenir boulanger ».)
UNTOPICAL_INTENTS = ("followup", "goodbye", "thanks", "greet", "medical_advice")
ADVISER_INTENTS = ("start_orientation", "inform")
SOCIAL_INTENT_RESPONSES = {"goodbye": "utter_goodbye", "thanks": "utter_thanks", "bot_challenge": "utter_bot_challenge"}
SOCIAL_RESPONSES = ((LEAVE, "utter_goodbye"), (THANK, "utter_thanks"), (GREET, "utter_greet"))


# What a question about a way into the job asks: which training, what it takes, how long, how much.
ROUTE_ATTRIBUTES = ("training", "prerequisites", "duration", "cost")


def asks_a_route(reading: MessageReading) -> bool:
    """Every question of the message is about a way into the job, or names nothing itself (the
    classifier's guess aside) while the message aims at the job (« il aimerait passer assistant
    médical, c'est compliqué pour lui ? »)."""
    aims = bool(GOAL.search(" ".join(words(without_placeholders(reading.text)))))
    return bool(reading.asks) and all(a.attribute in ROUTE_ATTRIBUTES or (not a.cued and aims) for a in reading.asks)


def words_decide(ask: Ask) -> bool:
    """The clause's own words say what it asks, whatever the classifier hesitated on: it names the
    attribute (« c'est quoi les inconvénients ? ») or asks a measure of a thing it names (« le CQP
    ça dure combien ? »)."""
    return (
        ask.cued
        and ask.attribute is not None
        and (names(ask.clause, ask.attribute) or (ask.attribute in ASPECTS and bool(ask.objects)))
    )


def only_leaves(reading: MessageReading) -> bool:
    """Thanks or a goodbye that asks nothing (no question the reading missed, no health question),
    whatever topic or person a word of it drew (« merci, je vais voir ça avec mon conseiller »)."""
    asks_nothing = not reading.asks and HEALTH not in reading.acts and "?" not in reading.text
    return asks_nothing and bool(reading.acts & {LEAVE, THANK})


def takes_reading(reading: MessageReading, profiled: bool) -> bool:
    """Whether the message needs more than its intent's action: several things asked, something
    excluded, an attribute no intent has, a thing the sources never mention, the training of another
    diploma, a career question beside health words or behind an intent that carries no topic (or
    the adviser's, when it states no profile to advise on), or only social acts (a greeting alone
    only when the classifier hesitated on it)."""
    if reading.text.startswith("/"):
        return False
    asked = [a for a in reading.asks if a.attribute]
    if not reading.asks:
        return only_leaves(reading) or (GREET in reading.acts and reading.intent == "nlu_fallback")
    return bool(
        reading.several
        or (CORRECT in reading.acts and any(a.objects for a in reading.asks))
        or ((reading.excluded or reading.unwanted or reading.aimed) and asked)
        or any(
            a.attribute in CUE_ONLY or a.objects.get("subject") or a.objects.get("training_of") or a.unheard
            for a in asked
        )
        or any(len(alternatives_in(a.clause, "workplace")) > 1 for a in asked)  # « en cabinet ou à l'hôpital ? »
        or (asked and (HEALTH in reading.acts or reading.intent in UNTOPICAL_INTENTS))
        or (
            reading.intent in TOPIC_INTENTS
            and any(a.cued and a.topic != TOPIC_INTENTS[reading.intent][0] for a in asked)
        )
        or any(words_decide(a) and (a.objects or reading.intent != "out_of_scope") for a in asked)
        or (not profiled and reading.intent in ADVISER_INTENTS and any(a.attribute in ASPECTS for a in asked))
    )


def about_a_route(topic: str | None, message: Message) -> bool:
    """A question about training, its conditions, length, cost or funding; and about continuing
    education from a visitor not yet in the job, who asks which training gets them in."""
    return topic in ADVICE_TOPICS or (topic == "continuing_education" and not in_post(message))


def with_route(slots: dict, message: Message, asks: tuple[Ask, ...] | list[Ask]) -> list[Ask]:
    """The asks as the gaps read them for a visitor whose profile decides a route: an ask that
    names no route nor format is about that route (« j'ai le DEAS, combien d'heures dure la
    formation ? » asks the FAE's hours, which the sources give; the CQP's they do not)."""
    route = route_decided(kb, slots, message) if states_profile(message) else None
    if route is None:
        return list(asks)
    return [
        a if a.objects.keys() & {"route", "training_format"} else replace(a, objects={**a.objects, "route": route})
        for a in asks
    ]


def _adviser_turn(slots: dict, message: Message, asks: tuple[Ask, ...]) -> Turn | None:
    """The adviser's answer when one question is about the visitor's own pay or route: « je
    toucherais combien ? », « je suis aide-soignante, combien dure la formation ? »."""
    # Beside the question, a clause the words name nothing in (« ça pourrait le faire ? ») is the
    # same question about the visitor's fit: only the questions in words count.
    decided = [a for a in asks if a.cued] if len(asks) > 1 else list(asks)
    if (
        len(decided) != 1
        or find_gap(kb, gap_words(with_route(slots, message, decided)[0]), decided[0].told) is not None
    ):
        return None  # « je toucherais quel % du SMIC ? »
    if decided[0].topic == "salary" and asks_salary(message) and speaks_of_self(message):
        return salary_turn(kb, {**slots, "topic": "salary"}, message)
    if about_a_route(decided[0].topic, message) and speaks_of_self(message) and states_profile(message):
        return orientation_turn(kb, slots, message, handoff_contact())
    return None


def reply_reading(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    reading: MessageReading,
    asks: tuple[Ask, ...] | None = None,
) -> list[EventType]:
    """Everything the message asks (`asks`: the reading resolved against the dialogue state, when
    the caller has it),
    answered in order in one reply (actions/compose.py); a health question beside them gets the
    refusal after it. Statements about the visitor with a question about training or pay go to
    the adviser, who answers for their profile."""
    slots, message = tracker.current_slot_values(), message_from(tracker)
    asks = resolve(reading, slots) if asks is None else asks
    if not any(a.attribute for a in asks):
        response = next((r for act, r in SOCIAL_RESPONSES if act in reading.acts), None)
        if response is None:
            return ActionClarify().reply(dispatcher, tracker, {})
        dispatcher.utter_message(response=response)
        return []
    turn = _adviser_turn(slots, message, asks)
    if turn is not None:
        events = send(dispatcher, tracker, turn)
        if HEALTH in reading.acts:
            dispatcher.utter_message(response="utter_medical_advice")
        return events
    remembered = own_entities(tracker, reading.intent, message)
    personal = {
        "diploma": slots.get("diploma"),
        "experience": slots.get("experience"),  # the message's own, clause by clause, is in each ask
        "recommended_route": slots.get("recommended_route"),
        "recommended_type": slots.get("recommended_type"),
        **dict(remembered),
    }
    excluded = frozenset(v for values in reading.excluded.values() for v in values)
    unsure = reading.confidence < CONFIDENT
    reply = compose_reply(
        kb,
        asks,
        personal,
        excluded,
        handoff_contact(),
        likely=likely_topics(tracker) if unsure else None,
        unheld=reading.aimed,
    )
    if not reply.answer.lines:
        return ActionClarify().reply(dispatcher, tracker, {})
    if reply.gaps:
        log_gap(tracker, "not_in_sources")
    if reply.unheard:
        log_gap(tracker, "unheard")
    dispatcher.utter_message(text=reply.answer.text(), buttons=reply.buttons)
    if HEALTH in reading.acts:
        dispatcher.utter_message(response="utter_medical_advice")
    events = [SlotSet("topic", reply.topic), SlotSet(FOCUS, reply.objects), SlotSet(LAST_ATTRIBUTE, reply.attribute)]
    return [*events, *(SlotSet(slot, value) for slot, value in remembered)]


FOCUS = "focus"
# A request for a person says so, in one of these words (masked personal data aside).
ASKS_FOR_SOMEONE = re.compile(
    r"(conseill|humain|personne|quelqu|contact|parler|joindre|appel|telephon|rappel|agent|vrai|reel|"
    r"mail|ecrire|discuter|echanger|adviser|operat|equipe|service)"
)
# Words that make a fragment a question of its own ("et c'est quoi le CQP ?").
ASKS = re.compile(r"\b(quoi|qu est|c est|comment|combien|quel|quelle|quels|quelles|pourquoi|ou|quand|qui)\b")


def elliptic(question: str) -> bool:
    """ "et avec de l'expérience ?": a fragment that leans on a previous answer to mean anything."""
    said = " ".join(words(question))
    return said.startswith("et ") and not ASKS.search(said)


def is_followup(intent: str | None, message: Message) -> bool:
    """ "et à l'hôpital ?": leans on the previous answer."""
    return intent == "followup" or message.folded.startswith(("et ", "et,", "et puis", "sinon "))


def answer_topic(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, reading: Reading, followup: bool = False
) -> list[EventType]:
    """The answer about `topic`: only the facts the question names when it names some (with the
    whole topic one button away), else the topic narrowed by what the visitor said.
    `followup`: the question continues the previous answer (known by the caller)."""
    intent = tracker.get_intent_of_latest_message()
    message, slots = message_from(tracker), tracker.current_slot_values()
    if asks_salary(message) and (topic != "salary" or speaks_of_self(message)):
        # "gagner", "salaire", "payé combien" are about pay whatever the classifier thought,
        # and "je toucherais combien ?" about the visitor's own pay; "et niveau salaire là-bas ?"
        # about the workplace the previous answer was about.
        facts = {**slots, "topic": "salary"}
        if is_followup(intent, message) and facts.get("work_setting") is None:
            facts["work_setting"] = (slots.get(FOCUS) or {}).get("workplace")
        return send(dispatcher, tracker, salary_turn(kb, facts, message))
    if (
        topic == "training"
        and in_post(message)
        and asks_training(message)
        and "diploma" not in read_orientation(message, {})
    ):
        # « je suis assistante médicale depuis 3 ans, quelles formations je peux faire en plus ? »:
        # the trainings of someone in the job are continuing education, not a way in (unless they
        # say what diploma they lack: « …7 ans d'expérience mais aucun diplôme, quelle formation ? »).
        topic, reading = "continuing_education", Reading("continuing_education")
    # "j'ai 7 ans d'expérience…, quelle formation pour moi ?": a training question, even when a
    # word of it ("expérience") drew retrieval to another aspect.
    classified = TOPIC_INTENTS.get(intent or "", (None,))[0]
    # (Continuing education guessed for a visitor not yet in the job is such a question too, whatever
    # place of their own situation drew retrieval: « secrétaire dans un cabinet, quelle formation ? ».)
    about_training = (
        asks_training(message)
        and about_a_route(classified, message)
        and (topic not in LIST_TOPICS or classified == "continuing_education")
    )
    if (about_a_route(topic, message) or about_training) and speaks_of_self(message) and states_profile(message):
        # "je suis aide-soignante, combien dure la formation ?": the adviser answers for them.
        return send(dispatcher, tracker, orientation_turn(kb, slots, message, handoff_contact()))
    # A follow-up keeps what the previous answer was about ("et une fois le diplôme obtenu ?").
    continued = (followup or is_followup(intent, message)) and slots.get("topic") is not None
    found = {**(slots.get(FOCUS) or {}), **reading.context} if continued else reading.context
    ctx = context_from(tracker, found)
    buttons = [ORIENTATION_BUTTON, *FEEDBACK_BUTTONS] if topic in ADVICE_TOPICS else FEEDBACK_BUTTONS
    if topic == "workplaces" and len(reading.focus) > 1:  # "cabinet ou hôpital ?": each one
        text = compose_many(topic, kb, [context_from(tracker, dict(doc.context)) for doc in reading.focus])
    elif topic in LIST_TOPICS and reading.focus:
        text = focused(topic, records_of(reading.focus), reading.yes_no).text()
        whole = TOPIC_TO_INTENT[topic]
        buttons = [{"title": f"{WHOLE_TOPIC} {TOPIC_INTENTS[whole][1].lower()}", "payload": f"/{whole}"}, *buttons]
    else:
        text = compose(topic, kb, ctx)
        if reading.yes_no and topic == "workplaces" and ctx.workplace:  # a workplace the sources name
            text = f"Oui. {text}"
    dispatcher.utter_message(text=text, buttons=buttons)
    remembered = own_entities(tracker, intent, message)
    focus = {k: v for k, v in vars(ctx).items() if k in FOCUS_ENTITIES and v}
    # « la passerelle pour un DEAP ? » is about the FAE: « et ça coûte combien ? » then asks its cost.
    opened = kb.route_for_diploma(ctx.diploma) if ctx.diploma and topic in ADVICE_TOPICS else None
    if opened is not None and "route" not in focus:
        focus["route"] = opened.code
    events = [SlotSet("topic", topic), SlotSet(FOCUS, focus)]
    return [*events, *(SlotSet(slot, value) for slot, value in remembered)]


def asked_part(said: MessageReading, question: str, strict: bool = False) -> str:
    """What the fact index reads of a message that tells a story and asks: the clauses that ask
    (« je suis au chômage, on me parle de reconversion… comment je paie la formation ? » is
    about funding, whatever record the story's words would meet); the whole message when the
    question names nothing itself (« …sans refaire 3 ans d'études. je commence par où ? »).
    `strict`: only when the questions' own words name what they ask (« je suis agent d'accueil
    à la CAF…, quelle formation ? »); a profile's story
    (« …secrétaire médicale… mon expérience peut compter pour le diplôme ? ») or a question the
    classifier hesitated on (« …assistante dentaire… est-ce que c'est compliqué pour moi ») is
    read whole."""
    if STATE not in said.acts or not any(a.attribute for a in said.asks) or question.startswith("/"):
        return question
    if strict and not all(attributes_in(a.clause) for a in said.asks):
        return question
    return numbers_as_digits(" ".join(dict.fromkeys(a.clause for a in said.asks)))


class ActionAnswer(ConversationAction):
    """Answers a topic question, or a follow-up about the topic discussed just before."""

    questions_too = True
    checks_gaps = True

    def name(self) -> str:
        return "action_answer"

    def reply(self, dispatcher, tracker, domain):
        intent = tracker.get_intent_of_latest_message()
        question = said_of(tracker)
        unsure = confidence(tracker) < CONFIDENT and not question.startswith("/")
        named = intent in TOPIC_INTENTS and names_topic(question, TOPIC_INTENTS[intent][0])
        if unsure and elliptic(question) and not named and tracker.get_slot("topic") is not None:
            # "et un assistant médical ?" after "combien gagne un plombier ?": a fragment the
            # classifier half-guessed leans on the previous question, like any follow-up.
            intent = "followup"
        if intent in TOPIC_INTENTS:
            # A sure classifier's topic is narrowed, not moved, by a fact of another topic found
            # only through an object the question names (actions/focus.py, `_through_object`).
            profiled = states_profile(message_from(tracker))
            said = read_message(tracker.latest_message or {}, profiled)
            # A profile is the adviser's to read (answer_topic), not the fact index's.
            reading = read_question(
                kb,
                asked_part(said, question, strict=profiled),
                TOPIC_INTENTS[intent][0],
                likely=likely_topics(tracker) if unsure else None,
                objects=None if unsure else said.named,
            )
        elif tracker.get_slot("topic") is None and elliptic(question):
            # "et avec de l'expérience ?" with nothing before it: about what? Ask rather than guess.
            reading = Reading(None)
        else:  # a follow-up is about the previous answer's topic, unless it names another fact
            reading = read_question(kb, question, tracker.get_slot("topic"), followup=True)
        if reading.topic not in TOPIC_TO_INTENT:
            said = read_message(tracker.latest_message or {}, states_profile(message_from(tracker)))  # respond's
            if not unheard_only(dispatcher, tracker, said):
                dispatcher.utter_message(text=WHICH_TOPIC, buttons=buttons_for(MAIN_MENU))
            return []
        return answer_topic(dispatcher, tracker, reading.topic, reading)


class ActionSessionStart(SafeAction):
    """Opens every conversation with the automated-assistant disclosure and the main topics."""

    def name(self) -> str:
        return "action_session_start"

    def respond(self, dispatcher, tracker, domain):
        # The web chat shows the welcome itself when opened (without storing anything).
        metadata = tracker.get_slot("session_started_metadata") or {}
        if not metadata.get(WELCOME_SHOWN):
            dispatcher.utter_message(**welcome_message())
        return [SessionStarted(), ActionExecuted("action_listen")]

    def run(self, dispatcher, tracker, domain):
        events = super().run(dispatcher, tracker, domain)
        # Even after a failure the session must start, or Rasa cannot go on.
        return events or [SessionStarted(), ActionExecuted("action_listen")]


class ActionOutOfScope(ConversationAction):
    checks_gaps = True

    def name(self) -> str:
        return "action_out_of_scope"

    def reply(self, dispatcher, tracker, domain):
        question = said_of(tracker)
        # "il doit suivre des protocoles ?": a fact of the job, named, that the classifier missed.
        reading = read_question(kb, question, None, likely=likely_topics(tracker), rival=confidence(tracker))
        if reading.topic in TOPIC_TO_INTENT:
            return answer_topic(dispatcher, tracker, reading.topic, reading)
        log_gap(tracker, "out_of_scope")
        dispatcher.utter_message(text=OUT_OF_SCOPE, buttons=buttons_for(MAIN_MENU))
        # "combien gagne un plombier ?" then "et un assistant médical ?": the pay, of the job we cover.
        return [SlotSet("topic", "salary"), SlotSet(FOCUS, {})] if asks_salary(message_from(tracker)) else []


class ActionSocial(ConversationAction):
    """Hello, thanks, goodbye: the polite answer, unless the message also asks something
    (« on bosse la nuit ? » is not a goodbye whatever the classifier thought)."""

    checks_gaps = True
    resumes = False

    def name(self) -> str:
        return "action_social"

    def reply(self, dispatcher, tracker, domain):
        intent = tracker.get_intent_of_latest_message() or ""
        reading = read_message(tracker.latest_message or {})
        if intent == "greet" and reading.asks:  # « Bonjour ! on travaille en cabinet ou à l'hôpital ? »
            if any(a.objects for a in reading.asks):
                return reply_reading(dispatcher, tracker, reading)
            return ActionClarify().reply(dispatcher, tracker, domain)
        dispatcher.utter_message(response=SOCIAL_INTENT_RESPONSES.get(intent, "utter_greet"))
        return []


class ActionMedicalAdvice(ConversationAction):
    """A health question: refused, pointing to a doctor and the 15. Unless the sources' gaps
    recognise it ("un âge limite pour le CQP ? j'ai 52 ans" is about access, not health):
    the gaps are checked first, as for any question."""

    checks_gaps = True

    def name(self) -> str:
        return "action_medical_advice"

    def reply(self, dispatcher, tracker, domain):
        message = message_from(tracker)
        if states_profile(message):  # « je suis aide-soignante, mal au dos… c'est envisageable ? »
            return send(
                dispatcher, tracker, orientation_turn(kb, tracker.current_slot_values(), message, handoff_contact())
            )
        if HEALTH not in read_message(tracker.latest_message or {}).acts:  # career words the classifier misread
            return ActionClarify().reply(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_medical_advice")
        return []


class ActionClarify(ConversationAction):
    """Low NLU confidence: offer the topics the classifier found most likely."""

    checks_gaps = True

    def name(self) -> str:
        return "action_clarify"

    def reply(self, dispatcher, tracker, domain):
        question, message = said_of(tracker), message_from(tracker)
        profiled = states_profile(message) and speaks_of_self(message)
        understood = read_message(tracker.latest_message or {}, profiled)
        if profiled and understood.asks and not any(a.attribute for a in understood.asks):
            # « je suis secrétaire médicale depuis six ans… par où je commence ? »: their route.
            return send(
                dispatcher, tracker, orientation_turn(kb, tracker.current_slot_values(), message, handoff_contact())
            )
        if any(a.cued and a.attribute in CUE_ONLY for a in understood.asks) or (
            CORRECT in understood.acts and any(a.attribute for a in understood.asks)
        ):
            # « je peux en valider un seul ? »: words that ask what no intent knows decide it; so
            # does what a correction says it meant (« je parlais du CPF, pas du salaire »).
            return reply_reading(dispatcher, tracker, understood)
        # "et niveau gestes techniques ?": a follow-up the classifier missed, about the last topic.
        topic = tracker.get_slot("topic")
        previous = topic if is_followup(None, message_from(tracker)) or continues(kb, question, topic) else None
        # (the questions only, not the story told beside them: « …vendeuse en boulangerie. j'ai lu
        # vingt-deux mille euros par an pour débuter. c'est en brut ou en net ? » is about pay)
        reading = read_question(
            kb, asked_part(understood, question, strict=True), previous, likely=likely_topics(tracker)
        )
        if reading.topic in TOPIC_TO_INTENT:  # the words name a fact the classifier missed
            return answer_topic(dispatcher, tracker, reading.topic, reading, followup=previous is not None)
        guesses = {name: p for name, p in understood.ranking.items() if name != "nlu_fallback"}
        elsewhere = max(guesses, key=guesses.__getitem__, default=None) == "out_of_scope"  # « … électricien ? »
        if understood.intent == "nlu_fallback" and any(a.attribute for a in understood.asks) and not elsewhere:
            # No fact named, but the words ask an attribute (« trente-trois mille brut, on l'atteint quand ? »).
            return reply_reading(dispatcher, tracker, understood)
        if unheard_only(dispatcher, tracker, understood):
            return []
        ranking = tracker.latest_message.get("intent_ranking") or []
        likely = [r["name"] for r in ranking if r.get("name") in TOPIC_INTENTS][:3]
        log_gap(tracker, "fallback")
        dispatcher.utter_message(text=CLARIFY, buttons=buttons_for(likely or MAIN_MENU))
        return []


class ActionHandoff(SafeAction):
    """Points to a human; the route is configured by the site (HANDOFF_CONTACT)."""

    def name(self) -> str:
        return "action_handoff"

    def respond(self, dispatcher, tracker, domain):
        text = tracker.latest_message.get("text") or ""
        reading = read_message(tracker.latest_message or {})
        if only_leaves(reading):  # « merci, je vais voir ça avec mon conseiller. au revoir »
            return [*reply_reading(dispatcher, tracker, reading), SlotSet(UNDERSTOOD, reading.summary())]
        if (
            text.strip()
            and not text.startswith("/")
            and not ASKS_FOR_SOMEONE.search(" ".join(words(without_placeholders(text))))
        ):
            # The classifier read "[téléphone masqué]" as a wish to call someone: it was not said.
            return ActionClarify().respond(dispatcher, tracker, domain)
        dispatcher.utter_message(text=HANDOFF.format(contact=handoff_contact()))
        return []


class ActionOrientation(ConversationAction):
    """ "Quelle formation pour moi ?" or a statement about oneself: advise at once when the
    facts decide the route, else ask the one fact still missing (actions/adviser.py)."""

    resumes = False
    advises = True

    def name(self) -> str:
        return "action_orientation"

    def reply(self, dispatcher, tracker, domain):
        slots, message = tracker.current_slot_values(), message_from(tracker)
        stated = read_orientation(message, {})  # what it says, repeated or new
        gap = find_gap(kb, message.text) if not stated else None
        if gap is not None:  # "à 55 ans c'est trop tard ?" says nothing about the visitor's route
            return reply_gap(dispatcher, tracker, gap)
        if asks_salary(message):  # "je suis aide-soignante, je toucherais combien ?"
            facts = {**slots, **read_orientation(message, slots)}
            turn = salary_turn(kb, facts, message)
            turn.slots = {**{k: v for k, v in facts.items() if slots.get(k) != v}, **turn.slots}
            return send(dispatcher, tracker, turn)
        if slots.get("topic") == "salary" and not read_orientation(message, slots) and read_salary(message, slots):
            # "à l'hôpital" right after a salary answer refines the salary, not the advice.
            return send(dispatcher, tracker, salary_turn(kb, slots, message))
        if message.intent == "inform" and message.is_question and not speaks_of_self(message):
            # "en maison de santé on travaille avec d'autres pros ?": a question about the job,
            # classified as a statement; it says nothing of the visitor.
            return ActionClarify().reply(dispatcher, tracker, domain)
        said_nothing = message.intent == "inform" and message.text.strip() and not message.text.startswith("/")
        if said_nothing and not stated and not speaks_of_self(message) and not asks_training(message):
            # Classified as a statement, yet it states nothing and says nothing of the visitor:
            # not understood, not the start of the advice.
            return ActionClarify().reply(dispatcher, tracker, domain)
        return send(dispatcher, tracker, orientation_turn(kb, slots, message, handoff_contact()))


class ActionSalaryProfile(ConversationAction):
    """ "Combien je gagnerais ?": the band for this visitor at once (both while experience is unknown)."""

    resumes = False
    checks_gaps = True

    def name(self) -> str:
        return "action_salary_profile"

    def reply(self, dispatcher, tracker, domain):
        slots, message = tracker.current_slot_values(), message_from(tracker)
        if asks_training(message) and not asks_salary(message):  # "7 ans comme assistante, quelle formation ?"
            return send(dispatcher, tracker, orientation_turn(kb, slots, message, handoff_contact()))
        if not asks_salary(message) and not read_salary(message, slots) and not message.text.startswith("/"):
            reading = read_question(kb, message.text, None)  # "et je la paye comment ?": not about pay
            if reading.topic in TOPIC_TO_INTENT and reading.topic != "salary":
                return answer_topic(dispatcher, tracker, reading.topic, reading)
        return send(dispatcher, tracker, salary_turn(kb, slots, message))


class ActionYesNo(ConversationAction):
    """ "oui" / "non": an answer to the pending question, or else a polite prompt."""

    resumes = False

    def name(self) -> str:
        return "action_yes_no"

    def reply(self, dispatcher, tracker, domain):
        slots, message = tracker.current_slot_values(), message_from(tracker)
        if read_orientation(message, slots):  # "non, pas en alternance" after the advice
            return send(dispatcher, tracker, orientation_turn(kb, slots, message, handoff_contact()))
        understood = read_message(tracker.latest_message or {})
        if any(a.attribute for a in understood.asks):  # « ça sert à quoi ? » taken for a yes
            return reply_reading(dispatcher, tracker, understood)
        if understood.asks:
            return ActionClarify().reply(dispatcher, tracker, domain)
        affirmed = tracker.get_intent_of_latest_message() == "affirm"
        dispatcher.utter_message(text=YES_NOTHING_PENDING if affirmed else NO_NOTHING_PENDING)
        return []


class ActionStop(ConversationAction):
    """ "stop": ends the pending question (or says there is none); "je préfère ne pas répondre"
    is an answer, read by the adviser."""

    resumes = False

    def name(self) -> str:
        return "action_stop"

    def reply(self, dispatcher, tracker, domain):
        pending = tracker.get_slot(PENDING)
        dispatcher.utter_message(text=QUESTIONS_STOPPED if pending else NOTHING_TO_STOP)
        return [SlotSet(PENDING, None), SlotSet(MISSES, 0)]


def _label(event: dict) -> tuple[str | None, str]:
    intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
    text = event.get("text") or ""
    if text.startswith("/"):  # a button: its label says what was asked
        text = TOPIC_INTENTS.get(intent, (None, intent or text))[1]
    return intent, text


def rated_question(tracker: Tracker) -> str | None:
    """The question the rated answer replied to.

    Skips the feedback itself and, after a form, the short answers to its questions
    ("non", "à l'hôpital"), to reach the question that started it ("combien je gagnerais ?").
    """
    asked = [_label(e) for e in reversed(tracker.events) if e.get("event") == "user"][1:]
    asked = [(intent, text) for intent, text in asked if intent not in ("feedback_positive", "feedback_negative")]
    for intent, text in asked:
        if intent not in ("inform", "affirm", "deny"):
            return text
    return asked[0][1] if asked else None


class ActionFeedback(SafeAction):
    """Stores whether the last answer helped, with the question it answered."""

    def name(self) -> str:
        return "action_feedback"

    def respond(self, dispatcher, tracker, domain):
        helpful = tracker.get_intent_of_latest_message() == "feedback_positive"
        text = tracker.latest_message.get("text") or ""
        typed = not text.startswith("/")
        asks = "?" in text and bool(read_message(tracker.latest_message or {}).asks)
        if typed and (asks or tracker.get_slot(PENDING)):
            # « c'est utile socialement ? » asks about the job, and « je ne sais pas » after the
            # adviser's question answers it: neither rates anything.
            return ActionClarify().respond(dispatcher, tracker, domain)
        # The web chat says which answer was rated (any answer, not only the last one).
        rated = (tracker.latest_message.get("metadata") or {}).get(RATED_QUESTION)
        feedback_store().record_feedback(
            sender_id=tracker.sender_id,
            helpful=helpful,
            question=rated if isinstance(rated, str) and rated else rated_question(tracker),
            topic=tracker.get_slot("topic"),
            comment=None if text.startswith("/") else text,
        )
        dispatcher.utter_message(text=FEEDBACK_THANKS if helpful else FEEDBACK_SORRY.format(contact=handoff_contact()))
        return []


class ActionDeleteMyData(SafeAction):
    """ "Supprimez mes données": deletes the visitor's feedback here; the Rasa server's tracker
    store (bot/tracker_store.py) deletes the conversation itself when it sees this action."""

    def name(self) -> str:
        return DELETE_MY_DATA_ACTION

    def respond(self, dispatcher, tracker, domain):
        try:
            feedback_store().forget(tracker.sender_id)
        except Exception:  # noqa: BLE001 - nothing erased: the tracker store keeps the conversation too
            logger.exception("Could not erase the feedback of a conversation")
            dispatcher.utter_message(text=NOT_FORGOTTEN)
            return []
        # The marker is the confirmation: the tracker store erases the conversation only when it
        # sees it, and the web chat clears its own copy.
        dispatcher.utter_message(text=FORGOTTEN, **{DATA_DELETED: True})
        return [AllSlotsReset()]
