"""Write feedback and unanswered questions, and read back the content gaps they reveal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, Optional

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from conversation.settings import current
from feedback.models import Base, Feedback, UnansweredQuestion
from knowledge.db import make_engine
from knowledge.text import question_key

# Why a question counts as a gap, as the content team reads it.
KIND_LABELS = {
    "fallback": "not understood",
    "out_of_scope": "out of scope",
    "uncovered": "not covered by the sources",
    "not_in_sources": "asked what the sources do not say",
    "unheard": "asked about things the sources never mention",
    "unhelpful": "answer judged unhelpful",
}


def database_url() -> str:
    """The feedback database's URL (FEEDBACK_DATABASE_URL), an SQLite file by default."""
    return current().feedback_database_url


@dataclass
class Gap:
    """One question (as visitors wrote it most recently) and why it was a gap, with counts."""

    question: str
    last_seen: datetime
    count: int = 0
    kinds: Counter = field(default_factory=Counter)


class FeedbackStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Feedback is kept across knowledge reloads: create what is missing, never drop.
        Base.metadata.create_all(engine)

    def record_feedback(
        self,
        sender_id: str,
        helpful: bool,
        question: Optional[str],
        topic: Optional[str] = None,
        comment: Optional[str] = None,
    ) -> None:
        row = Feedback(sender_id=sender_id, helpful=helpful, question=question, topic=topic, comment=comment)
        self._add(row)

    def record_unanswered(self, sender_id: str, kind: str, question: str) -> None:
        if kind not in KIND_LABELS:
            raise ValueError(f"unknown kind {kind!r}")
        self._add(UnansweredQuestion(sender_id=sender_id, kind=kind, question=question))

    def _add(self, row: Base) -> None:
        with Session(self.engine, future=True) as session, session.begin():
            session.add(row)

    def feedback(self) -> list[Feedback]:
        with Session(self.engine, future=True) as session:
            return list(session.scalars(select(Feedback).order_by(Feedback.id)))

    def forget(self, sender_id: str) -> int:
        """Delete everything stored about one visitor (their right to erasure); the rows deleted."""
        return self._delete_where(lambda row: row.sender_id == sender_id)

    def rename_senders(self, renames: dict[str, str]) -> None:
        """Move rows to new conversation keys (bot/conversation_keys.py), in one transaction."""
        from bot.conversation_keys import rename

        with self.engine.begin() as connection:
            for table in (Feedback, UnansweredQuestion):
                rename(connection, table.__table__.c.sender_id, renames)

    def purge_before(self, cutoff: datetime) -> int:
        """Delete ratings and unanswered questions older than cutoff (retention); the rows deleted."""
        return self._delete_where(lambda row: row.created_at < cutoff)

    def _delete_where(self, condition: Callable[[Any], Any]) -> int:
        """Delete from both tables, in one transaction, the rows matching condition(table)."""
        with Session(self.engine, future=True) as session, session.begin():
            return sum(
                session.execute(delete(table).where(condition(table))).rowcount
                for table in (Feedback, UnansweredQuestion)
            )

    def unanswered(self) -> list[UnansweredQuestion]:
        with Session(self.engine, future=True) as session:
            return list(session.scalars(select(UnansweredQuestion).order_by(UnansweredQuestion.id)))

    def gaps(self) -> list[Gap]:
        """Questions not answered or answered badly, most frequent first (ties: most recent first)."""
        with Session(self.engine, future=True) as session:
            unanswered = [(q.kind, q.question, q.created_at) for q in session.scalars(select(UnansweredQuestion))]
            unhelpful = [
                ("unhelpful", f.question, f.created_at)
                for f in session.scalars(select(Feedback).where(Feedback.helpful.is_(False)))
                if f.question
            ]
        gaps: dict[str, Gap] = {}
        for kind, question, created_at in sorted(unanswered + unhelpful, key=lambda row: row[2]):
            key = question_key(question)
            if not key:
                continue
            gap = gaps.setdefault(key, Gap(question=question, last_seen=created_at))
            gap.question, gap.last_seen = question, created_at
            gap.count += 1
            gap.kinds[kind] += 1
        return sorted(gaps.values(), key=lambda g: (-g.count, -g.last_seen.timestamp()))


@cache
def shared_store(url: Optional[str] = None) -> FeedbackStore:
    """One store (and connection pool) per URL for the life of the action server."""
    return FeedbackStore(make_engine(url or database_url()))
