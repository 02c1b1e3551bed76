"""Composed answers read as written, not assembled: every composer over every context it can
meet, every precise answer, every gap and every piece of advice, checked for the patterns
that give an assembled text away."""

from __future__ import annotations

import itertools
import re

import pytest

from actions.advice import orientation, salary_for
from actions.answers import COMPOSERS, compose_answer, focused
from actions.context import KNOWN_VALUES, Context
from actions.focus import LIST_TOPICS
from actions.gaps import gap_answer
from knowledge.recommend import Profile
from knowledge.retrieval import documents
from knowledge.vocabulary import BACKGROUNDS, DIPLOMAS, FUNDING_PLANS, WORK_SETTINGS


def problems(text: str) -> list[str]:
    found = []
    lines = [line for line in text.splitlines() if line.strip()]
    if len(set(lines)) != len(lines):
        found.append("a paragraph is repeated")
    for line in lines:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«-])", line):
            if re.sub(r"«[^»]*»", "«»", sentence).count(" : ") > 1:  # a quoted title's colon is not ours
                found.append(f"two colons in one sentence: {sentence!r}")
        if line.rstrip().endswith((",", " -", "–", ";")):
            found.append(f"dangling punctuation: {line!r}")
        if re.search(r"[^\s\d«][:;!?](\s|$)", line):
            found.append(f"no space before a high punctuation mark: {line!r}")
        if re.search(r"\s[.,]|\.\.|  |«\S|\S»", line):
            found.append(f"spacing or doubled punctuation: {line!r}")
        if re.fullmatch(r"[A-ZÀ-Ý][^.:]{0,60} : [a-zà-ÿ][^.]*\.?", line) and len(lines) == 1:
            found.append(f"a fragment standing as the whole answer: {line!r}")
    return found


def contexts() -> list[Context]:
    """No context, and each known value of each entity alone."""
    found = [Context()]
    for entity, values in KNOWN_VALUES.items():
        found += [Context(**{entity: value}) for value in values]
    return found


@pytest.mark.parametrize("topic", sorted(COMPOSERS))
def test_every_composer_in_every_context_reads_as_written(kb, topic: str) -> None:
    for ctx in contexts():
        text = compose_answer(topic, kb, ctx).text()
        assert not problems(text), (topic, ctx, problems(text))


def test_every_precise_answer_reads_as_written(kb) -> None:
    for doc in documents(kb):
        if doc.topic in LIST_TOPICS:
            for yes_no in (False, True):
                text = focused(doc.topic, [doc.record], yes_no).text()
                assert not problems(text), (doc.text, problems(text))


def test_every_gap_answer_reads_as_written(kb) -> None:
    for gap in kb.gaps():
        text = gap_answer(gap, "utilisez la page Contact du site").text()
        assert not problems(text), (gap.code, problems(text))


def test_every_advice_reads_as_written(kb) -> None:
    for diploma, background, years, alternance, funding in itertools.product(
        (None, *DIPLOMAS), (None, *BACKGROUNDS), (None, 0.0, 5.0), (None, True, False), (None, *FUNDING_PLANS)
    ):
        profile = Profile(diploma, background, years, alternance, funding)
        text = orientation(kb, profile, "utilisez la page Contact du site")[0].text()
        assert not problems(text), (profile, problems(text))


def test_every_salary_answer_reads_as_written(kb) -> None:
    for experience, setting in itertools.product((None, "debutant", "experimente"), (None, *WORK_SETTINGS)):
        text = salary_for(kb, experience, setting).text()
        assert not problems(text), (experience, setting, problems(text))


@pytest.mark.parametrize(
    "bad",
    [
        "Les missions : la première : l'agenda.",
        "Il faut :\nIl faut :",
        "Le salaire varie selon le lieu,",
        "Quel est le salaire?",
        "L'alternance : le levier idéal pour réussir",
    ],
)
def test_the_checker_catches_assembled_text(bad: str) -> None:
    assert problems(bad)
