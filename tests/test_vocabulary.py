"""One vocabulary (knowledge/vocabulary.py): every button, synonym and knowledge file uses its
codes, and adding a value touches only the vocabulary, the content and the synonyms."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.questions import ORIENTATION_REFINEMENTS, QUESTIONS, salary_refinements
from actions.topics import NEXT_STEPS_BUTTONS
from conversation.shared import FEEDBACK_BUTTONS, ORIENTATION_BUTTON, welcome_message
from knowledge.load import CONTENT_DIR
from knowledge.text import fold
from knowledge.vocabulary import (
    ENTITIES,
    EXPERIENCE_LEVELS,
    FUNDING_PLANS,
    SALARY_FACTORS,
    WORK_SETTINGS,
    WORKPLACES,
)

ROOT = Path(__file__).resolve().parent.parent
NLU_DIR = ROOT / "data" / "nlu"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "newcomer_workplace.yml"

# The codes an NLU entity may carry, as the actions read it: the adviser reads the funding
# entity as the visitor's plan ("de ma poche": personnel) and the workplace entity as where
# the visitor would work (actions/profile.py).
READ_AS: dict[str, tuple[str, ...]] = {
    **{name: values.codes for name, values in ENTITIES.items()},
    "funding": FUNDING_PLANS,
    "workplace": WORK_SETTINGS,
}
ALL_CODES = {code for codes in READ_AS.values() for code in codes}


def domain_intents() -> set[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return set(domain["intents"])


def every_button() -> list[dict[str, str]]:
    buttons = [button for _, offered in QUESTIONS.values() for button in offered]
    buttons += list(ORIENTATION_REFINEMENTS.values())
    buttons += salary_refinements(SALARY_FACTORS)  # every workplace that could get a salary factor
    buttons += [*NEXT_STEPS_BUTTONS, *FEEDBACK_BUTTONS, ORIENTATION_BUTTON, *welcome_message()["buttons"]]
    return buttons


@pytest.mark.parametrize("button", every_button(), ids=lambda b: b["title"])
def test_every_button_payload_states_codes_of_the_vocabulary(button: dict[str, str]) -> None:
    payload = button["payload"]
    if not payload.startswith("/"):  # "je ne sais pas": read as typed text
        return
    match = re.fullmatch(r"/(\w+)(\{.*\})?", payload)
    assert match, payload
    intent, entities = match.group(1), json.loads(match.group(2) or "{}")
    assert intent in domain_intents()
    for entity, value in entities.items():
        assert entity in READ_AS, f"{payload}: entity '{entity}' has no vocabulary"
        assert value in READ_AS[entity], f"{payload}: '{value}' is not a {entity} of knowledge/vocabulary.py"


def annotated_entities() -> dict[str, set[str]]:
    """Folded annotated text -> the entities the training data tags it with ("[CHU](workplace)")."""
    found: dict[str, set[str]] = {}
    for path in NLU_DIR.glob("*.yml"):
        for text, entity in re.findall(r"\[([^\]]+)\]\((\w+)\)", path.read_text(encoding="utf-8")):
            found.setdefault(fold(text), set()).add(entity)
    return found


def synonym_blocks() -> list[tuple[str, list[str]]]:
    data = yaml.safe_load((NLU_DIR / "synonyms.yml").read_text(encoding="utf-8"))
    return [
        (block["synonym"], [line.strip().removeprefix("- ").strip() for line in block["examples"].splitlines()])
        for block in data["nlu"]
        if "synonym" in block
    ]


# Synonym targets deliberately outside the vocabulary, with the reason (none today).
NOT_IN_VOCABULARY: dict[str, str] = {}


@pytest.mark.parametrize(("target", "examples"), synonym_blocks(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_synonym_target_is_a_code_of_its_entity(target: str, examples: list[str]) -> None:
    if target in NOT_IN_VOCABULARY:
        return
    tagged = annotated_entities()
    entities = set().union(*(tagged.get(fold(text), set()) for text in [target, *examples]))
    assert target in ALL_CODES, f"synonym target '{target}' is not in knowledge/vocabulary.py"
    for entity in entities & set(READ_AS):
        assert target in READ_AS[entity], f"synonym target '{target}' is tagged {entity} but is not one"


def content(name: str) -> dict[str, Any]:
    return yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))


def test_every_workplace_and_experience_code_of_the_content_is_in_the_vocabulary() -> None:
    workplaces = [w["code"] for w in content("workplaces.yml")["workplaces"]]
    salary = content("salary.yml")
    assert set(workplaces) <= set(WORKPLACES)
    assert {band["level"] for band in salary["salary_bands"]} <= set(EXPERIENCE_LEVELS)
    assert {factor["code"] for factor in salary["salary_factors"]} <= set(SALARY_FACTORS)
    # and the other way round: a workplace the bot understands has something to say about it
    assert set(WORKPLACES) <= set(workplaces)


# --- the newcomer's task (issue 16, "Done when") ---------------------------------------

SHIPPED = ("actions", "knowledge", "conversation", "feedback", "data")

ANSWER = """
import sys
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
import actions.actions
from actions.actions import ActionAnswer

assert actions.actions.__file__.startswith(sys.argv[1]), actions.actions.__file__
for text in sys.argv[2:]:
    tracker = Tracker(
        sender_id="newcomer",
        slots={},
        latest_message={
            "text": text,
            "intent": {"name": "ask_workplaces", "confidence": 0.9},
            "entities": [],
            "intent_ranking": [{"name": "ask_workplaces", "confidence": 0.9}],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    ActionAnswer().run(dispatcher, tracker, {})
    print("\\n".join(m.get("text") or "" for m in dispatcher.messages))
    print("=" * 20)
"""


def _add_to_list(path: Path, item: dict[str, Any]) -> None:
    """Append one item to the top-level list of a YAML file, as a person would type it."""
    dumped = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=120)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + textwrap.indent(dumped, "  "), "utf-8")


def test_a_newcomer_adds_a_workplace_by_editing_only_vocabulary_content_and_synonyms(tmp_path: Path) -> None:
    fixture = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    copy = tmp_path / "project"
    for name in SHIPPED:
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3"))
    before = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*") if p.is_file()}

    # 1. the vocabulary: one entry, at the end of WORKPLACE
    vocabulary = copy / "knowledge" / "vocabulary.py"
    source = vocabulary.read_text(encoding="utf-8")
    start = source.index("WORKPLACE = Values(")
    end = source.index("\n    ),\n)", start)
    vocabulary.write_text(f"{source[:end]}\n        {fixture['vocabulary_entry']}{source[end:]}", "utf-8")
    # 2. the content: one workplace record
    _add_to_list(copy / "knowledge" / "content" / "workplaces.yml", fixture["workplace"])
    # 3. the synonyms: one block
    _add_to_list(copy / "data" / "nlu" / "synonyms.yml", fixture["synonym"])

    changed = {
        p.relative_to(copy)
        for p in copy.rglob("*")
        if p.is_file() and before.get(p.relative_to(copy)) != p.read_bytes()
    }
    assert changed == {
        Path("knowledge/vocabulary.py"),
        Path("knowledge/content/workplaces.yml"),
        Path("data/nlu/synonyms.yml"),
    }

    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        "FEEDBACK_DATABASE_URL": f"sqlite:///{tmp_path / 'feedback.sqlite3'}",
    }
    run = {"cwd": copy, "env": env, "capture_output": True, "text": True, "timeout": 180}
    loaded = subprocess.run([sys.executable, "-m", "knowledge.load"], **run)  # make kb
    assert loaded.returncode == 0, loaded.stderr
    questions = ["et en centre de sante ?", "on peut travailler en centre de santé ?"]
    answered = subprocess.run([sys.executable, "-c", ANSWER, str(copy), *questions], **run)
    assert answered.returncode == 0, answered.stderr
    replies = answered.stdout.split("=" * 20)[: len(questions)]
    assert len(replies) == len(questions), answered.stdout
    for question, reply in zip(questions, replies, strict=True):
        assert fold(fixture["sentence"]) in fold(reply), f"{question!r} got {reply!r}"
