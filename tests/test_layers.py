"""The layers: the Rasa server's code (bot/) never imports the action server's (actions/), and the
package both share (conversation/) imports neither, so each server ships without the other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(source: str, own_package: str) -> set[str]:
    """Top-level packages a module imports, wherever the import is (functions included)."""
    packages = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                packages.add(own_package)  # a relative import stays in its package
            elif node.module:
                packages.add(node.module.split(".")[0])
    return packages


def offenders(package: Path, forbidden: set[str]) -> dict[str, set[str]]:
    """{module: the forbidden packages it imports}, for every module under `package`."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        bad = imported_packages(path.read_text(encoding="utf-8"), package.name) & forbidden
        if bad:
            found[str(path.relative_to(package.parent))] = bad
    return found


def test_the_rasa_server_code_never_imports_the_actions() -> None:
    assert list((ROOT / "bot").rglob("*.py"))
    assert offenders(ROOT / "bot", {"actions"}) == {}


def test_the_shared_package_imports_neither_server() -> None:
    assert list((ROOT / "conversation").rglob("*.py"))
    assert offenders(ROOT / "conversation", {"actions", "bot"}) == {}


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    package = tmp_path / "bot"
    package.mkdir()
    (package / "ok.py").write_text("from bot.env import PROJECT_ROOT\nfrom . import env\n", encoding="utf-8")
    (package / "late.py").write_text("def f():\n    from actions.messages import handoff_contact\n", encoding="utf-8")
    (package / "plain.py").write_text("import actions.topics as topics\n", encoding="utf-8")
    assert offenders(package, {"actions"}) == {"bot/late.py": {"actions"}, "bot/plain.py": {"actions"}}
