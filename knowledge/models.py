"""SQLAlchemy models: one table per kind of fact, each row pointing to its source article."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import declarative_base, declared_attr, relationship

# SQLAlchemy 1.4 ships no type information: to mypy the base (and so every model) is Any.
Base: Any = declarative_base()


class Source(Base):
    __tablename__ = "source"

    id = Column(String(16), primary_key=True)
    file = Column(String(200), nullable=False)
    title = Column(String(300), nullable=False)


class Sourced:
    """Every fact names its article and the section it comes from."""

    @declared_attr
    def source_id(cls):  # noqa: N805 - SQLAlchemy declared_attr convention
        return Column(String(16), ForeignKey("source.id"), nullable=False)

    @declared_attr
    def source(cls):  # noqa: N805
        return relationship(Source, lazy="joined")

    section = Column(String(300), nullable=False)
    keywords = Column(JSON, nullable=False, default=list)


class Profession(Sourced, Base):
    __tablename__ = "profession"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    created_year = Column(Integer, nullable=False)
    plan = Column(String(100), nullable=False)
    purpose = Column(Text, nullable=False)
    role = Column(Text, nullable=False)


class Statement(Sourced, Base):
    """A short fact in a list-like topic (missions, skills, pros and cons, career...)."""

    __tablename__ = "statement"

    id = Column(Integer, primary_key=True)
    topic = Column(String(50), nullable=False, index=True)
    kind = Column(String(50), nullable=True)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)


route_diploma = Table(
    "route_diploma",
    Base.metadata,
    Column("route_code", ForeignKey("training_route.code"), primary_key=True),
    Column("diploma_code", ForeignKey("diploma.code"), primary_key=True),
)


class Diploma(Sourced, Base):
    __tablename__ = "diploma"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    level = Column(String(50), nullable=False)


class TrainingRoute(Sourced, Base):
    __tablename__ = "training_route"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    summary = Column(Text, nullable=False)
    prerequisite = Column(Text, nullable=True)
    duration = Column(String(100), nullable=True)
    hours = Column(Integer, nullable=True)
    blocks_note = Column(Text, nullable=True)
    audience_note = Column(Text, nullable=True)
    blocks = relationship("CqpBlock", order_by="CqpBlock.position", lazy="selectin", cascade="all, delete-orphan")
    diplomas = relationship(Diploma, secondary=route_diploma, lazy="selectin", order_by=Diploma.position)


class CqpBlock(Base):
    __tablename__ = "route_block"

    id = Column(Integer, primary_key=True)
    route_code = Column(ForeignKey("training_route.code"), nullable=False)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)


class TrainingType(Sourced, Base):
    __tablename__ = "training_type"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    label = Column(String(100), nullable=False)
    months_min = Column(Integer, nullable=False)
    months_max = Column(Integer, nullable=False)
    diploma = Column(String(100), nullable=False)
    cost_min = Column(Integer, nullable=True)
    cost_max = Column(Integer, nullable=True)
    cost_note = Column(Text, nullable=True)


class Note(Sourced, Base):
    """A standalone caveat the sources attach to a topic (e.g. cost estimates may vary)."""

    __tablename__ = "note"

    code = Column(String(50), primary_key=True)
    text = Column(Text, nullable=False)


class FundingOption(Sourced, Base):
    __tablename__ = "funding_option"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(100), nullable=False)
    text = Column(Text, nullable=False)


class SalaryBand(Sourced, Base):
    __tablename__ = "salary_band"

    level = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    label = Column(String(100), nullable=False)
    gross_year_min = Column(Integer, nullable=False)
    gross_year_max = Column(Integer, nullable=False)
    net_month_min = Column(Integer, nullable=False)
    net_month_max = Column(Integer, nullable=False)


class SalaryFactor(Sourced, Base):
    __tablename__ = "salary_factor"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)


class Workplace(Sourced, Base):
    __tablename__ = "workplace"

    code = Column(String(20), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    setting = Column(String(200), nullable=False)
    environment = Column(Text, nullable=True)


class RecommendationRule(Sourced, Base):
    """One rule of the orientation adviser: when a profile matches `conditions`, suggest a route.

    Rules live in the knowledge base so the content team can change the advice
    without touching code; knowledge.recommend evaluates them.
    """

    __tablename__ = "recommendation_rule"

    code = Column(String(50), primary_key=True)
    position = Column(Integer, nullable=False)
    group = Column(String(20), nullable=False)
    conditions = Column(JSON, nullable=False)
    route_code = Column(ForeignKey("training_route.code"), nullable=True)
    training_type_code = Column(ForeignKey("training_type.code"), nullable=True)
    covered = Column(Boolean, nullable=False)
    reason = Column(Text, nullable=False)
    route = relationship(TrainingRoute, lazy="joined")
    training_type = relationship(TrainingType, lazy="joined")


class Gap(Sourced, Base):
    """A question the sources do not answer (knowledge/content/gaps.yml): the phrases that
    recognise it, the honest answer, and what the cited section says that is related."""

    __tablename__ = "gap"

    code = Column(String(50), primary_key=True)
    position = Column(Integer, nullable=False)
    phrases = Column(JSON, nullable=False)
    also = Column(JSON, nullable=False)
    too = Column(JSON, nullable=False, default=list)
    unless = Column(JSON, nullable=False)
    situation = Column(Boolean, nullable=False, default=False)
    answer = Column(Text, nullable=False)
    related = Column(Text, nullable=True)


class Synonym(Base):
    """A way visitors write a value (data/nlu/synonyms.yml), for the actions to spot it."""

    __tablename__ = "synonym"

    id = Column(Integer, primary_key=True)
    position = Column(Integer, nullable=False)
    variant = Column(String(200), nullable=False)
    value = Column(String(50), nullable=False)


class KnownWord(Base):
    """A word the articles, the NLU data or the registry use (knowledge/lexicon.py): a noun that is
    none of these, nor common French, is a thing the sources never mention."""

    __tablename__ = "known_word"

    word = Column(String(60), primary_key=True)


class LoadStamp(Base):
    """Written at each load: lets a long-running process see that the content changed."""

    __tablename__ = "load_stamp"

    id = Column(Integer, primary_key=True)
    stamp = Column(String(32), nullable=False)
