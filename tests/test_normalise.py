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
