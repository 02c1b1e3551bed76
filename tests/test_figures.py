"""Every figure in every composed reply is in the text of a section that reply cites.

Composes every answer the actions can give (each attribute's composer, for no object and for
each route, training format, workplace, diploma and experience level the vocabulary knows,
with and without exclusions; the measures of a topic; every honest gap) and checks each number
it states (amounts, durations, hours, years, with number words read as digits on both sides)
against the cited sections of the articles, whatever code composed it. The visitor's own
figures are not composed here, so nothing is exempt.
"""

from __future__ import annotations

import re
from itertools import chain
from pathlib import Path

import pytest

from actions.answers import ATTRIBUTE_COMPOSERS, COMPOSERS, Answer, measure_of
from actions.context import Context
from actions.gaps import gap_answer
from knowledge.load import CONTENT_DIR
from knowledge.query import KnowledgeBase
from knowledge.text import numbers_as_digits
from knowledge.vocabulary import DIPLOMAS, EXPERIENCE_LEVELS, ROUTE, TRAINING_FORMAT, WORKPLACES

SOURCES_DIR = Path(CONTENT_DIR).parent / "sources"


def _numbers(text: str) -> set[int]:
    """Numbers as French writes them (« 22 000 », thousands grouped by three), words as digits."""
    digits = numbers_as_digits(text.lower())
    found = re.findall(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+", digits)
    return {int(re.sub(r"[ \u00a0\u202f]", "", n)) for n in found}


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def section_text(kb: KnowledgeBase, source_file: str, section: str) -> str:
    """The words of the article from the section's heading to the next heading any record cites."""
    article = _words((SOURCES_DIR / source_file).read_text(encoding="utf-8"))
    headings = {_words(r.section) for r in _cited(kb) if r.source.file == source_file}
    start = article.find(_words(section))
    assert start >= 0, (source_file, section)
    after = start + len(_words(section))
    ends = [i for h in headings if h != _words(section) and (i := article.find(h, after)) >= 0]
    return article[start : min(ends, default=len(article))]


def _cited(kb: KnowledgeBase) -> list:
    every = chain(
        kb.routes(),
        kb.training_types(),
        kb.funding(),
        kb.salary_bands(),
        kb.salary_factors(),
        kb.workplaces(),
        kb.gaps(),
        kb.diplomas(),
        *(kb.statements(t) for t in ("profession", "missions", "programme", "skills", "career", "environment")),
        *(kb.statements(t) for t in ("pros_cons", "job_market", "continuing_education")),
    )
    return [r for r in every if getattr(r, "section", None)]


def contexts() -> list[Context]:
    objects = [Context()]
    objects += [Context(route=r) for r in ROUTE.codes]
    objects += [Context(training_format=f) for f in TRAINING_FORMAT.codes]
    objects += [Context(workplace=w) for w in WORKPLACES]
    objects += [Context(diploma=d) for d in DIPLOMAS]
    objects += [Context(experience=e) for e in EXPERIENCE_LEVELS]
    objects += [Context(excluded=frozenset({c})) for c in (*ROUTE.codes, *TRAINING_FORMAT.codes, *WORKPLACES)]
    objects += [Context(recommended_route="cqp", recommended_type="court")]
    return objects


def all_answers(kb: KnowledgeBase) -> list[tuple[str, Answer]]:
    composers = {**COMPOSERS, **ATTRIBUTE_COMPOSERS}
    answers = [(f"{name} {ctx}", compose(kb, ctx)) for name, compose in composers.items() for ctx in contexts()]
    answers += [(f"{m} of {t}", measure_of(kb, t, m)) for t in ("continuing_education",) for m in ("cost", "duration")]
    answers += [(f"gap {g.code}", gap_answer(g, "la page Contact du site")) for g in kb.gaps()]
    return answers


def test_every_figure_of_every_reply_is_in_a_section_it_cites(kb: KnowledgeBase) -> None:
    checked = 0
    for name, answer in all_answers(kb):
        stated = _numbers(" ".join(answer.lines))
        if not stated:
            continue
        cited = {(r.source.file, r.section) for r in answer.records}
        assert cited, f"{name}: figures {sorted(stated)} without a source"
        sections = " ".join(section_text(kb, file, section) for file, section in cited)
        missing = stated - _numbers(sections)
        assert not missing, f"{name}: {sorted(missing)} not in the cited sections {sorted(s for _, s in cited)}"
        checked += 1
    assert checked > 100  # the test sees the replies, not an empty list


@pytest.mark.parametrize("wrong", ["Avec le DEI, la FAE dure 120 heures.", "Le salaire démarre à 23 000 €."])
def test_the_check_catches_a_figure_the_section_does_not_hold(kb: KnowledgeBase, wrong: str) -> None:
    route = kb.route("fae")
    band = kb.salary_bands()[0]
    section = section_text(kb, route.source.file, route.section) + section_text(kb, band.source.file, band.section)
    assert _numbers(wrong) - _numbers(section)
