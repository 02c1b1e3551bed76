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
- C0/C1 control characters (except tab and newline) are removed: PostgreSQL refuses NUL.
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


def normalise(text: str) -> str:
    """The one plain form of a visitor's text (stripped; may be empty)."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFKC", text)
    text = LOOSE_JOINER.sub("", INVISIBLE.sub("", text))
    return CONTROL.sub("", text).strip()
