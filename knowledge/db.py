"""Database connection: one URL from the environment, SQLite file by default."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "knowledge.sqlite3"
DATABASE_URL_ENV = "KB_DATABASE_URL"


def database_url() -> str:
    """The knowledge base URL; PostgreSQL works by setting KB_DATABASE_URL, no code change."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(url, future=True, pool_pre_ping=True)


@lru_cache(maxsize=None)
def shared_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per URL for the life of the action server."""
    return make_engine(url)
