"""Personal data a visitor may type, masked before the message reaches Rasa (and so its tracker store).

The bot never needs a visitor's e-mail, phone, social security number, bank details,
address, birth date or name to answer about the profession, so each is replaced by a
neutral marker in every channel. What is masked, and how well (measured on
tests/privacy_samples.yml by `python -m bench.masking`), is in the README's
"Security and privacy" section.

The text is normalised first (bot/normalise.py: no zero-width characters, NFKC), so
invisible characters cannot split a number. Kept libraries do the checks they do better
than a pattern: python-stdnum validates IBANs and card numbers (Luhn), so an
ordinary long number is not hit; phonenumbers recognises valid numbers of any country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import phonenumbers
from stdnum import iban, luhn

from bot.names import names as find_names

Span = tuple[int, int]

EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+")
# Country code, check digits, then 11 to 30 capitals or digits, in groups or not (validated).
IBAN = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}(?!\w)")
# French social security number: sex, year, month, department (2A/2B for Corsica), commune,
# order number, optional 2-digit key; any separator between the groups. Masked on its shape,
# key or not: a mistyped key is still the visitor's number.
NIR = re.compile(
    r"(?<![\w])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AaBb]) ?\d{3} ?\d{3}(?: ?\d{2})?(?![\w])"
)
CARD = re.compile(r"(?<![\d])\d(?: ?\d){12,18}(?![\d])")
# What separates the digits of a number as people type it; read as a space (same length,
# so the positions found in the shadow text are those of the original).
SEPARATOR = re.compile(r"(?<=[\dAaBb])[./_\-–—](?=[\d(+])|(?<=\d)\s+(?=\d)")
STREET_TYPES = (
    "rue|avenue|av|bd|boulevard|chemin|allée|allee|impasse|place|route|quai|cours|square|résidence|residence"
    "|lotissement|lieu-dit|chaussée|chaussee|passage|voie|sentier|faubourg|hameau|cité|cite|villa|parvis|rond-point"
)
STREET = re.compile(rf"(?<![\w])\d{{1,4}}(?: ?(?:bis|ter))?,? +(?:{STREET_TYPES})\.?\s[^,.;!?\n]{{1,40}}", re.I)
# A French postcode followed by a town (capitalised), or CEDEX.
POSTCODE = re.compile(
    r"(?<![\d])(?:0[1-9]|[1-8]\d|9[0-8]|2[AaBb])\d{3} +"
    r"(?:cedex\b|(?!(?:Euros?|EUR|Brut|Net)\b)[A-ZÉÈÎ][\w'-]+(?:[ -][A-ZÉÈÎ][\w'-]+)*)"
)
MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
    "|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
)
# A full date (day, month and year): a birth date identifies; "en 2024" or "le 12 mars" does not.
DATE = re.compile(
    r"(?<![\d])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:er)? (?:{MONTHS})\.? (?:19|20)\d{{2}})(?![\d])",
    re.I,
)


def shadow(text: str) -> str:
    """The text with number separators read as spaces: '06/12-34.56 78' -> '06 12 34 56 78'."""
    return SEPARATOR.sub(lambda match: " " * len(match.group()), text)


def compact(number: str) -> str:
    return re.sub(r"[^0-9A-Za-z+]", "", number)


def matches(
    pattern: re.Pattern[str], check: Callable[[str], bool] = lambda _: True, read_separators: bool = True
) -> Callable[[str], Iterator[Span]]:
    """Spans of `pattern` that pass `check` (on the characters only), found in the shadow text
    (numbers) or in the text itself (dates, whose separators are their shape)."""

    def find(text: str) -> Iterator[Span]:
        for match in pattern.finditer(shadow(text) if read_separators else text):
            if check(compact(match.group())):
                yield match.span()

    return find


def is_iban(number: str) -> bool:
    """The IBAN's own check (mod 97); not the country's bank registry, which rejects real
    accounts stdnum does not know."""
    try:
        iban.validate(number, check_country=False)
    except ValueError:
        return number[:2].upper() == "FR" and len(number) == 27
    return True


def phones(text: str) -> Iterator[Span]:
    """Valid phone numbers, French by default, any country with its + or 00 prefix."""
    seen = shadow(text).replace("(0)", "   ")
    for match in phonenumbers.PhoneNumberMatcher(seen, "FR", leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end


MASKS: list[tuple[Callable[[str], Iterator[Span]], str]] = [
    (matches(EMAIL), "[e-mail masqué]"),
    (matches(IBAN, is_iban), "[IBAN masqué]"),
    (matches(NIR), "[numéro de sécurité sociale masqué]"),
    (matches(CARD, luhn.is_valid), "[numéro de carte masqué]"),
    (phones, "[téléphone masqué]"),
    (matches(STREET), "[adresse masquée]"),
    (matches(POSTCODE), "[adresse masquée]"),
    (matches(DATE, read_separators=False), "[date masquée]"),
]


def replace(text: str, spans: list[Span], marker: str) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + marker + text[end:]
    return text


def mask(text: str, names: bool = True) -> str:
    """The text with every kind of personal data above replaced by its marker."""
    for find, marker in MASKS:
        text = replace(text, list(find(text)), marker)
    if names:
        text = replace(text, find_names(text), "[nom masqué]")
    return text
