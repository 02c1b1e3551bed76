"""Database connection: the knowledge base's URL from the settings (KB_DATABASE_URL), SQLite file by default."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from conversation.settings import current


def database_url() -> str:
    """The knowledge base's URL (KB_DATABASE_URL), an SQLite file by default: PostgreSQL needs no code change."""
    return current().kb_database_url


def private_sqlite_file(engine: Engine) -> None:
    """An SQLite database file readable by its owner only (it holds visitors' questions);
    SQLite gives its journal the same permissions."""
    if engine.dialect.name == "sqlite" and engine.url.database and engine.url.database != ":memory:":
        path = Path(engine.url.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.chmod(0o600)


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        private_sqlite_file(engine)
        _make_sqlite_ddl_transactional(engine)
    return engine


def _make_sqlite_ddl_transactional(engine: Engine) -> None:
    """Let SQLite roll back CREATE/DROP TABLE too, so a failed load leaves the old base intact.

    Python's sqlite3 driver commits before DDL on its own; the SQLAlchemy-documented
    recipe is to turn that off and emit BEGIN ourselves.
    """

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")


@cache
def shared_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per URL for the life of the action server."""
    return make_engine(url)
