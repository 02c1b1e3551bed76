"""Visitors' names, found where they can be found reliably (measured: `python -m bench.masking`).

Two finders, combined because each catches what the other misses:

- the words people use to give their name ("je m'appelle…", "mon nom est…", "moi c'est…",
  a title such as "Mme" or "Dr", a signature after "Cordialement") followed by the name;
- spaCy's French NER (fr_core_news_sm, the model the NLU already loaded: the same object is
  shared) for a person (PER) written with capitals, unless it is a name of this domain
  (an organisation, a diploma, a product a visitor asks about).

Lower-case names without those words ("camille martin voudrait savoir") are not found: the
README says so, with the measured figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

Span = tuple[int, int]

# A word of a name: letters (hyphen, apostrophe), not glued to a digit ("M1609" is a code).
NAME_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][a-zà-öø-ÿA-ZÀ-ÖØ-Þ'’-]*(?![\d])"
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿA-ZÀ-ÖØ-Þ'’-]*(?![\d])"
# Inside a name, before another of its words: "Anne-Sophie de Villiers", "fatima el amrani".
PARTICLES = {"de", "du", "des", "d'", "le", "la", "el", "al", "ben", "ibn", "van", "von", "da", "di", "dos", "y"}
TITLES = {"m", "mr", "mme", "mlle", "madame", "monsieur", "mademoiselle", "dr", "docteur", "pr"}
# Words that end a name given after "je m'appelle" (typed in lower case as often as not).
NOT_A_NAME = {
    "et", "je", "j", "jai", "j'ai", "j’ai", "suis", "de", "du", "des", "le", "la", "les", "un", "une", "mais",
    "ou", "donc", "car", "bonjour", "merci", "svp", "stp", "ai", "a", "voudrais", "veux", "souhaite", "aimerais",
    "travaille", "cherche", "ici", "moi", "pour", "sur", "en", "au", "aux", "avec", "c", "c'est", "ce", "qui",
    "que", "quoi", "comment", "combien", "est", "sont", "aide", "aide-soignante", "aide-soignant", "infirmière",
    "infirmier", "secrétaire", "assistante", "assistant", "ans", "depuis",
}  # fmt: skip
GIVEN = re.compile(
    rf"(?i:\b(?:je m['’ ]?appel+e|jm['’ ]?appel+e|je me nomme|mon nom(?: de famille)? (?:est|c['’ ]?est)"
    rf"|mon pr[ée]nom (?:est|c['’ ]?est)|je me pr[ée]sente\s*:?|moi c['’ ]?est|ici c['’ ]?est))"
    rf"\s+((?:{NAME_WORD}[ ]?){{1,5}})"
)
INTRODUCED = re.compile(
    r"(?i:\b(?:c['’ ]?est|je suis|cordialement|bien à vous|merci)),?\s+" rf"((?:{CAPITALISED}[ ]?){{1,3}})"
)
TITLED = re.compile(
    rf"\b(?:M\.|Mr|Mme|Mlle|Madame|Monsieur|Mademoiselle|Dr|Docteur|Pr)\.?\s+((?:{CAPITALISED}[ ]?){{1,3}})"
)
# Capitalised words of this domain that are not names (spaCy tags some of them PER or LOC).
DOMAIN = {
    "cqp", "deas", "deap", "dei", "fae", "vae", "cpf", "opco", "france", "travail", "assurance", "maladie",
    "doctolib", "assistant", "assistante", "médical", "médicale", "medical", "medicale", "cpam", "ars", "ide",
    "bonjour", "salut", "merci", "urgent", "svp", "ok", "oui", "non", "bac", "dr", "docteur", "aide", "soignante",
    "infirmière", "secrétaire", "paris", "lyon", "marseille", "ile", "île", "de", "mutuelle", "ehpad", "chu", "sos",
}  # fmt: skip


def _name_span(text: str, start: int, end: int, any_case: bool) -> Span | None:
    """The span of the name's words from `start`, stopping at the first word that is not a name."""
    words = list(re.finditer(NAME_WORD, text[start:end]))
    kept: list[re.Match[str]] = []
    for index, word in enumerate(words):
        lower = word.group().lower().strip("’-")
        if kept and lower in PARTICLES and index + 1 < len(words):
            continue  # kept only if a name word follows (the span ends at the last kept word)
        lower = lower.strip("'")
        if lower in NOT_A_NAME or lower in DOMAIN or (not any_case and not word.group()[0].isupper()):
            break
        kept.append(word)
    if not kept:
        return None
    return start + kept[0].start(), start + kept[-1].end()


def by_context(text: str) -> Iterator[Span]:
    for pattern, any_case in ((GIVEN, True), (INTRODUCED, False), (TITLED, False)):
        for match in pattern.finditer(text):
            span = _name_span(text, match.start(1), match.end(1), any_case)
            if span:
                yield span


@cache
def _spacy() -> Any:
    """The NLU's own spaCy model when running in the Rasa server (shared by bot/rasa_patches.py)."""
    try:
        from rasa.nlu.utils.spacy_utils import SpacyNLP

        return SpacyNLP.load_model("fr_core_news_sm").model
    except ImportError:  # pragma: no cover - outside Rasa
        import spacy

        return spacy.load("fr_core_news_sm")


NER_ONLY = ["morphologizer", "parser", "attribute_ruler", "lemmatizer"]


def may_hold_a_name(text: str) -> bool:
    """A capitalised word past the start of a sentence, or two of them: most questions have
    neither ("Combien gagne…"), and skip the NER's 8 ms."""
    capitalised = [
        m for m in re.finditer(CAPITALISED, text) if m.group().lower().strip("'’-") not in DOMAIN and len(m.group()) > 1
    ]
    after_start = [m for m in capitalised if m.start() > 0 and not re.search(r"[.!?]\s*$", text[: m.start()])]
    return len(capitalised) >= 2 or bool(after_start)


def by_ner(text: str) -> Iterator[Span]:
    if not may_hold_a_name(text):
        return
    nlp = _spacy()
    doc = nlp(text, disable=[name for name in NER_ONLY if name in nlp.pipe_names])
    for entity in doc.ents:
        if entity.label_ != "PER":
            continue
        tokens = [token for token in entity if token.text.lower().strip(".") not in TITLES]
        words = [token.text for token in tokens if token.is_alpha]
        if words and all(w[0].isupper() for w in words) and not any(w.lower() in DOMAIN for w in words):
            yield tokens[0].idx, entity.end_char


def merged(spans: Iterator[Span]) -> list[Span]:
    result: list[Span] = []
    for start, end in sorted(spans):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def names(text: str, method: str = "both") -> list[Span]:
    """Spans of the visitor's names in `text` (method: "context", "ner" or "both", for the benchmark)."""
    found: list[Span] = []
    if method in ("context", "both"):
        found += by_context(text)
    if method in ("ner", "both"):
        found += by_ner(text)
    return merged(iter(found))
