"""Database connection: one URL from the environment, SQLite file by default."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "knowledge.sqlite3"
DATABASE_URL_ENV = "KB_DATABASE_URL"


def database_url(env: str = DATABASE_URL_ENV, default_path: Path = DEFAULT_SQLITE_PATH) -> str:
    """A database URL from `env`, else an SQLite file: PostgreSQL needs no code change.

    Defaults to the knowledge base (KB_DATABASE_URL); the feedback store uses its own variable.
    """
    return os.environ.get(env) or f"sqlite:///{default_path}"


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
