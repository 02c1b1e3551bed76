"""`python -m bot.retention [--days N]` (`make purge`): delete conversations older than the retention period.

A conversation is deleted when its most recent event is older than RETENTION_DAYS
(default 30) days: all its events in the tracker store (TRACKER_STORE_URL), and the
ratings and unanswered questions older than that in the feedback database
(FEEDBACK_DATABASE_URL). Run it daily (cron, systemd timer). Prints what it deleted.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import column, create_engine, delete, func, inspect, select, table

from bot.env import bot_environment
from conversation.settings import Settings
from feedback.store import FeedbackStore
from knowledge.db import make_engine

EVENTS = table("events", column("sender_id"), column("timestamp"))


def purge_conversations(url: str, cutoff: float) -> tuple[int, int]:
    """(conversations, events) deleted from Rasa's SQL tracker store, last activity before cutoff."""
    engine = create_engine(url)
    if not inspect(engine).has_table("events"):
        return 0, 0  # nothing stored yet
    with engine.begin() as connection:
        idle = (
            select(EVENTS.c.sender_id)
            .group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < cutoff)
            .subquery()
        )
        senders = [row[0] for row in connection.execute(select(idle.c.sender_id))]
        events = 0
        for start in range(0, len(senders), 500):
            batch = senders[start : start + 500]
            events += connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(batch))).rowcount
    engine.dispose()
    return len(senders), events


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env(bot_environment())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # RETENTION_DAYS: also what the web chat tells visitors (bot/webchat.py).
    parser.add_argument("--days", type=float, default=settings.retention_days)
    args = parser.parse_args(argv)
    if args.days <= 0:
        parser.error("--days must be positive")
    cutoff = time.time() - args.days * 86400
    conversations, events = purge_conversations(settings.tracker_store_url, cutoff)
    feedback = FeedbackStore(make_engine(settings.feedback_database_url))
    rows = feedback.purge_before(datetime.now(UTC) - timedelta(days=args.days))
    print(
        f"Retention {args.days:g} days: deleted {conversations} conversations ({events} events) "
        f"and {rows} feedback or unanswered-question rows."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
