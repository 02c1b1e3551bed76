"""Visitor-facing texts in one place per kind: Rasa responses in domain.yml, the action server's
fixed messages in actions/messages.py, the Rasa server's in bot/messages.py, the texts both send
in conversation/shared.py; and one apology."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conversation.shared import APOLOGY

ROOT = Path(__file__).resolve().parent.parent

MESSAGE_MODULES = {"actions/messages.py", "bot/messages.py"}
# Modules that may hold French strings, with the reason. Keep this list short: a fixed text
# a visitor reads belongs in a messages module.
EXCEPTIONS = {
    "actions/answers.py": "composer: builds sentences from the knowledge base's content",
    "actions/advice.py": "composer: builds the adviser's sentences from the content and the profile",
    "actions/focus.py": "regular expressions that read questions, not texts",
    "bot/names.py": "regular expressions that find names, not texts",
    "bot/privacy.py": "regular expressions and the masking markers, kept with the patterns they replace",
    "bot/stack.py": "the launcher's console lines, for the operator, not visitors",
}
FRENCH = re.compile(r"[àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŒ«»]")
LOG_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


def visitor_texts(source: str) -> list[str]:
    """String constants longer than 25 characters with French letters, except docstrings and
    what is handed to a logger."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOG_CALLS:
            skipped |= {id(inner) for inner in ast.walk(node)}
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
        if len(node.value) > 25 and FRENCH.search(node.value)
    ]


def modules() -> list[str]:
    return [str(p.relative_to(ROOT)) for package in ("actions", "bot") for p in sorted((ROOT / package).glob("*.py"))]


@pytest.mark.parametrize("module", [m for m in modules() if m not in MESSAGE_MODULES | set(EXCEPTIONS)])
def test_fixed_visitor_texts_are_in_the_messages_modules(module: str) -> None:
    found = visitor_texts((ROOT / module).read_text(encoding="utf-8"))
    assert found == [], f"{module}: move these texts to actions/messages.py or bot/messages.py: {found}"


def test_the_exceptions_still_exist_and_the_check_sees_texts() -> None:
    assert set(EXCEPTIONS) <= set(modules())
    source = (
        '"""Le module, documenté."""\n'
        "import logging\nlogger = logging.getLogger()\n"
        'def f():\n    """Une fonction bien documentée, en français."""\n'
        '    logger.warning("Un message de journal assez long, où il y a un accent")\n'
        '    return "Désolé, une phrase de plus de vingt-cinq caractères."\n'
        'SHORT = "Tout voir :"\nENGLISH = "A long English sentence, for the logs only."\n'
    )
    assert visitor_texts(source) == ["Désolé, une phrase de plus de vingt-cinq caractères."]


APOLOGY_WORDS = re.compile(r"d[ée]sol[ée]|un probl[èe]me", re.IGNORECASE)


def test_one_apology() -> None:
    """The apology's wording is written once, conversation/shared.py's APOLOGY; every layer that
    apologises (actions/safe.py, bot/rasa_patches.py, the channels) sends that constant."""
    files = [ROOT / "domain.yml"] + [
        p for package in ("actions", "bot", "conversation") for p in (ROOT / package).rglob("*") if p.is_file()
    ]
    found = [
        str(p.relative_to(ROOT))
        for p in files
        if p.suffix in {".py", ".yml", ".js", ".html"} and APOLOGY_WORDS.search(p.read_text(encoding="utf-8"))
    ]
    assert found == ["conversation/shared.py"]
    assert APOLOGY_WORDS.search(APOLOGY)
