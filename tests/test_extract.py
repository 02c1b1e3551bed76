"""Reading free-text answers: years of experience, refusals, known words."""

from __future__ import annotations

import pytest

from actions.context import spot
from actions.extract import dont_know, experience_years, negated
from knowledge.vocabulary import BACKGROUNDS, DIPLOMAS, FUNDING_PLANS


@pytest.mark.parametrize(
    ("text", "answering", "years"),
    [
        ("je suis aide-soignante depuis 6 ans", False, 6),
        ("secrétaire médicale depuis plus de 10 ans", False, 10),
        ("j'ai 3 ans d'expérience", False, 3),
        ("depuis six ans", False, 6),
        ("depuis 18 mois", False, 1.5),
        ("ça fait 3 ans que je suis assistante médicale en cardio", False, 3),
        ("cela fait six ans que je travaille en pharmacie", False, 6),
        ("ça fait 3 ans ?", False, None),
        ("6", True, 6),
        ("3 ans", False, 3),
        ("environ 4 ans", True, 4),
        ("deux ans", True, 2),
        ("aucune", True, 0),
        ("je débute", True, 0),
        ("pas d'expérience", True, 0),
        # An age is not experience, unless it answers the question.
        ("j'ai 35 ans et je veux changer de métier", False, None),
        ("quelle formation pour moi ?", True, None),
    ],
)
def test_experience_years(text: str, answering: bool, years: float | None) -> None:
    assert experience_years(text, answering) == years


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pas d'alternance", True), ("non merci", True), ("sans alternance", True), ("oui en alternance", False)],
)
def test_negated(text: str, expected: bool) -> None:
    assert negated(text) is expected


def test_dont_know() -> None:
    assert dont_know("je ne sais pas encore") and dont_know("aucune idée") and not dont_know("avec mon CPF")


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("je suis aide soignante", DIPLOMAS, "DEAS"),
        ("infirmière diplômée en Belgique", DIPLOMAS, "etranger"),
        ("je travaille dans la vente", BACKGROUNDS, "autre"),
        ("je suis Secrétaire Médicale", BACKGROUNDS, "secretaire_medicale"),
        ("je paierai de ma poche", FUNDING_PLANS, "personnel"),
        ("avec le cpf", FUNDING_PLANS, "cpf"),
        # "as" (aide-soignant) is too short to be spotted inside ordinary words or phrases.
        ("je ne sais pas", DIPLOMAS, None),
    ],
)
def test_spot(text: str, values: tuple[str, ...], expected: str | None) -> None:
    assert spot(text, values) == expected
