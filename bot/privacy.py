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
# E-mails written so that a robot would not see them: « x @ gmail.com », « x(at)gmail.com »,
# « x [at] orange [dot] fr », « x arobase free point fr ». The last label must be a usual
# top-level domain, so « … @ 14 h. Merci » or « à la maison point » are not taken.
TLDS = "com|fr|net|org|eu|be|ch|ca|lu|mc|re|io|info|biz|de|uk|it|es|pt|nl|gp|mq|gf|yt|pf|nc|me|co"
_AT = r"(?:\s*(?:@|\\u0040|&#0*64;|&commat;)\s*|\s*[(\[{<]\s*(?:at|a|arobase|@)\s*[)\]}>]\s*|\s+(?:at|arobase)\s+)"
_DOT = r"(?:\.|\s+\.\s*|\s*\.\s+|\s*[(\[{<]\s*(?:dot|point)\s*[)\]}>]\s*|\s+(?:dot|point)\s+)"
OBFUSCATED_EMAIL = re.compile(rf"(?<![\w.%+'-])[\w.%+'-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}(?:{TLDS})(?![\w-])", re.I)
# Country code, check digits, then 11 to 30 letters or digits, in groups or not (validated,
# shortened from the end until the check passes: the words after it are not part of it).
IBAN = re.compile(r"(?<!\w)[A-Za-z]{2}\d{2}(?:[ .-]{0,3}[A-Za-z0-9]){11,30}")
# French social security number: sex, year, month, department (2A/2B for Corsica), commune,
# order number, optional 2-digit key. Masked on its shape, key or not: a mistyped key is
# still the visitor's number. NIR matches the Corsican forms; the digit chains below the rest.
NIR = re.compile(
    r"(?<![\w])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AaBb]) ?\d{3} ?\d{3}(?: ?\d{2})?(?![\w])"
)
NIR_DIGITS = re.compile(r"[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)\d{8}(?:\d{2})?")
# What separates the digits of a number as people type it: any run of up to three spaces,
# dots, commas, colons, stars, slashes or dashes. A chain of digit groups joined by them is
# read as one number; a phone, card or NIR is any run of whole groups of the chain with
# that number's shape (so « 06 12 34 56 78, 2 fois » still holds a phone).
SEPARATORS = r"[\s./_\-–—,:*]"
CHAIN = re.compile(rf"(?<![A-Za-z0-9])\d+(?:{SEPARATORS}{{1,3}}\d+)*")
GROUP = re.compile(r"\d+")
# Read as a space in the shadow text (same length: positions found there are the original's).
SEPARATOR = re.compile(r"(?<=[\dAaBb])[./_\-–—,:*](?=[\d(+])|(?<=\d)\s+(?=\d)")
# Words that put a card-shaped number next to its security code or expiry date.
CARD_CONTEXT = re.compile(
    r"\b(?:cvv2?|cvc|crypto\w*|code(?: de s[ée]curit[ée])?|chiffres au dos|exp\w*|valable|validit[ée])\b", re.I
)
CARD_CONTEXT_CHARS = 40
STREET_TYPES = (
    "rue|avenue|av|bd|bld|blvd|boulevard|chemin|chem|allée|allee|all|impasse|imp|place|pl|route|rte|quai|cours"
    "|crs|square|sq|résidence|residence|rés|res|lotissement|lot|lieu-dit|chaussée|chaussee|passage|voie|sentier"
    "|faubourg|fg|hameau|cité|cite|villa|parvis|rond-point|r|ch"
)
# The street's name: articles and capitalised words (« de la Paix », « Victor Hugo »), up to
# the first ordinary word (« …, c'est loin », « … depuis 2015 »).
_ARTICLE = r"(?i:de|du|des|la|le|les|aux?|à|en|sur|sous|saint|st|ste)\s+|(?i:l|d)['’]"
_NAME_WORD = r"(?:[A-ZÉÈÊÀÂÎÔÛÇ][\w'’-]*|\d+(?:e|er|ème)?)"
STREET = re.compile(
    rf"(?<![\w])\d{{1,4}}(?: ?(?i:bis|ter|b|t))?,? +(?i:{STREET_TYPES})(?:\.|(?=\s))\s*"
    rf"(?:{_ARTICLE})*{_NAME_WORD}(?:[ -](?:{_ARTICLE})*{_NAME_WORD})*"
)
# A street followed by its postcode and town is an address whatever the case of its words
# (« 45 avenue de la republique 75011 paris »): the postcode says it is one.
STREET_TO_TOWN = re.compile(
    rf"(?<![\w])\d{{1,4}}(?: ?(?i:bis|ter|b|t))?,? +(?i:{STREET_TYPES})(?:\.|(?=\s))\s*"
    r"(?:[^\W\d_][\w'’-]*\s+){1,6},?\s*(?:0[1-9]|[1-8]\d|9[0-8]|2[AaBb])\d{3} +[^\W\d_][\w'’-]*"
)
# A French postcode followed by a town (capitalised), or CEDEX.
POSTCODE = re.compile(
    r"(?<![\d])(?:0[1-9]|[1-8]\d|9[0-8]|2[AaBb])\d{3} +"
    r"(?:cedex\b|(?!(?:Euros?|EUR|Brut|Net)\b)[A-ZÉÈÎ][\w'-]+(?:[ -][A-ZÉÈÎ][\w'-]+)*)"
)
MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
    "|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
# A full date (day, month and year): a birth date identifies; "en 2024" or "le 12 mars" does not.
DATE = re.compile(
    rf"(?<![\d])(?:{_DAY} ?([/.-]) ?{_MONTH} ?\1 ?(?:\d{{4}}|\d{{2}})"
    r"|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
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


def ibans(text: str) -> Iterator[Span]:
    """IBANs in any case and spacing; each candidate is cut back, character by character from
    its end, to the longest run that passes the check."""
    for match in IBAN.finditer(text):
        ends = [match.start() + i + 1 for i, char in enumerate(match.group()) if char.isalnum()]
        for end in reversed(ends):
            if is_iban(compact(text[match.start() : end]).upper()):
                yield match.start(), end
                break


Groups = list[tuple[int, int]]


def is_phone(digits: str, groups: Groups, text: str) -> bool:
    """A French phone number: ten digits from 0, or nine without the 0 (« 6 12 34 56 78 »,
    typed as one block or in the usual groups)."""
    lengths = [end - start for start, end in groups]
    if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
        # Possible rather than valid: a number mistyped or not yet allocated is still the visitor's.
        return phonenumbers.is_possible_number(phonenumbers.parse(digits, "FR"))
    if len(digits) == 9 and digits[0] not in "08" and (len(groups) == 1 or lengths == [1, 2, 2, 2, 2]):
        return phonenumbers.is_valid_number(phonenumbers.parse("0" + digits, "FR"))
    return False


def card_shaped(lengths: list[int]) -> bool:
    """One block, groups of four or eight (the last may be shorter), or 4-6-5 / 4-6-4 (Amex, Diners)."""
    return (
        len(lengths) == 1
        or lengths == [8, 8]
        or lengths in ([4, 6, 5], [4, 6, 4])
        or (all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4)
    )


def is_card(digits: str, groups: Groups, text: str) -> bool:
    """A card number: card-shaped, and Luhn-valid or next to a security code or expiry date
    (a mistyped number given with its code is still the visitor's card)."""
    if not 13 <= len(digits) <= 19 or not card_shaped([end - start for start, end in groups]):
        return False
    if luhn.is_valid(digits):
        return True
    start, end = groups[0][0], groups[-1][1]
    around = text[max(0, start - CARD_CONTEXT_CHARS) : start] + " " + text[end : end + CARD_CONTEXT_CHARS]
    return len(digits) in (15, 16) and bool(CARD_CONTEXT.search(around))


def is_nir(digits: str, groups: Groups, text: str) -> bool:
    return bool(NIR_DIGITS.fullmatch(digits))


def one_number(text: str, groups: Groups) -> bool:
    """Whether the groups are one number's: a comma or colon separates a number's groups only
    when it separates all of them (« 06,12,34,56,78 »); otherwise it separates numbers in a
    list, a date from the next number, or hours and minutes (« 05.09.1978, 20 ans »,
    « 2021-2022, 2022-2023 », « 8:30-12:00 »)."""
    separators = [text[a[1] : b[0]] for a, b in zip(groups, groups[1:], strict=False)]
    return all(not any(mark in sep for sep in separators) or all(mark in sep for sep in separators) for mark in ",:")


def chained(shape: Callable[[str, Groups, str], bool]) -> Callable[[str], Iterator[Span]]:
    """Spans of the runs of whole digit groups, within a chain, that have `shape`; longest
    first, never overlapping."""

    def find(text: str) -> Iterator[Span]:
        for chain in CHAIN.finditer(text):
            groups = [(chain.start() + g.start(), chain.start() + g.end()) for g in GROUP.finditer(chain.group())]
            taken: list[Span] = []
            runs = [(i, j) for i in range(len(groups)) for j in range(i, len(groups))]
            for i, j in sorted(runs, key=lambda run: run[0] - run[1]):
                span = (groups[i][0], groups[j][1])
                digits = "".join(text[a:b] for a, b in groups[i : j + 1])
                if len(digits) > 19 or any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                if not one_number(text, groups[i : j + 1]):
                    continue
                if shape(digits, groups[i : j + 1], text):
                    taken.append(span)
            yield from taken

    return find


def phones(text: str) -> Iterator[Span]:
    """French numbers however they are separated, and valid numbers of any country with
    their + or 00 prefix."""
    yield from chained(is_phone)(text)
    seen = shadow(text).replace("(0)", "   ")
    for match in phonenumbers.PhoneNumberMatcher(seen, "FR", leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end


def either(*finders: Callable[[str], Iterator[Span]]) -> Callable[[str], Iterator[Span]]:
    """The spans of every finder of one kind (merged into one marker where they touch)."""

    def find(text: str) -> Iterator[Span]:
        for finder in finders:
            yield from finder(text)

    return find


MASKS: list[tuple[Callable[[str], Iterator[Span]], str]] = [
    (either(matches(EMAIL), matches(OBFUSCATED_EMAIL, read_separators=False)), "[e-mail masqué]"),
    (ibans, "[IBAN masqué]"),
    (either(matches(NIR), chained(is_nir)), "[numéro de sécurité sociale masqué]"),
    (chained(is_card), "[numéro de carte masqué]"),
    (phones, "[téléphone masqué]"),
    (
        either(matches(STREET, read_separators=False), matches(STREET_TO_TOWN), matches(POSTCODE)),
        "[adresse masquée]",
    ),
    (matches(DATE, read_separators=False), "[date masquée]"),
]


def merged(text: str, spans: list[Span]) -> list[Span]:
    """Overlapping spans, and spans of the same kind separated only by spaces or a comma (a
    street then its postcode and town), become one."""
    result: list[Span] = []
    for start, end in sorted(set(spans)):
        if result and (start <= result[-1][1] or not text[result[-1][1] : start].strip(" ,")):
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def replace(text: str, spans: list[Span], marker: str) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + marker + text[end:]
    return text


def mask(text: str, names: bool = True) -> str:
    """The text with every kind of personal data above replaced by its marker."""
    for find, marker in MASKS:
        text = replace(text, merged(text, list(find(text))), marker)
    if names:
        text = replace(text, find_names(text), "[nom masqué]")
    return text
