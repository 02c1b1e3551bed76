"""Fixtures: a knowledge base built from the real content files, and Rasa trackers."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as bot_actions
from knowledge.db import make_engine
from knowledge.load import CONTENT_DIR, read_content, write_content
from knowledge.query import KnowledgeBase


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('kb') / 'kb.sqlite3'}")
    write_content(engine, read_content())
    return KnowledgeBase(engine)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the knowledge files, for tests that break them."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture(autouse=True)
def actions_use_test_kb(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot_actions, "kb", kb)


def make_tracker(
    intent: str,
    entities: dict[str, str] | None = None,
    slots: dict[str, Any] | None = None,
    text: str = "",
    ranking: list[tuple[str, float]] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, 0.9)])],
    }
    return Tracker(
        sender_id="test-visitor",
        slots=dict(slots or {}),
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run_action(action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run an action; return (messages sent to the visitor, events)."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return dispatcher.messages, events
