"""Which words of a question name something the sources never speak of.

A visitor asks « il fait des vaccins ? » or « y a une mutuelle d'entreprise ? »: the nearest fact
(the missions, the bonuses) is not the answer, and the reply must say that the sources do not
mention it. Listing such subjects one by one as gaps (knowledge/content/gaps.yml) only covers
the ones someone thought of; this module decides it for any noun, by construction:

- the words the sources use: the two articles (knowledge/sources/), every way the NLU data
  writes a question (data/nlu/: the visitors' own words for what the bot knows, « taf »,
  « matos »), the synonyms of the values and the attributes' cues (knowledge/registry.py);
- the words too common in French to be a subject of their own (« rapport », « partie »,
  « soir »), from the `wordfreq` frequency lists (Zipf scale, bundled with the package: nothing is
  downloaded), accents folded;
- a word one letter away from a known word, or the start of one (« certif »), is a spelling of it.

A word that is none of these is unheard. The words are folded (knowledge/text.fold).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from knowledge.registry import ATTRIBUTES, NAMES
from knowledge.text import fold, numbers_as_digits, one_edit, words

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "knowledge" / "sources"
NLU_DIR = ROOT / "data" / "nlu"
# Zipf frequency (log10 of occurrences per billion words) from which a French word is too common
# to be a subject the sources could be silent on: « rapport » 5.4, « soir » 5.5 are common;
# « logement » 4.6, « horaires » 4.1, « mutuelle » 3.9, « vaccins » 3.7 are subjects. Measured
# on the answer sets (docs/understanding.md, "Words the sources never use").
COMMON_ZIPF = 4.6
# Below this, a word is not common enough in English to be English rather than a French subject.
ENGLISH_ZIPF = 3.0
# A verb form tagged as a noun (« ça monte », « ça se termine »): its infinitive is this common.
VERB_ZIPF = 3.0
# Spellings of a known word: one letter away, or its first letters (« certif »), from this length.
FUZZY_LENGTH = 5
# Longer "words" are not words (a URL, a run of letters): not stored.
MAX_WORD = 60


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


@lru_cache(maxsize=1)
def word_frequencies() -> tuple[dict[str, float], dict[str, float]]:
    """Folded word -> Zipf frequency, for French and English, from the common words only.

    wordfreq's lists are bins of words a centibel apart (bin i: Zipf 9 - i/100); only the bins
    down to `VERB_ZIPF` are read, and wordfreq's cache of the whole lists is emptied after (it
    kept ~100 MB in the action server for words never looked up)."""
    from wordfreq import get_frequency_list  # loaded on first use: ~1 s

    tables: list[dict[str, float]] = []
    for language in ("fr", "en"):
        table: dict[str, float] = {}
        for index, words_at in enumerate(get_frequency_list(language)):
            zipf = round(9 - index / 100, 2)
            if zipf < VERB_ZIPF:
                break  # the bins are in decreasing frequency
            for word in words_at:
                key = fold(word)
                if key not in table and re.fullmatch(r"[a-z]+", key):
                    table[key] = zipf
        tables.append(table)
    get_frequency_list.cache_clear()
    return tables[0], tables[1]


def zipf(word: str, language: str = "fr") -> float:
    french, english = word_frequencies()
    return (french if language == "fr" else english).get(word, 0.0)


def written_words(sources: Path = SOURCES_DIR, nlu: Path = NLU_DIR) -> frozenset[str]:
    """The words of the articles, of the NLU data and of the attributes' cues and names, singular:
    stored by the loader (knowledge/load.py), so the action server never reads data/."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(sources.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(nlu.glob("*.yml"))]
    texts += [cue for a in ATTRIBUTES for cue in (*a.cues, *a.weak)]
    texts += [name for names in NAMES.values() for name in names]
    return frozenset(_singular(w) for text in texts for w in words(text) if len(w) <= MAX_WORD)


class Lexicon:
    """The known words (`written_words`, as the knowledge base stores them, and the synonyms'
    spellings), by length for typos."""

    def __init__(self, known: Iterable[str], synonyms: Iterable[str]) -> None:
        self.known = frozenset(known) | {_singular(w) for variant in synonyms for w in words(variant)}
        self.by_length: dict[int, list[str]] = {}
        for word in self.known:
            self.by_length.setdefault(len(word), []).append(word)
        self.in_order = sorted(self.known)  # the words a prefix starts are found by bisection

    def knows(self, word: str) -> bool:
        """A word the sources or the bot's data use, or a spelling of one."""
        single = _singular(word)
        if word in self.known or single in self.known:
            return True
        if len(single) < FUZZY_LENGTH:
            return False
        near = (w for n in (len(single) - 1, len(single), len(single) + 1) for w in self.by_length.get(n, ()))
        if any(one_edit(single, w) for w in near):
            return True
        return any(len(w) >= len(single) + 2 for w in self.starting_with(single))

    def starting_with(self, prefix: str) -> Iterator[str]:
        """The known words that start with `prefix`, in alphabetical order."""
        for word in self.in_order[bisect_left(self.in_order, prefix) :]:
            if not word.startswith(prefix):
                return
            yield word

    def unheard(self, word: str, lemma: str = "", capitals: bool = False) -> bool:
        """A noun the sources never speak of: not known (nor its lemma), not a common French word,
        an English word, a verb form, a pronoun or a number. Without a vowel, only an acronym
        written in `capitals` (« CDD ») can be judged: « tps », « rdv » are shorthand."""
        word = fold(word)
        if not re.fullmatch(r"[a-z]{3,}", word) or numbers_as_digits(word) != word:
            return False
        if self.knows(word) or (lemma and all(self.knows(w) for w in words(lemma))):  # « rdv »: rendez-vous
            return False
        if word in POSSESSIVE_PRONOUNS or not (capitals or re.search(r"[aeiouy]", word)):
            return False
        french = max(zipf(word), zipf(_singular(word)))
        if french >= COMMON_ZIPF or zipf(word, "en") >= max(french, ENGLISH_ZIPF):
            return False
        return not _verb_form(word)


# « la mienne », « les vôtres »: pronouns spaCy may tag as nouns after their article.
POSSESSIVE_PRONOUNS = frozenset(
    f"{base}{end}" for base in ("mien", "tien", "sien") for end in ("", "s", "ne", "nes")
) | frozenset(f"{base}{end}" for base in ("notre", "votre", "leur") for end in ("", "s"))
# Verb forms tagged as nouns, by ending -> the infinitive's ending: « monte », « ressemblent »
# (conjugated), « changeant », « jouable » (a participle, an adjective made from the verb).
VERB_ENDINGS = (
    ("ent", "er"),
    ("es", "er"),
    ("e", "er"),
    ("ons", "er"),
    ("ez", "er"),
    ("eant", "er"),
    ("ant", "er"),
    ("able", "er"),
)


def _verb_form(word: str) -> bool:
    """A verb form whose infinitive is common (`VERB_ENDINGS`)."""
    return any(
        word.endswith(ending) and zipf(word[: -len(ending)] + infinitive) >= VERB_ZIPF
        for ending, infinitive in VERB_ENDINGS
    )


_lexicon: list[tuple[tuple[int, int], Lexicon]] = []


def lexicon_for(known: frozenset[str], synonyms: Mapping[str, str]) -> Lexicon:
    """The lexicon of these known words and synonyms (the knowledge base keeps one of each per
    load of its content: the lexicon is built again only after a reload)."""
    key = (id(known), id(synonyms))
    if not _lexicon or _lexicon[0][0] != key:
        _lexicon[:] = [(key, Lexicon(known, synonyms.keys()))]
    return _lexicon[0][1]
