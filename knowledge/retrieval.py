"""Fact-level retrieval over the knowledge base: which records a question is about.

Every sourced record becomes a document (its text plus the `keywords` authored with it),
filed under the answer topic that shows it and the context that narrows that answer to
it (the salary band of a level, the environment of a workplace...). Documents are scored
against the question with TF-IDF over character n-grams of folded words (robust to typos,
missing accents and SMS spelling), plus a bonus when one of the record's keywords appears
whole in the question. The index is rebuilt when the knowledge base is reloaded
(`make kb`), so new keywords work without retraining.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from knowledge import models
from knowledge.ngrams import TfIdf
from knowledge.query import KnowledgeBase
from knowledge.schema import TOPICS
from knowledge.stopwords import FRENCH_STOP_WORDS
from knowledge.text import Said, fold, has_all, without_placeholders, words

# Words every question about the job shares: they say nothing about which fact is asked.
DOMAIN_WORDS = {
    "assistant", "assistante", "assistants", "assistantes", "medical", "medicale", "medicaux", "medicales",
    "metier", "job", "boulot", "poste", "travail", "quoi", "quel", "quelle", "quels", "quelles", "est", "ce",
    "c", "qu", "que", "qui", "faire", "fait", "font", "peut", "peux", "on", "il", "elle", "ils", "elles",
    "svp", "stp", "merci", "bonjour", "dire", "savoir", "voudrais", "veux", "aimerais", "exactement",
}  # fmt: skip
STOP = {fold(w) for w in FRENCH_STOP_WORDS} | DOMAIN_WORDS
# Statement topics -> the answer topic that lists them (pros and cons split by kind).
STATEMENT_TOPICS = {
    "pros_cons": {"advantage": "advantages", "drawback": "drawbacks"},
    "environment": {"": "workplaces"},
}
KEYWORD_BONUS = 0.5


def content_words(text: str) -> str:
    """Folded words without stop words and the job's own name: what the question is about."""
    words = re.findall(r"[a-z0-9]+", fold(text).replace("\u2019", "'"))
    return " ".join(w for w in words if w not in STOP)


@dataclass(frozen=True)
class Doc:
    """One retrievable fact: the answer topic showing it and the context narrowing that answer."""

    topic: str
    record: Any
    text: str
    keywords: tuple[str, ...] = ()
    context: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[str, Any]:
        return (type(self.record).__name__, getattr(self.record, "id", None) or getattr(self.record, "code", None))


@dataclass(frozen=True)
class Hit:
    doc: Doc
    score: float
    keyword: Optional[str] = None  # the record's keyword found whole in the question


def _doc(topic: str, record: Any, text: str, **context: Optional[str]) -> Doc:
    return Doc(
        topic=topic,
        record=record,
        text=text,
        keywords=tuple(record.keywords or ()),
        context=tuple((k, v) for k, v in context.items() if v),
    )


def documents(kb: KnowledgeBase) -> list[Doc]:
    """Every sourced record as a document, under the topic whose answer shows it."""
    docs: list[Doc] = []
    profession = kb.profession()
    if profession is not None:
        docs.append(
            _doc(
                "profession",
                profession,
                f"{profession.name} {profession.created_year} {profession.plan} {profession.purpose} {profession.role}",
            )
        )
    for topic in TOPICS:
        for s in kb.statements(topic):
            shown = STATEMENT_TOPICS.get(topic, {}).get(s.kind or "", topic)
            docs.append(_doc(shown, s, s.text))
    for route in kb.routes():
        text = "\n".join(  # one line each, so that a line can be quoted (actions/mention.py)
            filter(
                None,
                [route.name, route.summary, route.prerequisite, route.duration, route.audience_note,
                 *(block.name for block in route.blocks or []), route.blocks_note],
            )
        )  # fmt: skip
        docs.append(_doc("training", route, text, route=route.code))
    for t in kb.training_types():
        docs.append(_doc("compare", t, f"{t.label} {t.diploma} {t.cost_note or ''}", training_format=t.code))
    for option in kb.funding():
        docs.append(_doc("funding", option, f"{option.name} {option.text}", funding=option.code))
    for band in kb.salary_bands():
        docs.append(_doc("salary", band, band.label, experience=band.level))
    for factor in kb.salary_factors():
        where = {"alternance": {"training_format": "alternance"}, "general": {}}.get(
            factor.code, {"workplace": factor.code}
        )
        docs.append(_doc("salary", factor, factor.text, **where))
    for place in kb.workplaces():
        docs.append(_doc("workplaces", place, f"{place.name} {place.environment or ''}", workplace=place.code))
    for diploma in kb.diplomas():
        docs.append(_doc("training", diploma, f"{diploma.code} {diploma.name}", diploma=diploma.code))
    note = kb.note("cost_disclaimer")
    if note is not None:
        docs.append(_doc("cost", note, note.text))
    return docs


@dataclass
class Index:
    docs: list[Doc]
    # The gaps (knowledge/content/gaps.yml), read with the same load stamp as the documents.
    gaps: list[models.Gap] = field(default_factory=list)
    tfidf: TfIdf = field(init=False)
    keyword_words: list[list[tuple[str, list[str]]]] = field(init=False)

    def __post_init__(self) -> None:
        # Each document's keywords as word lists, once (those made only of stop words never count).
        self.keyword_words = [[(k, words(k)) for k in d.keywords if content_words(k)] for d in self.docs]
        self.tfidf = TfIdf(
            [content_words(f"{d.text} {' '.join(d.keywords)} {' '.join(d.keywords)}") for d in self.docs]
        )

    def search(self, question: str, topics: Optional[Iterable[str]] = None) -> list[Hit]:
        """Documents by decreasing score (only those of `topics` when given); empty for no content words."""
        question = without_placeholders(question)
        query = content_words(question)
        if not query:
            return []
        scores = self.tfidf.scores(query)
        said = Said(words(question))
        wanted = set(topics) if topics is not None else None
        hits = []
        for doc, score, keywords in zip(self.docs, scores, self.keyword_words, strict=True):
            if wanted is not None and doc.topic not in wanted:
                continue
            found = [k for k, kw in keywords if has_all(said, kw)]
            keyword = max(found, key=len) if found else None
            bonus = KEYWORD_BONUS * min(1.0, len(keyword) / 10) if keyword else 0.0
            hits.append(Hit(doc, float(score) + bonus, keyword))
        return sorted(hits, key=lambda h: -h.score)


_lock = threading.Lock()
_cache: dict[tuple[int, str], Index] = {}


def index_for(kb: KnowledgeBase) -> Index:
    """The index (and gaps) of this knowledge base's current content, read again only after a reload."""
    key = (id(kb.engine), kb.version())
    with _lock:
        if key not in _cache:
            _cache.clear()
            _cache[key] = Index(documents(kb), kb.gaps())
        return _cache[key]


def records_of(docs: Iterable[Doc]) -> list[models.Base]:
    return [d.record for d in docs]
