"""French typography for every text the bot sends, on every channel.

Applied once, in the Rasa server, to each bot message's text and button titles just before
an output channel sends it (bot/rasa_patches.py wraps `OutputChannel.send_response`), so
Telegram, Slack, Messenger, REST and the web chat all get the same text; the web chat's
welcome, served without Rasa's output channels, goes through `french_message` too.

The convention (Imprimerie nationale, as most French publishers apply it on screen):

- U+202F narrow no-break space ("espace fine insécable") before ``?``, ``!`` and ``;``;
- U+00A0 no-break space before ``:`` and inside guillemets (``«\u00a0mot\u00a0»``);
- U+202F between digit groups (``27\u202f000``) and U+00A0 between a number and its unit
  (``27\u202f000\u00a0€``, ``30\u00a0%``, ``10\u00a0h``), so amounts never break.

Only spaces already written are replaced (a space is added only inside guillemets), so URLs
(``https://…?q=1``), times (``10:30``), numbers and emoticons (``:-)``, ``;)``) are left as they
are. The function is idempotent: running it twice gives the same text.
"""

from __future__ import annotations

import re
from typing import Any

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
# A breakable space, or a no-break one of the other width (so that a text typed with the wrong
# one is normalised too). Newlines are kept: a line that starts with "?" stays as it is.
_SPACE = r"[ \u00a0\u202f]+"
# Punctuation that ends a phrase: what follows is a space, the end, or more punctuation.
# An emoticon (";)", ":-)", ":D") is followed by something else and is left alone, which is
# why ")" may follow "?" and "!" ("(pourquoi ?)") but not ";" or ":".
_ENDS = r"(?=$|[\s»\"'’.,;:!?…])"
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_SPACE + r"([?!])" + r"(?=$|[\s»\"'’.,;:!?…)\]])"), NARROW_NBSP + r"\1"),
    (re.compile(_SPACE + r";" + _ENDS), NARROW_NBSP + ";"),
    (re.compile(_SPACE + r":" + _ENDS), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    # 27 000 -> 27 000 with a narrow no-break space; not "2 000 000" split in the middle either.
    (re.compile(r"(?<=\d)[ \u00a0](?=\d{3}(?!\d))"), NARROW_NBSP),
    (re.compile(r"(?<=\d)[ \u202f](?=(?:€|%|h\b|heures?\b|ans?\b|mois\b|jours?\b|semaines?\b))"), NBSP),
]


def french(text: str) -> str:
    """`text` with French no-break spaces; idempotent, and safe for URLs, times and numbers."""
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def french_message(message: dict[str, Any]) -> dict[str, Any]:
    """A bot message (Rasa's dict: text, buttons, quick_replies…) with its text and button
    titles typeset; payloads are left alone, since they are what the bot receives back."""
    message = dict(message)
    if isinstance(message.get("text"), str):
        message["text"] = french(message["text"])
    for key in ("buttons", "quick_replies"):
        if isinstance(message.get(key), list):
            message[key] = [
                {**b, "title": french(b["title"])} if isinstance(b, dict) and isinstance(b.get("title"), str) else b
                for b in message[key]
            ]
    return message
