"""Which nouns of a question the sources never speak of (knowledge/lexicon.py): decided for any
word by the articles', the NLU data's and the registry's vocabulary and by French word
frequencies, not by a list of subjects. Words chosen for these tests, not taken from any answer set.
"""

from __future__ import annotations

import pytest

from actions.context import known_words, synonyms
from knowledge.lexicon import lexicon_for
from knowledge.text import one_edit


@pytest.fixture(scope="module")
def lexicon():
    return lexicon_for(known_words(), synonyms())


@pytest.mark.parametrize("word", ["vaccins", "mutuelle", "tendinites", "defibrillateur", "intéressement"])
def test_a_subject_the_sources_never_use_is_unheard(lexicon, word: str) -> None:
    assert lexicon.unheard(word)


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("constantes", "in the articles"),
        ("prelevements", "in the articles, accents folded"),
        ("formatoin", "a typo of a known word"),
        ("certif", "the start of a known word"),
        ("rapport", "too common in French to be a subject"),
        ("soir", "too common in French to be a subject"),
        ("skills", "English"),
        ("ressemblent", "a verb form"),
        ("changeant", "a participle"),
        ("mienne", "a pronoun"),
        ("tps", "shorthand"),
        ("douze", "a number"),
    ],
)
def test_known_common_or_grammatical_words_are_not_unheard(lexicon, word: str, why: str) -> None:
    assert not lexicon.unheard(word), why


def test_an_acronym_is_judged_when_written_in_capitals(lexicon) -> None:
    assert lexicon.unheard("cdd", capitals=True)
    assert not lexicon.unheard("cqp", capitals=True)  # the articles' own
    assert not lexicon.unheard("cdd")  # lower-case consonants: shorthand, not judged


def test_the_words_of_the_sources_are_stored_with_the_content_and_read_from_it(kb) -> None:
    stored = kb.known_words()
    assert {"constante", "prelevement", "cqp"} <= stored  # singular, folded
    assert "vaccin" not in stored


def test_a_word_whose_lemma_is_known_is_known(lexicon) -> None:
    assert not lexicon.unheard("rdv", "rendez-vous")


@pytest.mark.parametrize(
    ("typed", "word", "near"),
    [
        ("formatoin", "formation", True),  # two neighbours swapped
        ("programe", "programme", True),  # a letter missing
        ("sabte", "sante", True),  # a letter wrong
        ("ac", "ba", False),  # two letters wrong, not a swap
        ("salaire", "solaires", False),  # two edits
    ],
)
def test_one_edit_is_what_a_typo_does(typed: str, word: str, near: bool) -> None:
    assert one_edit(typed, word) is near
