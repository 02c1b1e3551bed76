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


def docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are a module's, class's or function's docstring."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def paths_into_data(source: str) -> list[str]:
    """String constants (docstrings aside) that name the training data: 'data', 'data/…', '….yml'."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        if node.value.strip("/") == "data" or "data/" in node.value or node.value.endswith((".yml", ".yaml"))
    ]


def test_the_action_server_never_reads_the_training_data() -> None:
    """The synonyms come from the knowledge base (make kb): the action server ships without data/."""
    found = {
        str(path.relative_to(ROOT)): paths
        for path in sorted((ROOT / "actions").rglob("*.py"))
        if (paths := paths_into_data(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    assert offenders(ROOT / "actions", {"yaml"}) == {}


def test_the_data_check_sees_paths_but_not_docstrings() -> None:
    source = '"""Reads data/nlu/synonyms.yml."""\nFILE = ROOT / "data" / "nlu" / "synonyms.yml"\n'
    assert sorted(paths_into_data(source)) == ["data", "synonyms.yml"]
