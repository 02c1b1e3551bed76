"""Text folding shared by the actions and the feedback report."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents: 'Hôpital' and 'hopital' are the same word to a visitor."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LIGATURES)


# Ligatures that no Unicode decomposition splits: « sœur » is « soeur » to a visitor.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def question_key(text: str) -> str:
    """Folded words only, so 'Combien ça coûte ?' and 'combien ca coute' count as one question."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def words(text: str) -> list[str]:
    """The folded words of a text (no case, accents or punctuation)."""
    return re.findall(r"[a-z0-9]+", fold(text).replace("\u2019", "'"))


class Said:
    """The words of a question, indexed for whole-word and prefix look-ups."""

    def __init__(self, text_words: list[str]) -> None:
        self.order = list(text_words)
        self.words = set(text_words)
        self.heads = {w[:5] for w in text_words if len(w) >= 5}

    def at(self, word: str) -> list[int]:
        """Where `word` is said (as `has` finds it)."""
        return [i for i, w in enumerate(self.order) if _finds(word, w)]

    def has(self, word: str) -> bool:
        """`word` is a word of the question, or, for words of 5 letters or more, starts one
        ("remunere" also finds "remuneres", "stress" finds "stressant")."""
        if word in self.words:
            return True
        return len(word) >= 5 and word[:5] in self.heads and any(_finds(word, w) for w in self.words)


def _finds(word: str, said_word: str) -> bool:
    """`word` is `said_word`, or starts it from 5 letters: the one rule of `Said.has` and `Said.at`."""
    return said_word == word or (len(word) >= 5 and said_word.startswith(word))


def has_all(said: Said, wanted: list[str]) -> bool:
    """Every word of `wanted` is among the words `said`, in any order (prefixes of 5+ letters)."""
    return bool(wanted) and all(said.has(w) for w in wanted)


# Words a phrase's own words may have between them in all (« stage … rémunéré »): a phrase is said
# in one place, not gathered from three (« pour mon dos » is not « mon DEAS… mal au dos… pour devenir »).
BETWEEN = 4


def says(said: Said, phrase: str) -> bool:
    """Every word of `phrase` is among the words `said`, in any order ("stage … rémunéré"), and
    close together (`BETWEEN`)."""
    wanted = words(phrase)
    if not has_all(said, wanted):
        return False
    return len(set(wanted)) < 2 or _narrowest(said, list(dict.fromkeys(wanted))) <= len(wanted) + BETWEEN


def _narrowest(said: Said, wanted: list[str]) -> int:
    """The fewest words in a row that hold every wanted word."""
    marks = sorted((i, n) for n, w in enumerate(wanted) for i in said.at(w))
    best, start = len(said.order) + 1, 0
    held: dict[int, int] = {}
    for i, n in marks:
        held[n] = held.get(n, 0) + 1
        while len(held) == len(wanted):
            best = min(best, i - marks[start][0] + 1)
            first = marks[start][1]
            held[first] -= 1
            if not held[first]:
                del held[first]
            start += 1
    return best


# What the channel's masking put in place of personal data ("[e-mail masqué]"): not the visitor's words.
_PLACEHOLDER = re.compile(r"\[[^\]]*masqu[ée]\]")


def without_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub(" ", text)


# French number words, read as digits once (« vingt-deux mille » → 22000, « seize ans » → 16 ans)
# so figures typed in words meet the same facts and gaps as figures typed in digits.
_SMALL = {
    "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
_ONE = {"un", "une"}


def numbers_as_digits(text: str) -> str:
    """The text with each run of number words replaced by its value in digits; other words as
    typed; « un »/« une » alone stay words (an article far more often than a number)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        words_ = [w for w in run if w != "et"]
        while run and run[-1] == "et":
            out.append(run.pop())  # never end a number on « et »
        if words_ and not (len(words_) == 1 and words_[0] in _ONE):
            total, current = 0, 0
            for w in words_:
                if w == "mille":
                    total, current = total + (current or 1) * 1000, 0
                elif w in ("cent", "cents"):
                    current = (current or 1) * 100
                elif w in ("vingt", "vingts") and current % 100 == 4:
                    current = current - 4 + 80  # quatre-vingt(s)
                else:
                    current += 1 if w in _ONE else _SMALL[w]
            out.append(str(total + current))
        else:
            out.extend(run)
        run.clear()

    for token in text.split():
        parts = fold(token).split("-")
        if not all(p in _SMALL or p in ("mille", "cent", "cents", "et") or p in _ONE for p in parts):
            flush()  # not a number word (« est-ce », « peut-il », « aide-soignante » stay as typed)
            out.append(token)
            continue
        for word in parts:
            numeric = word in _SMALL or word in ("mille", "cent", "cents") or (word in _ONE | {"et"} and bool(run))
            if numeric or (word in _ONE and not run):
                run.append(word)
            else:
                flush()
                out.append(word)
    flush()
    return " ".join(out)


def one_edit(a: str, b: str) -> bool:
    """At most one letter substituted, inserted, deleted, or two neighbours swapped (« formatoin »)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        wrong = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(wrong) == 2 and wrong[1] == wrong[0] + 1:
            i, j = wrong
            return a[i] == b[j] and a[j] == b[i]
        return len(wrong) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
