"""Feedback tables. A separate metadata from the knowledge base, which is rebuilt on every load."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text
from sqlalchemy.orm import declarative_base

# SQLAlchemy 1.4 ships no type information: to mypy the base (and so every model) is Any.
Base: Any = declarative_base()


def _now() -> datetime:
    return datetime.now(UTC)


class Feedback(Base):
    """A visitor's verdict on one answer, with the question that answer replied to."""

    __tablename__ = "feedback"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=_now)
    helpful = Column(Boolean, nullable=False)
    question = Column(Text, nullable=True)
    topic = Column(String(50), nullable=True)
    comment = Column(Text, nullable=True)


class UnansweredQuestion(Base):
    """A question the bot did not answer: not understood, out of scope, or not covered by the sources."""

    __tablename__ = "unanswered_question"

    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=_now)
    kind = Column(String(20), nullable=False)
    question = Column(Text, nullable=False)
