"""What a visitor gets when the classifier and the facts disagree (actions/focus.py).

Phrasings written for these tests, not taken from any answer set: each one is a kind of
question the classifier alone gets wrong, and the reply must carry the fact asked.
"""

from __future__ import annotations

import pytest

from actions import actions as bot_actions
from actions.focus import is_yes_no, read_question, weighed_topic
from actions.profile import Message, read_orientation
from knowledge.text import fold
from tests.conftest import make_tracker, run_action


def reply(action, intent: str, text: str, confidence: float = 0.9, ranking=None, slots=None) -> str:
    tracker = make_tracker(intent, text=text, confidence=confidence, ranking=ranking, slots=slots)
    messages, _ = run_action(action, tracker)
    return fold(" ".join(m.get("text") or "" for m in messages))


def test_a_named_fact_of_the_job_beats_a_confident_out_of_scope() -> None:
    text = reply(
        bot_actions.ActionOutOfScope(), "out_of_scope", "il fait aussi la sterilisation des instruments ?", 0.8
    )
    assert "sterilis" in text
    assert "je ne couvre pas ce sujet" not in text


def test_a_real_out_of_scope_question_stays_out_of_scope() -> None:
    text = reply(bot_actions.ActionOutOfScope(), "out_of_scope", "tu connais une bonne recette de crepes ?", 0.8)
    assert "je ne couvre pas ce sujet" in text


def test_an_unsure_classifier_is_weighed_against_the_facts() -> None:
    ranking = [("ask_drawbacks", 0.45), ("ask_missions", 0.35)]
    text = reply(bot_actions.ActionAnswer(), "ask_drawbacks", "elle prend la tension des patients ?", 0.45, ranking)
    assert "tension" in text or "constantes" in text
    assert "contraintes" not in text


def test_a_fallback_is_answered_when_the_classifier_and_the_facts_agree(kb) -> None:
    ranking = [("nlu_fallback", 0.45), ("ask_job_market", 0.35), ("ask_career", 0.2)]
    text = reply(bot_actions.ActionClarify(), "nlu_fallback", "ca recrute en ce moment ?", 0.45, ranking)
    assert "pas sur d'avoir compris" not in text


def test_weighing_needs_some_evidence() -> None:
    assert weighed_topic({"missions": 0.2}, []) is None
    assert weighed_topic({"missions": 0.5}, []) == "missions"
    assert weighed_topic({"missions": 0.5}, [], rival=0.8) is None


def test_the_duration_of_a_thing_that_is_not_a_route_is_that_things_fact(kb) -> None:
    text = reply(
        bot_actions.ActionAnswer(),
        "ask_duration",
        "les petits modules de formation continue ca prend combien de jours ?",
    )
    assert "quelques jours" in text
    assert "18 a 24 mois" not in text
    reading = read_question(kb, "et ces modules, ca dure combien ?", "duration")
    assert reading.topic == "continuing_education"
    assert "quelques jours" in fold(reading.focus[0].text)
    assert (
        read_question(kb, "combien de temps faut-il pour devenir assistante medicale ?", "duration").topic == "duration"
    )


@pytest.mark.parametrize(
    "question", ["c'est quoi son role au quotidien ?", "ca coute combien le cqp ?", "il travaille ou et quand ?"]
)
def test_a_wh_question_is_never_answered_by_oui(question: str) -> None:
    assert not is_yes_no(question)


def test_a_yes_no_question_is_still_one() -> None:
    assert is_yes_no("il fait des prises de sang ?")


@pytest.mark.parametrize(
    ("text", "diploma"),
    [
        ("plus tard je voudrais devenir infirmiere", None),
        ("je pourrai viser le diplome d'aide-soignant ?", None),
        ("je suis infirmiere, je veux devenir assistante medicale", "DEI"),
    ],
)
def test_a_diploma_aimed_at_is_not_a_diploma_held(text: str, diploma: str | None) -> None:
    assert read_orientation(Message(text), {}).get("diploma") == diploma


def test_a_format_the_extractor_missed_still_narrows_the_salary() -> None:
    text = reply(bot_actions.ActionAnswer(), "ask_salary", "un apprenti assistant medical gagne combien ?")
    assert "smic" in text


def test_a_salary_followup_is_about_the_workplace_just_discussed() -> None:
    slots = {"topic": "workplaces", "focus": {"workplace": "msp"}}
    text = reply(bot_actions.ActionAnswer(), "followup", "et cote paye la-bas ?", slots=slots)
    assert "primes" in text


@pytest.mark.parametrize(
    ("question", "classified"),
    [("il faut quelles etudes apres le bac pour ce metier ?", "skills"), ("quel diplome pour exercer ?", "profession")],
)
def test_which_training_is_a_training_question_whatever_the_classifier_said(kb, question: str, classified: str) -> None:
    assert read_question(kb, question, classified).topic == "training"


def test_a_place_named_with_an_aspect_word_is_a_place(kb) -> None:
    reading = read_question(kb, "on peut bosser en soins de longue duree ?", "duration")
    assert reading.topic == "workplaces"


def test_the_cqp_blocks_are_found_by_their_words(kb) -> None:
    text = reply(
        bot_actions.ActionAnswer(), "ask_training", "le bloc sur l'accueil administratif, c'est dans quelle formation ?"
    )
    assert "cqp" in text and "accueil administratif" in text


def test_a_question_classified_as_a_statement_is_answered_as_a_question() -> None:
    ranking = [("inform", 0.5), ("ask_workplaces", 0.3)]
    text = reply(bot_actions.ActionOrientation(), "inform", "en maison de sante y a des kines aussi ?", 0.5, ranking)
    assert "kinesitherapeutes" in text
    assert "votre diplome" not in text


def test_after_another_jobs_pay_a_followup_gets_the_assistants_pay() -> None:
    tracker = make_tracker("out_of_scope", text="et un boulanger il touche combien ?", confidence=0.9)
    messages, events = run_action(bot_actions.ActionOutOfScope(), tracker)
    assert "je ne couvre pas ce sujet" in fold(messages[0]["text"])
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    text = reply(bot_actions.ActionAnswer(), "followup", "et pour une assistante medicale ?", slots=slots)
    assert "27 000" in text
    # The classifier half-guessing another topic for the fragment changes nothing.
    half_guess = [("ask_profession", 0.46), ("followup", 0.36)]
    text = reply(bot_actions.ActionAnswer(), "ask_profession", "et une assistante medicale ?", 0.46, half_guess, slots)
    assert "27 000" in text


def test_how_to_pay_for_the_training_is_a_funding_question(kb) -> None:
    assert read_question(kb, "et on la finance comment ?", "cost", followup=True).topic == "funding"
    assert read_question(kb, "et je la paie comment ?", "cost", followup=True).topic == "funding"


def test_saving_the_doctor_time_is_not_a_pay_question() -> None:
    text = reply(bot_actions.ActionAnswer(), "ask_profession", "il sert a faire gagner du temps au medecin ?")
    assert "salaire" not in text
    assert "temps medical" in text


def test_a_question_the_classifier_gave_up_on_continues_the_topic_it_names() -> None:
    ranking = [("nlu_fallback", 0.45), ("ask_cost", 0.2), ("ask_salary", 0.18)]
    slots = {"topic": "training", "focus": {"route": "cqp"}}
    text = reply(
        bot_actions.ActionClarify(), "nlu_fallback", "ca fait combien de blocs en tout ?", 0.45, ranking, slots
    )
    assert "4 blocs" in text or "quatre blocs" in text
    text = reply(bot_actions.ActionClarify(), "nlu_fallback", "azerty qsdf", 0.45, ranking, slots)
    assert "pas sur d'avoir compris" in text


def test_the_measure_asked_of_a_list_topic_picks_the_fact_that_gives_it(kb) -> None:
    reading = read_question(kb, "et la formation continue, ca prend combien de temps ?", "continuing_education")
    assert "semaine" in fold(reading.focus[0].text)


def test_a_classifier_medical_guess_on_a_question_the_sources_leave_open_gets_the_gap() -> None:
    action = bot_actions.ActionMedicalAdvice()
    messages, _ = run_action(action, make_tracker("medical_advice", text="y a t il un age maximum pour le cqp ?"))
    assert "mes sources" in fold(messages[0]["text"])
    assert not any(m.get("response") == "utter_medical_advice" for m in messages)
    messages, _ = run_action(
        action, make_tracker("medical_advice", text="j'ai de la fievre depuis hier, je fais quoi ?")
    )
    assert [m.get("response") for m in messages] == ["utter_medical_advice"]


def test_a_question_about_the_job_itself_is_answered_even_when_classified_out_of_scope() -> None:
    text = reply(bot_actions.ActionOutOfScope(), "out_of_scope", "c est quoi le but de ce metier au juste ?", 0.6)
    assert "je ne couvre pas ce sujet" not in text
    assert "2019" in text or "desengorger" in text


def test_a_fragment_naming_its_own_topic_is_that_topic_not_the_previous_one() -> None:
    slots = {"topic": "workplaces", "focus": {}}
    ranking = [("ask_drawbacks", 0.5), ("followup", 0.3)]
    text = reply(bot_actions.ActionAnswer(), "ask_drawbacks", "et les inconvenients ?", 0.5, ranking, slots)
    assert "charge mentale" in text
