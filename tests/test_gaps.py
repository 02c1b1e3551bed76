"""What the sources leave out is said plainly, and a gap's words never catch an ordinary question.

Gaps (knowledge/content/gaps.yml) are matched on the question's words, in any order, a word of
five letters or more as a prefix. Phrasings written for these tests, not taken from any answer set.
"""

from __future__ import annotations

import pytest

from actions.gaps import find_gap
from knowledge.query import KnowledgeBase
from knowledge.registry import CAREER_WORDS, NAMES
from knowledge.text import fold, words
from tests.test_reading import reply


@pytest.mark.parametrize(
    ("intent", "question", "said", "not_said"),
    [
        # What the job asks of the body: the ergonomics line is related, never the answer.
        ("ask_workplaces", "faut il porter des charges lourdes dans ce metier ?", "exigences physiques", "oui"),
        ("ask_drawbacks", "on reste debout toute la journee ou pas ?", "exigences physiques", "charge mentale"),
        # Whether an illness allows the job: not the continuing-education module on chronic diseases.
        (
            "ask_continuing_education",
            "je suis asthmatique, est-ce que ça m'empêche de devenir assistante médicale ?",
            "ne disent pas si un probleme de sante",
            "modules courts",
        ),
        # Who does the job: no figures, no overview given as the answer.
        ("ask_profession", "ce métier il y a des hommes aussi ou que des femmes ?", "hommes et femmes", "2019"),
        # Working on one's own account: not « Oui » and the city practice.
        ("ask_workplaces", "plus tard je pourrai ouvrir mon propre cabinet ?", "exercer a son compte", "oui"),
        # Who awards the CQP: not the diploma each format leads to, given as the answer.
        (
            "ask_training",
            "et c'est quel organisme qui délivre le CQP au final ?",
            "quel organisme delivre",
            "certificat",
        ),
        # The apprentice's share of the minimum wage: the rule the sources give, not the headcount.
        (
            "ask_salary",
            "un alternant touche quel pourcentage du smic ?",
            "pourcentage du smic",
            "nombre d'assistants",
        ),
        # A pay comparison with another job: no figures given as if they compared.
        (
            "ask_salary",
            "on gagne moins qu'une kiné quand on est assistante médicale ?",
            "ne permettent pas de comparer",
            "22 000",
        ),
    ],
)
def test_what_the_sources_leave_out_is_said_plainly(intent: str, question: str, said: str, not_said: str) -> None:
    text = reply(intent, question, confidence=0.7)
    assert "mes sources ne" in text
    assert said in text
    assert not text.startswith(not_said) and not_said not in text.split("mes sources ne")[0]


def test_a_retirement_or_studies_told_in_a_story_are_not_what_is_asked(kb: KnowledgeBase) -> None:
    assert find_gap(kb, "mon patron part à la retraite, je peux devenir son assistante ?") is None
    gap = find_gap(kb, "mes crédits de licence sont reconnus pour le CQP ?")
    assert gap is not None and gap.code == "exemption"  # what her studies are worth, not the CQP's recognition


def test_a_funder_named_in_a_story_is_no_funding_question(kb: KnowledgeBase) -> None:
    assert find_gap(kb, "ma conseillère France Travail m'a parlé de ce métier") is None
    assert find_gap(kb, "je suis agent d'accueil à la CAF, quelle formation pour devenir assistante ?") is None
    gap = find_gap(kb, "France Travail peut me financer la formation ?")
    assert gap is not None and gap.code == "other_funders"


@pytest.mark.parametrize(
    "question",
    [
        "et un assistant médical ?",
        "être assistante médicale c'est comment au quotidien ?",
        "il y a des formations sur le diabète pour les assistants en poste ?",
        "l'accueil physique des patients, c'est l'assistant qui le fait ?",
        "je sors d'un burn out, c'est un métier stressant ?",
        "la maison de santé c'est bien pour travailler ?",
        "combien gagne une assistante médicale en alternance ?",
    ],
)
def test_an_ordinary_career_question_falls_in_no_new_gap(kb: KnowledgeBase, question: str) -> None:
    gap = find_gap(kb, question)
    assert gap is None or gap.code not in {"physical_demands", "health_condition", "gender", "apprentice_pay_rate"}


# What a word may end with and still be the same word (« finance » → « financement »).
INFLECTIONS = ("", "s", "e", "es", "x", "ment", "ments", "r", "ler")


def test_no_gap_word_is_the_start_of_another_word_of_the_job(kb: KnowledgeBase) -> None:
    """« assis » would match « assistant »: a phrase word of 5+ letters matches the words it begins."""
    job = {w for phrase in (*CAREER_WORDS, *(n for names in NAMES.values() for n in names)) for w in words(phrase)}
    job |= set(words("assistant assistante assistants medical medicale medicaux formation metier patient"))
    clashes = [
        (gap.code, word, other)
        for gap in kb.gaps()
        for phrase in [*gap.phrases, *(gap.also or []), *(gap.too or [])]
        for word in words(fold(phrase))
        for other in job
        if len(word) >= 5 and other.startswith(word) and other[len(word) :] not in INFLECTIONS
    ]
    assert not clashes, clashes


def test_a_pay_comparison_needs_another_job_and_pay(kb: KnowledgeBase) -> None:
    """Three conditions: a comparison, another job, and pay (the gap's `too`)."""
    compare = "other_profession_pay_compare"
    found = find_gap(kb, "une secrétaire touche plus qu'une assistante médicale ?")
    assert found is not None and found.code == compare
    for question in ("à l'hôpital c'est mieux payé qu'en cabinet ?", "le cqp par rapport à la formation d'infirmier ?"):
        gap = find_gap(kb, question)
        assert gap is None or gap.code != compare, question


def test_an_exception_a_negation_puts_aside_does_not_count(kb: KnowledgeBase) -> None:
    """« pas de l'assistant médical »: the job named only to be put aside is no exception."""
    found = find_gap(kb, "je ne vous parle pas de l'assistante médicale, un kiné il touche combien ?")
    assert found is not None and found.code == "other_profession_pay"
    assert find_gap(kb, "je suis kiné, combien je toucherais comme assistante médicale ?") is None


def test_a_condition_told_before_a_question_of_fit_is_an_honest_gap() -> None:
    """The condition is told in one sentence, the question of fit asked in the next."""
    told = reply("ask_training", "je suis malvoyante. la formation est adaptée ?", confidence=0.7)
    assert "situation de handicap" in told
    fit = reply("ask_training", "j'ai une épilepsie stabilisée. c'est un frein pour ce métier ?", confidence=0.7)
    assert "ne disent pas si un probleme de sante" in fit and "avis medical" not in fit


def test_a_condition_told_does_not_hijack_another_question(kb: KnowledgeBase) -> None:
    assert find_gap(kb, "combien dure la formation ?", "je suis enceinte de quatre mois") is None
    assert find_gap(kb, "la formation peut être aménagée ?", "je suis enceinte de quatre mois") is not None


def test_a_gap_phrase_is_said_in_one_place_not_gathered_from_the_whole_message(kb: KnowledgeBase) -> None:
    # « pour mon dos » is not « mon DEAS … mal au dos … pour devenir »: the route is asked.
    story = (
        "aide soignante en ehpad depuis 12 ans avec mon deas et j'ai mal au dos, "
        "c'est quoi ma formation pour devenir assistante medicale"
    )
    gap = find_gap(kb, story)
    assert gap is None or gap.code != "physical_demands"
    assert find_gap(kb, "le métier est dur pour le dos ?") is not None
    # Words of a phrase in another order, close together, still say it.
    paid = find_gap(kb, "pendant la formation, le stage est-il rémunéré ?")
    assert paid is not None


def test_the_jobs_own_name_lends_no_word_to_a_gap(kb: KnowledgeBase) -> None:
    # « assistant médical » holds no « certificat médical »: the CQP's nature is asked.
    assert find_gap(kb, "Le CQP assistant médical, c'est un certificat ou un diplôme d'État ?") is None
    assert find_gap(kb, "il faut un certificat médical pour être assistant médical ?") is not None
