"""Visitor text is made plain once, at the channel (bot/normalise.py)."""

from __future__ import annotations

import json

import pytest

from bot.normalise import normalise


def test_a_lone_surrogate_from_json_becomes_a_replacement_character_that_can_be_encoded() -> None:
    text = json.loads('"bonjour \\ud800 salaire ?"')
    assert normalise(text) == "bonjour \ufffd salaire ?"
    normalise(text).encode("utf-8")  # what spaCy and the tracker store need


def test_a_valid_surrogate_pair_is_kept_as_its_character() -> None:
    assert normalise(json.loads('"merci \\ud83d\\ude00"')) == "merci 😀"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("as\u200bsis\u200ctante", "assistante"),
        ("06\u200d12", "0612"),
        ("merci 👩\u200d⚕️", "merci 👩\u200d⚕️"),  # the joiner of an emoji is kept
        ("\u202ebonjour\u202c", "bonjour"),
        ("\u2066salaire\u2069 ?", "salaire ?"),
        ("\ufeffbonjour", "bonjour"),
        ("ﬁnancement", "financement"),  # ligature
        ("\uff11\uff11\uff12 heures", "112 heures"),  # full-width digits
        ("combien\u00a0?", "combien ?"),
        ("bon\x00jour\x1b", "bonjour"),
        ("  ligne 1\nligne 2\t ", "ligne 1\nligne 2"),
        ("Écrivez-moi : infirmière", "Écrivez-moi : infirmière"),
    ],
)
def test_invisible_and_compatibility_characters_are_folded(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_normalising_twice_changes_nothing() -> None:
    text = "\u200bJ'ai 3\u00a0ans d'expérience ﬁn 2024 \ud800"
    assert normalise(normalise(text)) == normalise(text)


@pytest.mark.parametrize(
    ("dictated", "written"),
    [
        (
            "j ai des douleurs aux poignets virgule ce metier est moins dur pour les mains point d interrogation",
            "j ai des douleurs aux poignets, ce metier est moins dur pour les mains ?",
        ),
        (
            "bonjour virgule je suis cariste depuis dix ans point je voudrais changer de metier",
            "bonjour, je suis cariste depuis dix ans. je voudrais changer de metier",
        ),
        ("on peut evoluer vers quoi point d'interrogation", "on peut evoluer vers quoi ?"),
        ("merci beaucoup point d’exclamation", "merci beaucoup !"),
        ("et ça coûte combien point", "et ça coûte combien."),
    ],
)
def test_punctuation_spoken_to_a_dictation_tool_is_written_as_punctuation(dictated: str, written: str) -> None:
    assert normalise(dictated) == written


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le point fort du métier ?",
        "à quel point c'est dur ?",
        "de mon point de vue c'est un beau métier",
        "on fait un point chaque semaine avec le médecin ?",
        "je voudrais faire le point sur ma situation",
        "les chiffres après la virgule",
        "mon projet est au point mort, point barre",
    ],
)
def test_point_and_virgule_stay_words_where_they_are_words(text: str) -> None:
    assert normalise(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "mon mail c'est camille point martin arobase laposte point net",
        "écrivez à contact (at) exemple point org point merci",
        "boite (arobase) free (point) fr",
    ],
)
def test_the_dots_of_a_dictated_address_stay_for_the_masking(text: str) -> None:
    assert normalise(text) == text
