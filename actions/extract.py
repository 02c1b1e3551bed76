"""Read a visitor's free-text answer: years of experience, yes/no about alternance, known words.

The NLU model extracts entities; these functions catch what a short or sloppy
answer leaves to chance ("6", "depuis six ans", "pas d'alternance", "vendeuse").
They are careful about what they accept outside a direct answer: "j'ai 35 ans"
is an age, not experience.
"""

from __future__ import annotations

import re
from typing import Optional

from knowledge.text import fold

NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}
_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(ans?|annees?|mois)"
# Phrases that make a duration an experience, wherever it appears in the message.
_EXPERIENCE_PATTERNS = (
    re.compile(rf"\bdepuis\s+(?:plus\s+de\s+|environ\s+|pres\s+de\s+|presque\s+)?{_NUMBER}\s*{_UNIT}\b"),
    re.compile(rf"\b{_NUMBER}\s*{_UNIT}\s+(?:d\s*'?\s*exp|de\s+metier|de\s+pratique|dans|comme|en\s+tant\s+que)"),
    re.compile(rf"\b(?:pendant|durant)\s+{_NUMBER}\s*{_UNIT}\b"),
    # « ça fait 3 ans que je suis assistante médicale », « cela fait six ans que je travaille »
    re.compile(rf"\b(?:ca|cela)\s+fait\s+(?:plus\s+de\s+|environ\s+|presque\s+)?{_NUMBER}\s*{_UNIT}\s+qu"),
)
# A message that is only a duration ("3 ans", "depuis 2 ans") answers the question even unasked.
_BARE_DURATION = re.compile(rf"^\s*(?:depuis\s+|environ\s+|plus\s+de\s+)?{_NUMBER}\s*{_UNIT}\s*[.!]?\s*$")
# A direct answer to "depuis combien d'années ?": any duration, or a bare number.
_ANSWER_PATTERN = re.compile(rf"\b{_NUMBER}\s*{_UNIT}?\b")
# "j'ai 35 ans", "âgée de 40 ans": an age, never years of experience.
_AGE = re.compile(rf"\b(?:j\s*'?\s*ai|agee?\s+de|age\s*:?)\s+{_NUMBER}\s*ans\b")
_NO_EXPERIENCE = re.compile(
    r"\b(aucune?(?!\s+id)|jamais|zero|pas\s+d\s*'?\s*experience|sans\s+experience|je\s+debute)\b"
)
_NEGATION = re.compile(r"\b(pas|sans|non|ni|jamais|plutot\s+pas)\b")
_DONT_KNOW = re.compile(r"\b(sais\s+pas|ne\s+sais|sait\s+pas|aucune\s+idee|je\s+verrai|pas\s+encore|peu\s+importe)\b")


def _value(number: str, unit: Optional[str]) -> float:
    amount = NUMBER_WORDS.get(number)
    value = float(amount if amount is not None else number.replace(",", "."))
    return value / 12 if unit == "mois" else value


def experience_years(text: str, answering: bool) -> Optional[float]:
    """Years of experience stated in `text`; `answering` when the bot just asked for them."""
    folded = fold(text).replace("’", "'")
    for pattern in (*_EXPERIENCE_PATTERNS, _BARE_DURATION):
        found = pattern.search(folded)
        if found:
            return _value(found.group(1), found.group(2))
    if not answering or _AGE.search(folded):
        return None
    if _NO_EXPERIENCE.search(folded):
        return 0.0
    found = _ANSWER_PATTERN.search(folded)
    return _value(found.group(1), found.group(2)) if found else None


def negated(text: str) -> bool:
    """'pas d'alternance', 'non merci', 'sans alternance': the visitor says no."""
    return bool(_NEGATION.search(fold(text)))


def dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(fold(text)))
