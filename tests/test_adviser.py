"""The adviser turn by turn, through the actions, as a visitor meets it: answer first, one
clarification at most, digressions answered then the question once more, never trapped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from actions.actions import (
    ActionAnswer,
    ActionClarify,
    ActionOrientation,
    ActionOutOfScope,
    ActionSalaryProfile,
    ActionStop,
    ActionYesNo,
)
from conversation.shared import APOLOGY
from tests.conftest import make_tracker, run_action

ACTIONS = {
    "start_orientation": ActionOrientation,
    "inform": ActionOrientation,
    "ask_salary_profile": ActionSalaryProfile,
    "affirm": ActionYesNo,
    "deny": ActionYesNo,
    "stop": ActionStop,
    "nlu_fallback": ActionClarify,
    "out_of_scope": ActionOutOfScope,
}


RESPONSES = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text(encoding="utf-8"))[
    "responses"
]


def shown(message: dict[str, Any]) -> str:
    """The text a visitor sees, a domain response included."""
    return message.get("text") or RESPONSES[message["response"]][0]["text"]


class Visitor:
    """Plays one conversation through the actions the rules map each intent to."""

    def __init__(self) -> None:
        self.slots: dict[str, Any] = {}

    def says(self, text: str, intent: str, **entities: str) -> str:
        action = ACTIONS.get(intent, ActionAnswer)()
        tracker = make_tracker(intent, entities=entities, slots=self.slots, text=text)
        messages, events = run_action(action, tracker)
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        texts = [shown(m) for m in messages]
        assert texts and all(texts), f"empty reply to {text!r}"
        assert len(set(texts)) == len(texts), f"repeated text in one reply to {text!r}"
        assert APOLOGY not in texts
        return "\n".join(texts)


@pytest.mark.parametrize(
    ("text", "entities", "fact"),
    [
        ("je suis aide-soignante", {"diploma": "DEAS"}, "112 heures"),
        ("je suis infirmière", {"diploma": "DEI"}, "112 heures"),
        ("j'ai le DEAP", {"diploma": "DEAP"}, "112 heures"),
        ("je suis vendeuse et j'ai le bac", {"diploma": "bac"}, "CQP"),
        ("je suis secrétaire médicale", {"background": "secrétaire médicale"}, "facilite grandement"),
        ("je suis assistante dentaire depuis 5 ans", {}, "VAE"),
    ],
)
def test_a_profile_the_sources_decide_gets_its_route_in_the_first_reply(text, entities, fact) -> None:
    reply = Visitor().says(text, "inform", **entities)
    assert fact in reply and "D'après «" in reply


def test_after_the_route_alternance_and_funding_are_offered_not_asked() -> None:
    visitor = Visitor()
    visitor.says("je suis aide-soignante", "inform", diploma="DEAS")
    assert visitor.slots["pending_question"] is None
    reply = visitor.says("oui en alternance", "inform", training_format="alternance")
    assert "112 heures" in reply and "24 à 36 mois" in reply and "employeur" in reply


def test_a_secretary_is_asked_her_years_only_because_they_add_the_vae() -> None:
    visitor = Visitor()
    reply = visitor.says("je suis secrétaire médicale", "inform", background="secrétaire médicale")
    assert "CQP" in reply and "depuis combien d'années" in reply
    assert "VAE" in visitor.says("8 ans", "ask_duration")  # "8 ans" read as the answer, not a question


def test_not_knowing_everything_still_ends_with_an_answer_in_three_turns() -> None:
    visitor = Visitor()
    assert "Quel diplôme" in visitor.says("quelle formation pour moi ?", "start_orientation")
    assert "métier actuel" in visitor.says("je sais pas", "nlu_fallback")
    reply = visitor.says("je préfère ne pas répondre", "stop")
    assert "CQP" in reply and "112" in reply and visitor.slots["pending_question"] is None


def test_an_unreadable_answer_gets_one_clarification_then_the_question_is_skipped() -> None:
    visitor = Visitor()
    visitor.says("quelle formation pour moi ?", "start_orientation")
    first = visitor.says("euh", "nlu_fallback")
    assert first.startswith("Je n'ai pas bien compris votre réponse.") and "Quel diplôme" in first
    second = visitor.says("hmm", "nlu_fallback")
    assert "Quel diplôme" not in second and "métier actuel" in second


def test_an_age_is_never_read_as_experience() -> None:
    visitor = Visitor()
    visitor.says("quelle formation pour moi ?", "start_orientation")
    visitor.says("je suis secrétaire médicale", "inform", background="secrétaire médicale")
    reply = visitor.says("j'ai 35 ans", "inform")
    assert "pas bien compris" in reply and "35 ans d'expérience" not in reply


def test_a_question_inside_the_adviser_gets_its_answer_then_the_question_once() -> None:
    visitor = Visitor()
    visitor.says("quelle formation pour moi ?", "start_orientation")
    reply = visitor.says("sinon, c'est bien payé ?", "ask_salary")
    assert "22 000" in reply and reply.count("Quel diplôme") == 1 and "Pour reprendre" in reply
    assert "112 heures" in visitor.says("infirmier", "inform", diploma="infirmier")


def test_asking_for_advice_again_while_a_question_is_pending_asks_it_once() -> None:
    visitor = Visitor()
    visitor.says("quelle formation pour moi ?", "start_orientation")
    assert visitor.says("quelle formation pour moi ?", "start_orientation").count("Quel diplôme") == 1


def test_stop_ends_the_questions_and_the_next_question_is_answered() -> None:
    visitor = Visitor()
    visitor.says("quelle formation pour moi ?", "start_orientation")
    assert "j'arrête les questions" in visitor.says("stop", "stop")
    assert "Quel diplôme" not in visitor.says("combien ça coûte ?", "ask_cost")
    assert "Je reste à votre disposition" in visitor.says("stop", "stop")


def test_yes_and_no_outside_a_question_are_polite() -> None:
    assert "Quelle est votre question" in Visitor().says("oui", "affirm")


def test_changing_an_answer_after_the_advice_gives_it_again() -> None:
    visitor = Visitor()
    assert "CQP" in visitor.says("j'ai le bac", "inform", diploma="bac")
    assert "112 heures" in visitor.says("en fait j'ai le DEAS", "inform", diploma="DEAS")


@pytest.mark.parametrize(
    ("text", "intent", "fact", "absent"),
    [
        ("je toucherais combien pour mon premier poste ?", "ask_salary_profile", "22 000", "28 000"),
        ("j'ai 5 ans d'expérience, combien je gagnerais ?", "ask_salary_profile", "28 000", "22 000"),
        ("combien je gagnerais en cabinet dans un village en débutant ?", "ask_salary_profile", "rurale", "28 000"),
    ],
)
def test_salary_for_a_profile_is_answered_at_once_when_the_question_decides_it(text, intent, fact, absent) -> None:
    reply = Visitor().says(text, intent)
    assert fact in reply and absent not in reply and "déjà travaillé" not in reply


def test_salary_without_experience_gives_both_bands_at_once_and_offers_to_say_it() -> None:
    visitor = Visitor()
    reply = visitor.says("combien je gagnerais ?", "ask_salary_profile")
    assert "22 000" in reply and "28 000" in reply and "déjà travaillé" in reply
    assert visitor.slots["pending_question"] is None  # an offer, not a question that holds the visitor
    reply = visitor.says("je débute", "ask_salary_profile", experience="debutant")
    assert "22 000" in reply and "28 000" not in reply


def test_an_advised_visitor_gets_the_beginner_band_without_being_asked() -> None:
    visitor = Visitor()
    visitor.says("je suis aide-soignante", "inform", diploma="DEAS")
    reply = visitor.says("combien je gagnerais ?", "ask_salary_profile")
    assert "22 000" in reply and "déjà travaillé" not in reply


def test_a_workplace_right_after_a_salary_answer_refines_the_salary() -> None:
    visitor = Visitor()
    visitor.says("je toucherais combien en debutant ?", "ask_salary_profile")
    reply = visitor.says("à l'hôpital", "inform", workplace="hôpital")
    assert "grilles indiciaires" in reply and "22 000" in reply


def test_a_statement_that_says_nothing_is_not_taken_for_the_start_of_the_advice() -> None:
    reply = Visitor().says("blabla xyz [e-mail masqué]", "inform")
    assert "pas sûr d'avoir compris" in reply and "Quel diplôme" not in reply


def test_a_question_that_answers_nothing_pending_is_answered_not_asked_again() -> None:
    # The years are pending; « ça me ferait gagner du temps ? » is a question of its own, whatever
    # intent a classifier gives it: the visitor gets an answer, not « je n'ai pas bien compris ».
    visitor = Visitor()
    visitor.says("je suis secrétaire médicale", "inform", background="secrétaire médicale")
    assert visitor.slots["pending_question"] == "experience_years"
    reply = visitor.says("et du coup la FAE ça me concerne ?", "inform")
    assert "pas bien compris" not in reply
    assert "112 heures" in reply or "FAE" in reply


def test_a_route_the_profile_does_not_open_is_said_to_be_closed() -> None:
    visitor = Visitor()
    said = visitor.says(
        "je suis préparatrice en pharmacie avec mon BP, je peux faire la FAE directement ?",
        "start_orientation",
        diploma="autre diplôme de santé",
    )
    assert "CQP" in said and "réservée aux titulaires du DEAS, du DEAP ou du DEI" in said
    fitting = Visitor().says("je suis aide-soignante, je peux faire la FAE ?", "start_orientation", diploma="DEAS")
    assert "réservée" not in fitting and "112 heures" in fitting


def test_an_alternance_put_aside_is_no_longer_the_visitors_pay() -> None:
    visitor = Visitor()
    visitor.says("je voudrais me former en alternance, on est payé combien ?", "ask_salary_profile")
    assert visitor.slots.get("work_setting") == "alternance"
    said = visitor.says("je suis pas en alternance moi. je veux le salaire avec de l experience", "ask_salary_profile")
    assert "28 000" in said and "en alternance" not in said.split("\n")[0]
    assert visitor.slots.get("work_setting") is None
