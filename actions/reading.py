"""One reading of each visitor message: what it does and every thing it asks, built once per turn.

The classifier (Rasa NLU) gives the message's main speech act and its topic probabilities;
the entity extractor and the synonyms give the things named. This module splits the message
into clauses and reads, in each, the attribute asked (knowledge/registry.py) and the objects
named (knowledge/vocabulary.py values, found by their synonyms), which things are excluded
(« pas le CQP », « je ne veux pas travailler à l'hôpital »), and whether a clause asks for
health advice. Every action reads this `MessageReading`; none re-reads the text for these.

The reading is then resolved against the dialogue state (`resolve`): a clause that asks an
attribute and names no object is about the object of the previous answer (« il mène à quel
diplôme ? »), one that names an object and no attribute asks the previous attribute
(« et à l'hôpital ? »), the way rasa_sdk's knowledge base keeps its last object in slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Optional

from actions.context import known_words, one_synonyms_lookup, spellings, synonyms
from actions.focus import CONFIDENT
from actions.medical import asks_medical_advice, mentions_health
from actions.topics import TOPIC_TO_INTENT
from conversation.shared import TOPIC_INTENTS
from knowledge.lexicon import Lexicon, lexicon_for
from knowledge.registry import (
    ASPECTS,
    ATTRIBUTES,
    BY_CODE,
    CAREER_WORDS,
    CUE_ONLY,
    DEFINITION,
    MEASURED_SUBJECTS,
    MEASURES,
    NAMES,
    SUBJECTS,
    WHERE,
    own_topic,
)
from knowledge.text import fold, numbers_as_digits, one_edit, without_placeholders, words
from knowledge.vocabulary import ENTITIES

# Objects a clause can name, and can exclude.
OBJECT_ENTITIES = ("route", "training_format", "workplace", "funding", "specialty", "experience")
EXCLUDABLE = OBJECT_ENTITIES + ("diploma",)
# Objects a visitor's own situation names that their question is about (« mon neveu veut faire
# l'alternance. il serait payé comment ? »), unlike where they work now (« je travaille en
# clinique. qui finance la formation ? »).
PLANNED = ("route", "training_format")
# Speech acts.
ASK, STATE, LEAVE, THANK, GREET, HEALTH, CORRECT = "ask", "state", "leave", "thank", "greet", "health", "correct"
# Asking whether the sources say anything of a thing (« le CSP, vos articles en parlent ? »).
MENTION = "mention"
SOCIAL_INTENTS = {"goodbye": LEAVE, "thanks": THANK, "greet": GREET}
# A social intent this likely in the classifier's ranking is one of the message's acts.
SOCIAL_FLOOR = 0.25
# The words a message opens or closes with to thank or to take leave, whatever else it says
# (« merci je vais chercher de mon côté », « merci au revoir », on which the classifier hesitates).
FORMULAS = {
    "merci": THANK,
    "mrc": THANK,
    "mci": THANK,
    "thanks": THANK,
    "thx": THANK,
    "au revoir": LEAVE,
    "aurevoir": LEAVE,
    "bye": LEAVE,
    "ciao": LEAVE,
    "bonne journee": LEAVE,
    "bonne soiree": LEAVE,
    "bonne continuation": LEAVE,
    "a bientot": LEAVE,
    "je vous remercie": THANK,
    "cordialement": LEAVE,
}


# Fillers before a formula and intensifiers after it (« ok merci beaucoup », « super merci bcp »).
_FORMULA_EDGES = re.compile(
    r"^((ok|okay|bon|alors|d accord|super|parfait|top|oui|ah|euh|tres bien)\s+)+"
    r"|(\s+(beaucoup|bcp|bien|encore|infiniment|mille fois|pour tout|a vous))+$"
)


def formula_acts(text: str) -> set[str]:
    """The social acts the first or last words of the message or of one of its phrases do
    (FORMULAS): « d'accord, merci pour votre aide et bonne continuation » thanks and leaves."""
    acts = set()
    for phrase in [text, *re.split(r"[,;.!?\n]", text)]:
        said_words = _FORMULA_EDGES.sub("", " ".join(_words(phrase))).split()  # « ok merci beaucoup »
        for formula, act in FORMULAS.items():
            said = formula.split()
            if said_words[: len(said)] == said or said_words[-len(said) :] == said:
                acts.add(act)
    return acts


_CONNECTOR = re.compile(r"\s*(?:,|\bet\b|\bmais\b|\bpuis\b|\bsinon\b|\baussi\b)\s+")
# A yes/no question on whether something is there or can be done at all.
_EXISTS = re.compile(r"\b(c est possible|possible|y a t il|ya t il|il y a|y a|ya|existe|existent|ca existe)\b")
_LEADING_CONNECTOR = re.compile(r"\s*(?:et|mais|puis|sinon|aussi|and)\s+", re.IGNORECASE)  # franglais « and »
_WH = re.compile(
    r"\b(combien|cb|comment|pourquoi|quand|quoi|koi|quel|quelle|quels|quelles|lequel|laquelle|qui|est ce qu|"
    r"est ce que|peut on|faut il|y a t il|ya t il)\b"
)
# Words that put what follows out of the question (« pas le CQP », « sans l'alternance »).
_NEGATOR = re.compile(r"\b(pas|sans|ni|sauf|hors|excepte|autre que|plutot que|autrement que|a part)\b")
# A negation covers a noun phrase: a connector, a subject or a question word starts something else
# (« à part le CQP il y a quelles formations ? » puts the CQP aside, not the training).
_SCOPE_END = re.compile(r"\b(mais|plutot|et|ou bien|il|elle|on|je|j|c|quel|quelle|quels|quelles|comment|combien)\b")
_SCOPE_WORDS = 7
# A dislike said after the thing (« le cabinet de ville ça me tente pas »): what the clause names is out.
_DISLIKE = re.compile(r"\b(tente|tentent|interesse|interessent|plait|plaisent|attire|attirent|branche)\s+(pas|plus)\b")
# A refusal said after the thing (« la VAE non », « l'alternance pas pour moi »).
_REFUSED = re.compile(r"(?<!\bou )\b(non|pas|surtout pas|non merci)( pour moi| merci)?$")  # not « … ou pas ? »
# A correction of the previous turn (« non en fait je voulais dire… »).
_CORRECTION = re.compile(
    r"^((ah|oh|euh) )?(non|nan|nn|pardon|oups|en fait|je voulais dire|plutot|enfin)\b|\bje voulais dire\b"
    r"|\b(je parlais|je parle|je demandais|ma question (c est|etait|portait|porte))\b"
)
# The visitor saying what they meant (« je parlais du CPF »), not telling their situation.
_SAYS_WHAT_IT_MEANT = re.compile(r"^(je voulais dire|je parlais|je parle|je demandais)\b")
# An anaphora or an ellipsis: the clause leans on what was said before.
_LEANS = re.compile(
    r"^(et|sinon|puis|and)\b|\b(il|elle|ils|elles|ca|ce|c est|cette|cet|ces|celle ci|celui ci|la bas|la dessus|y)\b"
)
# « il y a », « il faut »: no « il » to lean on.
_IMPERSONAL = re.compile(r"\b(il y a|y a t il|ya t il|y a|il faut|faut il|il existe|est ce que|est ce qu|qu est ce)\b")
# A clause that starts by the visitor speaking of themself states, unless it asks (« je veux me former »).
_SELF_START = re.compile(r"^(je|j|jsuis|chui|moi|mon|ma|mes)\b")
# …unless it requests (« je voudrais les inconvénients », « j'aimerais savoir le salaire »).
_REQUEST = re.compile(
    r"\b(je|j)\s+((veux|voudrais|aimerais|souhaite|souhaiterais|cherche|recherche|prefere|preferais|prefererais)\s+"
    r"(savoir|connaitre|comprendre|en savoir|avoir|le|la|les|l|des|du|un|une|celui|celle|plutot)|"
    r"me demande|me demandais|me pose la question|ne sais pas si|sais pas si)\b"
)  # « je veux me former » states an intention, « je veux les inconvénients » asks


# A request in the imperative (« dites-moi où… », « expliquez-moi le CQP »): it asks.
_IMPERATIVE = re.compile(
    r"\b(dites|dis|expliquez|explique|parlez|parle|donnez|donne|indiquez|indique|precisez|precise|racontez|raconte"
    r"|detaillez|detaille|decrivez|decris)\s+(moi|nous)\b"
)
# « où » asks a place; folded, it is « ou » (or), so it is read before folding.
_WHERE = re.compile(r"(?<![\w'])(?<!par.)où\b", re.IGNORECASE)  # not « par où commencer », « d'où »


_SOURCE_NOUNS = r"(?:sources|articles|documents|textes|infos|informations|fiches)"
_ASKS_MENTION = re.compile(
    rf"\b(?:(?:vos|tes|les|ces|leurs|ses) {_SOURCE_NOUNS} (?:en |y |le |la |les |l )?"
    r"(?:parlent|parle|mentionnent|mentionne|citent|cite|evoquent|evoque|abordent|disent|dit)\b"
    rf"|(?:vous avez|avez vous|t as|tu as|as tu|y a t il|il y a|ya) (?:des |une |de l |l |quelque chose )?"
    r"(?:infos?|informations?|quelque chose|qqch|qqc) (?:sur|concernant|a propos)"
    r"|\b(?:est|sont|etait|soit|il|elle|ils|elles)(?: \w+)? "
    r"(?:cite|citee|cites|citees|mentionne|mentionnee|mentionnes|mentionnees|evoque|evoquee)\b)"
)


def asks_mention(text: str) -> bool:
    """The text asks whether the sources say anything of a thing (actions/mention.py)."""
    return bool(_ASKS_MENTION.search(" ".join(_words(text))))


def _words(text: str) -> list[str]:
    """The visitor's own folded words (what masking put in place of personal data left out)."""
    return words(without_placeholders(text))


@dataclass(frozen=True)
class Ask:
    """One thing asked: an attribute (None: the clause names none) of the objects it names."""

    attribute: Optional[str]
    objects: dict[str, str] = field(default_factory=dict)
    clause: str = ""
    yes_no: bool = False
    leans: bool = False
    # The attribute was named by the clause's words (or carried over from the previous ask), not
    # guessed by the classifier: the facts the clause names narrow it but never replace it.
    cued: bool = True
    # Resolved from what came before (its objects or its attribute): a follow-up.
    inherited: bool = False
    # The topic of the answer before, for an ask that names no object: what it asks may be a
    # thing that answer listed (« c'est quoi comme modules ? » after continuing
    # education), which the knowledge base decides (actions/compose.py, `continued`).
    previous: Optional[str] = None
    # What the message tells besides its questions (« je suis enceinte. il y a des aménagements
    # pendant la formation ? »): where a gap about the visitor's own condition is read.
    told: str = ""
    # The things the clause asks about that the sources never mention (« il fait des vaccins ? »),
    # as the visitor wrote them: said so before the nearest answer (knowledge/lexicon.py).
    unheard: tuple[str, ...] = ()

    @property
    def topic(self) -> Optional[str]:
        """The answer topic (composer) of this ask: a definition of a named thing is that thing's topic."""
        if self.attribute is None:
            return None
        if self.attribute == DEFINITION and self.objects:
            return own_topic(self.objects)
        return BY_CODE[self.attribute].topic


@dataclass(frozen=True)
class MessageReading:
    text: str
    intent: Optional[str]
    confidence: float
    acts: frozenset[str]
    asks: tuple[Ask, ...]
    excluded: dict[str, frozenset[str]]
    ranking: dict[str, float] = field(default_factory=dict)
    # Objects the message names outside its questions (« je préfère une maison de santé. y a des
    # primes ? »): what its questions are about when they name nothing themselves.
    stated: dict[str, str] = field(default_factory=dict)
    # Attributes the message puts aside (« ni le salaire ni la formation : … »): never answered.
    unwanted: frozenset[str] = frozenset()
    # Diplomas named only as a goal or a choice (« j'hésite entre infirmier et… »): not the
    # visitor's, and no object of the question either.
    aimed: frozenset[str] = frozenset()

    @property
    def said(self) -> str:
        """The text normalised once for matching: folded, number words as digits (« seize ans » → 16 ans)."""
        return numbers_as_digits(fold(self.text))

    @property
    def named(self) -> dict[str, str]:
        """Every object the questions name (the first of each kind)."""
        return {k: v for a in reversed(self.asks) for k, v in a.objects.items()}

    @property
    def unheard(self) -> tuple[str, ...]:
        """What the questions ask about that the sources never mention (`Ask.unheard`)."""
        return tuple(dict.fromkeys(w for a in self.asks for w in a.unheard))

    @property
    def several(self) -> bool:
        """Several things asked in one message (in separate clauses), each to be answered."""
        return len(self.asks) > 1

    def summary(self) -> dict[str, Any]:
        """What the bot understood, kept with the turn for the people who review conversations."""
        return {
            "acts": sorted(self.acts),
            "asks": [
                {"attribute": a.attribute, "objects": a.objects, "yes_no": a.yes_no}
                | ({"unheard": list(a.unheard)} if a.unheard else {})
                for a in self.asks
            ],
            "excluded": {k: sorted(v) for k, v in self.excluded.items()},
            **({"unwanted": sorted(self.unwanted)} if self.unwanted else {}),
            **({"aimed": sorted(self.aimed)} if self.aimed else {}),
        }


# ---------------------------------------------------------------------------- clauses


# Every cue as (words, attribute, strong), longest first.
_CUES = sorted(
    [(tuple(c.split()), a.code, True) for a in ATTRIBUTES for c in a.cues]
    + [(tuple(c.split()), a.code, False) for a in ATTRIBUTES for c in a.weak],
    key=lambda c: -len(c[0]),
)


def _cue_spans(words: list[str], named: dict[int, str]) -> tuple[list[tuple[int, str, bool]], frozenset[str]]:
    """(position, attribute, strong) of every cue in `words`, longest cues first: a word a longer
    cue has used («qui paie» for funding) is not read again by a shorter one (« paie », pay).
    The words at positions `named` spell an object (« le programme court » names a training
    format, not the programme): a cue reads them only when it spells them itself and goes beyond
    them (« années d'expérience » asks what is required, whatever « expérience » names); the
    objects whose spelling a cue read so are returned too: the cue, not the object, was said."""
    said, heads = set(words), {w[:5] for w in words if len(w) >= 5}
    cues = [c for c in _CUES if c[0][0] in said or (len(c[0][0]) >= 5 and c[0][0][:5] in heads)]
    used: set[int] = set()
    found: list[tuple[int, str, bool]] = []
    for cue, code, strong in cues:
        n = len(cue)
        for i in range(len(words) - n + 1):
            span = range(i, i + n)
            if any(j in used for j in span) or all(j in named for j in span):
                continue
            if all(
                w == c or (j not in named and len(c) >= 5 and w.startswith(c))
                for j, w, c in zip(span, words[i : i + n], cue, strict=True)
            ):
                used.update(span)
                found.append((i, code, strong))
    return sorted(found), frozenset(named[j] for j in used if j in named)


def _object_positions(words: list[str]) -> dict[int, str]:
    """The positions of the words that spell an object (a route, a place, a format…) or a
    diploma (« les aides-soignantes » names people, it asks no « aides »), longest spellings
    first, with the object's kind."""
    words = singular(words)
    said = f" {' '.join(words)} "
    named: dict[int, str] = {}
    for entity in EXCLUDABLE:
        for spelling, _ in spellings(ENTITIES[entity].codes):
            spelt = _singular_spelling(spelling)
            if f" {' '.join(spelt)} " not in said:
                continue
            n = len(spelt)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == spelt and not any(j in named for j in range(i, i + n)):
                    named.update((j, entity) for j in range(i, i + n))
    return named


def _cues(text: str) -> tuple[list[str], list[str]]:
    """(strong, weak) attributes a clause's words ask for, in the order said."""
    strong, weak, _ = _clause_cues(text)
    return strong, weak


def _describes(words: list[str], at: int) -> bool:
    """A figure and its unit after « de » describe a thing named (« la FAE de 112 heures », « la
    formation de 18 mois »): said to name it, not to ask its measure."""
    return at >= 2 and words[at - 1].isdigit() and words[at - 2] in ("de", "d")


def _clause_cues(text: str) -> tuple[list[str], list[str], frozenset[str]]:
    """(strong, weak) attributes a clause's words ask for, in the order said, and the kinds of
    object whose spelling belongs to a cue (« combien d'années d'expérience » names no
    experience level)."""
    said = _words(text)
    spans, spent = _cue_spans(said, _object_positions(said))
    strong = list(dict.fromkeys(code for _, code, s in spans if s))
    weak = list(dict.fromkeys(code for i, code, s in spans if not s and not _describes(said, i)))
    if _WHERE.search(text) and not strong and not weak:  # « où » asks where, when nothing else is named
        weak.append(WHERE)
    return strong, weak, spent


def attributes_in(text: str) -> list[str]:
    """The attributes a clause asks for, in the order said: its strong cues (a subject such as
    the training set aside when an aspect of it is asked), else its first weak one."""
    return _attributes(*_cues(text))


def asks_besides(text: str, put_aside: set[str]) -> bool:
    """The text asks an attribute or names an object in other words than `put_aside` (folded words)."""
    rest = " ".join(w for w in _words(text) if w not in put_aside)
    return bool(_cues(rest)[0] or objects_in(rest))


def _attributes(strong: list[str], weak: list[str]) -> list[str]:
    if any(a in ASPECTS for a in strong):
        strong = [a for a in strong if a not in SUBJECTS]
    if strong:
        return strong
    return next(([a.code] for a in ATTRIBUTES if a.code in weak), [])


def _subject(strong: list[str]) -> Optional[str]:
    """What an aspect is asked of when it is a topic rather than a value (« la formation continue
    coûte combien ? »: continuing education)."""
    return next((t for t in MEASURED_SUBJECTS if t in strong and any(a in ASPECTS for a in strong)), None)


def objects_in(text: str, excluded: dict[str, frozenset[str]] | None = None) -> dict[str, str]:
    """The objects a clause names, by the synonyms' spellings: of each kind, the first one said
    that is not excluded (« je parlais de la VAE, pas du CQP »: the VAE)."""
    found = {}
    for entity in OBJECT_ENTITIES:
        kept = [v for v in alternatives_in(text, entity) if v not in (excluded or {}).get(entity, ())]
        if kept:
            found[entity] = kept[0]
    return found


# The training that leads to a diploma, named by it (« la formation d'infirmier », « l'école
# d'aide-soignante », « les études d'infirmière », « combien de temps pour devenir infirmier ? »):
# a question about that training, not about a holder of the diploma (« avec le DEI… »).
_TRAINING_OF = re.compile(
    r"\b(?:formation|ecole|etude|cursus|concours|devenir|redevenir)"
    r"(?: (?:d|de|du|des|l|le|la|pour devenir|pour etre))? $"
)


def training_of(text: str) -> Optional[str]:
    """The diploma whose own training the clause names (`_TRAINING_OF`), if any."""
    folded = f" {' '.join(singular(_words(text)))} "
    for spelt, value in spellings(ENTITIES["diploma"].codes):
        at = folded.find(f" {' '.join(_singular_spelling(spelt))} ")
        if at > 0 and _TRAINING_OF.search(folded[: at + 1]):
            return value
    return None


def singular(words: list[str]) -> list[str]:
    """The words with a plural « -s » dropped (« les cabinets », « des cliniques »), so that one
    spelling names a thing in the singular and the plural; both sides of a match go through it."""
    return [w[:-1] if len(w) >= 5 and w.endswith("s") and not w.endswith("ss") else w for w in words]


@lru_cache(maxsize=4096)
def _singular_spelling(spelling: str) -> tuple[str, ...]:
    """A spelling's words through `singular`, once per spelling (read for every clause)."""
    return tuple(singular(spelling.split()))


def alternatives_in(text: str, entity: str) -> list[str]:
    """Every value of one kind a clause names (« en cabinet ou à l'hôpital ? »), in order said."""
    folded = f" {' '.join(singular(_words(text)))} "
    spots: list[tuple[int, str]] = []
    for spelt, value in spellings(ENTITIES[entity].codes):
        spelling = " ".join(_singular_spelling(spelt))
        at = folded.find(f" {spelling} ")
        if at < 0 and len(spelling) >= _FUZZY_LENGTH:
            at = _misspelt_at(folded, spelling)
        if at >= 0 and value not in (v for _, v in spots):
            spots.append((at, value))
            folded = folded.replace(f" {spelling} ", " _ ")
    return [v for _, v in sorted(spots)]


# Spellings this long are also found typed with one letter wrong, missing or extra in a word of
# five letters or more (« programe long », « maison de sabté »); shorter ones only as written.
_FUZZY_LENGTH = 8


def _misspelt_at(folded: str, spelling: str) -> int:
    """Where the words of `spelling` appear with at most one typo per long word (-1: nowhere)."""
    wanted, said = spelling.split(), folded.split()
    for i in range(len(said) - len(wanted) + 1):
        window = said[i : i + len(wanted)]
        if all(w == x or (len(x) >= 5 and one_edit(w, x)) for w, x in zip(window, wanted, strict=True)):
            return len(" ".join(said[:i])) + 1 if i else 0
    return -1


def _negated_scopes(text: str) -> list[str]:
    """The stretches of words a negation covers (`_negations`)."""
    return [scope for scope, _ in _negations(text)]


def _negations(text: str) -> list[tuple[str, bool]]:
    """The stretches of words a negation covers: a few words after « pas », « sans », « ni »…
    up to « mais », « et » or a punctuation mark (« pas le CQP, le programme long »); and a whole
    clause that says it does not appeal. With each, whether it sets aside a list (« à part le
    cabinet et l'hôpital »), of which every thing named is out."""
    scopes = []
    for piece in re.split(r"[,;:.!?\n]", text):
        folded = " ".join(_words(piece))
        if _REFUSED.search(folded):  # « la VAE non, … »
            scopes.append((folded, False))
        for negator in _NEGATOR.finditer(folded):
            scope = folded[negator.end() :].split()[:_SCOPE_WORDS]
            cut = next((i for i, w in enumerate(scope) if _SCOPE_END.fullmatch(w)), len(scope))
            listed = negator.group(1) in _EXCEPT and _listed_on(scope, cut)
            scopes.append((" ".join(scope[: min(len(scope), cut + 4) if listed else cut]), listed))
    for clause, _ in clauses(text):
        said = " ".join(_words(clause))
        if _DISLIKE.search(said):
            scopes.append((said, False))
    return scopes


# Negators that set aside a list (« à part le cabinet et l'hôpital »), unlike « pas le CQP et la
# VAE, c'est quoi ? », where « et » moves on to what is asked.
_EXCEPT = ("a part", "sauf", "hors", "excepte", "autre que")


def _listed_on(scope: list[str], cut: int) -> bool:
    """The negation's scope stops at « et » or « ou » before another thing of the same kind as
    the one it covers (« à part le cabinet et l'hôpital, … »): a list, covered as a whole."""
    if cut >= len(scope) or scope[cut] not in ("et", "ou"):
        return False
    before, after = objects_in(" ".join(scope[:cut])), objects_in(" ".join(scope[cut + 1 : cut + 5]))
    return bool(before.keys() & after.keys())


def excluded_in(text: str) -> dict[str, frozenset[str]]:
    """The objects a negation puts out of the question (« pas le CQP », « sans l'alternance »),
    every one of a list (« à part le cabinet et l'hôpital »)."""
    excluded: dict[str, set[str]] = {}
    for scope, listed in _negations(text):
        for entity in EXCLUDABLE:
            # Any other scope sets aside the first thing of a kind it names (« le CQP ne
            # m'intéresse pas, la VAE c'est pour qui ? » sets the CQP aside, not the VAE).
            values = alternatives_in(scope, entity)
            excluded.setdefault(entity, set()).update(values if listed else values[:1])
    return {k: frozenset(v) for k, v in excluded.items() if v}


def excluded_attributes(text: str) -> set[str]:
    """The attributes a negation puts out of the question (« pas le salaire, les débouchés »)."""
    return {code for scope in _negated_scopes(text) for code in _cues(scope)[0]}


def without_negated(folded: str) -> str:
    """The folded words with what a negation covers blanked out (« je ne suis ni aide-soignante ni
    infirmière, je suis secrétaire médicale »: only the secretary is said)."""
    said = f" {folded} "
    for scope in _negated_scopes(folded):
        if scope:
            said = said.replace(f" {scope} ", " _ ", 1)
    return " ".join(said.split())


# Whose situation a clause tells. Someone else as its subject (« ma fille est en terminale »,
# « elle hésite entre infirmière et… »), or a question that asks in general (« c'est réservé aux
# infirmiers ? », « la formation d'infirmier dure combien ? »): a diploma or a job it names is
# not the visitor's, and the adviser does not take it as theirs.
_RELATIVES = (
    "fille|fils|soeur|frere|mere|pere|mari|femme|epouse|epoux|copine|copain|ami|amie|cousine|cousin|collegue"
    "|enfant|enfants|voisine|voisin|tante|oncle|niece|neveu|compagne|compagnon|conjoint|conjointe|belle soeur"
    "|beau frere|belle mere|beau pere|patronne|patron|cheffe|chef|entourage"
)
_SOMEONE_ELSE = re.compile(rf"\b(?:(?:ma|mon|mes|ta|ton|tes|sa|son|ses|une|un|des|leur)\s+(?:{_RELATIVES})s?)\b")
_THIRD_PERSON = re.compile(r"^(?:(?:et|mais|puis|alors|donc|or)\s+)?(?:elle|il|ils|elles|lui|eux)\b")
_FIRST_PERSON = re.compile(r"\b(je|j|jsuis|chui|jai|moi|perso|personnellement)\b")
# A possessive that is the visitor's (« avec mon DEAS »), not « ma question » or « ma fille ».
_MY = re.compile(rf"\b(mon|ma|mes)\s+(?!(?:{_RELATIVES}|question|questions|demande|message)\b)")


# A job or diploma aimed at or weighed, up to the end of the clause: "devenir infirmier", "viser
# le DEI", "j'hésite entre infirmier et assistant médical" (a choice, not a diploma held).
GOAL = re.compile(
    r"\b(devenir|deviendrai|viser|passer|preparer|obtenir|evoluer vers|aller vers|pour etre|faut etre|faut il etre"
    r"|faut avoir|faut il avoir|faut il le|faut le|obligatoire d etre|oblige d etre|besoin d etre"
    r"|hesite|hesites|hesiter|hesitation|choisir|choix entre|entre)\b[^,.;!?\n]*"
)


def aimed_in(text: str) -> frozenset[str]:
    """The diplomas the message names only as a goal or a choice (« j'hésite entre infirmier et
    assistant médical »): they say nothing of the visitor's route, whatever fact they match."""
    pieces = [" ".join(_words(piece)) for piece in re.split(r"[,;:.!?\n]", text)]
    goals = " , ".join(m.group(0) for piece in pieces for m in GOAL.finditer(piece))
    rest = " , ".join(GOAL.sub(" ", piece) for piece in pieces)
    return frozenset(alternatives_in(goals, "diploma")) - frozenset(alternatives_in(rest, "diploma"))


def _told_parts(text: str) -> list[tuple[str, str, bool, bool]]:
    """Each part of the message (sentences cut at their connectors) as (words as said, folded,
    whether it speaks of someone else, whether a question mark closes it). A part with no subject
    of its own speaks of whom the part before it did (« il n'a pas le bac S mais un bac général »)."""
    parts: list[tuple[str, str, bool, bool]] = []
    for sentence in re.findall(r"[^?!;.\n]+(?:[?!;.\n]+|$)", text):
        pieces = [p for p in _CONNECTOR.split(sentence.strip(" ?!;.\n")) if p.strip()]
        someone = False
        for i, part in enumerate(pieces):  # « ma sœur est infirmière et moi aide-soignante »
            folded = " ".join(_words(part))
            if _SOMEONE_ELSE.search(folded) or (_THIRD_PERSON.search(folded) and not _FIRST_PERSON.search(folded)):
                someone = True
            elif _FIRST_PERSON.search(folded) or _MY.search(folded):
                someone = False
            parts.append((part, folded, someone, "?" in sentence and i == len(pieces) - 1))
    return parts


# A noun after one of these names a thing (« des vaccins », « en Martinique », « la mutuelle »);
# without, spaCy's noun is often a verb or a word of chat (« revenons », « jpeux »).
_NOUN_PHRASE_OPENERS = ("DET", "ADP")


def unheard_in(clause: str, syntax: Any, story: frozenset[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The nouns of a question clause the sources never speak of (knowledge/lexicon.py), as the
    visitor wrote them; not those of the visitor's own story around it (`story`: « je suis
    préparatrice en pharmacie. un assistant peut travailler en officine ? » asks about the officine)."""
    said = _words(clause)
    found: list[str] = []
    for token in syntax or []:
        if not (isinstance(token, list) and len(token) >= 4):
            continue
        text, lemma, pos, before = (str(t) for t in token[:4])
        word = fold(text)
        if pos not in ("NOUN", "PROPN") or before not in _NOUN_PHRASE_OPENERS:
            continue
        if word not in said or word in story or any(fold(f) == word for f in found):
            continue
        written = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", clause, re.IGNORECASE)
        as_written = written.group(0) if written else text
        if lexicon.unheard(word, lemma, capitals=as_written.isupper()):
            found.append(as_written)
    return tuple(found)


def _story_words(text: str) -> frozenset[str]:
    """The words of the parts of the message that ask nothing (the visitor's story)."""
    return frozenset(
        w
        for part, folded, _, asked in _told_parts(text)
        if not _is_question(folded, asked, _cues(part)[0])
        for w in folded.split()
    )


def own_situation(text: str) -> str:
    """The clauses of the message that tell the visitor's own situation, folded, one per line:
    statements whose subject is not someone else, and questions where the visitor speaks of
    themself (« je suis aide-soignante, … », « avec mon DEAS je peux … ? »)."""
    kept = []
    for part, folded, someone, asked in _told_parts(text):
        if someone:
            continue
        if _is_question(folded, asked, _cues(part)[0]) and not (_FIRST_PERSON.search(folded) or _MY.search(folded)):
            continue
        kept.append(folded)
    return "\n".join(kept)


def someone_elses_situation(text: str) -> str:
    """The statements of the message about one relative (« mon mari est assistant dentaire depuis
    huit ans. il aimerait passer assistant médical »), folded, one per line, told as the visitor's
    own (the relative and « il »/« elle » become « je ») so that the readers of a situation read
    it; empty when the message names no relative."""
    if not _SOMEONE_ELSE.search(" ".join(_words(text))):
        return ""
    told = [folded for _, folded, someone, _ in _told_parts(text) if someone]
    return "\n".join(_THIRD_PERSON.sub("je", _SOMEONE_ELSE.sub("je", folded)) for folded in told)


# Words that are an object pronoun when spaCy tags them so (« on peut les valider ? »), an
# article otherwise (« les blocs »).
_OBJECT_PRONOUNS = {"le", "la", "les", "l", "lui", "leur", "en"}


def object_pronouns(syntax: Any) -> set[str]:
    """The object pronouns of the message, from spaCy's parse in the NLU result (bot/nlu_syntax.py)."""
    found = set()
    for token in syntax or []:
        if isinstance(token, list) and len(token) >= 3 and token[2] == "PRON":
            word = fold(str(token[0])).rstrip("'\u2019")
            if word in _OBJECT_PRONOUNS:
                found.add(word)
    return found


def _career_words(folded: str) -> bool:
    said = f" {folded} "
    return any(f" {w} " in said for w in CAREER_WORDS)


def _asks_wh(folded: str) -> bool:
    """A question word, not an idiom (« merci quand même ») nor a relative pronoun or a
    conjunction (« mon fils de 17 ans qui hésite », « j'ai mal quand je cours »)."""
    return bool(_WH.search(_SUBORDINATE.sub(r"\1", _NOT_WH.sub(" ", folded))))


_NOT_WH = re.compile(r"\b(quand meme|quand bien meme|n importe qui|n importe quoi|qui que)\b")
# « qui » after a word that is not a preposition or « est » (« pour qui ? », « c'est qui ? » ask)
# opens a relative clause; « quand » before a subject, inside a clause, a time clause.
_SUBORDINATE = re.compile(
    r"\b((?!(?:pour|avec|a|de|par|chez|est|sur|vers|contre|entre)\b)\w+ )qui\b"
    r"|\b(\w+ )quand (?=(?:je|j|on|il|elle|ils|elles|tu|vous|nous)\b)"
)


# An indirect question (« je me demandais si je pouvais passer par la VAE »): it asks, cue or not.
_WONDERS = re.compile(
    r"\b(me demande|me demandais|voudrais savoir|aimerais savoir|veux savoir|souhaite savoir|savoir si)\b"
)


def _is_question(folded: str, asked: bool, strong: list[str]) -> bool:
    """Asked with a question mark, a question word, or (typed or dictated without them) a strong
    cue (`strong`) that does not start with the visitor speaking of themself."""
    if asked or _asks_wh(folded) or _IMPERATIVE.search(folded) or _WONDERS.search(folded):
        return True
    own = _OPENERS.sub("", folded)  # « ok merci, je vais en parler à mon conseiller en évolution pro »
    return bool(strong) and (not _SELF_START.search(own) or bool(_REQUEST.search(own) or _MODAL.search(own)))


# « je peux en valider un seul pour commencer », typed without its question mark: whether the
# visitor may or must do something is asked, when a cue names what.
_MODAL = re.compile(r"^(je|j)\s+(peux|pourrais|pourrai|dois|devrais|devrai|suis oblige|suis obligee)\b")


# A direct question's opening word, in the raw text (dictated or typed without punctuation).
_QUESTION_OPENING = re.compile(
    r"(?<![\w'’-])(?:quel|quelle|quels|quelles|comment|combien|cb|pourquoi|est[- ]ce qu|c'est quoi|c’est quoi|"
    r"cest quoi|c quoi|qu'est[- ]ce|qu’est[- ]ce)(?![\w-])",
    re.IGNORECASE,
)
# « je voudrais travailler en maison de santé, quelles sont les missions là-bas ? »: a wish names
# what the question after it is about; it does not tell the visitor's situation.
_WISH = re.compile(r"^(je|j)\s+(ne\s+)?(voudrais|veux|aimerais|souhaite|souhaiterais|reve|compte|envisage)\b")
# Words a statement needs before a question can start inside it (« je suis aide-soignante quelle
# formation… »), so that « je sais pas comment » stays one clause.
_STATED_WORDS = 4


# What a dictated message opens with before the visitor says anything (« bonjour alors voilà
# euh je suis… »): not what the message does.
_OPENERS = re.compile(
    r"^((bonjour|bonsoir|salut|coucou|oui|alors|voila|euh|hum|ben|bon|donc|en fait|ok|okay|d accord|merci bien|"
    r"merci beaucoup|merci|super|parfait|top|tres bien)\s+)+"
)
# An indirect question's opening in the raw text (« … je voudrais savoir quelle formation… »).
_REQUEST_OPENING = re.compile(
    r"(?<![\w'’-])(?:je (?:voudrais|voulais|aimerais|veux|souhaite|souhaiterais) savoir|je me demand\w*)(?![\w-])",
    re.IGNORECASE,
)


def _dictated_split(part: str) -> list[str]:
    """« je suis secrétaire médicale dans un cabinet quelle formation pour moi »: a statement
    about the visitor runs into a question when nothing marks the end of the sentence; the
    question starts at its opening word, or at a request (« … je voudrais savoir quelle… »).
    A request that opens the message (« je voudrais savoir combien… ») is one question, and so
    is a short lead-in; greetings and fillers before the visitor speaks are no statement."""
    folded = _OPENERS.sub("", " ".join(_words(part)))
    if not _SELF_START.search(folded):
        return [part]
    request = _REQUEST.search(folded)
    if request and len(folded[: request.start()].split()) < _STATED_WORDS:
        return [part]
    openings = sorted([*_QUESTION_OPENING.finditer(part), *_REQUEST_OPENING.finditer(part)], key=lambda m: m.start())
    for found in openings:
        if len(_OPENERS.sub("", " ".join(_words(part[: found.start()]))).split()) >= _STATED_WORDS:
            return [part[: found.start()], part[found.start() :]]
    return [part]


# A clause that opens on what was said before (« …devenir assistante médicale : est-ce que c'est
# compatible avec ma maladie ? »), not on what it says itself (« j'ai de la fièvre, ça peut être quoi ? »).
_OPENS_ON_BEFORE = re.compile(r"^((et|mais) )?(est ce que |est ce qu )?(c est|ca|cela|ce)\b")
# A noun phrase said first and taken up by the question after it (« la coordination de parcours,
# c'est quoi ? », « le CQP, il dure combien ? »): the topic of that question, not a statement.
_NOUN_PHRASE = re.compile(r"^(et )?(le|la|les|l|un|une|des|du|ce|cet|cette|ces)\b")
_NOT_A_NOUN_PHRASE = re.compile(r"\b(je|j|tu|on|nous|vous|est|suis|sont|ai|as|a|ont|fait|faut)\b")
_TAKES_UP = re.compile(r"^(c est|ca|ce|c|il|elle|ils|elles|le|la|les|l|y|en)\b")


def _topic_of(before: str, question: str) -> bool:
    said, asked = " ".join(_words(before)), " ".join(_words(question))
    noun_phrase = _NOUN_PHRASE.search(said) and not _NOT_A_NOUN_PHRASE.search(said) and not _asks_wh(said)
    return bool(noun_phrase and _TAKES_UP.search(asked)) and len(said.split()) <= _SCOPE_WORDS


# A question that takes up what was just said by a pronoun (« …, t'en penses quoi ? »).
_TAKES_IT_UP = re.compile(r"\b(?:t|m|s|j|qu|on|vous|tu|nous)\s+(?:en|y)\b")


def _told_before(part: str, question: str) -> bool:
    """`part` tells the visitor's own situation in a sentence of its own before `question` (« je
    suis agent d'accueil à la CAF avec un bac+2, quelle formation… »): a statement, even where a
    comma and not a full stop ends it, so that its words (« accueil », « EHPAD ») are not read as
    asked; unless the question takes it up (« j'ai aucune idée de ce que je préfère, t'en penses
    quoi ? »), or goes on about the visitor."""
    folded, asked = _OPENERS.sub("", " ".join(_words(part))), " ".join(_words(question))
    return (
        bool(_SELF_START.search(folded))
        and len(folded.split()) >= _STATED_WORDS
        and not _asks_wh(folded)
        and not _TAKES_IT_UP.search(asked)
        and not _SELF_START.search(asked)  # « je suis aide-soignante, je toucherais combien ? »: one question
    )


def clauses(text: str) -> list[tuple[str, bool]]:
    """The message cut where a new thing is asked: at sentence ends, and at « et », « mais »,
    commas… when both sides ask something (« c'est quoi le CQP et ça coûte combien ? »); with,
    for each clause, whether a question mark closes it."""
    pieces: list[tuple[str, bool]] = []
    for sentence in re.findall(r"(?:[^?!;.:\n]|:(?!\s))+(?:[?!;.\n]+|:\s|$)", text):
        asked = "?" in sentence
        sentence = sentence.strip(" ?!;:.\n")
        # « et un kiné ? »: a connector that opens the message links it to what came before (it
        # leans on it), it does not split it.
        lead = _LEADING_CONNECTOR.match(sentence)
        opening = lead.group(0) if lead else ""
        parts = [p for p in _CONNECTOR.split(sentence[len(opening) :]) if p and p.strip()]
        if parts and opening:
            parts[0] = f"{opening}{parts[0]}"
        # (part, whether it is a question a statement ran into: it starts a clause of its own)
        cut = [(q, i > 0) for p in parts for i, q in enumerate(_dictated_split(p))]
        merged: list[str] = []
        for part, opens in cut:
            new_question = bool(_asks_wh(" ".join(_words(part))) or attributes_in(part))
            previous_asks = bool(merged) and bool(_asks_wh(" ".join(_words(merged[-1]))) or attributes_in(merged[-1]))
            if merged and _topic_of(merged[-1], part):
                merged[-1] = f"{merged[-1]} {part}"  # « la coordination de parcours, c'est quoi ? »: one question
            elif merged and not opens and not (new_question and (previous_asks or _told_before(merged[-1], part))):
                # « et en alternance, on est payé ? »: what asks nothing belongs to its neighbour
                merged[-1] = f"{merged[-1]} {part}"
            else:
                merged.append(part)
        merged = [p.strip() for p in merged if p.strip()]
        pieces.extend((p, asked and i == len(merged) - 1) for i, p in enumerate(merged))
    return pieces or [(text, text.rstrip().endswith("?"))]


def names(text: str, attribute: str) -> bool:
    """The clause says the attribute's own name (knowledge/registry.py, NAMES)."""
    said = f" {' '.join(_words(text))} "
    return any(f" {name} " in said for name in NAMES.get(attribute, ()))


# The classifier's probability for the topic a clause's words name, below which it does not back them.
BACKED = 0.1


def _classifier_decides(
    ask: Ask,
    intent: str,
    sure: bool,
    stated: dict[str, str],
    unwanted: frozenset[str] = frozenset(),
    ranking: Optional[dict[str, float]] = None,
) -> bool:
    """Whether the classifier's topic, rather than the clause's words, gives the one attribute a
    message asks: yes (it weighs all its words, and retrieval checks it), unless the words ask
    something no intent knows (who it is for, the diploma obtained, the working environment) or
    the measure of a topic (« la formation continue coûte combien ? »). Measured: letting the
    words decide instead lost 12 of the 361 questions of tests/answers/questions.yml."""
    if ask.attribute is None:
        return True
    if ask.attribute in ASPECTS and (ask.objects or stated) and TOPIC_INTENTS[intent][0] in SUBJECTS:
        # « coût FAE », « mon neveu veut faire l'alternance. il serait payé comment ? »: an aspect
        # of the thing named (in the clause or before it), not what the thing is
        return False
    if ask.attribute in ASPECTS and not sure and _LEADING_CONNECTOR.match(ask.clause):
        return False  # « et c'est qui qui paie ? » after the alternance: an aspect of what was said
    strong, weak = _cues(ask.clause)
    if unwanted and not sure and ask.cued and TOPIC_INTENTS[intent][0] not in strong + weak:
        # It read the words put aside too (« ni du salaire ni de la formation : dites-moi où… »)
        # and hesitates on a topic the question has no word of: the question's words decide.
        return False
    if names(ask.clause, ask.attribute):
        return False  # « …, c'est quoi les inconvénients ? »: the clause names what it asks
    backed = (ranking or {}).get(TOPIC_TO_INTENT.get(ask.topic or "", ""), 0.0) >= BACKED
    if not sure and strong == [ask.attribute] and TOPIC_INTENTS[intent][0] not in weak and backed:
        # « et elle serait payée combien là-bas ? » taken for a cost: one word of the pay, none of
        # a cost, and the pay still weighed by the classifier: the words decide.
        return False
    return ask.attribute not in CUE_ONLY and "subject" not in ask.objects


def _own_kind(ask: Ask) -> Ask:
    """The ask about the kind of thing it names (a funding named asks the funding), if it names one."""
    kinds = [k for k in ask.objects if k in BY_CODE]
    return replace(ask, attribute=kinds[0], cued=True) if kinds else ask


def _wanted_intent(intent: Optional[str], ranking: dict[str, float], unwanted: set[str]) -> Optional[str]:
    """The classifier's best guess whose topic the message does not put aside."""
    if intent not in TOPIC_INTENTS or TOPIC_INTENTS[intent][0] not in unwanted:
        return intent
    ranked = sorted(ranking, key=lambda name: ranking[name], reverse=True)
    return next((n for n in ranked if n in TOPIC_INTENTS and TOPIC_INTENTS[n][0] not in unwanted), None)


# The last reading, kept for the other parts of the same turn (an action that hands the turn to
# another reads the same message): (the NLU result it was read from, profiled, the reading).
_last: list[tuple[dict[str, Any], bool, MessageReading]] = []


def read_message(latest: dict[str, Any], profiled: bool = False) -> MessageReading:
    """The reading of the message alone (no dialogue state): acts, asks, exclusions; read once
    per turn. `profiled`: the message states the visitor's diploma or job (actions/profile.py),
    which makes it a career message whatever health words it holds (« aide-soignante, mal au dos »)."""
    if _last and _last[0][0] is latest and _last[0][1] == profiled:
        return _last[0][2]
    with one_synonyms_lookup():  # the knowledge base's load stamp checked once, not per word
        reading = _read(latest, profiled)
    _last[:] = [(latest, profiled, reading)]
    return reading


def _read(latest: dict[str, Any], profiled: bool) -> MessageReading:
    text = latest.get("text") or ""
    intent = (latest.get("intent") or {}).get("name")
    confidence = (latest.get("intent") or {}).get("confidence") or 0.0
    ranking = {r["name"]: r.get("confidence") or 0.0 for r in latest.get("intent_ranking") or [] if r.get("name")}
    acts: set[str] = set()
    asks: list[Ask] = []
    stated: dict[str, str] = {}
    if text.startswith("/"):  # a button: its payload is the reading
        return MessageReading(text, intent, confidence, frozenset({ASK}), (), {}, ranking)
    excluded = excluded_in(text)
    correcting = bool(_CORRECTION.search(" ".join(_words(text))))
    pronouns = object_pronouns(latest.get("syntax"))
    # Health questions in words, or the classifier's guess backed by words of health (a symptom,
    # the body, a treatment, a result): a question clause with no word of the career is then a
    # health question (« aide-soignante… des douleurs dans la poitrine, qu'est-ce que ça peut
    # être ? »); a guess on a message with no word of health is never one (« t'en penses quoi ? »).
    health_guess = intent == "medical_advice" and mentions_health(text)
    health_message = asks_medical_advice(text) or health_guess
    social = {SOCIAL_INTENTS[name] for name, c in ranking.items() if name in SOCIAL_INTENTS and c >= SOCIAL_FLOOR}
    social |= formula_acts(text)
    parts = clauses(text)
    told: list[str] = []
    for n, (clause, asked) in enumerate(parts):
        folded = " ".join(_words(clause))
        before = parts[n - 1][0] if n else ""  # what a clause that leans leans on
        career_before = _career_words(" ".join(_words(before))) and not mentions_health(before)
        strong, weak, spent = _clause_cues(clause)  # the clause's cues, read once for everything below
        attributes = _attributes(strong, weak)
        objects = {k: v for k, v in objects_in(clause, excluded).items() if k not in spent}
        subject = _subject(strong)
        if subject:
            objects["subject"] = subject
        trained = training_of(clause)
        if trained:
            objects["training_of"] = trained
        # « non je voulais dire à l'hôpital », « pas le CQP, le programme long »: a correction asks again.
        replaces = (
            bool(_CORRECTION.search(folded) or excluded)
            and bool(objects)
            and (not _SELF_START.search(folded) or bool(_SAYS_WHAT_IT_MEANT.search(folded)))
        )
        # « ça se passe où du coup, pas l'hôpital »: « où » with a place put aside asks the others.
        question = (
            _is_question(folded, asked, strong)
            or bool(excluded.get("workplace") and _WHERE.search(clause))
            or bool(strong and _SAYS_WHAT_IT_MEANT.search(folded))  # « je parle de la formation continue »
        )
        if replaces and not question and any(later for _, later in parts[n + 1 :]):
            replaces = False  # « pas à l'hôpital, en cabinet : c'est quoi le salaire ? »: what the question is about
        if replaces and not question:
            acts.add(CORRECT)
        if not question and not replaces:
            told.append(clause)
            if folded and not social:
                acts.add(STATE)
            if not _SELF_START.search(folded) or _REQUEST.search(folded) or _WISH.search(folded):  # not their situation
                stated.update({k: v for k, v in objects.items() if k != "subject"})
            else:  # their own: where they work now is not asked about, the training they plan is
                stated.update({k: v for k, v in objects.items() if k in PLANNED})
            continue
        career_words = strong or [w for w in weak if w != DEFINITION] or objects or _career_words(folded)
        if health_message and mentions_health(clause):
            # In the clause that tells a symptom, a cue alone is no sign of the career (« des douleurs
            # dans la poitrine quand je cours »): a word of the job, an object or an attribute's name is.
            career_words = objects or _career_words(folded) or [a for a in strong if names(clause, a)]
        leans = bool(_LEANS.search(_IMPERSONAL.sub(" ", folded))) or bool(pronouns & set(folded.split()))
        if health_message and not career_words and not (_OPENS_ON_BEFORE.search(folded) and career_before):
            # A health question: health words (or the classifier's guess) and nothing of the career
            # (« je voudrais devenir assistante médicale : c'est compatible avec ma maladie ? »
            # leans on the career said just before it).
            acts.add(HEALTH)
            continue
        yes_no = not _asks_wh(folded) and "où" not in clause.lower()  # « où » loses its accent when folded
        topics = {a.topic for a in asks}
        asked_attributes: list[Optional[str]] = [*attributes] or [None]
        for attribute in asked_attributes:
            ask = Ask(attribute, objects, clause, yes_no, leans)
            if ask.topic is None or ask.topic not in topics:  # « l'ambiance là-bas, avec qui ? »: once
                asks.append(ask)
                topics.add(ask.topic)
    unwanted = excluded_attributes(text)
    # « je parlais du CPF, pas du salaire »: what a thing put aside was asked of, the thing named asks its own kind.
    asks = [_own_kind(a) if a.attribute in unwanted else a for a in asks]
    if any(a.attribute not in unwanted for a in asks):  # « je ne veux pas le salaire, juste les débouchés »
        asks = [a for a in asks if a.attribute not in unwanted]
    # What the visitor puts aside is not asked, even when the classifier, drawn by its words,
    # guesses it (« ni du salaire ni de la formation : dites-moi où… »): its best other guess.
    guess = _wanted_intent(intent, ranking, unwanted)
    if asks:
        acts.add(ASK)
    if asks_mention(text):
        acts.add(MENTION)
    if correcting:
        acts.add(CORRECT)
    if len(asks) > 1 and guess in TOPIC_INTENTS and TOPIC_INTENTS[guess][0] not in {a.topic for a in asks}:
        # Several questions, one in words no attribute names: the classifier's topic is that one's.
        unnamed = next((i for i, a in enumerate(asks) if a.attribute is None and not a.objects), None)
        if unnamed is not None:
            only = asks[unnamed]
            asks[unnamed] = Ask(TOPIC_INTENTS[guess][0], {}, only.clause, only.yes_no, only.leans, cued=False)
    if (
        len(asks) == 1
        and guess in TOPIC_INTENTS
        and not correcting
        and _classifier_decides(asks[0], guess, confidence >= CONFIDENT, stated, frozenset(unwanted), ranking)
    ):
        # One thing asked: the classifier's topic, learnt from the training phrasings, says what
        # (« on peut bosser en clinique ? »), unless it hesitates and the words name an attribute.
        only = asks[0]
        asks = [Ask(TOPIC_INTENTS[guess][0], only.objects, only.clause, only.yes_no, only.leans, cued=False)]
    if not any(a.attribute for a in asks):
        # « merci bonne journée », « bonjour »: every social act the classifier sees in the message.
        acts.update(social)
    career = (
        profiled
        or any(a.attribute or a.objects for a in asks)
        or any(_cues(c)[0] or _cues(c)[1] for c, _ in clauses(text))
    )
    if health_guess and not career and not asks:  # the classifier's guess, backed by words of health
        acts.add(HEALTH)
    if told:
        asks = [replace(a, told=" ".join(told)) for a in asks]
    syntax = latest.get("syntax")
    if asks and syntax:  # the lexicon and the story read once for every ask
        lexicon, story = lexicon_for(known_words(), synonyms()), _story_words(text)
        asks = [replace(a, unheard=unheard_in(a.clause, syntax, story, lexicon)) for a in asks]
    return MessageReading(
        text,
        intent,
        confidence,
        frozenset(acts),
        tuple(asks),
        excluded,
        ranking,
        stated,
        frozenset(unwanted),
        aimed_in(text),
    )


# ---------------------------------------------------------------------------- dialogue state

# Slots that hold the dialogue state a reading is resolved against.
LAST_OBJECTS = "focus"
LAST_TOPIC = "topic"
LAST_ATTRIBUTE = "attribute"


def recommended(slots: dict[str, Any]) -> dict[str, str]:
    """The route the adviser recommended, as an object (« c'est quoi les blocs dedans ? »)."""
    route = slots.get("recommended_route")
    if route in ENTITIES["route"].codes:
        return {"route": route}
    return {"training_format": route} if route in ENTITIES["training_format"].codes else {}


# A clause this short that names no object is a fragment of the conversation (« en présentiel ? »).
_SHORT = 4


def resolve(reading: MessageReading, slots: dict[str, Any]) -> tuple[Ask, ...]:
    """Each ask completed from what came before, in order: an ask that leans on the previous one
    (« il mène à quel diplôme ? », « et ça coûte combien ? ») takes its objects; one that names
    objects but no attribute (« et à l'hôpital ? ») takes its attribute. Within one message,
    the previous ask is the clause before (« c'est quoi le CQP et ça coûte combien ? »), and the
    first question is about what the message said before it."""
    objects: dict[str, str] = reading.stated or dict(slots.get(LAST_OBJECTS) or {}) or recommended(slots)
    attribute: Optional[str] = slots.get(LAST_TOPIC)
    finer = BY_CODE.get(slots.get(LAST_ATTRIBUTE) or "")
    if finer is not None and finer.topic == attribute:  # the attribute slot is only as recent as the topic's
        attribute = finer.code
    correcting = CORRECT in reading.acts
    resolved: list[Ask] = []
    for ask in reading.asks:
        named = dict(ask.objects)
        if not named and (ask.leans or correcting):
            named = {k: v for k, v in objects.items() if v not in reading.excluded.get(k, ())}
        elif not named and not resolved and reading.stated:  # « cabinet en ville ou rural, quel salaire ? »
            named = dict(reading.stated)
        short = len(_words(ask.clause)) <= _SHORT
        if not named and (ask.leans or short) and ask.attribute in MEASURES and attribute in MEASURED_SUBJECTS:
            named = {"subject": attribute}  # « ça dure combien, ces formations ? » after continuing education
        asked, cued = ask.attribute, ask.cued
        elliptic = not ask.objects and ask.leans and ask.yes_no and len(_words(ask.clause)) <= 4
        # « …au début, et est-ce que ça augmente ensuite ? », « on peut les valider un par un ? »
        continues = ask.leans
        inherited = named != ask.objects
        if asked is None and ask.objects and ask.yes_no and _EXISTS.search(" ".join(_words(ask.clause))):
            # « et les urgences, c'est possible ? », « y a des assistants en clinique ? »: whether
            # the thing named is there at all (its own record), not the previous attribute of it.
            asked, cued = DEFINITION, False
        elif asked is None and (kinds := [k for k in ask.objects if k in BY_CODE]):
            # « elle a des heures sur son CPF, ça marche pour ça ? »: an object that is a kind of
            # the thing asked about (a funding) asks about that, whatever was said before.
            asked, cued = kinds[0], False
        # (« finalement le court plutôt : combien ? »: the thing the message names beside a question
        # that names no attribute is asked the previous one.)
        elif (
            asked is None
            and (ask.objects or elliptic or correcting or continues or (named and named == reading.stated))
            and attribute in BY_CODE
        ):
            asked, cued, inherited = (
                attribute,
                False,
                True,
            )  # the previous attribute, unless the facts named say otherwise
        elif asked is None and ask.objects and attribute is None:  # « on travaille en cabinet ? »: what it is
            asked, cued = DEFINITION, False
        before = BY_CODE[attribute].topic if not ask.objects and attribute in BY_CODE else None
        resolved.append(replace(ask, attribute=asked, objects=named, cued=cued, inherited=inherited, previous=before))
        objects, attribute = (named or objects), (asked or attribute)
    return tuple(resolved)
