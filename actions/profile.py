"""Read what a visitor says about themselves: the facts of the adviser and of the salary answer.

Pure functions of one message (text, intent, entities), the facts already known and the
question pending, so every reading is unit-tested without Rasa. Several facts can come in
one sentence ("je suis aide-soignante depuis 6 ans"); a short answer ("6", "non", "je sais
pas") is read against the question it answers. "je ne sais pas", "peu importe" and
"je préfère ne pas répondre" are valid answers to every question: they mark it skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from actions.context import normalise, spot
from actions.extract import dont_know, experience_years, negated
from actions.reading import GOAL, excluded_in, own_situation, without_negated
from knowledge.text import fold, question_key
from knowledge.vocabulary import (
    ALTERNANCE,
    BACKGROUNDS,
    BEGINNER,
    DIPLOMAS,
    EXPERIENCE_LEVELS,
    EXPERIENCED,
    FUNDING_PLANS,
    HEALTH_DIPLOMAS,
    WORK_SETTINGS,
)

# The adviser's facts, in the order they are asked, and the salary answer's facts.
ORIENTATION_FACTS = ("diploma", "background", "experience_years", "wants_alternance", "funding_plan")
SALARY_FACTS = ("experience", "work_setting")
# Intents a free-text answer may be classified as ("vendeuse", "dans la vente").
FREE_ANSWER_INTENTS = ("inform", "nlu_fallback", "out_of_scope")
# A value saying the visitor chose not to answer (never asked again).
SKIPPED = "inconnu"

# No bac at all; « pas le bac S », « pas un bac pro » only say which bac is not held.
_BAC_KINDS = r"s|es|l|pro|professionnel|techno|technologique|general|scientifique|st2s|stmg|sti2d|stl|litteraire"
_NO_BAC = re.compile(rf"\b(pas|sans|jamais eu)\s+(le\s+|de\s+|mon\s+|eu\s+le\s+)?bac\b(?!\s+(?:{_BAC_KINDS})\b)")
_PREFER_NOT = re.compile(r"\b(prefere\s+(ne\s+)?pas|pas\s+envie\s+de\s+repondre|je\s+passe|joker|sans\s+avis)\b")
_SHRUG = re.compile(r"^\s*(jsp|chais\s+pas|j\s*'?\s*sais\s+pas|bof|aucune?\s+id\w*)\s*[.!?]*\s*$")
# A free-text job needs at least one real word ("vendeuse"), not "euh" or "?".
_WORD = re.compile(r"[a-z]{4,}")
_BEGINNER = re.compile(
    r"\b(debut\w*|commence\w*|premier\s+(poste|emploi|job|salaire)|premiere\s+annee|"
    r"(sortie?|sortant|en\s+sortant)\s+de\s+(formation|l'?ecole|diplome)|junior|jeune\s+diplome\w*)\b"
)
_EXPERIENCED = re.compile(
    r"\b(experimente\w*|quelques\s+annees|plusieurs\s+annees|apres\s+\w+\s+ans|au\s+bout\s+de|confirme\w*|senior)\b"
)
# "je suis assistante médicale", "7 ans comme assistant médical" (not "devenir assistante médicale").
_AS_ASSISTANT = re.compile(
    r"\b(suis|travaille|bosse|exerce|experience|ans|deja)\s+(comme\s+|en\s+tant\s+qu\S*\s+)?(une?\s+)?assistante?s?\s+medica"
    r"|\bassistante?s?\s+medica\w*\s+(depuis|en poste|en exercice)"
)
_RURAL = re.compile(r"\b(village|campagne|rural\w*|zone\s+rurale)\b")
_URBAN = re.compile(r"\b(en\s+ville|grande\s+ville|urbain\w*|centre[- ]ville|paris|lyon|marseille)\b")


@dataclass(frozen=True)
class Message:
    """What the visitor sent, as NLU read it."""

    text: str
    intent: Optional[str] = None
    entities: dict[str, list[str]] = field(default_factory=dict)

    def entity(self, name: str, known: tuple[str, ...]) -> Optional[str]:
        return next((v for v in (normalise(name, raw, known) for raw in self.entities.get(name, [])) if v), None)

    @property
    def folded(self) -> str:
        return fold(self.text).replace("\u2019", "'")

    @property
    def is_question(self) -> bool:
        return "?" in self.text


def declines(message: Message) -> bool:
    """'je ne sais pas', 'peu importe', 'je préfère ne pas répondre', 'bof': a valid non-answer."""
    folded = message.folded
    return dont_know(message.text) or bool(_PREFER_NOT.search(folded) or _SHRUG.match(folded))


def _diploma(message: Message, asked: Optional[str]) -> Optional[str]:
    own = own_situation(message.text)  # not « ma fille est infirmière », not « réservé aux infirmiers ? »
    if _NO_BAC.search(own) or (own and message.entity("diploma", ("aucun",))):
        return "aucun"
    if spot(own, ("etranger",)):  # "mon diplôme belge d'aide-soignante": where it was obtained decides
        return "etranger"
    # "je peux devenir infirmier ?" names a goal, "je ne suis pas infirmière" a diploma not held.
    held = without_negated(question_key(GOAL.sub(" ", own)))
    return spot(held, DIPLOMAS) or _named_in(message, "diploma", DIPLOMAS, held)


def _named_in(message: Message, name: str, known: tuple[str, ...], held: str) -> Optional[str]:
    """The NLU's entity of that kind, when the words it was found in are among those `held`."""
    said = f" {held} "
    for raw in message.entities.get(name, []):
        value = normalise(name, raw, known)
        if value and f" {question_key(raw)} " in said:
            return value
    return None


def _background(message: Message, known: dict[str, Any], asked: Optional[str]) -> Optional[str]:
    own = own_situation(message.text)
    held = question_key(GOAL.sub(" ", own))  # "une VAE pour être assistant médical": a goal, not a job held
    value = spot(held, BACKGROUNDS) or _named_in(message, "background", BACKGROUNDS, held)
    if value == "assistant_medical" and not _AS_ASSISTANT.search(own):
        # The job the whole site is about is named by everyone (« faire la formation d'assistant
        # médical »): it is the visitor's only when they say they do it.
        value = None
    if value is None and _AS_ASSISTANT.search(own):
        value = "assistant_medical"
    if (
        value is None
        and asked == "background"
        and message.intent in FREE_ANSWER_INTENTS
        and not message.is_question
        and _WORD.search(message.folded)
        and not declines(message)
    ):
        value = "autre"  # "vendeuse", "dans la vente": a job we have no word for
    return value


def _alternance(message: Message, asked: Optional[str]) -> Optional[bool]:
    if message.entity("training_format", (ALTERNANCE,)) or spot(message.text, (ALTERNANCE,)):
        return not negated(message.text)
    if asked == "wants_alternance":
        if message.intent == "affirm":
            return True
        if message.intent == "deny" or negated(message.text):
            return False
    return None


def _funding(message: Message, asked: Optional[str]) -> Optional[str]:
    value = message.entity("funding", FUNDING_PLANS) or spot(message.text, FUNDING_PLANS)
    if value is None and asked == "funding_plan" and message.intent == "deny":
        value = SKIPPED
    return value


def read_orientation(message: Message, known: dict[str, Any], asked: Optional[str] = None) -> dict[str, Any]:
    """The adviser's facts this message states or changes (slot -> value); `asked`: the pending question."""
    found: dict[str, Any] = {
        "diploma": _diploma(message, asked),
        "background": _background(message, known, asked),
        "experience_years": experience_years(message.text, answering=asked == "experience_years"),
        "wants_alternance": _alternance(message, asked),
        "funding_plan": _funding(message, asked),
    }
    if found["diploma"] in HEALTH_DIPLOMAS and found["background"] is None and known.get("background") is None:
        found["background"] = "sante"  # "je suis aide-soignante" already says what they do
    if asked in ORIENTATION_FACTS and found[asked] is None and declines(message):
        found[asked] = SKIPPED
    changes = {slot: value for slot, value in found.items() if value is not None and value != known.get(slot)}
    if known.get("diploma") in excluded_in(message.text).get("diploma", ()) and "diploma" not in changes:
        changes["diploma"] = None  # « je parle du CAP, pas du DEAS »: the diploma kept was never theirs
    return changes


def _setting(message: Message, aside: dict[str, frozenset[str]]) -> Optional[str]:
    """Where (or how) the visitor would work, unless the message puts it aside (« je suis pas en
    alternance »)."""
    named = message.entity("training_format", (ALTERNANCE,)) or spot(message.text, (ALTERNANCE,))
    if named and ALTERNANCE not in aside.get("training_format", frozenset()):
        return ALTERNANCE
    value = message.entity("workplace", WORK_SETTINGS) or spot(message.text, WORK_SETTINGS)
    if value in aside.get("workplace", frozenset()):
        return None
    if value is None and (_RURAL.search(message.folded) or _URBAN.search(message.folded)):
        value = "cabinet"  # the sources compare practices in town and in the countryside
    return value


_SALARY_QUESTION = re.compile(
    r"\b(gagn(e|er|erai|erais|erait|ent)(?! du temps| de la place| en autonomie)|touch(e|es|ent|er|erai|erais|erait)|"
    r"salaires?|remuner\w*|paye\s+combien|"
    r"combien\s+paye|(cote|niveau|quelle|bonne|sa|ta|ma|leur|de|des)\s+pa[iy]es?|(est|etre|suis|sera|serai|serait)\s+augmentee?|augmentations?)\b"
)


_SELF = re.compile(r"\b(je|j|moi|mon|ma|mes|jsuis|chui)\b")


def speaks_of_self(message: Message) -> bool:
    """'je suis…', 'j'ai…', 'pour moi': the visitor talks about their own situation."""
    return bool(_SELF.search(re.sub(r"[^a-z0-9]+", " ", message.folded)))


def states_profile(message: Message) -> bool:
    """The message names a diploma or a job of the visitor (what decides a route)."""
    found = read_orientation(message, {})
    return "diploma" in found or found.get("background") not in (None, "autre")


def in_post(message: Message) -> bool:
    """'je suis déjà assistante médicale…': the visitor already works in the job."""
    return read_orientation(message, {}).get("background") == "assistant_medical"


_TRAINING_QUESTION = re.compile(r"\b(formations?|former|cursus|parcours|voie|diplome a passer|quoi faire)\b")


def asks_training(message: Message) -> bool:
    """'quelle formation pour moi ?': a question about which training to follow."""
    return bool(_TRAINING_QUESTION.search(message.folded))


def asks_salary(message: Message) -> bool:
    """'je toucherais combien ?', 'quel salaire pour moi ?': a question about pay."""
    return bool(_SALARY_QUESTION.search(message.folded))


def _elsewhere(message: Message, asked: Optional[str]) -> bool:
    """The years the message tells are in another job (« infirmière depuis dix ans », « dix ans
    chef de rayon »): they make no experienced assistant. Not when answering the adviser's
    question on experience, nor when the job told is this one."""
    if asked == "experience":
        return False
    told = read_orientation(message, {})
    return told.get("background") not in (None, "assistant_medical") or told.get("diploma") in HEALTH_DIPLOMAS


def read_salary(message: Message, known: dict[str, Any], asked: Optional[str] = None) -> dict[str, Any]:
    """The salary answer's facts this message states or changes (slot -> value)."""
    # A level the message puts aside (« pas le salaire de débutant, celui après quelques années »)
    # is not the visitor's, whatever word of it was said.
    excluded = excluded_in(message.text)
    aside = excluded.get("experience", frozenset())
    experience = message.entity("experience", EXPERIENCE_LEVELS)
    experience = None if experience in aside else experience
    folded = message.folded
    if experience is None:
        years = experience_years(message.text, answering=asked == "experience")
        if (_BEGINNER.search(folded) or years == 0) and BEGINNER not in aside:
            experience = BEGINNER
        elif (
            _EXPERIENCED.search(folded)
            or (years is not None and years > 0 and not _elsewhere(message, asked))
            or asked == "experience"
            and message.intent == "affirm"
        ) and EXPERIENCED not in aside:
            experience = EXPERIENCED
        elif asked == "experience" and message.intent == "deny":
            experience = BEGINNER
        elif asked == "experience" and declines(message):
            experience = SKIPPED
    found = {"experience": experience, "work_setting": _setting(message, excluded)}
    changes: dict[str, Any] = {
        slot: value for slot, value in found.items() if value is not None and value != known.get(slot)
    }
    setting = known.get("work_setting")
    if setting and setting in excluded.get("training_format", frozenset()) | excluded.get("workplace", frozenset()):
        changes.setdefault("work_setting", None)  # « je suis pas en alternance moi »: never theirs
    if known.get("wants_alternance") and ALTERNANCE in excluded.get("training_format", frozenset()):
        changes["wants_alternance"] = False
    return changes
