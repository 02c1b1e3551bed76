"""A question about the sources themselves (« le CSP, vos articles en parlent ? ») is answered
yes, with the lines that say it and their source, or plainly no (actions/mention.py)."""

from __future__ import annotations

import pytest

import actions.actions as bot_actions
from actions.mention import mention_in
from actions.reading import MENTION, read_message
from knowledge.text import fold
from tests.conftest import make_tracker, run_action


def _reply(text: str, intent: str = "nlu_fallback", confidence: float = 0.45) -> str:
    action = bot_actions.ActionClarify() if intent == "nlu_fallback" else bot_actions.ActionAnswer()
    messages, _ = run_action(action, make_tracker(intent, text=text, confidence=confidence))
    return fold(" ".join(m.get("text") or "" for m in messages))


@pytest.mark.parametrize(
    "text",
    [
        "Oui mais le CSP précisément, vos articles en parlent ?",
        "vétérinaire, c'est cité ou pas ?",
        "est-ce que le CAP AEPE est mentionné dans vos articles ?",
        "vous avez des infos sur la langue des signes ?",
    ],
)
def test_a_thing_the_sources_never_name_is_said_to_be_absent(text: str) -> None:
    said = _reply(text)
    assert "ne mentionnent pas" in said and said.startswith("non")
    assert "pas sur d'avoir compris" not in said


def test_a_thing_the_sources_name_is_quoted_where_they_say_it_with_its_source() -> None:
    said = _reply("et la télétransmission, c'est cité dans vos sources ?")
    assert "teletransmission" in said and "d'apres" in said and "ne mentionnent pas" not in said
    assert "formation, competences et debouches" in said  # the article that says it


def test_a_line_of_a_long_record_is_quoted_alone() -> None:
    said = _reply("la gestion du risque contaminant, vos articles en parlent ?")
    assert "gestion du risque contaminant" in said
    assert "assistance operationnelle" not in said  # the block named, not the whole route


def test_what_the_gaps_say_is_missing_comes_first() -> None:
    said = _reply("est-ce que le télétravail est mentionné dans vos articles ?")
    assert "teletravail" in said and "ne precisent pas" in said  # the authored gap, which says more


def test_a_word_is_not_found_inside_a_longer_one() -> None:
    said = _reply("vos articles parlent de l'âge ?")  # « âge » is not in « agenda »
    assert "ne mentionnent pas" in said and "agenda" not in said


def test_what_the_registry_answers_gets_the_usual_answer() -> None:
    assert mention_in(bot_actions.kb, "vos sources parlent du salaire ?") is None
    said = _reply("vos sources parlent du salaire ?", intent="ask_salary", confidence=0.9)
    assert "22 000" in said and "ne mentionnent pas" not in said


@pytest.mark.parametrize(
    "text",
    ["quels sujets sont abordés pendant la formation ?", "le CQP est cité comme voie principale, il dure combien ?"],
)
def test_other_questions_are_not_about_the_sources(text: str) -> None:
    reading = read_message({"text": text, "intent": {"name": "ask_training", "confidence": 0.9}})
    if MENTION in reading.acts:  # « cité comme » asks of the CQP, which the registry answers
        assert mention_in(bot_actions.kb, text) is None


def test_the_thing_keeps_the_visitors_spelling_and_the_registry_word_after_it() -> None:
    mention = mention_in(bot_actions.kb, "vous avez des infos sur le tiers payant ?")
    assert mention is not None and mention.things == ("tiers payant",)
    mention = mention_in(bot_actions.kb, "les pics d'activité saisonniers, c'est mentionné ?")
    assert mention is not None and mention.things == ("pics d'activité saisonniers",)


def test_another_thing_right_after_a_question_about_the_sources_is_asked_of_them_too() -> None:
    before = {"understood": {"acts": ["ask", "mention"], "asks": []}}
    tracker = make_tracker("followup", text="et le rncp ?", confidence=0.84, slots=before)
    messages, _ = run_action(bot_actions.ActionAnswer(), tracker)
    said = fold(" ".join(m.get("text") or "" for m in messages))
    assert "rncp" in said and "secretaire medical" in said and "d'apres" in said
    # Without a question about the sources before, it is a follow-up like any other.
    plain = make_tracker("followup", text="et ça coûte combien ?", confidence=0.84, slots=before)
    messages, _ = run_action(bot_actions.ActionAnswer(), plain)
    assert "5 000" in " ".join(m.get("text") or "" for m in messages)


def test_a_question_about_a_thing_never_mentioned_that_cannot_be_placed_says_so() -> None:
    tracker = make_tracker(
        "nlu_fallback",
        text="on fait des electrocardiogrammes ?",
        confidence=0.4,
        syntax=[["electrocardiogrammes", "electrocardiogramme", "NOUN", "DET"]],
    )
    messages, _ = run_action(bot_actions.ActionClarify(), tracker)
    said = fold(" ".join(m.get("text") or "" for m in messages))
    assert "ne mentionnent pas « electrocardiogrammes »" in said and not said.startswith("non")
    assert "pas sur d'avoir compris" not in said
