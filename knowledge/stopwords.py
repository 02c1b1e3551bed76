"""French stop words: spaCy's list, read from its source file without importing spaCy.

Importing `spacy.lang.fr` loads spaCy itself (and thinc, numpy…) into the action server,
which only needs this list of words.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path


def _spacy_french_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        raise RuntimeError("spaCy is not installed: it is pinned in requirements.txt")
    source = Path(spec.origin).parent / "lang" / "fr" / "stop_words.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "STOP_WORDS" for t in node.targets):
            # STOP_WORDS = set("""…""".split())
            text = next(
                n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            )
            return frozenset(text.split())
    raise RuntimeError(f"no STOP_WORDS in {source}")


FRENCH_STOP_WORDS = _spacy_french_stop_words()
