"""Which topic and which facts a question is about: the NLU intent, checked against retrieval.

The intent classifier knows how questions are usually phrased; the retrieval index
(knowledge/retrieval.py) knows which record a precise word points to ("stérilisation",
"maison de santé", "premier poste"). The intent is kept unless retrieval points clearly
elsewhere; retrieval alone answers a question the classifier did not understand. The
facts found narrow the answer: a question about one mission gets that mission first, not
the whole list, and a yes/no question gets « Oui » when the sources state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, TypeGuard

from knowledge.query import KnowledgeBase
from knowledge.registry import own_topic
from knowledge.retrieval import Doc, Hit, index_for
from knowledge.text import fold, question_key

# Topics whose answer is a list of facts: a precise question gets only the facts asked.
LIST_TOPICS = ("missions", "skills", "programme", "career", "advantages", "drawbacks", "job_market",
               "continuing_education")  # fmt: skip
# A hit is trusted alone (no intent, or against it) from this score, or with one of its keywords.
TRUSTED = 0.45
# Retrieval overrides the intent when its best hit beats the intent's best by this much,
# and is either named by a keyword or scores at least SURE.
MARGIN = 0.15
SURE = 0.6
# With no intent at all (the classifier did not understand), a hit this good is the answer.
UNDERSTOOD = 0.3
# Topics about an aspect of something else (its duration, its cost...): a fact named in
# another topic narrows them instead of replacing them.
ASPECT_TOPICS = ("duration", "cost", "prerequisites", "funding", "compare", "salary")
# "pourquoi on a créé ce métier ?", "à quoi ça sert ?": a question about the job itself.
_PROFESSION = re.compile(
    r"\b(pourquoi (on a |a t on |ils ont |l etat a )?(cree|invente|mis en place|lance)|a quoi (ca )?sert|le but|"
    r"l interet d|cree en|creee en|depuis quand|depuis cb|depuis combien d annees|quel plan|date de creation|"
    r"ma sante 2022|vrai metier|en gros)\b"
)
# "devenir infirmier ensuite ?", "évoluer vers…": a question about the career, whatever it names.
_CAREER_MOVE = re.compile(
    r"\b(devenir|passer|evoluer|viser|diriger|encadrer|responsable|manager|specialiser|specialise)\b.*"
    r"\b(apres|ensuite|plus tard|avec l experience|un jour|d une maison|d une msp|infirmier|infirmiere|"
    r"aide soignant|aide soignante|chez un|en cardio|en dermato|en pedia)"
)
# Below this confidence the classifier's guess is weighed against retrieval instead of trusted.
CONFIDENT = 0.6
# A topic chosen by weighing the classifier's probability and its best fact's score needs this
# much of both together (and more than the classifier's confidence in a non-topic intent).
WEIGHED_FLOOR = 0.45
# "quelle formation faut-il ?", "quelles études faire ?": which training, whatever "il faut" suggested.
_TRAINING_ASKED = re.compile(
    r"\b(quelles? formations?|quelles? etudes|comme etudes|quel diplome|quel cursus|quelles? voies?|quel parcours)\b"
)
# Topics that already answer a question about training (or an aspect of it).
TRAINING_TOPICS = ("training", "programme", "continuing_education", "compare", *ASPECT_TOPICS)
# A question the classifier gave up on continues the previous topic from this score in it.
CONTINUED = 0.2
# A follow-up stays on its topic when that topic's best fact scores at least this.
FOLLOWUP_FLOOR = 0.1
MAX_FOCUS = 2
# Words that name a list topic itself: "les modules de formation continue" asks about the
# modules, not about continuing education in general. Stripped before choosing the facts;
# a question with nothing left is about the whole topic.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "missions": ("missions", "mission", "quotidien", "quotidienne", "taches", "tache", "role", "journee", "fait"),
    "skills": ("qualites", "qualite", "competences", "competence", "faut", "savoir", "etre", "important", "utile"),
    "programme": ("programme", "formation", "formations", "apprend", "apprendre", "cours", "enseigne", "etudie"),
    "career": ("evolution", "evolutions", "evoluer", "carriere", "apres", "ensuite", "plus tard", "devenir"),
    "advantages": ("avantages", "avantage", "points forts", "positif", "bien"),
    "drawbacks": ("inconvenients", "inconvenient", "contraintes", "difficultes", "negatif", "dur"),
    "job_market": ("debouches", "emploi", "travail", "marche"),
    "funding": ("financer", "financement", "financements", "finance", "payer", "paye", "prise en charge", "aide",
                "aides", "formation", "ma formation"),
    "salary": ("salaire", "salaires", "gagne", "gagner", "paye", "payee", "remuneration", "combien", "touche"),
    "cost": ("cout", "coute", "coutent", "prix", "tarif", "tarifs", "cher", "combien", "formation", "formations"),
    "duration": ("duree", "dure", "durent", "temps", "long", "longue", "combien", "formation", "formations"),
    "prerequisites": ("conditions", "condition", "prerequis", "acces", "entrer", "faut", "formation", "niveau"),
    "training": ("formation", "formations", "devenir", "diplome", "comment", "voie", "voies", "parcours"),
    "workplaces": ("travailler", "travaille", "lieux", "lieu", "exercer", "ou", "bosser"),
    "compare": ("comparer", "compare", "difference", "differences", "formation", "formations"),
    # Not a topic: the words of becoming, which name the training routes themselves.
    "becoming": ("devenir", "pour devenir", "comment", "diplome", "voie", "voies", "parcours", "etre", "pour etre",
                  "etudes", "etude", "cursus"),
    "continuing_education": ("formation continue", "formations continues", "continue", "continues", "formation",
                             "formations", "deja en poste", "deja en exercice"),
}  # fmt: skip
_YES_NO = re.compile(
    r"^(est ce qu|est-ce qu|estce qu|es ce qu|peut on|peut-on|on peut|je peux|il peut|elle peut|peut il|peut elle|"
    r"faut il|faut-il|il faut|y a t il|y a-t-il|ya t il|il y a|c est|c'est|il |elle |l assistant|l'assistant|"
    r"une assistante|un assistant|ca |ça )"
)


_WH = re.compile(r"\b(combien|cb|comment|pourquoi|quand|quoi|koi|quel|quelle|quels|quelles|lequel|laquelle)\b")


@dataclass
class Reading:
    """What the question is about: a topic (None: not understood), its facts, their context."""

    topic: Optional[str]
    focus: list[Doc] = field(default_factory=list)
    yes_no: bool = False
    # Narrows a topic that is not a list ("combien dure le CQP ?": the duration, of the CQP).
    found: dict[str, str] = field(default_factory=dict)

    @property
    def context(self) -> dict[str, str]:
        return dict(self.focus[0].context) if self.focus else self.found


def is_yes_no(question: str) -> bool:
    """'est-ce qu'il fait des prises de sang ?', 'il prépare les salles ?': answerable by oui/non."""
    folded = fold(question).replace("\u2019", "'").strip()
    if _WH.search(folded):  # "c'est quoi le rôle ?", "ça dure combien ?": not answered by oui/non
        return False
    return bool(
        _YES_NO.match(folded)
        or re.search(r"-t-(il|elle|on)\b|\b\w+-(il|elle|on)\b", folded)
        or re.search(r"\b(c est possible|c'est possible|possible|ca existe|ça existe|existe)\s*\?*$", folded)
    )


def _trusted(hit: Optional[Hit]) -> TypeGuard[Hit]:
    return hit is not None and (hit.keyword is not None or hit.score >= TRUSTED)


def names_topic(question: str, topic: str) -> bool:
    """ "et les inconvénients ?" names its topic in that topic's own words; "et un assistant
    médical ?" does not."""
    return _strip(question, topic) != question_key(question)


def _strip(question: str, topic: str) -> str:
    said = f" {question_key(question)} "
    for phrase in sorted(TOPIC_WORDS.get(topic, ()), key=len, reverse=True):
        said = said.replace(f" {phrase} ", " ")
    return said.strip()


# Words that ask for one aspect whatever else the question names.
ASPECT_WORDS = {
    "cost": re.compile(r"\b(cout|coute|coutent|couter|prix|tarifs?|cher|chere)\b"),
    "duration": re.compile(r"\b(duree|dure|durent|combien de temps|longtemps)\b"),
    "funding": re.compile(
        r"\b((je|on|la|le|les) pa[iy]e comment|comment (la |le |les )?pa[iy]er|financ\w*|prise en charge|"
        r"qui pa[iy]e)\b"
    ),
}


# How a record states an aspect: a fact of another topic answers "how long / how much" only
# when its own text gives that measure.
ASPECT_STATED = {
    "duration": re.compile(
        r"\b(\d+|quelques|une?|deux|trois|quatre|six|neuf|douze|dix-huit)\s+(jours?|semaines?|mois|ans?|annees?|heures?)\b"
    ),
    "cost": re.compile(r"(€|\beuros?\b|\bgratuit|\bfinanc|\bcout)"),
}


def _stating(hits: list[Hit], topic: str, stated: re.Pattern[str]) -> Optional[Hit]:
    """The best-scored fact of `topic` whose own text gives the measure asked (`stated`)."""
    return next((h for h in hits if h.doc.topic == topic and stated.search(fold(h.doc.text))), None)


def _aspect_elsewhere(kb: KnowledgeBase, question: str, topic: str) -> Optional[Hit]:
    """ "les modules durent combien de temps ?": the duration of a thing that is not a training
    route (the aspect topic's answer lists the routes) is the named fact of another list topic
    whose own text states that measure. The aspect's words and the words of becoming
    ("pour devenir", "la formation") are set aside first: they name the routes themselves."""
    stated = ASPECT_STATED.get(topic)
    if stated is None:
        return None
    named = index_for(kb).search(_strip(_strip(question, topic), "becoming"))
    if not named or named[0].doc.topic not in LIST_TOPICS or not _understood(named[0]):
        return None
    return _stating(named, named[0].doc.topic, stated)


def _aspect(folded: str) -> Optional[str]:
    """The one aspect (cost, duration) the question's words ask for, if exactly one."""
    asked = [aspect for aspect, words in ASPECT_WORDS.items() if words.search(folded)]
    return asked[0] if len(asked) == 1 else None


# A workplace whose name holds an aspect's word: "en établissement de longue durée" asks about a place.
_PLACE_WITH_ASPECT_WORD = re.compile(r"\b(de )?longue duree\b")


def _names_aspect(folded: str, topic: str) -> bool:
    """An aspect topic is kept when the question uses its words ("combien dure…"); otherwise
    (a classifier's guess) retrieval may replace it like any other topic."""
    if topic not in ASPECT_TOPICS:
        return False
    said = f" {_PLACE_WITH_ASPECT_WORD.sub(' ', folded)} "
    return any(f" {w} " in said for w in TOPIC_WORDS.get(topic, ()) if w not in ("combien", "formation", "formations"))


def _understood(hit: Hit) -> bool:
    return hit.keyword is not None or hit.score >= UNDERSTOOD


def _focus(named_hits: list[Hit], topic: str) -> list[Doc]:
    """The facts of `topic` the question names once the topic's own name is set aside
    (by one of their keywords, or clearly by its words); none for a question about it all."""
    mine = [h for h in named_hits if h.doc.topic == topic]
    named = [h for h in mine if h.keyword]
    if not named and mine and mine[0].score >= TRUSTED:
        named = mine[:1]
    return [h.doc for h in named[:MAX_FOCUS]]


def weighed_topic(likely: dict[str, float], hits: list[Hit], rival: float = 0.0) -> Optional[str]:
    """The topic with the most evidence from both readers: the classifier's probability for it
    plus its best fact's retrieval score. Used when the classifier is unsure, or sure of
    something that is not a topic (`rival`: its confidence in that), so neither reader alone
    decides on a phrasing it has never seen."""
    best: dict[str, float] = {}
    for hit in hits:
        best.setdefault(hit.doc.topic, min(1.0, hit.score))
    evidence = {t: likely.get(t, 0.0) + best.get(t, 0.0) for t in set(likely) | set(best)}
    if not evidence:
        return None
    topic = max(evidence, key=lambda t: evidence[t])
    return topic if evidence[topic] >= max(WEIGHED_FLOOR, rival) else None


def continues(kb: KnowledgeBase, question: str, topic: Optional[str]) -> bool:
    """ "y a combien de blocs ?" right after the CQP: a question the classifier gave up on that
    names a fact of the topic just discussed continues it."""
    if topic is None:
        return False
    hits = index_for(kb).search(question, topics=[topic])
    return bool(hits) and (hits[0].keyword is not None or hits[0].score >= CONTINUED)


def _through_object(hit: Hit, named: dict[str, str]) -> bool:
    """The fact was found only through an object the question names, and is not its own record."""
    context = dict(hit.doc.context)
    return bool(context) and context.items() <= named.items() and hit.doc.topic != own_topic(context)


def _switches(best: Hit, in_topic: Optional[Hit]) -> bool:
    """Retrieval overrides the intent only when the intent's topic holds nothing the question
    names, and another topic's fact clearly does."""
    if in_topic is not None and in_topic.keyword:
        return False
    floor = in_topic.score if in_topic is not None else 0.0
    return (best.keyword is not None or best.score >= SURE) and best.score >= floor + MARGIN


def read_question(
    kb: KnowledgeBase,
    question: str,
    intent_topic: Optional[str],
    followup: bool = False,
    likely: Optional[dict[str, float]] = None,
    rival: float = 0.0,
    objects: Optional[dict[str, str]] = None,
) -> Reading:
    """The topic to answer (the intent's unless retrieval clearly says otherwise) and its facts.

    `followup`: "et à l'hôpital ?" continues the previous topic whenever that topic holds
    anything related; it moves only to name a fact the previous topic knows nothing of.
    `likely`: the classifier's probability per topic when it was unsure (or sure of a
    non-topic intent, with `rival` its confidence in it): the topic is then weighed from
    both readers (`weighed_topic`) rather than taken from the classifier.
    `objects`: the objects the question names, given when the classifier is sure of its topic; a
    fact of another topic found only through one of them (« après quelques années » is the
    experienced salary band's keyword) narrows the answer instead of moving it, unless it is that
    object's own record (« on peut bosser en clinique ? » is about the clinic).
    """
    if question.startswith("/"):  # a button: its payload already says exactly what is asked
        return Reading(intent_topic)
    hits = index_for(kb).search(question)
    best = hits[0] if hits else None
    folded = question_key(question)
    if likely is not None:
        weighed = weighed_topic(likely, hits, rival)
        asks_the_job = _CAREER_MOVE.search(folded) or _PROFESSION.search(folded)  # decided below
        if weighed is None and rival and not asks_the_job:
            return Reading(None)
        intent_topic = weighed or intent_topic
    topic = intent_topic
    if _CAREER_MOVE.search(folded) and intent_topic not in ("salary", "duration", "cost"):
        topic = "career"
    elif _PROFESSION.search(folded) and intent_topic not in ("salary", "cost"):
        topic = "profession"
    elif _TRAINING_ASKED.search(folded) and intent_topic is not None and intent_topic not in TRAINING_TOPICS:
        topic = "training"
    elif intent_topic is None:
        topic = best.doc.topic if best is not None and (_trusted(best) or best.score >= UNDERSTOOD) else None
    elif (aspect := _aspect(folded)) and intent_topic in ASPECT_TOPICS + ("training",) and aspect != intent_topic:
        topic = aspect  # "combien coûte la FAE ?" classified as a duration question
    elif (
        _trusted(best)
        and best.doc.topic != intent_topic
        and not _through_object(best, objects or {})
        and not _names_aspect(folded, intent_topic)
    ):
        in_topic = next((h for h in hits if h.doc.topic == intent_topic), None)
        related = in_topic is not None and in_topic.score >= FOLLOWUP_FLOOR
        if _switches(best, in_topic) and not (followup and related):
            topic = best.doc.topic
    if topic is None:
        return Reading(None)
    # What narrows the answer: a fact the question names once the topic's own words are set aside.
    named = index_for(kb).search(_strip(question, topic))
    found = next((dict(h.doc.context) for h in named if _trusted(h) and h.doc.context), {})
    own = next((dict(h.doc.context) for h in named if h.doc.topic == topic and h.doc.context and _understood(h)), None)
    if not found and own is None and (elsewhere := _aspect_elsewhere(kb, question, topic)) is not None:
        return Reading(elsewhere.doc.topic, [elsewhere.doc], is_yes_no(question))
    focus = _focus(named, topic)
    stated = ASPECT_STATED.get(_aspect(folded) or "")
    if topic in LIST_TOPICS and stated is not None:  # "les formations continues, ça dure combien ?"
        measured = _stating(named, topic, stated)
        focus = [measured.doc] if measured is not None else focus
    return Reading(topic, focus, is_yes_no(question), own if own is not None else found)
