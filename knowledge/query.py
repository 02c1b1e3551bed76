"""The only module that reads the knowledge base; the actions call it and never build SQL.

Results are ORM objects whose attributes and relationships are loaded eagerly,
so they stay usable after the session is closed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Optional, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import models
from knowledge.db import shared_engine
from knowledge.text import fold

T = TypeVar("T")


class _Authored(Protocol):
    """A model whose rows keep the order they are written in."""

    position: Any


A = TypeVar("A", bound=_Authored)

# Tables read once per load of the content, per engine (read again only after a reload):
# name -> ((engine, load stamp), value).
_per_load_lock = threading.Lock()
_per_load_cache: dict[str, tuple[tuple[int, str], Any]] = {}


class KnowledgeBase:
    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine

    @property
    def engine(self) -> Engine:
        return self._engine or shared_engine()

    def _all(self, statement) -> list:
        with Session(self.engine, future=True, expire_on_commit=False) as session:
            return list(session.scalars(statement).unique())

    def _one(self, statement) -> Optional[T]:
        found = self._all(statement)
        return found[0] if found else None

    def profession(self) -> Optional[models.Profession]:
        return self._one(select(models.Profession))

    def statements(self, topic: str, kinds: Sequence[str] | None = None) -> list[models.Statement]:
        query = select(models.Statement).where(models.Statement.topic == topic)
        if kinds is not None:
            query = query.where(models.Statement.kind.in_(list(kinds)))
        return self._all(query.order_by(models.Statement.position))

    def routes(self) -> list[models.TrainingRoute]:
        return self._all(select(models.TrainingRoute).order_by(models.TrainingRoute.position))

    def route(self, code: str) -> Optional[models.TrainingRoute]:
        return self._one(select(models.TrainingRoute).where(models.TrainingRoute.code == code))

    def diploma(self, code: str) -> Optional[models.Diploma]:
        return self._one(select(models.Diploma).where(models.Diploma.code == code))

    def route_for_diploma(self, code: str) -> Optional[models.TrainingRoute]:
        """The route a diploma opens (the 112-hour FAE for DEAS, DEAP, DEI), if any."""
        query = (
            select(models.TrainingRoute).join(models.route_diploma).where(models.route_diploma.c.diploma_code == code)
        )
        return self._one(query)

    def _listed(self, model: type[A], key: str, value: str | None) -> list[A]:
        """Rows in their authored order, optionally only the one whose `key` equals `value`."""
        query = select(model).order_by(model.position)
        if value:
            query = query.where(getattr(model, key) == value)
        return self._all(query)

    def training_types(self, code: str | None = None) -> list[models.TrainingType]:
        return self._listed(models.TrainingType, "code", code)

    def note(self, code: str) -> Optional[models.Note]:
        return self._one(select(models.Note).where(models.Note.code == code))

    def funding(self, code: str | None = None) -> list[models.FundingOption]:
        return self._listed(models.FundingOption, "code", code)

    def salary_bands(self, level: str | None = None) -> list[models.SalaryBand]:
        return self._listed(models.SalaryBand, "level", level)

    def salary_factors(self, codes: Sequence[str] | None = None) -> list[models.SalaryFactor]:
        query = select(models.SalaryFactor).order_by(models.SalaryFactor.position)
        if codes is not None:
            query = query.where(models.SalaryFactor.code.in_(list(codes)))
        return self._all(query)

    def workplaces(self, code: str | None = None) -> list[models.Workplace]:
        return self._listed(models.Workplace, "code", code)

    def recommendation_rules(self) -> list[models.RecommendationRule]:
        return self._listed(models.RecommendationRule, "code", None)

    def gaps(self) -> list[models.Gap]:
        return self._listed(models.Gap, "code", None)

    def diplomas(self) -> list[models.Diploma]:
        return self._listed(models.Diploma, "code", None)

    def synonyms(self) -> Mapping[str, str]:
        """Folded variant -> value: how visitors write each value (data/nlu/synonyms.yml, stored
        by the loader), read once per load of the content like the retrieval index."""

        def read() -> Mapping[str, str]:
            rows = self._all(select(models.Synonym).order_by(models.Synonym.position))
            return MappingProxyType({fold(row.variant): row.value for row in rows})

        return self._per_load("synonyms", read)

    def known_words(self) -> frozenset[str]:
        """The words the articles, the NLU data and the registry use (knowledge/lexicon.py),
        read once per load of the content."""
        return self._per_load("known_words", lambda: frozenset(self._all(select(models.KnownWord.word))))

    def _per_load(self, name: str, read: Callable[[], T]) -> T:
        """`read()` once per load of the content and engine (the previous load's dropped)."""
        key = (id(self.engine), self.version())
        with _per_load_lock:
            cached = _per_load_cache.get(name)
            if cached is None or cached[0] != key:
                cached = _per_load_cache[name] = (key, read())
            return cached[1]

    def version(self) -> str:
        """Changes at every load of the content (derived indexes are rebuilt on it)."""
        stamp = self._one(select(models.LoadStamp))
        return stamp.stamp if stamp is not None else ""
