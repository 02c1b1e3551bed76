"""Personal data a visitor may type, masked before the message reaches Rasa (and so its tracker store).

The bot never needs an e-mail address, a phone number or a social security number to
answer about the profession, so they are replaced by a neutral marker in every channel.
"""

from __future__ import annotations

import re

# French social security number (NIR): sex, year, month, department (2A/2B for Corsica),
# commune, order number, optional 2-digit key; spaces or dots between groups allowed.
NIR = re.compile(
    r"(?<![\dA-Za-z])[12][ .]?\d{2}[ .]?(?:0[1-9]|1[0-2]|[2-9]\d)[ .]?(?:\d{2}|2[AaBb])[ .]?\d{3}[ .]?\d{3}"
    r"(?:[ .]?\d{2})?(?![\dA-Za-z])"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# French numbers: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78, 0033612345678.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[ .-]?(?:\(0\))?[ .-]?[1-9]|0[1-9])(?:[ .-]?\d{2}){4}(?!\d)")

MASKS = [
    (EMAIL, "[e-mail masqué]"),
    (NIR, "[numéro de sécurité sociale masqué]"),
    (PHONE, "[téléphone masqué]"),
]


def mask(text: str) -> str:
    for pattern, marker in MASKS:
        text = pattern.sub(marker, text)
    return text
