"""Robustness variants of a question, the way visitors really type on a phone.

Each variant is deterministic (a typo is seeded by the text itself), so every
pipeline is scored on exactly the same perturbed sentences, run after run.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

# Letters next to each other on a French AZERTY keyboard: the typos people make.
AZERTY_NEIGHBOURS = {
    "a": "zqs",
    "z": "aes",
    "e": "zrd",
    "r": "etf",
    "t": "ryg",
    "y": "tuh",
    "u": "yij",
    "i": "uok",
    "o": "ipl",
    "p": "om",
    "q": "asw",
    "s": "qdz",
    "d": "sfe",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "j": "hku",
    "k": "jli",
    "l": "kmo",
    "m": "lp",
    "w": "xq",
    "x": "wc",
    "c": "xv",
    "v": "cb",
    "b": "vn",
    "n": "b",
}

# Longest first: "qu'est-ce que" must win over "que".
SMS_ABBREVIATIONS = [
    ("qu'est-ce que", "keske"),
    ("qu'est ce que", "keske"),
    ("est-ce que", "esk"),
    ("s'il vous plaît", "svp"),
    ("s'il vous plait", "svp"),
    ("aujourd'hui", "auj"),
    ("je suis", "chui"),
    ("c'est", "c"),
    ("pourquoi", "pk"),
    ("combien", "cb"),
    ("beaucoup", "bcp"),
    ("bonjour", "bjr"),
    ("toujours", "tjrs"),
    ("quelles", "kel"),
    ("quelle", "kel"),
    ("quels", "kel"),
    ("quel", "kel"),
    ("quoi", "koi"),
    ("quand", "qd"),
    ("salut", "slt"),
    ("merci", "mrc"),
    ("pour", "pr"),
    ("dans", "ds"),
    ("avec", "avc"),
    ("tout", "tt"),
    ("que", "ke"),
    ("qui", "ki"),
]
_SMS_PATTERN = re.compile(r"(?<![\w'])(" + "|".join(re.escape(word) for word, _ in SMS_ABBREVIATIONS) + r")(?![\w'-])")
_SMS = dict(SMS_ABBREVIATIONS)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def lower_case(text: str) -> str:
    return text.lower()


def sms(text: str) -> str:
    """Lower case plus the abbreviations of French SMS writing ("c koi", "kel", "pk")."""
    return _SMS_PATTERN.sub(lambda match: _SMS[match.group(1)], text.lower())


def typo(text: str) -> str:
    """One slip of the finger in one word of four letters or more (dropped, doubled, swapped or
    neighbouring key). Short words are left alone: a typo in "le" is not what we want to measure."""
    words = [match for match in re.finditer(r"[^\W\d_]{4,}", text)]
    if not words:
        return text
    rng = random.Random(text)
    word = rng.choice(words)
    letters = list(word.group(0))
    position = rng.randrange(len(letters))
    kind = rng.choice(["drop", "double", "swap", "neighbour"])
    if kind == "drop":
        del letters[position]
    elif kind == "double":
        letters.insert(position, letters[position])
    elif kind == "swap":
        position = min(position, len(letters) - 2)
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    else:
        base = strip_accents(letters[position].lower())
        neighbours = AZERTY_NEIGHBOURS.get(base, "")
        letters[position] = rng.choice(neighbours) if neighbours else letters[position] + letters[position]
    return text[: word.start()] + "".join(letters) + text[word.end() :]


VARIANTS: dict[str, Callable[[str], str]] = {
    "accents stripped": strip_accents,
    "one-letter typo": typo,
    "lower case": lower_case,
    "SMS abbreviations": sms,
}
