"""Personal data is masked before a message reaches Rasa (samples: tests/privacy_samples.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.checked_channel import visitor_text
from bot.privacy import mask, shadow

# Ours, and a set written by a helper session that did not see the masking code.
SETS = [
    yaml.safe_load((Path(__file__).parent / name).read_text(encoding="utf-8"))
    for name in ("privacy_samples.yml", "privacy_holdout.yml", "privacy_shapes.yml", "privacy_shapes_unseen.yml")
]


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("mon rib FR76  3000  6000  0112  3456  7890  189 merci", "[IBAN masqué]"),
        ("carte 4111  1111  1111  1111 ok", "[numéro de carte masqué]"),
        ("appelez le 06,12,34,56,78 svp", "[téléphone masqué]"),
        ("appelez le 06:12:34:56:78 svp", "[téléphone masqué]"),
        ("mon portable 6 12 34 56 78 le soir", "[téléphone masqué]"),
        ("secu 1 85 05 75 1 23 45 6 78 voila", "[numéro de sécurité sociale masqué]"),
        ("née le 1985-05-12 à Lyon", "[date masquée]"),
        ("carte 4111 1111 1111 1112 exp 09/27 cvv 123", "[numéro de carte masqué]"),
        ("écrivez à camille.d @ gmail.com merci", "[e-mail masqué]"),
        ("écrivez à camille.d(at)gmail.com merci", "[e-mail masqué]"),
        ("j'habite 12 r. de la Paix depuis peu", "[adresse masquée]"),
    ],
)
def test_personal_data_is_read_by_its_shape_not_its_spacing(text: str, marker: str) -> None:
    """The shapes found in clear in the stores when the masking read numbers by their spacing."""
    masked = visitor_text(text)
    assert marker in masked
    assert not any(char.isdigit() for char in masked.replace("09/27", "").replace("123", "")), masked
    assert "@" not in masked and "(at)" not in masked and "Paix" not in masked


@pytest.mark.parametrize(("text", "expected"), [(s["text"], s["expected"]) for d in SETS for s in d["masked"]])
def test_personal_data_is_masked(text: str, expected: str) -> None:
    assert visitor_text(text) == expected


@pytest.mark.parametrize("text", [text for d in SETS for text in d["kept"]])
def test_ordinary_numbers_names_and_places_are_kept(text: str) -> None:
    assert visitor_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "06\u200b12 34 56 78",  # zero-width space
        "06\u200d12\u200c34\u206056\ufeff78",  # joiners, word joiner, BOM
        "\uff10\uff16 12 34 56 78",  # full-width digits
        "06\u00ad12\u00ad34\u00ad56\u00ad78",  # soft hyphens
        "\u202e06 12 34 56 78\u202c",  # a bidi override around the digits
    ],
)
def test_invisible_characters_do_not_hide_a_phone_number(text: str) -> None:
    assert "[téléphone masqué]" in visitor_text(text)


def test_the_masking_finds_numbers_through_any_separator_without_moving_positions() -> None:
    text = "06/12-34.56_78 et 1-85-05"
    assert shadow(text) == "06 12 34 56 78 et 1 85 05"
    assert len(shadow(text)) == len(text)


def test_a_number_that_fails_its_check_is_not_masked() -> None:
    assert mask("4970 1012 3456 7894", names=False) == "4970 1012 3456 7894"  # Luhn fails
    assert mask("FR76 3000 6000 0112 3456 7890 18", names=False) == "FR76 3000 6000 0112 3456 7890 18"  # 26 chars
