"""Visitor text made plain once, at the channel, before masking and before NLU.

Every channel (REST, web chat, Telegram, Slack, Messenger) hands its text here first, so
masking and the NLU see one form of it:

- lone UTF-16 surrogates (a JSON string may carry "\\ud800") become U+FFFD: spaCy and the
  tracker store cannot encode them, which lost the turn;
- NFKC folds compatibility forms (full-width digits, ligatures, no-break spaces), so a
  phone number in full-width digits is still a phone number to the masking;
- zero-width characters, bidi controls and soft hyphens are removed: invisible, they could
  split a phone number or an e-mail address so that masking missed it. The zero-width joiner
  is kept between two symbols, where it builds an emoji ("👩‍⚕️"), and removed elsewhere;
- C0/C1 control characters (except tab and newline) are removed: PostgreSQL refuses NUL;
- punctuation spoken to a dictation tool that wrote it out (« …les mains point
  d'interrogation », « bonjour virgule je suis… », « depuis onze ans point je voudrais… ») is
  written as punctuation, so a dictated message is read in clauses and questions like a typed
  one. « point » stays a word where it is one (« un point fort », « à quel point », « le point de
  vue »): only between two words that it cannot belong to.
"""

from __future__ import annotations

import re
import unicodedata

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator,
# and the bidi marks, embeddings, overrides and isolates.
INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A joiner next to a letter, digit, space or the text's edge joins nothing visible.
LOOSE_JOINER = re.compile(r"(?<![^\w\s])\u200d|\u200d(?![^\w\s])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spoken punctuation: « point d'interrogation » (apostrophe as typed, or a space), « point
# d'exclamation », « virgule », « point ».
SPOKEN = re.compile(
    r"\s*(?<!\S)(?:point\s+d(?:['’]\s*|\s+)(interrogation|exclamation)|(virgule)|(point))(?!\S)", re.IGNORECASE
)
# A dictated e-mail address (« jean point dupont arobase gmail point com »): its « point » is a
# dot that the masking reads (bot/privacy.py), never a full stop.
SPOKEN_ADDRESS = re.compile(r"@|\barobase\b|[\[(]\s*at\s*[\])]|\bat\b", re.IGNORECASE)
SPOKEN_MARK = {"interrogation": " ?", "exclamation": " !"}
# The word before « virgule » or « point » that makes it a noun (« la virgule », « un point »,
# « à quel point », « faire le point », « au point mort »).
# fmt: off
TAKES_IT_AS_A_NOUN = frozenset({
    "un", "le", "la", "l", "au", "du", "ce", "cet", "cette", "quel", "quels", "chaque", "les",
    "des", "aux", "mes", "tes", "ses", "nos", "vos", "leurs", "son", "mon", "ton", "sa", "ma",
    "ta", "bon", "gros", "petit", "dernier", "premier", "sur", "en", "a", "à", "de", "d"
})
# fmt: on
# The word after « point » that completes it (« point de vue », « point fort »).
# fmt: off
COMPLETES_A_POINT = frozenset({
    "de", "d", "du", "des", "fort", "forts", "faible", "faibles", "final", "commun", "communs",
    "mort", "clé", "cle", "clés", "cles", "culminant", "noir", "noirs", "chaud", "chauds", "fixe",
    "positif", "négatif", "negatif", "barre"
})
# fmt: on


def spoken_punctuation(text: str) -> str:
    """Dictated punctuation written as punctuation, where it cannot be a word of the sentence."""
    if not re.search(r"\b(?:point|virgule)\b", text, re.IGNORECASE):
        return text

    address = SPOKEN_ADDRESS.search(text) is not None

    def mark(match: re.Match[str]) -> str:
        spoken, comma = match.group(1), match.group(2)
        if spoken:
            return SPOKEN_MARK[spoken.lower()]
        before = re.findall(r"[\w’']+", text[: match.start()])
        after = re.match(r"\s*([\w]+|['’-])?", text[match.end() :])
        previous = before[-1].lower().rstrip("'’") if before else ""
        following = (after.group(1) or "").lower() if after else ""
        if not previous or previous in TAKES_IT_AS_A_NOUN:
            return match.group(0)
        if comma:
            return ","
        if address:
            return match.group(0)
        return match.group(0) if following in COMPLETES_A_POINT or following in ("'", "’", "-") else "."

    return SPOKEN.sub(mark, text)


def normalise(text: str) -> str:
    """The one plain form of a visitor's text (stripped; may be empty)."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFKC", text)
    text = LOOSE_JOINER.sub("", INVISIBLE.sub("", text))
    return spoken_punctuation(CONTROL.sub("", text)).strip()
