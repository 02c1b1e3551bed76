"""Fixtures: a knowledge base built from the real content files, and Rasa trackers."""

from __future__ import annotations

import asyncio
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions as bot_actions
from actions import context
from feedback.store import FeedbackStore
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
    monkeypatch.setattr(context, "kb", kb)  # the synonyms that spot and normalise read


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FeedbackStore:
    """Each test gets an empty feedback database, used by the actions too."""
    test_store = FeedbackStore(make_engine(f"sqlite:///{tmp_path / 'feedback.sqlite3'}"))
    monkeypatch.setattr(bot_actions, "feedback_store", lambda: test_store)
    return test_store


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text(encoding="utf-8"))


def make_tracker(
    intent: str,
    entities: dict[str, str] | None = None,
    slots: dict[str, Any] | None = None,
    text: str = "",
    ranking: list[tuple[str, float]] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    confidence: float = 0.9,
    sender_id: str = "test-visitor",
    syntax: list[list[str]] | None = None,
) -> Tracker:
    latest: dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, confidence)])],
    }
    if syntax is not None:  # the tokens the NLU pipeline's spaCy tags (bot/nlu_syntax.py; `tagged`)
        latest["syntax"] = syntax
    return Tracker(
        sender_id=sender_id,
        slots=dict(slots or {}),
        latest_message=latest,
        events=list(events or []),
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run_action(action, tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Run an action; return (messages sent to the visitor, events). The record of what the bot
    understood (the `understood` slot, tested in tests/test_reading.py) is left out of the events."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    return dispatcher.messages, [e for e in events if e.get("name") != "understood"]


def run_form_validation(action, tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
    """Run a form validation action; return the slots it sets (name -> value)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot" and e["name"] != "requested_slot"}


@lru_cache(maxsize=1)
def _french() -> Any:
    import spacy

    return spacy.load("fr_core_news_sm", exclude=["parser", "ner"])


def tagged(text: str) -> list[list[str]]:
    """The syntax tokens the NLU pipeline adds to a message (bot/nlu_syntax.py), from the same
    spaCy model, so readings are tested on what the server really sends."""
    from bot.nlu_syntax import syntax_tokens

    return syntax_tokens(_french()(text.lower()))  # the pipeline parses lower case (config.yml)
