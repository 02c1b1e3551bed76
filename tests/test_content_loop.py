"""The content loop: an editor who sees a missed question in `make gaps` makes the bot answer
it by editing knowledge/content/ and reloading, with no retraining (the same model, the same
NLU parse: only the knowledge base changes)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions import actions as bot_actions
from actions.actions import ActionClarify
from knowledge.db import make_engine
from knowledge.load import read_content, write_content
from knowledge.query import KnowledgeBase
from tests.conftest import make_tracker, run_action

# Nobody wrote "toubib" anywhere: the classifier gives up, retrieval finds nothing.
MISSED = "on bosse main dans la main avec le toubib ?"
UNSAID = "ils touchent une prime de fin d'année les assistants ?"


def reply_with(kb: KnowledgeBase, text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(bot_actions, "kb", kb)
    messages, _ = run_action(ActionClarify(), make_tracker("nlu_fallback", text=text))
    return "\n".join(m.get("text") or "" for m in messages)


def reload(content: Path, tmp_path: Path, name: str) -> KnowledgeBase:
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    write_content(engine, read_content(content))
    return KnowledgeBase(engine)


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_new_keyword_answers_a_missed_question_without_retraining(content_copy, tmp_path, monkeypatch) -> None:
    before = reply_with(reload(content_copy, tmp_path, "before.sqlite3"), MISSED, monkeypatch)
    assert "pas sûr d'avoir compris" in before

    def add_keyword(data: dict) -> None:
        assist = next(s for s in data["statements"] if s["text"].startswith("assister le médecin"))
        assist["keywords"] = [*assist.get("keywords", []), "toubib"]

    edit(content_copy / "statements.yml", add_keyword)
    after = reply_with(reload(content_copy, tmp_path, "after.sqlite3"), MISSED, monkeypatch)
    assert "assister le médecin pendant les actes techniques simples" in after and "D'après «" in after


def test_a_new_gap_makes_the_bot_honest_about_it_without_retraining(content_copy, tmp_path, monkeypatch) -> None:
    before = reply_with(reload(content_copy, tmp_path, "before.sqlite3"), UNSAID, monkeypatch)
    assert "ne parlent pas de la prime de fin d'année" not in before

    def add_gap(data: dict) -> None:
        data["gaps"].insert(
            0,
            {
                "code": "year_end_bonus",
                "phrases": ["prime de fin d annee"],
                "answer": "Mes sources ne parlent pas de la prime de fin d'année.",
                "source": "000",
                "section": "Quel est le salaire d'un assistant médical ?",
            },
        )

    edit(content_copy / "gaps.yml", add_gap)
    after = reply_with(reload(content_copy, tmp_path, "after.sqlite3"), UNSAID, monkeypatch)
    assert "Mes sources ne parlent pas de la prime de fin d'année." in after
